import { zh } from '../messages/zh.js';
import { escapeMarkup as escape } from '../escape.js';

/** The dashboard's server-made pages: the login step, the 401/403 answers and the page shell. */

const A = zh.admin;

const page = (title: string, body: string, head = '') => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escape(title)}</title>
  <link rel="stylesheet" href="/admin/assets/admin.css">${head}
</head>
<body>
${body}
</body>
</html>
`;

/** A link's first step: who is about to sign in, and the button that uses the link (a POST). */
export function loginPage(token: string, name: string): string {
  return page(
    A.loginTitle,
    `<main class="card">
  <h1>${escape(A.loginTitle)}</h1>
  <p>${escape(A.loginAs(name))}</p>
  <form method="post" action="/admin/login?t=${encodeURIComponent(token)}"><button type="submit" id="enter">${escape(A.loginButton)}</button></form>
</main>`,
  );
}

/** A refusal (401 or 403) or a plain notice: the reason in Chinese, never any data. */
export function messagePage(status: number, message: string, code?: string): string {
  const title = status === 200 ? A.title : A.errorTitle(status);
  return page(title, `<main class="card">
  <h1>${escape(title)}</h1>
  <p class="message"${code ? ` data-code="${escape(code)}"` : ''}>${escape(message)}</p>
</main>`);
}

/** The dashboard: an empty frame filled by admin.js from /admin/api; the labels travel as JSON data. */
export function dashboardPage(labels: Record<string, string>): string {
  const L = labels;
  const json = JSON.stringify(labels).replace(/</g, '\\u003c');
  return page(
    A.title,
    `<header class="top">
  <h1>${escape(A.title)}</h1>
  <p id="orgs"></p>
  <nav><a id="export" href="/admin/export.xlsx">${escape(L.export!)}</a><form method="post" action="/admin/logout"><button type="submit">${escape(L.logout!)}</button></form></nav>
</header>
<main id="app">
  <section id="list">
    <div class="tools"><input id="filter" type="search" placeholder="${escape(L.filter!)}" aria-label="${escape(L.filter!)}"><select id="year" aria-label="${escape(L.year!)}"><option value="">${escape(L.latestYear!)}</option></select><label><input id="open" type="checkbox"> ${escape(L.onlyOpen!)}</label></div>
    <div class="scroll"><table id="units"><thead></thead><tbody><tr><td>${escape(L.loading!)}</td></tr></tbody></table></div>
    <div class="charts"><figure><figcaption>${escape(L.distribution!)}</figcaption><div id="dist" class="chart"></div></figure><figure><figcaption>${escape(L.overTime!)}</figcaption><div id="time" class="chart"></div></figure></div>
  </section>
  <section id="detail" hidden></section>
</main>
<script type="application/json" id="labels">${json}</script>
<script src="/admin/assets/echarts.min.js"></script>
<script src="/admin/assets/admin.js"></script>`,
  );
}

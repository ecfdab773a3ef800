// The dashboard (issue 28 item 5): the units table (sortable, filterable), one unit's score table
// and warnings, and two charts (echarts, served from node_modules). Text comes from the labels the
// server puts in the page (the message catalogue); every value is inserted as text, never as HTML.
(() => {
  const L = JSON.parse(document.getElementById('labels').textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
    return e;
  };
  const pct = (x) => `${Math.floor(x * 100)}%`;
  const day = (iso) => (iso ? iso.slice(0, 10) : L.none);
  const gradeText = (u) => (u.grade ? (u.final ? u.grade : `${u.grade}（${L.provisionalGrade}）`) : '—');
  const api = async (path) => {
    const r = await fetch(path, { credentials: 'same-origin' });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error(body.message), { status: r.status });
    return body;
  };
  const fail = (e) => {
    document.body.replaceChildren(el('main', { class: 'card' }, el('p', { class: 'message' }, e.message)));
  };

  let data = { orgs: [], units: [], history: { days: [], series: [] } };
  let sort = { key: 'attention', dir: 1 };
  const COLUMNS = [
    ['name', L.unit],
    ['year', L.year],
    ['progress', L.progress],
    ['score', L.score],
    ['grade', L.grade],
    ['missing', L.missing],
    ['flags', L.flags],
    ['last', L.last],
  ];

  function head() {
    const tr = el('tr');
    for (const [key, label] of COLUMNS) {
      const mark = sort.key === key ? (sort.dir > 0 ? ' ▲' : ' ▼') : '';
      tr.append(el('th', { 'data-key': key, tabindex: '0', onclick: () => setSort(key) }, label + mark));
    }
    $('units').tHead.replaceChildren(tr);
  }
  function setSort(key) {
    sort = sort.key === key ? { key, dir: -sort.dir } : { key, dir: 1 };
    render();
  }
  const value = (u, key) => (key === 'flags' ? u.flags.length : u[key]);
  function rows() {
    const q = $('filter').value.trim().toLowerCase();
    const open = $('open').checked;
    return data.units
      .filter((u) => (!q || u.name.toLowerCase().includes(q)) && (!open || !u.complete))
      .sort((a, b) => {
        const x = value(a, sort.key);
        const y = value(b, sort.key);
        if (x === y) return a.attention - b.attention;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (typeof x === 'string' ? x.localeCompare(y, 'zh-CN') : x - y) * sort.dir;
      });
  }
  function render() {
    head();
    const list = rows();
    const body = list.map((u) =>
      el(
        'tr',
        { class: u.complete ? 'done' : u.year === null ? 'idle' : 'open', 'data-id': u.id },
        el('td', {}, el('a', { href: `#unit/${encodeURIComponent(u.id)}` }, u.name)),
        el('td', {}, u.year ?? ''),
        el('td', {}, u.year === null ? L.notStarted : el('span', { class: 'bar' }, el('i'), pct(u.progress))),
        el('td', { class: 'num' }, u.score === null ? '—' : u.score.toFixed(2)),
        el('td', {}, gradeText(u)),
        el('td', { class: 'num' }, u.year === null ? '—' : u.missing),
        el('td', { class: 'flags' }, u.flags.length ? `⚠ ${u.flags.length}` : ''),
        el('td', {}, day(u.last)),
      ),
    );
    $('units').tBodies[0].replaceChildren(...body);
    // the bars' widths through the CSSOM (allowed by the page's CSP, unlike style attributes)
    $('units').querySelectorAll('tbody tr').forEach((tr, i) => {
      const bar = tr.querySelector('.bar i');
      if (bar) bar.style.width = `${Math.round(list[i].progress * 60)}px`;
    });
  }

  const charts = [];
  function drawCharts() {
    if (!window.echarts) return; // the library missing: the table still works
    charts.splice(0).forEach((c) => c.dispose());
    const bands = [['<60', 0, 60], ['60–70', 60, 70], ['70–80', 70, 80], ['80–90', 80, 90], ['≥90', 90, 1000]];
    const scored = data.units.filter((u) => u.score !== null);
    const dist = echarts.init($('dist'), null, { renderer: 'svg' });
    dist.setOption({
      animation: false,
      grid: { left: 36, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: bands.map((b) => b[0]) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: bands.map(([, lo, hi]) => scored.filter((u) => u.score >= lo && u.score < hi).length), itemStyle: { color: '#2f6fde' } }],
    });
    const time = echarts.init($('time'), null, { renderer: 'svg' });
    time.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 36, right: 12, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: data.history.days },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.history.series.map((s) => ({ type: 'line', name: s.name, data: s.values, showSymbol: data.history.days.length < 2 })),
    });
    charts.push(dist, time);
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

  async function showUnit(id) {
    const d = $('detail');
    $('list').hidden = true;
    d.hidden = false;
    d.replaceChildren(el('p', {}, L.loading));
    try {
      const u = await api(`/admin/api/units/${encodeURIComponent(id)}`);
      const table = el('table', { class: 'score' }, el('thead', {}, el('tr', {}, el('th', {}, L.indicator), el('th', {}, L.weight), el('th', {}, L.points))));
      const tb = el('tbody');
      for (const i of u.indicators) tb.append(el('tr', { class: i.points === null ? 'pending' : '' }, el('td', {}, `${i.level2} · ${i.name}`), el('td', { class: 'num' }, i.weight), el('td', { class: 'num' }, i.points === null ? L.pending : i.points.toFixed(2))));
      table.append(tb);
      d.replaceChildren(
        el('p', {}, el('a', { href: '#', class: 'back' }, `← ${L.back}`)),
        el('h2', {}, u.name),
        u.year === null
          ? el('p', {}, L.notStarted)
          : el('p', { class: 'summary' }, `${u.year} · ${L.progress} ${pct(u.progress)} · ${L.score} ${u.score.toFixed(2)} · ${gradeText(u)} · ${L.last} ${day(u.last)}`),
        el('h3', {}, L.flags),
        u.flags.length ? el('ul', { class: 'flags' }, ...u.flags.map((f) => el('li', {}, `⚠ ${f}`))) : el('p', {}, L.noFlags),
        el('h3', {}, `${L.missingItems}（${u.missingItems.length}）`),
        u.missingItems.length ? el('ul', { class: 'missing' }, ...u.missingItems.map((m) => el('li', {}, m))) : el('p', {}, L.none),
        ...(u.indicators.length ? [el('div', { class: 'scroll' }, table)] : []),
      );
    } catch (e) {
      d.replaceChildren(el('p', {}, el('a', { href: '#', class: 'back' }, `← ${L.back}`)), el('p', { class: 'message' }, e.message));
    }
  }
  function route() {
    const m = location.hash.match(/^#unit\/(.+)$/);
    if (m) return void showUnit(decodeURIComponent(m[1]));
    $('detail').hidden = true;
    $('list').hidden = false;
    charts.forEach((c) => c.resize());
  }

  $('filter').addEventListener('input', render);
  $('open').addEventListener('change', render);
  window.addEventListener('hashchange', route);
  /** The units of a year ('' = each unit's latest report); the export follows the choice. */
  async function load(year) {
    try {
      data = await api(`/admin/api/units${year ? `?year=${year}` : ''}`);
    } catch (e) {
      return fail(e);
    }
    $('orgs').textContent = `${L.orgs}：${data.orgs.join('、')}`;
    $('export').href = `/admin/export.xlsx${year ? `?year=${year}` : ''}`;
    const select = $('year');
    if (select.options.length === 1) for (const y of data.years) select.append(el('option', { value: String(y) }, `${y}${L.yearSuffix}`));
    render();
    drawCharts();
    route();
    document.body.dataset.ready = '1';
  }
  $('year').addEventListener('change', (e) => void load(e.target.value));
  void load('');
})();

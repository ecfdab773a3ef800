// Local web chat. Every text is put on the page with textContent, never as HTML, so a unit
// named <script> shows as text.
(() => {
  const $ = (id) => document.getElementById(id);
  const chat = $('chat');
  let user = localStorage.getItem('jixiao.user') || '';
  let seq = 0;

  function bubble(who, text) {
    const div = document.createElement('div');
    div.className = `msg ${who}`;
    div.textContent = text;
    chat.append(div);
    chat.scrollTop = chat.scrollHeight;
    return div;
  }

  function showProgress(p) {
    const box = document.querySelector('.progress');
    if (!p || !p.total) return void (box.hidden = true);
    box.hidden = false;
    document.querySelector('.bar span').style.width = `${Math.round((100 * p.done) / p.total)}%`;
    document.querySelector('.progress small').textContent = `${p.year ? `${p.year}年度 · ` : ''}已填 ${p.done}/${p.total}`;
  }

  function render(data) {
    for (const r of data.replies) {
      const div = bubble('bot', r.text);
      if (r.choices) {
        const row = document.createElement('div');
        row.className = 'choices';
        for (const c of r.choices) {
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = c;
          b.addEventListener('click', () => send(c));
          row.append(b);
        }
        div.append(row);
      }
      if (r.picture) {
        // the score picture (PNG drawn by the server); scroll again once it has its height
        const img = document.createElement('img');
        img.className = 'picture';
        img.alt = r.picture.alt;
        img.src = r.picture.url;
        img.addEventListener('load', () => (chat.scrollTop = chat.scrollHeight));
        img.addEventListener('error', () => img.remove()); // not drawn (no CJK font on the server): the text has the score
        div.append(img);
      }
      if (r.file) {
        const a = document.createElement('a');
        a.className = 'file';
        a.href = r.file.url;
        a.download = r.file.name;
        a.textContent = `下载 ${r.file.name}`;
        div.append(document.createElement('br'), a);
      }
    }
    showProgress(data.progress);
    // to the end of the reply with its buttons (a bubble scrolls to its text only)
    chat.scrollTop = chat.scrollHeight;
  }

  async function post(path, body) {
    const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.message || `出错了（${res.status}）`);
    return data;
  }

  async function send(text) {
    if (!text.trim()) return;
    bubble('me', text);
    try {
      render(await post('/api/chat/message', { user, text, id: `${Date.now()}-${++seq}` }));
    } catch (e) {
      bubble('bot', e.message);
    }
  }

  // Files: the same limit as the server, checked here so a large file is never sent at all.
  const MAX_FILE_BYTES = 20 * 1024 * 1024;
  async function upload(file) {
    bubble('me', `📎 ${file.name}`);
    if (file.size > MAX_FILE_BYTES) return void bubble('bot', '文件太大了（超过 20 MB），没有发送。请删去无关的工作表或图片后再发，或分成几个文件发送。');
    const q = new URLSearchParams({ user, name: file.name, id: `${Date.now()}-${++seq}` });
    try {
      const res = await fetch(`/api/chat/file?${q}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data.message || `出错了（${res.status}）`);
      render(data);
    } catch (e) {
      bubble('bot', e.message);
    }
  }

  async function start() {
    $('login').hidden = true;
    chat.hidden = false;
    $('composer').hidden = false;
    render(await post('/api/chat/enter', { user }));
    $('text').focus();
  }

  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = $('name').value.trim();
    try {
      user = name;
      await start();
      localStorage.setItem('jixiao.user', name);
    } catch (e) {
      $('login').hidden = false;
      document.querySelector('.login .error').textContent = e.message;
    }
  });

  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('text').value;
    $('text').value = '';
    send(text);
  });
  $('file').addEventListener('change', () => {
    const input = $('file');
    const file = input.files && input.files[0];
    input.value = ''; // the same file can be chosen again
    if (file) upload(file);
  });
  $('text').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) {
      ev.preventDefault();
      $('composer').requestSubmit();
    }
  });

  if (user) start().catch(() => ($('login').hidden = false));
})();

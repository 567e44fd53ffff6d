// make preview's page script (scripts/preview.py): served by scripts/serve.py at /__preview.js
// in the previewed story's page only. Asks /__preview.json twice a second: a new build reloads
// the page (at the same scroll position), and the last build's problems are listed over it.
(() => {
  let version = null;
  const key = `lifeline-preview-scroll:${location.pathname}`;
  const y = Number(sessionStorage.getItem(key));
  if (y) addEventListener('load', () => scrollTo(0, y), { once: true });

  const list = document.createElement('aside');
  list.setAttribute('role', 'status');
  list.dataset.preview = '';
  Object.assign(list.style, {
    position: 'fixed', left: '0', right: '0', bottom: '0', zIndex: '2147483647', maxHeight: '40vh', overflow: 'auto',
    margin: '0', padding: '0.6em 1em', font: '14px/1.4 system-ui, sans-serif', background: '#7a1010', color: '#fff',
  });

  function show(problems) {
    list.replaceChildren();
    if (!problems.length) {
      list.remove();
      return;
    }
    const head = document.createElement('strong');
    head.textContent = `make preview: ${problems.length} problem${problems.length > 1 ? 's' : ''}`;
    const ul = document.createElement('ul');
    ul.style.margin = '0.3em 0 0';
    for (const p of problems) {
      const li = document.createElement('li');
      li.textContent = p;
      ul.append(li);
    }
    list.append(head, ul);
    document.body.append(list);
  }

  async function poll() {
    try {
      const r = await fetch('/__preview.json', { cache: 'no-store' });
      if (r.ok) {
        const s = await r.json();
        if (version !== null && s.version !== version) {
          sessionStorage.setItem(key, String(scrollY));
          location.reload();
          return;
        }
        version = s.version;
        show(s.problems || []);
      }
    } catch {
      // The preview stopped: keep the page as it is.
    }
    setTimeout(poll, 500);
  }
  poll();
})();

// The story these host pages embed: `?story=<folder under stories/>` (russia-arms when none is
// given), so every story is walked in both embeds (tests/e2e/stories.test.mjs) with no host
// page or test edited. A classic script after the embed and before www/embed.js (a module, so it
// runs after this), which reads the element's `story` attribute when it starts.
(() => {
  const name = new URLSearchParams(location.search).get('story');
  if (!name) return;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    document.body.insertAdjacentText('afterbegin', `No story named "${name}": a story is a folder under stories/, in lower case.`);
    return;
  }
  const page = `../stories/${name}/index.html`;
  for (const el of document.querySelectorAll('lifeline-explainer[story]')) {
    el.setAttribute('story', `stories/${name}`);
    el.querySelector('a')?.setAttribute('href', page);
  }
  for (const f of document.querySelectorAll('iframe.lifeline-frame')) {
    f.title = `Explainer: ${name.replace(/-/g, ' ')}`;
    f.src = `${page}?embed=1`;
  }
})();

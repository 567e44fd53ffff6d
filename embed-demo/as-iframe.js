// For the tests, and for trying a theme with the other embed: with ?as=iframe in its address, a
// host page shows the iframe snippet (with frame.js) in place of its <lifeline-explainer>, with
// the same options (step, offset as data-offset, lang, story). Loaded right after the element,
// before embed.js runs, so only one of the two embeds ever starts.
(() => {
  const query = new URLSearchParams(location.search);
  const el = document.querySelector('lifeline-explainer');
  if (query.get('as') !== 'iframe' || !el) return;
  const base = new URL('../', document.currentScript.src);
  const params = new URLSearchParams({ embed: '1' });
  const step = el.getAttribute('step') || query.get('step'); // the element's own wins, as in embed.js
  if (step) params.set('step', step);
  if (el.getAttribute('lang')) params.set('lang', el.getAttribute('lang'));
  const story = (el.getAttribute('story') || '').replace(/\/*$/, '/').replace(/^\/$/, '');
  const frame = document.createElement('iframe');
  frame.src = new URL(`${story}index.html?${params}`, base).href;
  frame.title = "Explainer: Maduro's lifelines";
  frame.className = 'lifeline-frame';
  frame.width = '100%';
  frame.height = '800';
  if (el.getAttribute('offset')) frame.dataset.offset = el.getAttribute('offset');
  el.replaceWith(frame);
  const helper = document.createElement('script');
  helper.async = true;
  helper.src = new URL('www/frame.js', base).href;
  document.head.append(helper);
})();

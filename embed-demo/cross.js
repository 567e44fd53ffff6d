// Builds the iframe for the cross-origin host: ?base=ORIGIN/ names where Lifeline is served.
(() => {
  const base = new URLSearchParams(location.search).get('base');
  if (!base) return;
  const frame = document.createElement('iframe');
  frame.src = new URL('index.html?embed=1', base).href;
  frame.title = "Explainer: Maduro's lifelines";
  frame.className = 'lifeline-frame';
  frame.height = '800';
  document.getElementById('slot').append(frame);
  const helper = document.createElement('script');
  helper.async = true;
  helper.src = new URL('www/frame.js', base).href;
  document.body.append(helper);
})();

// The forger for the origin test (tests/e2e/embed.test.mjs): a frame that is not Lifeline's
// sends Lifeline's messages to the host page (as if it were the explainer: shrink me, scroll the
// page away) and to every other frame of the host (as if it were frame.js: your viewport is
// somewhere else). It tells the page it is done with a message of its own.
(() => {
  const forged = [
    { lifeline: 1, type: 'hello' },
    { lifeline: 1, type: 'height', height: 10 },
    { lifeline: 1, type: 'scroll', top: 100000, jump: true },
  ];
  for (const m of forged) parent.postMessage(m, '*');
  for (let i = 0; i < parent.frames.length; i++) {
    const f = parent.frames[i];
    if (f !== window) f.postMessage({ lifeline: 1, type: 'viewport', top: -20000, height: 5 }, '*');
  }
  parent.postMessage({ forger: 'done' }, '*');
})();

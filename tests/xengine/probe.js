// Loaded first in every page the cross-engine tests open (scripts/serve.py, LIFELINE_PROBE):
// records console errors, uncaught errors, rejected promises and CSP violations in
// window.__lifelineErrors, where any engine's driver can read them. `?__nowasm` in the page's
// address removes WebAssembly before the page's scripts run, as a locked-down browser would.
(function () {
  var errors = (window.__lifelineErrors = []);
  var error = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(console, arguments);
  };
  window.addEventListener('error', function (e) { errors.push('error: ' + (e.message || e.type)); });
  window.addEventListener('unhandledrejection', function (e) { errors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)); });
  document.addEventListener('securitypolicyviolation', function (e) { errors.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI); });
  if (/[?&]__nowasm\b/.test(location.search)) delete window.WebAssembly;
})();

// Classic (not module) script in <head> of every app page: finishes a quick
// exit that went back to this page's history entry first (ui/quick-exit.js),
// before the page is shown; and again if Back brings the page back from the
// back/forward cache. The key is ui/quick-exit.js's; a classic script cannot
// import it.
(function () {
  var KEY = "famplan.quickExit";
  function finish() {
    var target = null;
    try {
      target = window.sessionStorage.getItem(KEY);
    } catch (error) {
      return; // storage blocked: quick exit replaced only its own entry
    }
    // Only a path of this site: never somewhere a stored value could point.
    if (target && /^\/[a-z]+\/$/.test(target)) window.location.replace(target);
  }
  finish();
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) finish();
  });
})();

// Classic (not module) script in <head>: applies the larger-text choice before
// the first paint. The choice is a display preference, not plan data.
(function () {
  try {
    if (window.localStorage.getItem("famplan.textSize") === "large") {
      document.documentElement.classList.add("text-large");
    }
  } catch (error) {
    // Storage blocked: normal size.
  }
})();

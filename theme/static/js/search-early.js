/* Runs before the search page is drawn (a small blocking script, no inline code): marks
   the document so that the stylesheet lays the page out as search-ui.js will leave it.
   Nothing then jumps when the results arrive (no layout shift). */
(function () {
  var root = document.documentElement;
  root.classList.add("cs-js");
  if (/[?&]q=[^&]/.test(window.location.search)) {
    root.classList.add("cs-search-pending");
    // Should the search script never run, show the ways to browse after all.
    window.setTimeout(function () { root.classList.remove("cs-search-pending"); }, 4000);
  }
})();

/* Runs before the simulator is drawn (a small blocking script, no inline code): marks the
   document so that the stylesheet lays the page out as simulator.js will leave it, the form
   shown and, when the address carries figures, room kept for their results. Nothing then
   jumps when they are computed (no layout shift). */
(function () {
  /* simulator.js computes with BigInt: without it, it shows nothing and neither do we. */
  if (typeof BigInt !== "function" || typeof URLSearchParams !== "function") return;
  var root = document.documentElement;
  root.classList.add("cs-js");
  var query = new URLSearchParams(window.location.search);
  /* The fields simulator.js fills in from the address, then computes with. */
  var given = ["effectif", "beneficiaires", "annees_20", "achats_ht", "part_main_oeuvre",
    "fournisseur"].some(function (name) { return query.has(name); });
  if (given || query.get("part_inconnue") === "1") {
    root.classList.add("cs-simulator-pending");
    // Should the simulator's script never run, give the room back after all.
    window.setTimeout(function () { root.classList.remove("cs-simulator-pending"); }, 4000);
  }
})();

/* Azultel: report how long this page took to load, once, to this site only (no cookie, no id).
   Skipped when the browser asks not to be tracked. */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-endpoint");
  if (!endpoint || !navigator.sendBeacon || !window.performance || !performance.getEntriesByType) {
    return;
  }
  if (navigator.globalPrivacyControl === true || navigator.doNotTrack === "1") {
    return;
  }
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      var entry = performance.getEntriesByType("navigation")[0];
      // Only pages that loaded normally (responseStatus is missing in older browsers).
      if (!entry || !entry.loadEventStart || (entry.responseStatus && entry.responseStatus !== 200)) {
        return;
      }
      var ms = Math.round(entry.loadEventStart);
      if (ms <= 0 || ms > 120000) {
        return;
      }
      var body = JSON.stringify({ path: window.location.pathname, load_ms: ms });
      navigator.sendBeacon(endpoint, new Blob([body], { type: "application/json" }));
    }, 0);
  });
})();

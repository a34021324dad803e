// Document page: while claims are being found, poll the progress and reload when done.
(function () {
  "use strict";
  const box = document.querySelector("[data-progress-url]");
  if (!box) return;
  const bar = box.querySelector("[data-progress-bar]");
  const label = box.querySelector("[data-progress-label]");

  function poll() {
    fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.status === "done" || state.status === "failed") { window.location.reload(); return; }
        if (typeof state.progress === "number") {
          bar.value = state.progress;
          label.textContent = Math.round(state.progress * 100) + " %";
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();

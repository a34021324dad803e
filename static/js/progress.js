// Document page: while claims are being found, poll the progress and reload when done.
// The server says when the queue is unreachable or the job was lost (`message`, `stalled`):
// the message is shown, and a lost job reloads the page once so its "Retry" button appears.
(function () {
  "use strict";
  const box = document.querySelector("[data-progress-url]");
  if (!box) return;
  const bar = box.querySelector("[data-progress-bar]");
  const label = box.querySelector("[data-progress-label]");
  const message = box.querySelector("[data-progress-message]");
  const renderedStalled = box.hasAttribute("data-stalled");

  function show(state) {
    if (typeof state.progress === "number") {
      bar.value = state.progress;
      label.textContent = Math.round(state.progress * 100) + " %";
    }
    if (message) message.textContent = state.message || "";
  }

  function poll() {
    fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.status === "done" || state.status === "failed" ||
            (state.stalled && !renderedStalled)) {
          window.location.reload();
          return;
        }
        show(state);
        setTimeout(poll, state.queue === "unavailable" ? 5000 : 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  poll();
})();

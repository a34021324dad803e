// Keyboard path through the claim queue: j/k move, o open, x select, a assign, d dismiss, ? help.
(function () {
  "use strict";
  const table = document.querySelector("[data-queue]");
  const help = document.getElementById("kbd-help");
  const form = document.getElementById("bulk-form");
  const rows = table ? Array.from(table.querySelectorAll("tbody tr")) : [];
  let current = -1;

  function focusRow(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].setAttribute("tabindex", "-1");
    rows[current].focus({ preventScroll: false });
  }

  function checkbox(row) { return row.querySelector('input[type="checkbox"]'); }

  function submitBulk(action) {
    if (!form || current < 0) return;
    const anyChecked = rows.some(function (row) { return checkbox(row).checked; });
    if (!anyChecked) checkbox(rows[current]).checked = true;
    form.querySelector("#bulk-action").value = action;
    form.submit();
  }

  function toggleHelp() {
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  }

  document.querySelectorAll("[data-help-toggle]").forEach(function (button) {
    button.addEventListener("click", toggleHelp);
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest("input, select, textarea, dialog[open]")) return;
    switch (event.key) {
      case "j": focusRow(current + 1); break;
      case "k": focusRow(current - 1); break;
      case "o": case "Enter":
        if (current >= 0) window.location.href = rows[current].dataset.claimUrl; break;
      case "x":
        if (current >= 0) { const box = checkbox(rows[current]); box.checked = !box.checked; }
        break;
      case "a": submitBulk("assign_me"); break;
      case "d": submitBulk("dismiss"); break;
      case "?": toggleHelp(); break;
      default: return;
    }
    event.preventDefault();
  });
})();

// Status tabs whose counts take a search or a rating: filled in once the claims are shown.
(function () {
  "use strict";
  const tabs = document.querySelector("nav[data-counts-url]");
  if (!tabs || !window.fetch) return;
  fetch(tabs.getAttribute("data-counts-url"), { headers: { Accept: "application/json" },
                                                credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      const more = data.bounded ? "+" : "";
      tabs.querySelectorAll("[data-count]").forEach(function (span) {
        const key = span.getAttribute("data-count");
        const n = key === "total" ? data.total : key === "to_do" ? data.to_do : data.counts[key];
        if (n !== undefined) span.textContent = n + more;
      });
    })
    .catch(function () { /* the tabs stay without figures */ });
})();

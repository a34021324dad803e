// Forms that take a while (data-working="…"): once sent, the button says what is happening and
// cannot be pressed twice, and a live region tells screen readers; back to normal if the page
// is shown again from the browser's history.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const label = form.getAttribute && form.getAttribute("data-working");
    if (!label || event.defaultPrevented) return;
    if (form.dataset.busy) { event.preventDefault(); return; }
    form.dataset.busy = "1";
    form.setAttribute("aria-busy", "true");
    const button = event.submitter || form.querySelector("[type=submit]");
    if (button) {
      button.dataset.idleLabel = button.textContent;
      button.textContent = label;
      button.classList.add("working");
      window.setTimeout(function () { button.disabled = true; }, 0);  // after it is sent
    }
    const status = form.querySelector("[data-working-status]");
    if (status) status.textContent = label;
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      delete form.dataset.busy;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button.working").forEach(function (button) {
        button.textContent = button.dataset.idleLabel || button.textContent;
        button.classList.remove("working");
        button.disabled = false;
      });
      const status = form.querySelector("[data-working-status]");
      if (status) status.textContent = "";
    });
  });
})();

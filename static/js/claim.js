// Claim page: find a source already in the database and reuse its details.
(function () {
  "use strict";
  const box = document.querySelector("[data-source-search]");
  if (!box) return;
  const input = box.querySelector("input[type=search]");
  const list = box.querySelector(".source-results");
  const form = box.parentElement.querySelector("form");
  let timer = null;

  function fill(source) {
    form.querySelector("[name=url]").value = source.url;
    form.querySelector("[name=title]").value = source.title || "";
    form.querySelector("[name=publisher]").value = source.publisher || "";
    list.replaceChildren();
    form.querySelector("[name=stance]").focus();
  }

  function show(sources) {
    list.replaceChildren();
    sources.forEach(function (source) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = (source.title || source.url) + (source.publisher ? " · " + source.publisher : "");
      button.title = source.url;
      button.addEventListener("click", function () { fill(source); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { list.replaceChildren(); return; }
    timer = setTimeout(function () {
      fetch(box.dataset.sourceSearch + "?q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" }, credentials: "same-origin"
      }).then(function (r) { return r.ok ? r.json() : { sources: [] }; })
        .then(function (data) { show(data.sources); });
    }, 200);
  });
})();

// Claim page: copy a badge's or the embed card's code for the web desk.
(function () {
  "use strict";
  const status = document.querySelector("#share .copied");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      const source = document.getElementById(button.dataset.copy);
      source.select();
      const done = function () { if (status) status.textContent = button.dataset.done || "✓"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy"); done();
      }
    });
  });
})();

// Figures editor: "Add a figure" appends an empty row (up to the form's maximum) and puts the
// cursor in it; Enter in a figure's last field adds one too, instead of submitting the form.
(function () {
  "use strict";
  const box = document.querySelector("[data-figures]");
  if (!box) return;
  const button = box.querySelector("[data-add-figure]");
  const max = parseInt(box.getAttribute("data-max") || "30", 10);

  function rows() { return box.querySelectorAll("[data-figure-row]"); }

  function add() {
    const all = rows();
    if (all.length >= max) return null;
    const row = all[all.length - 1].cloneNode(true);
    const index = all.length;
    row.classList.remove("has-error");
    row.querySelectorAll(".errors").forEach(function (e) { e.remove(); });
    row.querySelectorAll("input, select").forEach(function (field) {
      field.name = field.name.replace(/^figures-\d+-/, "figures-" + index + "-");
      field.id = field.id.replace(/^figures-\d+-/, "figures-" + index + "-");
      if (field.type === "checkbox") field.checked = false;
      else field.value = "";
      field.removeAttribute("aria-invalid");
    });
    button.before(row);
    button.hidden = rows().length >= max;
    row.querySelector("input").focus();
    return row;
  }

  button.hidden = rows().length >= max;
  button.addEventListener("click", add);
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    const all = rows();
    const last = all[all.length - 1];
    if (!last.contains(event.target) || event.target.type === "checkbox") return;
    const filled = Array.from(last.querySelectorAll("input:not([type=checkbox])"))
      .some(function (field) { return field.value.trim() !== ""; });
    if (!filled) return;  // an empty last row: Enter saves as usual
    event.preventDefault();
    add();
  });
})();

// Keyboard flow of the claim page (the "?" help lists it): j / k the next or previous claim of
// the queue, u back to it, e the wording, v the verdict, Ctrl+S saves the form the cursor is in
// (the corrections otherwise); for an editor, Shift+A approves, publishes and opens the next
// claim, b opens "send back" on its comment.
(function () {
  "use strict";
  const help = document.getElementById("kbd-help");
  if (!help || !document.querySelector(".claim-nav")) return;

  function toggleHelp() {
    if (help.open) help.close(); else help.showModal();
  }

  function follow(key) {
    const link = document.querySelector('.claim-nav [data-key="' + key + '"]');
    if (link) window.location.href = link.href;
  }

  function focus(selector) {
    const field = document.querySelector(selector);
    if (!field) return false;
    field.closest("details")?.setAttribute("open", "");
    field.focus();
    return true;
  }

  function submit(form) {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  document.querySelectorAll(".claim-nav [data-help-toggle]").forEach(function (button) {
    button.addEventListener("click", toggleHelp);
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      const form = target.closest && target.closest("form[method=post]");
      submit(form || document.querySelector("#extraction form[method=post]"));
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest("input, select, textarea, dialog[open]")) return;
    switch (event.key) {
      case "j": case "k": case "u": follow(event.key); break;
      case "e": if (!focus("#wording")) return; break;
      case "v": if (!focus("#rating")) return; break;
      case "A": {
        const next = document.querySelector("[data-approve-next]");
        if (!next) return;
        next.click();
        break;
      }
      case "b": if (!focus("#send-back textarea")) return; break;
      case "?": toggleHelp(); break;
      default: return;
    }
    event.preventDefault();
  });
})();

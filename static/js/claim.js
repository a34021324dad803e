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

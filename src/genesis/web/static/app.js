/* Progressive enhancement; every page works without it. */
(function () {
  "use strict";
  var d = document;

  function last(list) { return list.length ? list[list.length - 1] : null; }

  // Replace #progress/#controls, append new messages (each once, by index).
  function swap(html) {
    var tpl = d.createElement("template");
    tpl.innerHTML = html;
    var conv = d.getElementById("conv");
    // A copy: moving nodes out of the template shrinks the live list.
    Array.prototype.slice.call(tpl.content.children).forEach(function (el) {
      if (el.id === "new" && conv) {
        var seen = last(conv.querySelectorAll("[data-i]"));
        var max = seen ? +seen.getAttribute("data-i") : -1;
        Array.prototype.forEach.call(el.querySelectorAll("[data-i]"), function (li) {
          if (+li.getAttribute("data-i") > max) conv.appendChild(li);
        });
        var end = last(conv.children);
        if (end) end.scrollIntoView({ block: "start" });
      } else if (el.id) {
        var old = d.getElementById(el.id);
        if (old) old.replaceWith(el);
      }
    });
  }

  function load(url, body, onFail) {
    fetch(url, {
      method: body ? "POST" : "GET",
      body: body,
      headers: { "X-Fragment": "1" },
      credentials: "same-origin"
    }).then(function (r) {
      if (r.redirected) { location.href = r.url; return null; }
      if (!r.ok || r.headers.get("X-Fragment") !== "1") throw new Error(String(r.status));
      return r.text();
    }).then(function (html) {
      if (html === null) return;
      swap(html);
      var focus = d.getElementById(url.indexOf("assist=") > 0 ? "assist" : "answer");
      if (focus) focus.focus();
    }).catch(onFail);
  }

  d.addEventListener("click", function (e) {
    var chip = e.target.closest("[data-fill]");
    var box = d.getElementById("answer");
    if (chip && box) {
      e.preventDefault();
      box.value = chip.textContent.trim();
      box.focus();
      return;
    }
    var link = e.target.closest("a[data-frag]");
    if (link) {
      e.preventDefault();
      load(link.href, null, function () { location.href = link.href; });
    }
  });

  d.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute("data-frag") || !window.fetch) return;
    e.preventDefault();
    var data = new FormData(form);
    var by = e.submitter;
    if (by && by.name) data.append(by.name, by.value);
    var buttons = form.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    var busy = form.querySelector("[data-busy]");
    if (busy) busy.textContent = busy.getAttribute("data-busy");
    // The form's idempotency key makes a second send of it harmless.
    load(form.action, new URLSearchParams(data), function () {
      form.removeAttribute("data-frag");
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      if (form.requestSubmit) form.requestSubmit(by || undefined); else form.submit();
    });
  });

  // The brief page: a button that copies the website's address (without script,
  // the address is a read-only field to select).
  Array.prototype.forEach.call(d.querySelectorAll("[data-copy]"), function (button) {
    var field = d.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });

  // The brief page: each agent's status as it changes.
  var agents = d.getElementById("agents");
  if (agents && agents.hasAttribute("data-progress") && window.EventSource) {
    var labels = JSON.parse(agents.getAttribute("data-labels"));
    var bar = d.getElementById("agents-bar");
    var source = new EventSource(agents.getAttribute("data-progress"));
    source.addEventListener("progress", function (e) {
      var p = JSON.parse(e.data);
      Object.keys(p.agents).forEach(function (name) {
        var li = agents.querySelector('[data-agent="' + name + '"]');
        var st = p.agents[name].status;
        if (li) { li.className = st; li.lastElementChild.textContent = labels[st] || st; }
      });
      if (bar) bar.value = p.finished;
      if (p.brief_ready || p.status === "failed") { source.close(); location.reload(); }
    });
  }
})();

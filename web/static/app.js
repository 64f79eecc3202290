// policysearch: progressive enhancement for the server-rendered search page.
// Everything works without this script; with it, results update as you type,
// facet ticks apply at once, and the address bar always holds the search.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var form, input, live, pending, typingTimer;

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }

  // formURL is the search the form describes; empty fields are left out so
  // that URLs stay short, and the page goes back to 1.
  function formURL() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      v = String(v).trim();
      if (v !== "" && !(k === "sort" && v === "relevance")) params.append(k, v);
    });
    var q = params.toString();
    return "/" + (q ? "?" + q : "");
  }

  // focusKey remembers what had focus, in a form that survives the swap
  // (checkbox ids follow list positions, which change when a value is ticked).
  function focusKey() {
    var el = document.activeElement;
    if (!el || el === document.body) return null;
    if (el.type === "checkbox") return { sel: 'input[type=checkbox][name="' + el.name + '"]', value: el.value };
    if (el.id) return { sel: "#" + CSS.escape(el.id) };
    if (el.classList && el.classList.contains("bar-link")) return { sel: ".bar-link", label: el.getAttribute("aria-label") };
    return null;
  }

  function restoreFocus(key) {
    if (!key) return;
    var cands = $$(key.sel);
    for (var i = 0; i < cands.length; i++) {
      var c = cands[i];
      if ((key.value === undefined || c.value === key.value) && (key.label === undefined || c.getAttribute("aria-label") === key.label)) {
        c.focus();
        return;
      }
    }
  }

  function announce(text) {
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function showError(msg) {
    var count = $("#count");
    if (count) {
      count.textContent = msg;
      count.classList.add("error-inline");
    }
    announce(msg);
  }

  // go fetches the server-rendered page for url and swaps its results region
  // in. mode is "push" (a click: back returns here), "replace" (typing) or
  // "none" (back/forward already moved the address bar).
  function go(url, mode) {
    if (pending) pending.abort();
    var ctrl = new AbortController();
    pending = ctrl;
    var results = $("#results");
    if (results) results.classList.add("loading");
    var filtersOpen = ($(".filters-box") || {}).open;
    fetch(url, { headers: { Accept: "text/html" }, signal: ctrl.signal, credentials: "same-origin" })
      .then(function (resp) {
        return resp.text().then(function (text) { return { ok: resp.ok, text: text }; });
      })
      .then(function (r) {
        if (pending !== ctrl) return;
        pending = null;
        var doc = new DOMParser().parseFromString(r.text, "text/html");
        var next = doc.getElementById("app");
        var cur = document.getElementById("app");
        if (!r.ok || !next || !cur) {
          var msg = doc.querySelector(".error-msg");
          if (results) results.classList.remove("loading");
          showError(msg ? msg.textContent : "The search failed; try again.");
          return;
        }
        var key = focusKey();
        cur.replaceWith(document.adoptNode(next));
        var box = $(".filters-box");
        if (box && filtersOpen !== undefined) box.open = filtersOpen;
        document.title = doc.title;
        if (mode === "push") history.pushState({ url: url }, "", url);
        else if (mode === "replace") history.replaceState({ url: url }, "", url);
        enhance();
        restoreFocus(key);
        var count = $("#count");
        if (count) announce(count.textContent.replace(/\s+/g, " ").trim());
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        if (results) results.classList.remove("loading");
        showError("Could not reach the server; the page shows the last results.");
      });
  }

  // ownSearchLink reports whether a click on a should be handled in place.
  function ownSearchLink(a, ev) {
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return false;
    if (a.hasAttribute("download") || a.target) return false;
    var href = a.getAttribute("href");
    if (!href) return false;
    var u = new URL(href, location.href);
    return u.origin === location.origin && u.pathname === "/";
  }

  function onClick(ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (!a || !document.getElementById("app").contains(a)) return;
    if (!ownSearchLink(a, ev)) return;
    ev.preventDefault();
    var u = new URL(a.getAttribute("href"), location.href);
    go(u.pathname + u.search, "push");
    if (a.classList.contains("chip") || a.closest(".pager")) {
      var main = $("#main");
      if (main && main.getBoundingClientRect().top < 0) window.scrollTo(0, 0);
    }
  }

  function onChange(ev) {
    var t = ev.target;
    if (t.type === "checkbox" && t.dataset.toggle) {
      go(t.dataset.toggle, "push");
    } else if (t.id === "sort" || t.id === "from" || t.id === "to") {
      go(formURL(), "push");
    }
  }

  // Type-ahead inside long facet lists, from /api/facets/{facet}.
  function enhanceFacetFind(fs) {
    var box = $(".facet-find", fs);
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var field = $("input", box), out = $(".facet-found", box), timer, ctrl;
    var facet = fs.dataset.facet, param = fs.dataset.param;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var prefix = field.value.trim();
        out.textContent = "";
        if (!prefix) return;
        if (ctrl) ctrl.abort();
        ctrl = new AbortController();
        var params = new URLSearchParams(location.search);
        params.delete("page");
        params.set("prefix", prefix);
        fetch("/api/facets/" + encodeURIComponent(facet) + "?" + params.toString(), { signal: ctrl.signal })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            out.textContent = "";
            var chosen = new URLSearchParams(location.search).getAll(param);
            (data.values || []).forEach(function (v) {
              if (chosen.indexOf(v.value) >= 0) return;
              var next = new URLSearchParams(location.search);
              next.delete("page");
              next.append(param, v.value);
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = "/?" + next.toString();
              var name = document.createElement("span");
              name.textContent = v.value;
              var count = document.createElement("span");
              count.className = "fv-count";
              count.textContent = String(v.count);
              a.appendChild(name);
              a.appendChild(count);
              li.appendChild(a);
              out.appendChild(li);
            });
            if (!out.firstChild) {
              var none = document.createElement("li");
              none.textContent = data.error || "No match";
              out.appendChild(none);
            }
          })
          .catch(function () {});
      }, 150);
    });
  }

  function enhance() {
    $$("fieldset.facet[data-facet]").forEach(enhanceFacetFind);
  }

  function init() {
    form = document.getElementById("sf");
    input = document.getElementById("q");
    live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);

    // "/" focuses the search box, as on many search sites, unless the user
    // is typing somewhere already.
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (!input) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });

    if (!form || !document.getElementById("app")) return;

    // On a phone the filters start folded so the results come first.
    var box = $(".filters-box");
    if (box && window.matchMedia("(max-width: 48rem)").matches) box.open = false;

    history.replaceState({ url: location.pathname + location.search }, "", location.href);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(typingTimer);
      go(formURL(), "push");
    });
    input.addEventListener("input", function () {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { go(formURL(), "replace"); }, 250);
    });
    document.addEventListener("click", onClick);
    document.addEventListener("change", onChange);
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      go(location.pathname + location.search, "none");
    });
    enhance();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

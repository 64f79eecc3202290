// policysearch: progressive enhancement for the server-rendered search page.
// Everything works without this script; with it, results update as you type,
// facet ticks apply at once, and the address bar always holds the search.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // typingDelay is how long the box waits after a keystroke before it
  // searches: long enough to skip the middle of a fast word, short enough
  // that results follow the last key in well under 150 ms.
  var typingDelay = 40;

  var form, input, live, pending, typingTimer, shown;

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

  // focusKey remembers what had focus, in a form that survives the swap.
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
    if (document.activeElement && document.activeElement !== document.body && document.contains(document.activeElement)) return;
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

  // showError says what is wrong where the count was, and dims the results
  // below it: they belong to the previous search.
  function showError(msg) {
    var count = $("#count");
    if (count) {
      count.textContent = msg;
      count.classList.add("error-inline");
    }
    var results = $("#results");
    if (results) {
      results.classList.remove("loading");
      results.classList.add("stale");
    }
    announce(msg);
  }

  function adopt(el) { return document.adoptNode(el); }

  // swap puts the parts of a freshly rendered page that depend on the
  // search into this one: the results, each facet's list, the date presets.
  // What the reader is typing in is never replaced: the search box is
  // outside the swap, a date field keeps its value while it has focus, and
  // a facet's find box moves into the new list with its text.
  function swap(doc) {
    var key = focusKey();
    var cur = $("#results"), next = doc.getElementById("results");
    if (cur && next) cur.replaceWith(adopt(next));
    $$("fieldset.facet[data-facet]").forEach(function (fs) {
      var nx = doc.getElementById(fs.id);
      if (!nx) return;
      var find = $(".facet-find", fs), nfind = $(".facet-find", nx);
      if (find && nfind) nfind.replaceWith(find);
      var more = $(".facet-more", fs), nmore = $(".facet-more", nx);
      if (more && nmore && more.open) nmore.open = true;
      fs.replaceWith(adopt(nx));
      if (find) filterFacet(nx, true);
    });
    ["#presets", "#preset-note", ".filters-toggle", ".show-results"].forEach(function (sel) {
      var a = $(sel), b = doc.querySelector(sel);
      if (a && b) a.replaceWith(adopt(b));
      else if (a && !b) a.remove();
      else if (!a && b && sel === "#preset-note") { var p = $("#presets"); if (p) p.after(adopt(b)); }
    });
    ["from", "to"].forEach(function (id) {
      var a = document.getElementById(id), b = doc.getElementById(id);
      if (a && b && a !== document.activeElement && a.value !== b.value) a.value = b.value;
    });
    document.title = doc.title;
    enhance();
    restoreFocus(key);
  }

  // go fetches the server-rendered page for url and swaps its parts in.
  // mode is "push" (a click: back returns here), "replace" (typing) or
  // "none" (back/forward already moved the address bar). typing asks the
  // server to read a half-typed query leniently.
  function go(url, mode, typing) {
    if (pending) pending.abort();
    var ctrl = new AbortController();
    pending = ctrl;
    shown = url;
    var results = $("#results");
    if (results) results.classList.add("loading");
    var fetchURL = typing ? url + (url.indexOf("?") >= 0 ? "&" : "?") + "typing=1" : url;
    fetch(fetchURL, { headers: { Accept: "text/html" }, signal: ctrl.signal, credentials: "same-origin" })
      .then(function (resp) {
        return resp.text().then(function (text) { return { ok: resp.ok, text: text }; });
      })
      .then(function (r) {
        if (pending !== ctrl) return;
        pending = null;
        var doc = new DOMParser().parseFromString(r.text, "text/html");
        if (!r.ok || !doc.getElementById("app") || !document.getElementById("app")) {
          shown = null; // the same search may be tried again
          var msg = doc.querySelector(".error-msg");
          showError(msg ? msg.textContent : "The search failed; try again.");
          return;
        }
        swap(doc);
        if (mode === "push") history.pushState({ url: url }, "", url);
        else if (mode === "replace") history.replaceState({ url: url }, "", url);
        var count = $("#count");
        if (count) announce(count.textContent.replace(/\s+/g, " ").trim());
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        shown = null;
        showError("Could not reach the server; the page shows the last results.");
      });
  }

  // ownSearchLink reports whether a click on a should be handled in place.
  function ownSearchLink(a, ev) {
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return false;
    if (a.hasAttribute("download") || a.target) return false;
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#") return false;
    var u = new URL(href, location.href);
    return u.origin === location.origin && u.pathname === "/";
  }

  function onClick(ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (!a || !document.getElementById("app") || !document.getElementById("app").contains(a)) return;
    if (a.classList.contains("show-results")) {
      // On a phone: fold the filters and go to the results.
      ev.preventDefault();
      var box = $(".filters-box");
      if (box) box.open = false;
      var h = $("#results-h");
      if (h) { h.focus(); h.scrollIntoView(); }
      return;
    }
    if (!ownSearchLink(a, ev)) return;
    ev.preventDefault();
    var u = new URL(a.getAttribute("href"), location.href);
    go(u.pathname + u.search, "push");
    if (a.classList.contains("chip") || a.closest(".pager")) {
      var main = $("#main");
      if (main && main.getBoundingClientRect().top < 0) window.scrollTo(0, 0);
    }
  }

  // plausibleDate: a date field fires change as soon as its digits form any
  // valid date — year 0002 while 2023 is being typed — so only a full,
  // believable year searches.
  function plausibleDate(v) {
    if (!v) return true;
    var y = parseInt(v.slice(0, 4), 10);
    return y >= 1900 && y <= new Date().getFullYear() + 1;
  }

  function onChange(ev) {
    var t = ev.target;
    if (t.type === "checkbox" && t.dataset.toggle) {
      go(t.dataset.toggle, "push");
    } else if (t.id === "sort") {
      go(formURL(), "push");
    } else if (t.id === "from" || t.id === "to") {
      if (plausibleDate(t.value) && formURL() !== shown) go(formURL(), "push");
    }
  }

  // A date left half typed says so when the reader moves on.
  function onFocusOut(ev) {
    var t = ev.target;
    if ((t.id === "from" || t.id === "to") && !plausibleDate(t.value)) {
      showError((t.id === "from" ? "From" : "To") + ": " + t.value + " is not a plausible date; write the year in full.");
    }
  }

  // wordStart reports whether name or one of its words begins with p, as
  // the server's facet type-ahead matches.
  function wordStart(name, p) {
    name = name.toLowerCase();
    if (name.indexOf(p) === 0) return true;
    return (" " + name.replace(/[-/(]/g, " ")).indexOf(" " + p) >= 0;
  }

  // filterFacet narrows a facet's checkbox list to the values matching its
  // find box, in place, and adds the matching values the list does not
  // show (a long facet lists only its most frequent ones).
  function filterFacet(fs, keepExtras) {
    var field = $(".facet-find-input", fs);
    if (!field) return;
    var p = field.value.trim().toLowerCase();
    var n = 0;
    $$(".facet-value", fs).forEach(function (li) {
      var name = ($(".fv-name", li) || li).textContent;
      var ok = !p || wordStart(name, p);
      li.hidden = !ok;
      if (ok) n++;
    });
    var more = $(".facet-more", fs);
    if (more && p) more.open = true;
    var status = $(".facet-find-status", fs);
    if (status) status.textContent = p ? n + " matching" : "";
    if (!p) {
      $$(".facet-extra", fs).forEach(function (li) { li.remove(); });
      return;
    }
    if (keepExtras) return;
    var ctrl = fs._find;
    if (ctrl) ctrl.abort();
    ctrl = fs._find = new AbortController();
    var params = new URLSearchParams(location.search);
    params.delete("page");
    params.set("prefix", p);
    var facet = fs.dataset.facet, param = fs.dataset.param;
    fetch("/api/facets/" + encodeURIComponent(facet) + "?" + params.toString(), { signal: ctrl.signal })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (field.value.trim().toLowerCase() !== p) return;
        var list = $(".facet-values", fs);
        var have = {};
        $$('input[type=checkbox]', fs).forEach(function (c) { have[c.value] = true; });
        (data.values || []).forEach(function (v) {
          if (have[v.value] || !list) return;
          var next = new URLSearchParams(location.search);
          next.delete("page");
          next.append(param, v.value);
          var li = document.createElement("li");
          li.className = "facet-value facet-extra";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.name = param;
          box.value = v.value;
          box.id = fs.id + "-x" + list.children.length;
          box.setAttribute("form", "sf");
          box.dataset.toggle = "/?" + next.toString();
          var label = document.createElement("label");
          label.htmlFor = box.id;
          var name = document.createElement("span");
          name.className = "fv-name";
          name.textContent = v.value;
          var count = document.createElement("span");
          count.className = "fv-count";
          count.textContent = String(v.count);
          label.appendChild(name);
          label.appendChild(document.createTextNode(" "));
          label.appendChild(count);
          li.appendChild(box);
          li.appendChild(label);
          list.appendChild(li);
          n++;
        });
        if (status) status.textContent = n + " matching";
      })
      .catch(function () {});
  }

  function enhanceFacetFind(fs) {
    var box = $(".facet-find", fs);
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var field = $("input", box), timer;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { filterFacet(field.closest("fieldset")); }, 80);
    });
  }

  function enhance() {
    $$("fieldset.facet[data-facet]").forEach(enhanceFacetFind);
  }

  // Arrow keys move from the search box into the result titles and between
  // them, as in a list of suggestions.
  function onKeyDown(ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    var titles = $$(".hit-title a");
    if (!titles.length) return;
    var t = ev.target;
    if (t === input) {
      if (ev.key !== "ArrowDown") return;
      ev.preventDefault();
      titles[0].focus();
      return;
    }
    var i = titles.indexOf(t);
    if (i < 0) return;
    ev.preventDefault();
    if (ev.key === "ArrowDown") {
      if (i + 1 < titles.length) titles[i + 1].focus();
    } else if (i === 0) {
      input.focus();
    } else {
      titles[i - 1].focus();
    }
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

    shown = location.pathname + location.search;
    history.replaceState({ url: shown }, "", location.href);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(typingTimer);
      var t = document.activeElement;
      if (t && (t.id === "from" || t.id === "to") && !plausibleDate(t.value)) {
        onFocusOut({ target: t });
        return;
      }
      // Enter reads the query strictly, so a mistake gets its explanation.
      go(formURL(), "push");
    });
    input.addEventListener("input", function () {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        var url = formURL();
        if (url === shown) return; // nothing changed but spaces
        go(url, "replace", true);
      }, typingDelay);
    });
    document.addEventListener("click", onClick);
    document.addEventListener("change", onChange);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", onKeyDown);
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

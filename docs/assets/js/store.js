/*
 * Samskabt.store – the one place the course reads and writes the browser's storage.
 *
 * Everything lives in localStorage under versioned keys "samskabt:v1:<kind>:<id>", each
 * holding one JSON value, so one corrupt entry never affects the others. When storage is
 * unavailable (private mode, blocked cookies) the store keeps values in memory for this
 * page view and `store.persistent` is false; callers show a notice. A failed write
 * (quota exceeded) returns false and calls the listeners with the reason, so the page
 * can warn while the text stays on screen.
 *
 * Samskabt.onPage(fn) runs fn on every page, also after Material's instant navigation.
 * After instant navigation it loads the scripts and stylesheets the new content needs (quiz,
 * exercises, reflections, slides …) from the manifest's table (scripts/assets.py).
 * This file defines the one global of the course, `Samskabt`.
 */
(function () {
  "use strict";
  var PREFIX = "samskabt:v1:";
  var memory = {};
  var listeners = [];

  function probe() {
    // The page put an in-memory stand-in in place of blocked storage (overrides/main.html).
    if (window.__samskabtMemoryStorage) return null;
    try {
      var ls = window.localStorage;
      var k = PREFIX + "probe";
      ls.setItem(k, "1");
      ls.removeItem(k);
      return ls;
    } catch (e) {
      return null;
    }
  }
  var ls = probe();

  function emit(event) {
    listeners.forEach(function (fn) {
      try { fn(event); } catch (e) { /* a listener must not break the store */ }
    });
  }

  function rawGet(key) {
    if (ls) {
      try { return ls.getItem(key); } catch (e) { /* fall through to memory */ }
    }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  var store = {
    prefix: PREFIX,
    persistent: !!ls,
    /** The parsed value, or `fallback` when missing or corrupt. */
    get: function (key, fallback) {
      var raw = rawGet(PREFIX + key);
      if (raw === null || raw === undefined) return fallback;
      try {
        return JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    },
    /** Save a JSON value; returns true when it is stored (or kept in memory without storage). */
    set: function (key, value) {
      var raw = JSON.stringify(value);
      memory[PREFIX + key] = raw;
      if (!ls) {
        emit({ type: "unavailable", key: key });
        return true;
      }
      try {
        ls.setItem(PREFIX + key, raw);
        emit({ type: "saved", key: key });
        return true;
      } catch (e) {
        var quota = e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);
        emit({ type: quota ? "quota" : "error", key: key, error: e });
        return false;
      }
    },
    remove: function (key) {
      delete memory[PREFIX + key];
      if (ls) {
        try { ls.removeItem(PREFIX + key); } catch (e) { /* ignore */ }
      }
      emit({ type: "removed", key: key });
    },
    /** Keys (without the prefix) that start with `start`, e.g. keys("note:"). */
    keys: function (start) {
      var found = {};
      var all = Object.keys(memory);
      if (ls) {
        try {
          for (var i = 0; i < ls.length; i++) all.push(ls.key(i));
        } catch (e) { /* ignore */ }
      }
      all.forEach(function (k) {
        if (k && k.indexOf(PREFIX + (start || "")) === 0) found[k.slice(PREFIX.length)] = true;
      });
      return Object.keys(found).sort();
    },
    /** Every course value that parses, as {key: value}; corrupt entries are skipped. */
    dump: function () {
      var out = {};
      store.keys("").forEach(function (k) {
        var v = store.get(k, undefined);
        if (v !== undefined) out[k] = v;
      });
      return out;
    },
    onChange: function (fn) { listeners.push(fn); },
    /**
     * Call `fn(value)` when another tab changes `key` (the parsed value, or null when it was
     * removed), for as long as `el` is in the page.
     */
    watch: function (key, el, fn) { watchers.push({ key: key, el: el, fn: fn }); }
  };

  // Another tab of the course wrote to storage: tell the fields that show that key.
  var watchers = [];
  window.addEventListener("storage", function (event) {
    if (!ls || (event.storageArea && event.storageArea !== ls)) return;
    if (event.key !== null && event.key.indexOf(PREFIX) !== 0) return;
    watchers = watchers.filter(function (w) { return w.el.isConnected; });
    watchers.forEach(function (w) {
      if (event.key !== null && event.key !== PREFIX + w.key) return;
      try { w.fn(store.get(w.key, null)); } catch (e) { /* one field must not break the others */ }
    });
  });

  /** Run `init` on every page view, also after instant navigation. */
  function onPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { init(document); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { init(document); });
    } else {
      init(document);
    }
  }

  /** Run `fn(el)` once for each element matching `selector` (idempotent per element). */
  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      fn(el);
    });
  }

  /** h("p", {class: "x", text: "…"}, [children]): a small element builder. */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  /** Save `text` as a file in the browser (nothing is sent anywhere). */
  function download(filename, text, type) {
    var blob = new Blob([text], { type: (type || "text/markdown") + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = h("a", { href: url, download: filename, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  /** A self-assessment rating as the course saves it: a whole number from 1 to 5. */
  function isRating(n) { return typeof n === "number" && n % 1 === 0 && n >= 1 && n <= 5; }

  /**
   * A full-screen dialog as a modal (the big-screen timer, the slides): everything else on the
   * page is inert until `release()`, and `tab(event)` keeps Tab and Shift+Tab going round the
   * dialog's enabled, visible controls.
   */
  function modal(dialog) {
    var inerted = [];
    Array.prototype.forEach.call(document.body.children, function (el) {
      if (el !== dialog && !el.hasAttribute("inert") && el.tagName !== "SCRIPT") {
        el.setAttribute("inert", "");
        inerted.push(el);
      }
    });
    return {
      release: function () { inerted.forEach(function (el) { el.removeAttribute("inert"); }); },
      tab: function (e) {
        var list = Array.prototype.filter.call(dialog.querySelectorAll("button, input, a[href]"), function (el) {
          return !el.disabled && el.offsetParent !== null;
        });
        var first = list[0], last = list[list.length - 1];
        if (e.shiftKey && (e.target === first || e.target === dialog)) { e.preventDefault(); last.focus(); }
        else if (!e.shiftKey && e.target === last) { e.preventDefault(); first.focus(); }
      }
    };
  }

  window.Samskabt = { store: store, onPage: onPage, each: each, h: h, download: download, isRating: isRating, modal: modal };

  /*
   * Components that only some pages use come with their own script and stylesheet. The build
   * puts them in the page (scripts/assets.py); after instant navigation the new content may
   * need one this page does not have, so the same table (the manifest's `onDemand`) is read
   * here and each file is loaded once, scripts in the table's order.
   */
  var here = document.currentScript ? document.currentScript.src : "";
  var siteRoot = here.replace(/assets\/js\/store\.js(?:[?#].*)?$/, "");
  function present(url) {
    return Array.prototype.some.call(document.querySelectorAll("script[src], link[rel='stylesheet'][href]"), function (el) {
      return (el.src || el.href) === url;
    });
  }
  onPage(function (root) {
    var table = (window.SamskabtKursus && window.SamskabtKursus.onDemand) || [];
    if (!siteRoot || siteRoot === here) return;
    table.forEach(function (entry) {
      var url = new URL(entry[1], siteRoot).href;
      if (present(url) || !root.querySelector(entry[0])) return;
      var el = /\.css$/.test(entry[1]) ? h("link", { rel: "stylesheet", href: url }) : h("script", { src: url });
      if (el.tagName === "SCRIPT") el.async = false; // run in the table's order
      document.head.appendChild(el);
    });
  });
})();

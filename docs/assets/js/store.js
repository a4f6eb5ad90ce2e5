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
(() => {
  "use strict";
  const PREFIX = "samskabt:v1:";
  const memory = {};
  const listeners = [];

  function probe() {
    // The page put an in-memory stand-in in place of blocked storage (overrides/main.html).
    if (window.__samskabtMemoryStorage) return null;
    try {
      const ls = window.localStorage;
      const k = `${PREFIX}probe`;
      ls.setItem(k, "1");
      ls.removeItem(k);
      return ls;
    } catch (e) {
      return null;
    }
  }
  const ls = probe();

  function emit(event) {
    listeners.forEach(fn => {
      try { fn(event); } catch (e) { /* a listener must not break the store */ }
    });
  }

  function rawGet(key) {
    if (ls) {
      try { return ls.getItem(key); } catch (e) { /* fall through to memory */ }
    }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  const store = {
    prefix: PREFIX,
    persistent: !!ls,
    /** The parsed value, or `fallback` when missing or corrupt. */
    get(key, fallback) {
      const raw = rawGet(PREFIX + key);
      if (raw === null || raw === undefined) return fallback;
      try {
        return JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    },
    /** Save a JSON value; returns true when it is stored (or kept in memory without storage). */
    set(key, value) {
      const raw = JSON.stringify(value);
      memory[PREFIX + key] = raw;
      if (!ls) {
        emit({ type: "unavailable", key });
        return true;
      }
      try {
        ls.setItem(PREFIX + key, raw);
        emit({ type: "saved", key });
        return true;
      } catch (e) {
        const quota = e && (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014);
        emit({ type: quota ? "quota" : "error", key, error: e });
        return false;
      }
    },
    remove(key) {
      delete memory[PREFIX + key];
      if (ls) {
        try { ls.removeItem(PREFIX + key); } catch (e) { /* ignore */ }
      }
      emit({ type: "removed", key });
    },
    /** Keys (without the prefix) that start with `start`, e.g. keys("note:"). */
    keys(start) {
      const found = {};
      const all = Object.keys(memory);
      if (ls) {
        try {
          for (let i = 0; i < ls.length; i++) all.push(ls.key(i));
        } catch (e) { /* ignore */ }
      }
      all.forEach(k => {
        if (k && k.indexOf(PREFIX + (start || "")) === 0) found[k.slice(PREFIX.length)] = true;
      });
      return Object.keys(found).sort();
    },
    /** Every course value that parses, as {key: value}; corrupt entries are skipped. */
    dump() {
      const out = {};
      store.keys("").forEach(k => {
        const v = store.get(k, undefined);
        if (v !== undefined) out[k] = v;
      });
      return out;
    },
    onChange(fn) { listeners.push(fn); },
    /**
     * Call `fn(value)` when another tab changes `key` (the parsed value, or null when it was
     * removed), for as long as `el` is in the page.
     */
    watch(key, el, fn) { watchers.push({ key, el, fn }); }
  };

  // Another tab of the course wrote to storage: tell the fields that show that key.
  let watchers = [];
  window.addEventListener("storage", event => {
    if (!ls || (event.storageArea && event.storageArea !== ls)) return;
    if (event.key !== null && event.key.indexOf(PREFIX) !== 0) return;
    watchers = watchers.filter(w => w.el.isConnected);
    watchers.forEach(w => {
      if (event.key !== null && event.key !== PREFIX + w.key) return;
      try { w.fn(store.get(w.key, null)); } catch (e) { /* one field must not break the others */ }
    });
  });

  /** Run `init` on every page view, also after instant navigation. */
  function onPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(() => { init(document); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => { init(document); });
    } else {
      init(document);
    }
  }

  /** Run `fn(el)` once for each element matching `selector` (idempotent per element). */
  function each(root, selector, fn) {
    root.querySelectorAll(selector).forEach(el => {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      fn(el);
    });
  }

  /** h("p", {class: "x", text: "…"}, [children]): a small element builder. */
  function h(tag, attrs, children) {
    const el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(k => {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(c => {
      if (c) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  /** el("p", "x", "text"): the short form of h, for an element with a class and a text. */
  function el(tag, cls, text) { return h(tag, { "class": cls || null, text: text || null }); }

  /** 7 -> "07": hours, minutes and seconds as a clock shows them. */
  function pad(n) { return String(n).padStart(2, "0"); }

  /** A type="button" button with a text and classes. */
  function button(text, cls) { return h("button", { type: "button", "class": cls || null, text }); }

  /**
   * Put `text` on the clipboard; a promise that resolves when it is there. The Clipboard API
   * first, then a hidden textarea with execCommand("copy") (file://, older browsers); focus
   * goes back where it was.
   */
  function copy(text) {
    function fallback() {
      const area = h("textarea", { readonly: true, "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.left = "-9999px";
      const active = document.activeElement;
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (active && typeof active.focus === "function") active.focus();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      return navigator.clipboard.writeText(text).then(null, fallback);
    }
    return fallback();
  }

  /** Save `text` as a file in the browser (nothing is sent anywhere). */
  function download(filename, text, type) {
    const blob = new Blob([text], { type: `${type || "text/markdown"};charset=utf-8` });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: filename, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  /*
   * Samskabt.records – every kind of value the course saves: its key, its shape and its check,
   * in one place. Every view reads through these, and the import accepts exactly what they
   * accept, so a note, a rating or an answer counts the same everywhere:
   *
   *   quiz:<bank>         {"v":1,"answers":{"<question>":{"value":…,"correct":b,"checked":b,"fp":"…"}}}
   *   note:<ex>/<prompt>  {"v":1,"text":"…","saved":"<ISO date>"}   (saved: optional)
   *   scale:<ex>          {"v":1,"values":{"<item>":1..5}}           (whole numbers)
   *   visit:<stem>        {"v":1,"first":"<ISO>","last":"<ISO>"}     (last: optional)
   *   lastModule          {"v":1,"stem":"<stem>"}
   *   name                {"v":1,"name":"…"}                         (MAX_NAME characters are shown)
   *
   * A reader returns the valid part of a value: a record of another shape is absent, a field
   * that is not its kind's is left out, as is an optional field that is broken and, in a quiz or
   * a scale, an entry of the wrong shape. The import (reflections.js) takes what `shape` takes,
   * for ids the course has, and writes it as `shape` gives it.
   */
  const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
  const KEYS = {
    quiz: new RegExp(`^quiz:(${SLUG})$`),
    note: new RegExp(`^note:(${SLUG})/(${SLUG})$`),
    scale: new RegExp(`^scale:(${SLUG})$`),
    visit: new RegExp(`^visit:(${SLUG})$`)
  };
  const FINAL_TEST = "afsluttende-test";  // its answers are "<bank>--<question>" (scripts/pages.py)
  const MAX_NAME = 80;  // the longest certificate name
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function only(value, fields) { return Object.keys(value).every(k => fields.includes(k)); }
  function isDate(v) { return typeof v === "string" && v.length <= 40 && !isNaN(new Date(v)); }
  function shortString(v) { return typeof v === "string" && v.length <= 200; }
  /** A self-assessment rating as the course saves it: a whole number from 1 to 5. */
  function isRating(n) { return typeof n === "number" && n % 1 === 0 && n >= 1 && n <= 5; }
  function isAnswer(a) {
    if (!isObject(a) || !only(a, ["value", "correct", "checked", "fp"])) return false;
    const v = a.value;
    const value = v === null || shortString(v) || (Array.isArray(v) && v.length <= 50 && v.every(shortString));
    return value && typeof a.correct === "boolean" && typeof a.checked === "boolean" &&
      (a.fp === undefined || a.fp === null || shortString(a.fp));  // null: a question without choices to edit
  }
  // Each kind: the fields it may have, and what its value must hold to be read at all. An
  // optional field that is not valid (a broken date) is read as absent, and the rest is kept.
  const KINDS = {
    quiz: { fields: ["answers"], ok(v) { return isObject(v.answers); } },
    note: { fields: ["text", "saved"], ok(v) { return typeof v.text === "string"; },
      optional: { saved: isDate } },
    scale: { fields: ["values"], ok(v) { return isObject(v.values); } },
    visit: { fields: ["first", "last"], ok(v) { return isDate(v.first); }, optional: { last: isDate } },
    lastModule: { fields: ["stem"], ok(v) { return typeof v.stem === "string"; } },
    name: { fields: ["name"], ok(v) { return typeof v.name === "string"; } }
  };
  /** The value as a record of `kind` (its fields, without the invalid optional ones), or null. */
  function shape(kind, v) {
    const def = KINDS[kind];
    if (!isObject(v) || v.v !== 1 || !def.ok(v)) return null;
    const out = { v: 1 };
    def.fields.forEach(f => {
      if (has(v, f) && (!def.optional || !def.optional[f] || def.optional[f](v[f]))) out[f] = v[f];
    });
    return out;
  }
  function parse(key) {
    if (key === "lastModule" || key === "name") return { kind: key, ids: [] };
    for (const kind in KEYS) {
      const m = KEYS[kind].exec(key);
      if (m) return { kind, ids: m.slice(1) };
    }
    return null;
  }
  function read(storage, kind, key) {
    let v = null;
    try { v = (storage || store).get(key, null); } catch (e) { /* treat as absent */ }
    return shape(kind, v);
  }
  function filtered(obj, ok) {
    const out = {};
    Object.keys(obj).forEach(k => { if (ok(obj[k])) out[k] = obj[k]; });
    return out;
  }
  const records = {
    MAX_NAME,
    FINAL_TEST,
    isRating,
    key: {
      quiz(bank) { return `quiz:${bank}`; },
      note(ex, prompt) { return `note:${ex}/${prompt}`; },
      scale(ex) { return `scale:${ex}`; },
      visit(stem) { return `visit:${stem}`; },
      lastModule: "lastModule",
      name: "name"
    },
    /** {question: answer} of a bank; only answers of the saved shape. */
    answers(bank, storage) {
      const v = read(storage, "quiz", records.key.quiz(bank));
      return v ? filtered(v.answers, isAnswer) : {};
    },
    /** {text, saved} of a note, or null. */
    note(ex, prompt, storage) { return read(storage, "note", records.key.note(ex, prompt)); },
    /** Whether a note has something written in it. */
    written(note) { return !!note && note.text.trim() !== ""; },
    /** {item: 1..5} of a self-assessment; only valid ratings. */
    ratings(ex, storage) {
      const v = read(storage, "scale", records.key.scale(ex));
      return v ? filtered(v.values, isRating) : {};
    },
    /** {first, last} of a module's visits, or null. */
    visit(stem, storage) { return read(storage, "visit", records.key.visit(stem)); },
    lastModule(storage) {
      const v = read(storage, "lastModule", records.key.lastModule);
      return v ? v.stem : "";
    },
    /** The participant's name or code, as saved, or "". */
    name(storage) {
      const v = read(storage, "name", records.key.name);
      return v ? v.name.slice(0, MAX_NAME).trim() : "";
    },
    saveAnswers(bank, answers) {
      const key = records.key.quiz(bank);
      if (!Object.keys(answers).length) { store.remove(key); return true; }
      return store.set(key, { v: 1, answers });
    },
    saveNote(ex, prompt, text, saved) {
      const value = { v: 1, text };
      if (saved) value.saved = saved;
      return store.set(records.key.note(ex, prompt), value);
    },
    saveRatings(ex, values) { return store.set(records.key.scale(ex), { v: 1, values }); },
    saveVisit(stem, first, last) {
      const value = { v: 1, first };
      if (last) value.last = last;
      return store.set(records.key.visit(stem), value);
    },
    saveLastModule(stem) { return store.set(records.key.lastModule, { v: 1, stem }); },
    saveName(text) {
      const v = text.trim().slice(0, MAX_NAME);
      if (v) return store.set(records.key.name, { v: 1, name: v });
      store.remove(records.key.name);
      return true;
    },
    /** The kind of a saved value and the ids in its key: "note:ex/p" -> {kind: "note", ids: ["ex", "p"]}. */
    parse,
    /** The value as a record of `kind`, or null: what the readers read (see above). */
    shape,
    isAnswer
  };

  /**
   * A full-screen dialog as a modal (the big-screen timer, the slides): everything else on the
   * page is inert until `release()`, and `tab(event)` keeps Tab and Shift+Tab going round the
   * dialog's enabled, visible controls.
   */
  function modal(dialog) {
    const inerted = [];
    Array.from(document.body.children).forEach(el => {
      if (el !== dialog && !el.hasAttribute("inert") && el.tagName !== "SCRIPT") {
        el.setAttribute("inert", "");
        inerted.push(el);
      }
    });
    return {
      release() { inerted.forEach(el => { el.removeAttribute("inert"); }); },
      tab(e) {
        const list = Array.from(dialog.querySelectorAll("button, input, a[href]")).filter(el => !el.disabled && el.offsetParent !== null);
        const first = list[0], last = list[list.length - 1];
        if (e.shiftKey && (e.target === first || e.target === dialog)) { e.preventDefault(); last.focus(); }
        else if (!e.shiftKey && e.target === last) { e.preventDefault(); first.focus(); }
      }
    };
  }

  // The site's root: from this file's own address (…/assets/js/store.js), else from the theme's
  // configuration (its `base`, relative to the page), else the host's root.
  const here = document.currentScript ? document.currentScript.src : "";
  const rooted = /assets\/js\/store\.js(?:[?#].*)?$/.test(here);
  const siteRoot = rooted ? here.replace(/assets\/js\/store\.js(?:[?#].*)?$/, "") : (() => {
    try {
      const base = JSON.parse(document.getElementById("__config").textContent).base;
      return new URL(base.replace(/\/?$/, "/"), location.href).href;
    } catch (e) {
      return new URL("/", location.href).href;
    }
  })();

  /** A page or file of the course by its path from the site root ("min-fremgang/",
      "assets/css/slides.css"), as a URL: the one way our scripts make one. */
  function url(path) { return new URL(path, siteRoot).href; }

  function present(href) {
    return Array.from(document.querySelectorAll("script[src], link[rel='stylesheet'][href]")).some(el => (el.src || el.href) === href);
  }

  const loading = {};
  /** Load one of the course's scripts (a path from the site root) once; a promise that resolves
      when it has run. */
  function load(path) {
    loading[path] = loading[path] || new Promise((resolve, reject) => {
      const script = h("script", { src: url(path) });
      script.onload = resolve;
      script.onerror = () => { delete loading[path]; script.remove(); reject(new Error(`${path} could not be loaded`)); };
      document.head.appendChild(script);
    });
    return loading[path];
  }

  window.Samskabt = {
    store, records, onPage, each, h, el, button, copy,
    download, modal, url, load, pad, has, isObject
  };

  /*
   * A component that opens from a button the page already has (the module's slides) loads its
   * script on the first press, or at once when the address asks for it (`?slides`); the script
   * gives `Samskabt[name].open(box)`. [selector of the box, script, name]; the box is shown
   * (it is hidden in the HTML, for pages without JavaScript) and holds the button.
   */
  const OPENERS = [["[data-slides]", "assets/js/slides.js", "slides"]];
  onPage(root => {
    for (const [selector, path, name] of OPENERS) {
      const S = window.Samskabt;
      if (S[name]) S[name].close();  // left open across instant navigation
      each(root, selector, box => {
        const open = () => load(path).then(() => { S[name].open(box); }, () => { /* stays closed */ });
        box.hidden = false;
        box.querySelector("button").addEventListener("click", open);
        if (new URLSearchParams(location.search).has(name)) open();
      });
    }
  });

  /*
   * Components that only some pages use come with their own script and stylesheet. The build
   * puts them in the page (scripts/assets.py); after instant navigation the new content may
   * need one this page does not have, so the same table (the manifest's `onDemand`) is read
   * here and each file is loaded once, scripts in the table's order.
   */
  onPage(root => {
    const table = (window.SamskabtKursus && window.SamskabtKursus.onDemand) || [];
    if (!rooted) return;
    table.forEach(([selector, path]) => {
      const href = url(path);
      if (present(href) || !root.querySelector(selector)) return;
      const el = /\.css$/.test(path) ? h("link", { rel: "stylesheet", href }) : h("script", { src: href });
      if (el.tagName === "SCRIPT") el.async = false; // run in the table's order
      document.head.appendChild(el);
    });
  });
})();

/*
 * The learner's progress: one rule decides a module's status, and every view uses it:
 * marks in the navigation and in the module tables, "Fortsæt hvor du slap" on the front
 * page ([data-continue]), "Min fremgang" ([data-progress-page]) and "Kursusbevis"
 * ([data-certificate]).
 *
 * Reads what the quiz and the exercises store (quiz:<bank>, note:<ex>/<prompt>,
 * scale:<ex>); writes only visit:<stem> and lastModule (when a module page is opened)
 * and name (typed on Kursusbevis). The course's structure comes from
 * <meta name="samskabt:kursus">. The rule is Samskabt.progress.status(module, storage,
 * passMark); storage is anything with get(key, fallback), such as Samskabt.store.
 */
(function () {
  "use strict";
  var S = window.Samskabt;
  if (!S || !S.store) return;
  var store = S.store;
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
    "september", "oktober", "november", "december"];
  var STATES = {
    "completed": ["✓", "fuldført", "Fuldført"],
    "started": ["◐", "i gang", "I gang"],
    "not-started": ["○", "ikke startet", "Ikke startet"]
  };
  var NO_STORAGE = "Din browser tillader ikke, at kurset gemmer data (det sker fx i privat " +
    "browsing). Din fremgang kan derfor ikke gemmes: den huskes kun, indtil du lukker eller " +
    "genindlæser siden.";

  var ROOT = (function () {
    var src = document.currentScript && document.currentScript.src;
    if (src && /assets\/js\/progress\.js(\?.*)?$/.test(src)) return src.replace(/assets\/js\/progress\.js(\?.*)?$/, "");
    try {
      var base = JSON.parse(document.getElementById("__config").textContent).base;
      return new URL(base.replace(/\/?$/, "/"), location.href).href;
    } catch (e) {
      return new URL("/", location.href).href;
    }
  })();

  // --- The rule ------------------------------------------------------------------------

  function isObj(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function filled(t) { return typeof t === "string" && t.trim() !== ""; }
  /** A stored value of our shape ({"v": 1, …}), or null when missing or corrupt. */
  function read(storage, key) {
    var v = null;
    try { v = storage.get(key, null); } catch (e) { /* treat as absent */ }
    return isObj(v) && v.v === 1 ? v : null;
  }
  function note(storage, ex, p) {
    var n = read(storage, "note:" + ex.id + "/" + p.id);
    return n && filled(n.text) ? n.text : "";
  }

  /*
   * not-started: nothing opened, answered or written.
   * started:     the page was opened (visit:<stem>) or something was answered or written.
   * completed:   started, the quiz has at least passMark of its questions checked and right
   *              (no bank: the quiz part counts as done), and every exercise is done:
   *              a prompt has non-empty text, or, if it has a scale, every item has 1–5.
   */
  function status(module, storage, passMark) {
    var pass = typeof passMark === "number" ? passMark : 0.8;
    var qids = module.bank && Array.isArray(module.questions) ? module.questions : [];
    var quiz = module.bank ? read(storage, "quiz:" + module.bank) : null;
    var answers = quiz && isObj(quiz.answers) ? quiz.answers : {};
    var score = 0, touched = false;
    qids.forEach(function (id) {
      var a = has(answers, id) ? answers[id] : null;
      if (!isObj(a)) return;
      if (a.checked === true || (a.value !== null && a.value !== undefined)) touched = true;
      if (a.checked === true && a.correct === true) score++;
    });
    var total = qids.length;
    var quizPassed = total === 0 || score >= Math.ceil(pass * total - 1e-9);
    var exercises = Array.isArray(module.exercises) ? module.exercises : [];
    var done = 0;
    exercises.forEach(function (ex) {
      var wrote = (ex.prompts || []).some(function (p) { return note(storage, ex, p) !== ""; });
      var sc = read(storage, "scale:" + ex.id), values = sc && isObj(sc.values) ? sc.values : {};
      var items = ex.scale || [];
      var rated = items.filter(function (s) {
        return has(values, s.id) && S.isRating(values[s.id]);
      }).length;
      if (wrote || rated) touched = true;
      if (wrote || (items.length && rated === items.length)) done++;
    });
    var visit = read(storage, "visit:" + module.stem);
    var started = touched || !!(visit && typeof visit.first === "string");
    return {
      state: !started ? "not-started" : quizPassed && done === exercises.length ? "completed" : "started",
      score: score, total: total, quizPassed: quizPassed,
      exercisesDone: done, exercisesTotal: exercises.length
    };
  }

  // --- Helpers for the views -----------------------------------------------------------

  var cache = { raw: null, course: null };
  function course() {
    var meta = document.querySelector('meta[name="samskabt:kursus"]');
    if (!meta) return null;
    if (meta.content !== cache.raw) {
      cache.raw = meta.content;
      try {
        var c = JSON.parse(meta.content);
        cache.course = c && Array.isArray(c.modules) ? c : null;
      } catch (e) {
        cache.course = null;
      }
    }
    return cache.course;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.href = href;
    return a;
  }
  function clean(href) {
    var u = new URL(href, location.href);
    u.hash = "";
    u.search = "";
    return u.href.replace(/index\.html$/, "");
  }
  function url(m) { return ROOT + m.url; }
  function label(m) { return "Modul " + m.number + ": " + m.title; }
  function needed(st, pass) { return Math.ceil(pass * st.total - 1e-9); }
  function duration(min) {
    var h = Math.floor(min / 60), m = min % 60;
    var mins = m + (m === 1 ? " minut" : " minutter");
    if (!h) return mins;
    return h + (h === 1 ? " time" : " timer") + (m ? " og " + mins : "");
  }
  function today() {
    var d = new Date();
    return d.getDate() + ". " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }
  /** Icon plus the state in words (visually hidden unless `visible`). */
  function mark(state, visible) {
    var s = STATES[state], m = el("span", "progress-mark progress-mark--" + state);
    m.appendChild(el("span", "progress-mark__icon", s[0])).setAttribute("aria-hidden", "true");
    m.appendChild(el("span", visible ? "progress-mark__text" : "progress-sr", visible ? s[2] : " – " + s[1]));
    return m;
  }
  function notice(box) {
    if (store.persistent || box.querySelector(".progress-notice")) return;
    var p = el("p", "progress-notice", NO_STORAGE);
    p.setAttribute("role", "note");
    box.insertBefore(p, box.firstChild);
  }
  function quizText(st) { return st.total ? st.score + " af " + st.total + " rigtige" : "Ingen quiz"; }
  function exerciseText(st) {
    return st.exercisesTotal ? st.exercisesDone + " af " + st.exercisesTotal + " skrevet" : "Ingen øvelser";
  }

  // --- Views ---------------------------------------------------------------------------

  function markLinks(root, c, byUrl) {
    Array.prototype.forEach.call(root.querySelectorAll("a.md-nav__link[href]"), function (a) {
      if (a.getAttribute("href").indexOf("#") >= 0) return;
      var hit = byUrl[clean(a.href)];
      var old = a.querySelector(".progress-mark");
      if (old) a.removeChild(old);
      if (hit) a.appendChild(mark(hit.st.state, false));
    });
  }

  function markTables(root, c, byUrl) {
    Array.prototype.forEach.call(root.querySelectorAll(".modultabel table"), function (table) {
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
      var found = rows.map(function (tr) {
        var a = Array.prototype.filter.call(tr.querySelectorAll("td a[href]"), function (x) {
          return x.getAttribute("href").indexOf("#") < 0 && byUrl[clean(x.href)];
        })[0];
        return a ? byUrl[clean(a.href)] : null;
      });
      if (!found.some(Boolean)) return;
      if (!table.hasAttribute("data-progress")) {
        table.setAttribute("data-progress", "");
        var head = table.querySelector("thead tr");
        if (head) head.appendChild(el("th", "progress-col", "Status"));
        rows.forEach(function (tr) { tr.appendChild(el("td", "progress-col")); });
      }
      rows.forEach(function (tr, i) {
        var cell = tr.querySelector("td.progress-col");
        if (!cell) return;
        cell.textContent = "";
        if (found[i]) cell.appendChild(mark(found[i].st.state, true));
      });
    });
  }

  function target(c, all) {
    var last = read(store, "lastModule"), pick = null;
    all.forEach(function (x) {
      if (last && x.m.stem === last.stem && x.st.state !== "completed") pick = x;
    });
    return pick || all.filter(function (x) { return x.st.state !== "completed"; })[0] || null;
  }

  function renderContinue(root, c, all) {
    var box = root.querySelector("[data-continue]");
    if (!box) return;
    var done = all.filter(function (x) { return x.st.state === "completed"; }).length;
    var begun = read(store, "lastModule") || all.some(function (x) { return x.st.state !== "not-started"; });
    box.textContent = "";
    if (!begun) {
      box.appendChild(el("p")).appendChild(link(url(all[0].m), "Start kurset", "md-button md-button--primary"));
      return;
    }
    var next = target(c, all);
    box.appendChild(el("p", "continue__title", next ? "Fortsæt hvor du slap" : "Du har gennemført alle moduler"));
    var p = box.appendChild(el("p", "continue__actions"));
    if (next) p.appendChild(link(url(next.m), label(next.m), "md-button md-button--primary"));
    else p.appendChild(link(ROOT + c.pages.certificate, "Se dit kursusbevis", "md-button md-button--primary"));
    p.appendChild(link(ROOT + c.pages.progress, "Min fremgang (" + done + " af " + all.length + " moduler fuldført)", "md-button"));
  }

  function renderProgressPage(root, c, all) {
    var box = root.querySelector("[data-progress-page]");
    if (!box) return;
    S.each(root, "[data-progress-page]", function () {
      box.textContent = "";
      notice(box);
      box.appendChild(el("p", "progress-summary")).tabIndex = -1;
      box.appendChild(el("progress", "progress-bar")).setAttribute("aria-hidden", "true");
      var table = box.appendChild(el("table", "progress-table"));
      var tr = table.appendChild(el("thead")).appendChild(el("tr"));
      ["Modul", "Status", "Quiz", "Øvelser"].forEach(function (t) { tr.appendChild(el("th", null, t)).scope = "col"; });
      table.appendChild(el("tbody"));
      var reset = box.appendChild(el("p")).appendChild(el("button", "md-button", "Nulstil alt"));
      var said = box.appendChild(el("p", "progress-said"));
      said.setAttribute("role", "status");
      reset.type = "button";
      reset.addEventListener("click", function () {
        if (!window.confirm("Vil du slette alt, hvad kurset har gemt i denne browser: dine quizsvar, " +
          "noter, selvvurderinger og din fremgang? Det kan ikke fortrydes.")) return;
        store.keys("").forEach(function (k) { store.remove(k); });
        refresh(document);
        said.textContent = "Alt er slettet.";
        box.querySelector(".progress-summary").focus();
      });
    });
    var done = all.filter(function (x) { return x.st.state === "completed"; });
    var left = all.reduce(function (n, x) { return n + (x.st.state === "completed" ? 0 : x.m.minutes || 0); }, 0);
    var bar = box.querySelector(".progress-bar");
    bar.max = all.length;
    bar.value = done.length;
    box.querySelector(".progress-summary").textContent = done.length + " af " + all.length + " moduler fuldført. " +
      (left ? "Du mangler cirka " + duration(left) + "." : "Du har gennemført hele kurset.");
    var body = box.querySelector(".progress-table tbody");
    body.textContent = "";
    all.forEach(function (x) {
      var row = body.appendChild(el("tr"));
      row.appendChild(el("td")).appendChild(link(url(x.m), label(x.m)));
      row.appendChild(el("td")).appendChild(mark(x.st.state, true));
      row.appendChild(el("td", null, quizText(x.st)));
      row.appendChild(el("td", null, exerciseText(x.st)));
    });
  }

  var MAX_NAME = 80;  // the longest certificate name; reflections.js imports no longer one

  function renderCertificate(root, c, all) {
    var box = root.querySelector("[data-certificate]");
    if (!box) return;
    S.each(root, "[data-certificate]", function () {
      var title = box.getAttribute("data-course") || "";
      box.textContent = "";
      notice(box);
      box.appendChild(el("div", "certificate-missing"));
      var ready = box.appendChild(el("div", "certificate-ready"));
      var form = ready.appendChild(el("p", "certificate-form"));
      form.appendChild(el("label", null, "Dit navn på oversigten")).htmlFor = "certificate-name";
      var input = form.appendChild(el("input"));
      input.id = "certificate-name";
      input.type = "text";
      input.autocomplete = "name";
      input.maxLength = MAX_NAME;
      input.dir = "auto";
      input.setAttribute("aria-describedby", "certificate-name-hint");
      form.appendChild(el("span", "certificate-form__hint", "Navnet gemmes kun i din browser. Højst " + MAX_NAME + " tegn.")).id = "certificate-name-hint";
      var print = ready.appendChild(el("p")).appendChild(el("button", "md-button md-button--primary", "Udskriv eller gem som PDF"));
      print.type = "button";
      print.addEventListener("click", function () { window.print(); });
      var cert = ready.appendChild(el("section", "certificate"));
      cert.setAttribute("aria-labelledby", "certificate-title");
      cert.appendChild(el("p", "certificate__kind", "Egenerklæret kursusoversigt"));
      cert.appendChild(el("h2", null, title)).id = "certificate-title";
      // dir="auto": a name in Arabic or Hebrew is shown in its own direction, isolated from the text around it.
      var name = cert.appendChild(el("p", "certificate__name"));
      name.dir = "auto";
      cert.appendChild(el("p", null, "har på egen hånd gennemført alle modulerne i e-læringskurset »" + title +
        "«: læst modulerne, bestået modulernes quizzer og skrevet svar på refleksionsøvelserne."));
      cert.appendChild(el("ol", "certificate__modules"));
      cert.appendChild(el("div", "certificate__own"));
      cert.appendChild(el("p", "certificate__date"));
      cert.appendChild(el("p", "certificate__note", "Oversigten er lavet af deltageren selv ud fra det, der er gemt i " +
        "deltagerens egen browser. Den er ikke et officielt eller godkendt kursusbevis."));
      var saved = read(store, "name");
      input.value = saved && typeof saved.name === "string" ? saved.name.slice(0, MAX_NAME) : "";
      function show() {
        name.textContent = input.value.trim();
        name.classList.toggle("certificate__name--empty", !name.textContent);
      }
      input.addEventListener("input", function () {
        show();
        if (input.value.trim()) store.set("name", { v: 1, name: input.value.trim() });
        else store.remove("name");
      });
      show();
    });
    var missing = all.filter(function (x) { return x.st.state !== "completed"; });
    var miss = box.querySelector(".certificate-missing"), ready = box.querySelector(".certificate-ready");
    miss.hidden = !missing.length;
    ready.hidden = !!missing.length;
    miss.textContent = "";
    if (missing.length) {
      miss.appendChild(el("p", null, "Din kursusoversigt bliver klar, når du har gennemført alle " + all.length +
        " moduler. Du mangler " + missing.length + (missing.length === 1 ? " modul:" : " moduler:")));
      var ul = miss.appendChild(el("ul"));
      missing.forEach(function (x) {
        var li = ul.appendChild(el("li"));
        li.appendChild(link(url(x.m), label(x.m)));
        var parts = [];
        if (!x.st.quizPassed) parts.push("quiz: " + x.st.score + " af " + x.st.total + " rigtige, mindst " + needed(x.st, c.passMark) + " skal være rigtige");
        if (x.st.exercisesDone < x.st.exercisesTotal) parts.push("øvelser: " + exerciseText(x.st));
        if (!parts.length) parts.push("åbn modulet");
        li.appendChild(document.createTextNode(" – " + parts.join("; ")));
      });
      return;
    }
    var list = box.querySelector(".certificate__modules");
    list.textContent = "";
    all.forEach(function (x) {
      list.appendChild(el("li", null, label(x.m) + (x.st.total ? " – quiz: " + quizText(x.st) : "")));
    });
    var own = box.querySelector(".certificate__own");
    own.textContent = "";
    all.forEach(function (x) {
      (x.m.exercises || []).forEach(function (ex) {
        if (ex.id !== "hvad-tager-i-med") return;
        var texts = ex.prompts.filter(function (p) { return note(store, ex, p); });
        if (!texts.length) return;
        own.appendChild(el("h3", null, ex.title));
        texts.forEach(function (p) {
          own.appendChild(el("p", "certificate__prompt", p.text));
          own.appendChild(el("p", "certificate__answer", note(store, ex, p)));
        });
      });
    });
    box.querySelector(".certificate__date").textContent = "Dato: " + today();
  }

  // --- Wiring --------------------------------------------------------------------------

  function recordVisit(c) {
    var here = clean(location.href);
    c.modules.forEach(function (m) {
      if (url(m) !== here) return;
      var now = new Date().toISOString(), old = read(store, "visit:" + m.stem);
      store.set("visit:" + m.stem, { v: 1, first: old && typeof old.first === "string" ? old.first : now, last: now });
      store.set("lastModule", { v: 1, stem: m.stem });
    });
  }

  function refresh(root) {
    var c = course();
    if (!c || !c.modules.length) return;
    var pass = typeof c.passMark === "number" ? c.passMark : 0.8;
    var byUrl = {};
    var all = c.modules.map(function (m) {
      var x = { m: m, st: status(m, store, pass) };
      byUrl[url(m)] = x;
      return x;
    });
    markLinks(root, c, byUrl);
    markTables(root, c, byUrl);
    renderContinue(root, c, all);
    renderProgressPage(root, c, all);
    renderCertificate(root, c, all);
  }

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(function () { refresh(document); }, 50);
  }
  S.onPage(function (root) {
    var c = course();
    if (c) recordVisit(c);
    refresh(root);
  });
  store.onChange(function (e) { if (e.key !== "name") later(); });
  window.addEventListener("storage", later);

  S.progress = { status: status, course: course, MAX_NAME: MAX_NAME };
})();

/*
 * Refleksionsøvelser (section.exercise, rendered by scripts/exercises.py).
 *
 * - Notes: every textarea[data-note="<exId>/<promptId>"] is saved as a note (Samskabt.records)
 *   while typing (debounced), on blur and on pagehide, and restored on load. The status line
 *   says "Gemt kl. HH:MM".
 * - Without storage a notice and a "Download mine noter" button appear; a failed write
 *   (quota) shows a warning and the same button, and the text stays on screen.
 * - Self-assessment: radios[data-scale] saved as the exercise's ratings (Samskabt.records),
 *   drawn as a small accessible SVG bar profile.
 * - "Udskriv øvelsen" prints the exercise alone as a worksheet (see exercises.css).
 * - Timed exercises get "Vis på storskærm": a full-screen dialog with the prompts,
 *   the current phase and a countdown that moves through the phases by itself.
 *
 * Uses Samskabt.store / records / onPage / each from store.js; defines no globals.
 */
(function () {
  "use strict";
  var S = window.Samskabt;
  if (!S || !S.store) return;
  var store = S.store;
  var R = S.records;
  var SAVE_DELAY = 500;
  var pending = [];          // debounced saves not yet written: {timer, run}
  var presenter = null;      // the open presentation view, if any

  // --- Small helpers ------------------------------------------------------------------

  var h = Samskabt.h;
  var download = Samskabt.download;

  function svg(tag, attrs, text) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function pad(n) { return String(n).padStart(2, "0"); }
  function clockTime(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }

  function button(label, cls) { return S.button(label, "exercise-button" + (cls ? " " + cls : "")); }

  /** The saved note of a textarea[data-note="<exId>/<promptId>"], or null. */
  function noteOf(ta) {
    var id = ta.dataset.note.split("/");
    return R.note(id[0], id[1]);
  }

  function flushAll() {
    pending.slice().forEach(function (p) { p.run(); });
  }

  // --- Notes ----------------------------------------------------------------------------

  /*
   * Notes in two tabs. `base` is the text this tab last read from or wrote to storage. A field
   * is saved only when the participant changed it (value differs from base), so a tab that
   * still shows an old text never overwrites a newer one. When another tab saves, a field
   * without unsaved edits takes the new text; a field with unsaved edits keeps both texts.
   */
  var OTHER_TAB = "\n\n[Skrevet i en anden fane:]\n";

  function initNotes(section, ui) {
    Array.prototype.forEach.call(section.querySelectorAll("textarea[data-note]"), function (ta) {
      var id = ta.dataset.note.split("/");
      var key = R.key.note(id[0], id[1]);
      var mirror = h("div", { "class": "exercise-prompt__print", "aria-hidden": "true" });
      ta.insertAdjacentElement("afterend", mirror);
      var saved = noteOf(ta);
      var base = saved ? saved.text : "";
      if (saved && !ta.value) ta.value = saved.text;
      mirror.textContent = ta.value;

      function show(text) {
        var start = ta.selectionStart, end = ta.selectionEnd;
        ta.value = text;
        if (document.activeElement === ta) ta.setSelectionRange(start, end);
        mirror.textContent = text;
      }

      var job = null;
      function save() {
        if (job) { clearTimeout(job.timer); pending.splice(pending.indexOf(job), 1); job = null; }
        var text = ta.value;
        if (text === base) return;
        var current = noteOf(ta);
        var stored = current ? current.text : "";
        if (stored === text) { base = text; return; }
        var merged = stored !== base && stored.trim() !== "";
        if (merged) {
          // Another tab saved since this tab read the note: keep both texts.
          if (stored.indexOf(text) !== -1) text = stored;
          else if (text.indexOf(stored) === -1) text = text + OTHER_TAB + stored;
          show(text);
          ui.merged();
          if (text === stored) { base = text; return; }
        }
        if (!text.trim()) {
          if (current) store.remove(key);
          base = "";
          ui.saved(new Date());
          return;
        }
        var now = new Date();
        if (R.saveNote(id[0], id[1], text, now.toISOString())) {
          base = text;
          if (!merged) ui.saved(now);
        } else ui.failed();
      }
      ta.addEventListener("input", function () {
        mirror.textContent = ta.value;
        if (job) clearTimeout(job.timer);
        else { job = { run: save }; pending.push(job); }
        job.timer = setTimeout(save, SAVE_DELAY);
      });
      ta.addEventListener("blur", save);
      store.watch(key, ta, function () {
        var n = noteOf(ta);
        var text = n ? n.text : "";
        if (ta.value === base) {
          base = text;
          show(text);
          ui.updated();
        } else {
          save();
        }
      });
    });
  }

  function exerciseMarkdown(section) {
    var out = ["# Øvelse: " + section.dataset.title, ""];
    var scale = section.querySelector(".exercise-scale");
    if (scale) {
      var values = R.ratings(section.dataset.exercise);
      out.push("## Selvvurdering", "");
      Array.prototype.forEach.call(scale.querySelectorAll("[data-item]"), function (fs) {
        var v = values[fs.dataset.item];
        out.push("- " + fs.querySelector("legend").textContent.trim() + ": " + (v ? v + " af 5" : "ikke vurderet"));
      });
      out.push("");
    }
    Array.prototype.forEach.call(section.querySelectorAll("textarea[data-note]"), function (ta) {
      var label = section.querySelector('label[for="' + ta.id + '"]');
      out.push("## " + (label ? label.textContent.trim() : ta.dataset.note), "");
      out.push(ta.value.trim() ? ta.value.trim() : "_(ikke besvaret)_", "");
    });
    return out.join("\n");
  }

  // --- Self-assessment profile ---------------------------------------------------------

  function drawProfile(box, items, values) {
    var rowH = 46, segW = 60, width = 5 * segW + 60;
    var summary = items.map(function (it) {
      var v = values[it.id];
      return it.label + ": " + (v ? v + " af 5" : "ikke vurderet");
    }).join("; ");
    var root = svg("svg", {
      "class": "exercise-profile", role: "img", viewBox: "0 0 " + width + " " + (items.length * rowH + 4),
      "aria-label": "Din profil. " + summary + ".", focusable: "false"
    });
    root.appendChild(svg("title", {}, "Din profil. " + summary + "."));
    items.forEach(function (it, i) {
      var y = i * rowH, v = values[it.id] || 0;
      root.appendChild(svg("text", { x: 0, y: y + 15, "class": "exercise-profile__label" }, it.label));
      root.appendChild(svg("rect", { x: 0, y: y + 22, width: 5 * segW, height: 18, rx: 3, "class": "exercise-profile__track" }));
      if (v) root.appendChild(svg("rect", { x: 0, y: y + 22, width: v * segW, height: 18, rx: 3, "class": "exercise-profile__bar" }));
      for (var s = 1; s < 5; s++) {
        root.appendChild(svg("line", { x1: s * segW, x2: s * segW, y1: y + 22, y2: y + 40, "class": "exercise-profile__tick" }));
      }
      root.appendChild(svg("text", { x: 5 * segW + 10, y: y + 36, "class": "exercise-profile__value" }, v ? v + "/5" : "–"));
    });
    box.replaceChildren(h("p", { "class": "exercise-scale__caption", text: "Din profil" }), root);
  }

  function initScale(section, ui) {
    var scale = section.querySelector(".exercise-scale");
    if (!scale) return;
    var exId = section.dataset.exercise;
    var box = scale.querySelector(".exercise-scale__profile");
    var items = Array.prototype.map.call(scale.querySelectorAll("fieldset[data-item]"), function (fs) {
      return { id: fs.dataset.item, label: fs.querySelector("legend").textContent.trim() };
    });
    function showValues(current) {
      Array.prototype.forEach.call(scale.querySelectorAll("input[data-scale]"), function (input) {
        input.checked = String(current[input.dataset.scale.split("/")[1]]) === input.value;
      });
      if (box) drawProfile(box, items, current);
    }
    showValues(R.ratings(exId));
    store.watch(R.key.scale(exId), scale, function () { showValues(R.ratings(exId)); ui.updated(); });
    // One CSV row in the format the notebook »Klassens profil« reads:
    // deltager,<item ids…>; the teacher gathers the rows of the group into one file.
    var csvBtn = button("Download som CSV");
    csvBtn.addEventListener("click", function () {
      var current = R.ratings(exId);
      var head = ["deltager"].concat(items.map(function (it) { return it.id; }));
      // The name from »Kursusbevis«, so the teacher can tell the rows apart (quoted as CSV needs).
      var who = R.name();
      if (/[",;\n\r]/.test(who)) who = '"' + who.replace(/"/g, '""') + '"';
      var row = [who].concat(items.map(function (it) { return current[it.id] || ""; }));
      download("fire-faktorer.csv", head.join(",") + "\n" + row.join(",") + "\n", "text/csv");
    });
    scale.appendChild(h("p", { "class": "exercise-scale__csv" }, [csvBtn]));
    scale.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[data-scale]")) return;
      var current = R.ratings(exId);
      current[input.dataset.scale.split("/")[1]] = Number(input.value);
      if (box) drawProfile(box, items, current);
      if (R.saveRatings(exId, current)) ui.saved(new Date());
      else ui.failed();
    });
  }

  // --- Printing -----------------------------------------------------------------------

  function printExercise(section) {
    var html = document.documentElement;
    var marked = [section];
    section.setAttribute("data-print-keep", "");
    for (var el = section.parentElement; el && el !== html; el = el.parentElement) {
      el.setAttribute("data-print-path", "");
      marked.push(el);
    }
    var heading = document.getElementById(section.getAttribute("aria-labelledby"));
    if (heading) { heading.setAttribute("data-print-keep", ""); marked.push(heading); }
    html.classList.add("exercise-printing");
    function done() {
      window.removeEventListener("afterprint", done);
      html.classList.remove("exercise-printing");
      marked.forEach(function (m) { m.removeAttribute("data-print-path"); m.removeAttribute("data-print-keep"); });
    }
    window.addEventListener("afterprint", done);
    window.print();
  }

  // --- The exercise ---------------------------------------------------------------------

  function initExercise(section) {
    var exId = section.dataset.exercise;
    var status = section.querySelector(".exercise__status");
    var tools = h("div", { "class": "exercise__tools" });
    var downloadBtn = button("Download mine noter");
    downloadBtn.hidden = true;
    downloadBtn.addEventListener("click", function () {
      flushAll();
      download("noter-" + exId + ".md", exerciseMarkdown(section));
    });

    var printBtn = button("Udskriv øvelsen");
    printBtn.addEventListener("click", function () { flushAll(); printExercise(section); });
    tools.appendChild(printBtn);

    var phases = phasesOf(section);
    var asked = wanted(exId);
    if (!phases.length && asked && asked.minutes > 0) {
      phases = [{ name: "Arbejd med øvelsen", ms: Math.round(asked.minutes * 60000) }];
    }
    if (phases.length) {
      var showBtn = button("Vis på storskærm");
      showBtn.addEventListener("click", function () { openPresenter(section, phases, showBtn); });
      tools.appendChild(showBtn);
      if (asked) setTimeout(function () { openPresenter(section, phases, showBtn, true); }, 0);
    }
    tools.appendChild(downloadBtn);
    if (status) status.insertAdjacentElement("beforebegin", tools);
    else section.appendChild(tools);

    var ui = {
      saved: function (when) {
        if (!status) return;
        status.classList.remove("exercise__status--warning");
        status.textContent = store.persistent
          ? "Gemt kl. " + clockTime(when)
          : "Husket kl. " + clockTime(when) + ", men kun indtil siden lukkes";
      },
      updated: function () {
        if (!status) return;
        status.classList.remove("exercise__status--warning");
        status.textContent = "Opdateret fra en anden fane kl. " + clockTime(new Date());
      },
      merged: function () {
        if (!status) return;
        status.classList.add("exercise__status--warning");
        status.textContent = "Noten blev også ændret i en anden fane. Begge tekster står nu i feltet og er gemt; " +
          "ret teksten til, som du vil have den.";
      },
      failed: function () {
        downloadBtn.hidden = false;
        if (!status) return;
        status.classList.add("exercise__status--warning");
        status.textContent = "Advarsel: Din seneste tekst kunne ikke gemmes, fordi browserens lager er fuldt eller blokeret. " +
          "Teksten står stadig her. Hent den med »Download mine noter«, før du lukker siden.";
      }
    };

    if (!store.persistent) {
      downloadBtn.hidden = false;
      var now = button("Download noterne fra denne øvelse");
      now.addEventListener("click", function () { downloadBtn.click(); });
      var notice = h("div", { "class": "exercise__notice" }, [
        h("p", {}, [
          h("strong", { text: "Dine noter bliver ikke gemt. " }),
          "Din browser tillader ikke, at kurset gemmer noget (måske bruger du et privat vindue). " +
          "Det, du skriver, forsvinder, når du lukker siden, genindlæser den eller går til en anden side. " +
          "Hent dine noter som en fil, før du går videre."
        ]),
        h("p", {}, [now])
      ]);
      var intro = section.querySelector(".exercise__intro");
      if (intro) intro.insertAdjacentElement("afterend", notice);
      else section.insertBefore(notice, section.firstChild);
    }

    initNotes(section, ui);
    initScale(section, ui);
    var restored = Array.prototype.map.call(section.querySelectorAll("textarea[data-note]"), function (ta) {
      var n = noteOf(ta);
      return n && n.saved ? new Date(n.saved) : null;
    }).filter(function (d) { return d && !isNaN(d); });
    if (restored.length && status && store.persistent) {
      var last = new Date(Math.max.apply(null, restored));
      status.textContent = "Gemt kl. " + clockTime(last) + " d. " + last.getDate() + "." + (last.getMonth() + 1) + ".";
    }
  }

  // --- Presentation view ("Vis på storskærm") -----------------------------------------

  function minutes(ms) {
    var m = Math.round(ms / 6000) / 10;
    return String(m).replace(".", ",") + (m === 1 ? " minut" : " minutter");
  }

  function fmt(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  /** Time over, counted up in whole seconds: "+01:05". */
  function fmtOver(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    return "+" + pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  var audio = null;
  function audioContext() {
    if (!audio) {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx) audio = new Ctx();
    }
    return audio;
  }

  /** A short, soft sine tone made on the spot: no sound files. */
  function beep() {
    try {
      var ctx = audioContext();
      if (!ctx) return;
      if (ctx.state === "suspended" && ctx.resume) ctx.resume();
      var t = ctx.currentTime;
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.9);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 1);
    } catch (e) { /* sound is optional */ }
  }

  /** `?storskaerm=<id>&minutter=N` (the lesson plans' link): open that exercise on the big screen,
      with N minutes when the exercise has no phases of its own. */
  function wanted(exId) {
    var q = new URLSearchParams(window.location.search);
    if (q.get("storskaerm") !== exId) return null;
    return { minutes: parseFloat(q.get("minutter") || "0") || 0 };
  }

  /** A timed exercise's phases from its rendered list ([] when it has none). */
  function phasesOf(section) {
    return Array.prototype.map.call(section.querySelectorAll(".exercise__phases li[data-minutes]"), function (li) {
      return { name: li.dataset.name, ms: Math.round(parseFloat(li.dataset.minutes) * 60000) };
    }).filter(function (p) { return p.ms > 0; });
  }

  /**
   * The big-screen view of a timed exercise, opened from elsewhere (the slides); focus returns to
   * `opener`, an element or a function that finds it when the view closes.
   */
  S.presentExercise = function (section, opener) {
    var phases = phasesOf(section);
    if (phases.length) openPresenter(section, phases, opener);
  };

  /* `fromAddress`: opened by the page's address, without a click, so full screen is not asked
     for (browsers refuse it); F11 or the browser's own full screen does it. */
  function openPresenter(section, phases, opener, fromAddress) {
    if (presenter) presenter.close(false);
    var exId = section.dataset.exercise;
    var titleId = "storskaerm-" + exId + "-titel";
    var state = { index: 0, left: phases[0].ms, endAt: 0, running: false, done: false, overFrom: 0, over: 0, timer: null };

    var title = h("h2", { id: titleId, "class": "exercise-present__title", text: section.dataset.title });
    var prompts = h("div", { "class": "exercise-present__prompts" });
    Array.prototype.forEach.call(section.querySelectorAll(".exercise-prompt__label"), function (label) {
      var p = h("p");
      p.innerHTML = label.innerHTML;
      prompts.appendChild(p);
    });
    var phaseLine = h("p", { "class": "exercise-present__phase" });
    var steps = h("ol", { "class": "exercise-present__steps", "aria-label": "Faser" }, phases.map(function (p) {
      return h("li", { text: p.name + ", " + minutes(p.ms) });
    }));
    var clock = h("p", { "class": "exercise-present__clock", role: "timer", "aria-live": "off", "aria-atomic": "true" });
    var bar = h("div", { "class": "exercise-present__bar", "aria-hidden": "true" }, [h("span")]);
    var live = h("p", { "class": "exercise-present__live kursus-sr", "aria-live": "polite", "aria-atomic": "true" });
    var startBtn = button("Start", "exercise-present__start");
    var prevBtn = button("Forrige fase");
    var nextBtn = button("Næste fase");
    var resetBtn = button("Nulstil");
    var closeBtn = button("Luk");
    var soundId = "storskaerm-" + exId + "-lyd";
    var sound = h("input", { type: "checkbox", id: soundId });
    var keys = h("p", { "class": "exercise-present__keys", id: "storskaerm-" + exId + "-taster",
      text: "Taster: Mellemrum = start/pause · → = næste fase · ← = forrige fase · R = nulstil · Esc = luk" });
    var dialog = h("div", {
      "class": "exercise-present", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId,
      "aria-describedby": keys.id, tabindex: "-1", "data-exercise": exId
    }, [
      h("div", { "class": "exercise-present__inner" }, [
        title, prompts, phaseLine, clock, bar, steps,
        h("div", { "class": "exercise-present__controls" }, [startBtn, prevBtn, nextBtn, resetBtn, closeBtn]),
        h("p", { "class": "exercise-present__sound" }, [sound, h("label", { "for": soundId, text: "Lydsignal ved fasens slut" })]),
        keys, live
      ])
    ]);

    function phaseText() {
      return "Fase " + (state.index + 1) + " af " + phases.length + ": " + phases[state.index].name;
    }
    function render() {
      var ph = phases[state.index];
      phaseLine.textContent = state.done ? "Tiden er gået" : phaseText();
      clock.textContent = state.done ? fmtOver(state.over) : fmt(state.left);
      clock.setAttribute("aria-label", state.done ? "Overtid " + fmtOver(state.over) : fmt(state.left));
      dialog.classList.toggle("exercise-present--over", state.done);
      bar.firstChild.style.width = (100 * (1 - state.left / ph.ms)).toFixed(2) + "%";
      startBtn.textContent = state.running ? "Pause" : (state.done ? "Start forfra" : "Start");
      prevBtn.disabled = state.index === 0;
      nextBtn.disabled = state.index === phases.length - 1;
      Array.prototype.forEach.call(steps.children, function (li, i) {
        if (i === state.index && !state.done) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
    }
    function announce(text) { live.textContent = text; }
    /* At the end of a phase: a flash of the whole screen, and the tone when it is ticked. */
    var flashJob = null;
    function signal() {
      if (sound.checked) beep();
      dialog.classList.remove("exercise-present--flash");
      void dialog.offsetWidth; // restart the animation
      dialog.classList.add("exercise-present--flash");
      clearTimeout(flashJob);
      flashJob = setTimeout(function () { dialog.classList.remove("exercise-present--flash"); }, 2000);
    }
    function stopTimer() { if (state.timer) { clearInterval(state.timer); state.timer = null; } }
    function tick() {
      if (state.done) { state.over = Date.now() - state.overFrom; render(); return; }
      if (!state.running) return;
      var now = Date.now();
      var left = state.endAt - now;
      var changed = false;
      while (left <= 0 && state.index < phases.length - 1) {
        state.index++;
        state.endAt += phases[state.index].ms;
        left = state.endAt - now;
        changed = true;
      }
      if (left <= 0) {
        // The last phase is over: the clock counts the time over until it is reset.
        state.left = 0;
        state.running = false;
        state.done = true;
        state.overFrom = state.endAt;
        state.over = now - state.endAt;
        signal();
        announce("Tiden er gået. Sidste fase er slut. Uret tæller nu overtiden.");
      } else {
        state.left = left;
        if (changed) {
          signal();
          announce("Ny fase. " + phaseText() + ", " + minutes(phases[state.index].ms) + ".");
        }
      }
      render();
    }
    function start() {
      if (state.done) reset(true);
      state.running = true;
      state.endAt = Date.now() + state.left;
      stopTimer();
      state.timer = setInterval(tick, 200);
      announce("Timeren kører. " + phaseText() + ".");
      render();
    }
    function pause() {
      tick();
      if (!state.running) return;
      state.running = false;
      state.left = Math.max(0, state.endAt - Date.now());
      stopTimer();
      announce("Pause. " + fmt(state.left) + " tilbage af fasen.");
      render();
    }
    function toggle() { if (state.running) pause(); else start(); }
    function go(index, quiet) {
      if (index < 0 || index >= phases.length) return;
      var wasRunning = state.running;
      if (state.done) stopTimer();
      state.index = index;
      state.left = phases[index].ms;
      state.done = false;
      if (wasRunning) state.endAt = Date.now() + state.left;
      if (!quiet) announce(phaseText() + ", " + minutes(state.left) + ".");
      render();
    }
    function reset(quiet) {
      stopTimer();
      state.running = false;
      state.done = false;
      go(0, true);
      if (!quiet) announce("Nulstillet. " + phaseText() + ".");
      render();
    }

    startBtn.addEventListener("click", toggle);
    prevBtn.addEventListener("click", function () { go(state.index - 1); });
    nextBtn.addEventListener("click", function () { go(state.index + 1); });
    resetBtn.addEventListener("click", function () { reset(); });
    closeBtn.addEventListener("click", function () { close(true); });
    sound.addEventListener("change", function () {
      // Browsers only allow audio that a click started: create the context now.
      if (sound.checked) { try { audioContext(); } catch (e) { /* no sound then */ } }
    });

    dialog.addEventListener("keydown", function (e) {
      var t = e.target;
      var onCheckbox = t && t.type === "checkbox";
      e.stopPropagation(); // keep Material's own shortcuts (search, n/p) away while the dialog is open
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "Escape") { e.preventDefault(); close(true); }
      else if ((e.key === " " || e.key === "Spacebar") && !onCheckbox) { e.preventDefault(); toggle(); }
      else if (e.key === "ArrowRight") { e.preventDefault(); go(state.index + 1); }
      else if (e.key === "ArrowLeft") { e.preventDefault(); go(state.index - 1); }
      else if ((e.key === "r" || e.key === "R") && !e.shiftKey) { e.preventDefault(); reset(); }
      else if (e.key === "Tab") modal.tab(e);
    });
    // Space on a focused button would also "click" it on keyup: the shortcut already ran.
    dialog.addEventListener("keyup", function (e) {
      if ((e.key === " " || e.key === "Spacebar") && !(e.target && e.target.type === "checkbox")) e.preventDefault();
      e.stopPropagation();
    });
    function keepFocus(e) {
      if (!dialog.contains(e.target)) startBtn.focus({ preventScroll: true });
    }

    var modal = S.modal(dialog);
    document.documentElement.classList.add("exercise-presenting");
    document.body.appendChild(dialog);
    document.addEventListener("focusin", keepFocus);
    var wasFullscreen = false;
    function onFullscreen() {
      if (document.fullscreenElement === dialog) wasFullscreen = true;
      else if (wasFullscreen && presenter === api) close(true); // Esc in full screen closes the view too
    }
    document.addEventListener("fullscreenchange", onFullscreen);
    if (dialog.requestFullscreen && !fromAddress) {
      try {
        var p = dialog.requestFullscreen({ navigationUI: "hide" });
        if (p && p.catch) p.catch(function () { /* refused: the overlay still fills the window */ });
      } catch (e) { /* refused */ }
    }

    function close(returnFocus) {
      stopTimer();
      window.removeEventListener("resize", onResize);
      state.running = false;
      document.removeEventListener("focusin", keepFocus);
      document.removeEventListener("fullscreenchange", onFullscreen);
      if (document.fullscreenElement === dialog && document.exitFullscreen) {
        try { var q = document.exitFullscreen(); if (q && q.catch) q.catch(function () {}); } catch (e) { /* ignore */ }
      }
      modal.release();
      document.documentElement.classList.remove("exercise-presenting");
      dialog.remove();
      if (presenter === api) presenter = null;
      var back = typeof opener === "function" ? opener() : opener;
      if (returnFocus && back && back.isConnected) back.focus();
    }
    /* Everything on one screen, from a 1024×768 projector to 4K: the text shrinks step by step
       (--present-fit) until nothing sticks out. */
    function fit() {
      var scale = 1;
      dialog.style.setProperty("--present-fit", "1");
      while (scale > 0.4 && (dialog.scrollHeight > dialog.clientHeight + 1 || dialog.scrollWidth > dialog.clientWidth + 1)) {
        scale -= 0.05;
        dialog.style.setProperty("--present-fit", scale.toFixed(2));
      }
    }
    var fitJob = null;
    function onResize() { clearTimeout(fitJob); fitJob = setTimeout(fit, 100); }
    window.addEventListener("resize", onResize);

    var api = { close: close };
    presenter = api;
    render();
    fit();
    dialog.dataset.ready = "1";
    startBtn.focus({ preventScroll: true });
  }

  // --- Wiring -------------------------------------------------------------------------

  S.onPage(function (root) {
    if (presenter) presenter.close(false); // left open across instant navigation
    S.each(root, "section.exercise[data-exercise]", initExercise);
  });
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushAll();
  });
  window.addEventListener("beforeprint", function () {
    flushAll();
  });
})();

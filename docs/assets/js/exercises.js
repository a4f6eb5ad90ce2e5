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
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S || !S.store) return;
  const { store, records: R, h, download } = S;
  const SAVE_DELAY = 500;
  const pending = [];          // debounced saves not yet written: {timer, run}

  // --- Small helpers ------------------------------------------------------------------

  function svg(tag, attrs, text) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(k => { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  const { pad } = S;
  function clockTime(d) { return `${pad(d.getHours())}:${pad(d.getMinutes())}`; }

  function button(label, cls) { return S.button(label, cls ? `exercise-button ${cls}` : "exercise-button"); }

  /** The saved note of a textarea[data-note="<exId>/<promptId>"], or null. */
  function noteOf(ta) {
    const id = ta.dataset.note.split("/");
    return R.note(id[0], id[1]);
  }

  function flushAll() {
    pending.slice().forEach(p => { p.run(); });
  }

  // --- Notes ----------------------------------------------------------------------------

  /*
   * Notes in two tabs. `base` is the text this tab last read from or wrote to storage. A field
   * is saved only when the participant changed it (value differs from base), so a tab that
   * still shows an old text never overwrites a newer one. When another tab saves, a field
   * without unsaved edits takes the new text; a field with unsaved edits keeps both texts.
   */
  const OTHER_TAB = "\n\n[Skrevet i en anden fane:]\n";

  function initNotes(section, ui) {
    section.querySelectorAll("textarea[data-note]").forEach(ta => {
      const id = ta.dataset.note.split("/");
      const key = R.key.note(id[0], id[1]);
      const mirror = h("div", { "class": "exercise-prompt__print", "aria-hidden": "true" });
      ta.insertAdjacentElement("afterend", mirror);
      const saved = noteOf(ta);
      let base = saved ? saved.text : "";
      if (saved && !ta.value) ta.value = saved.text;
      mirror.textContent = ta.value;

      function show(text) {
        const start = ta.selectionStart, end = ta.selectionEnd;
        ta.value = text;
        if (document.activeElement === ta) ta.setSelectionRange(start, end);
        mirror.textContent = text;
      }

      let job = null;
      function save() {
        if (job) { clearTimeout(job.timer); pending.splice(pending.indexOf(job), 1); job = null; }
        let text = ta.value;
        if (text === base) return;
        const current = noteOf(ta);
        const stored = current ? current.text : "";
        if (stored === text) { base = text; return; }
        const merged = stored !== base && stored.trim() !== "";
        if (merged) {
          // Another tab saved since this tab read the note: keep both texts.
          if (stored.includes(text)) text = stored;
          else if (!text.includes(stored)) text = text + OTHER_TAB + stored;
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
        const now = new Date();
        if (R.saveNote(id[0], id[1], text, now.toISOString())) {
          base = text;
          if (!merged) ui.saved(now);
        } else ui.failed();
      }
      ta.addEventListener("input", () => {
        mirror.textContent = ta.value;
        if (job) clearTimeout(job.timer);
        else { job = { run: save }; pending.push(job); }
        job.timer = setTimeout(save, SAVE_DELAY);
      });
      ta.addEventListener("blur", save);
      store.watch(key, ta, () => {
        const n = noteOf(ta);
        const text = n ? n.text : "";
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
    const out = [`# Øvelse: ${section.dataset.title}`, ""];
    const scale = section.querySelector(".exercise-scale");
    if (scale) {
      const values = R.ratings(section.dataset.exercise);
      out.push("## Selvvurdering", "");
      scale.querySelectorAll("[data-item]").forEach(fs => {
        const v = values[fs.dataset.item];
        out.push(`- ${fs.querySelector("legend").textContent.trim()}: ${v ? v + " af 5" : "ikke vurderet"}`);
      });
      out.push("");
    }
    section.querySelectorAll("textarea[data-note]").forEach(ta => {
      const label = section.querySelector(`label[for="${ta.id}"]`);
      out.push(`## ${label ? label.textContent.trim() : ta.dataset.note}`, "");
      out.push(ta.value.trim() ? ta.value.trim() : "_(ikke besvaret)_", "");
    });
    return out.join("\n");
  }

  // --- Self-assessment profile ---------------------------------------------------------

  function drawProfile(box, items, values) {
    const rowH = 46, segW = 60, width = 5 * segW + 60;
    const summary = items.map(it => {
      const v = values[it.id];
      return `${it.label}: ${v ? v + " af 5" : "ikke vurderet"}`;
    }).join("; ");
    const root = svg("svg", {
      "class": "exercise-profile", role: "img", viewBox: `0 0 ${width} ${items.length * rowH + 4}`,
      "aria-label": `Din profil. ${summary}.`, focusable: "false"
    });
    root.appendChild(svg("title", {}, `Din profil. ${summary}.`));
    items.forEach((it, i) => {
      const y = i * rowH, v = values[it.id] || 0;
      root.appendChild(svg("text", { x: 0, y: y + 15, "class": "exercise-profile__label" }, it.label));
      root.appendChild(svg("rect", { x: 0, y: y + 22, width: 5 * segW, height: 18, rx: 3, "class": "exercise-profile__track" }));
      if (v) root.appendChild(svg("rect", { x: 0, y: y + 22, width: v * segW, height: 18, rx: 3, "class": "exercise-profile__bar" }));
      for (let s = 1; s < 5; s++) {
        root.appendChild(svg("line", { x1: s * segW, x2: s * segW, y1: y + 22, y2: y + 40, "class": "exercise-profile__tick" }));
      }
      root.appendChild(svg("text", { x: 5 * segW + 10, y: y + 36, "class": "exercise-profile__value" }, v ? `${v}/5` : "–"));
    });
    box.replaceChildren(h("p", { "class": "exercise-scale__caption", text: "Din profil" }), root);
  }

  function initScale(section, ui) {
    const scale = section.querySelector(".exercise-scale");
    if (!scale) return;
    const exId = section.dataset.exercise;
    const box = scale.querySelector(".exercise-scale__profile");
    const items = Array.from(scale.querySelectorAll("fieldset[data-item]")).map(fs => ({
      id: fs.dataset.item,
      label: fs.querySelector("legend").textContent.trim()
    }));
    function showValues(current) {
      scale.querySelectorAll("input[data-scale]").forEach(input => {
        input.checked = String(current[input.dataset.scale.split("/")[1]]) === input.value;
      });
      if (box) drawProfile(box, items, current);
    }
    showValues(R.ratings(exId));
    store.watch(R.key.scale(exId), scale, () => { showValues(R.ratings(exId)); ui.updated(); });
    // One CSV row in the format the notebook »Klassens profil« reads:
    // deltager,<item ids…>; the teacher gathers the rows of the group into one file.
    const csvBtn = button("Download som CSV");
    csvBtn.addEventListener("click", () => {
      const current = R.ratings(exId);
      const head = ["deltager"].concat(items.map(it => it.id));
      // The name from »Kursusbevis«, so the teacher can tell the rows apart (quoted as CSV needs).
      let who = R.name();
      if (/[",;\n\r]/.test(who)) who = `"${who.replace(/"/g, '""')}"`;
      const row = [who].concat(items.map(it => current[it.id] || ""));
      download("fire-faktorer.csv", `${head.join(",")}\n${row.join(",")}\n`, "text/csv");
    });
    scale.appendChild(h("p", { "class": "exercise-scale__csv" }, [csvBtn]));
    scale.addEventListener("change", event => {
      const input = event.target;
      if (!input.matches || !input.matches("input[data-scale]")) return;
      const current = R.ratings(exId);
      current[input.dataset.scale.split("/")[1]] = Number(input.value);
      if (box) drawProfile(box, items, current);
      if (R.saveRatings(exId, current)) ui.saved(new Date());
      else ui.failed();
    });
  }

  // --- Printing -----------------------------------------------------------------------

  function printExercise(section) {
    const html = document.documentElement;
    const marked = [section];
    section.setAttribute("data-print-keep", "");
    for (let el = section.parentElement; el && el !== html; el = el.parentElement) {
      el.setAttribute("data-print-path", "");
      marked.push(el);
    }
    const heading = document.getElementById(section.getAttribute("aria-labelledby"));
    if (heading) { heading.setAttribute("data-print-keep", ""); marked.push(heading); }
    html.classList.add("exercise-printing");
    function done() {
      window.removeEventListener("afterprint", done);
      html.classList.remove("exercise-printing");
      marked.forEach(m => { m.removeAttribute("data-print-path"); m.removeAttribute("data-print-keep"); });
    }
    window.addEventListener("afterprint", done);
    window.print();
  }

  // --- The exercise ---------------------------------------------------------------------

  function initExercise(section) {
    const exId = section.dataset.exercise;
    const status = section.querySelector(".exercise__status");
    const tools = h("div", { "class": "exercise__tools" });
    const downloadBtn = button("Download mine noter");
    downloadBtn.hidden = true;
    downloadBtn.addEventListener("click", () => {
      flushAll();
      download(`noter-${exId}.md`, exerciseMarkdown(section));
    });

    const printBtn = button("Udskriv øvelsen");
    printBtn.addEventListener("click", () => { flushAll(); printExercise(section); });
    tools.appendChild(printBtn);

    let phases = phasesOf(section);
    const asked = wanted(exId);
    if (!phases.length && asked && asked.minutes > 0) {
      phases = [{ name: "Arbejd med øvelsen", ms: Math.round(asked.minutes * 60000) }];
    }
    if (phases.length) {
      const showBtn = button("Vis på storskærm");
      showBtn.addEventListener("click", () => { openPresenter(section, phases, showBtn); });
      tools.appendChild(showBtn);
      if (asked) setTimeout(() => { openPresenter(section, phases, showBtn, true); }, 0);
    }
    tools.appendChild(downloadBtn);
    if (status) status.insertAdjacentElement("beforebegin", tools);
    else section.appendChild(tools);

    const ui = {
      saved(when) {
        if (!status) return;
        status.classList.remove("exercise__status--warning");
        status.textContent = store.persistent
          ? `Gemt kl. ${clockTime(when)}`
          : `Husket kl. ${clockTime(when)}, men kun indtil siden lukkes`;
      },
      updated() {
        if (!status) return;
        status.classList.remove("exercise__status--warning");
        status.textContent = `Opdateret fra en anden fane kl. ${clockTime(new Date())}`;
      },
      merged() {
        if (!status) return;
        status.classList.add("exercise__status--warning");
        status.textContent = "Noten blev også ændret i en anden fane. Begge tekster står nu i feltet og er gemt; " +
          "ret teksten til, som du vil have den.";
      },
      failed() {
        downloadBtn.hidden = false;
        if (!status) return;
        status.classList.add("exercise__status--warning");
        status.textContent = "Advarsel: Din seneste tekst kunne ikke gemmes, fordi browserens lager er fuldt eller blokeret. " +
          "Teksten står stadig her. Hent den med »Download mine noter«, før du lukker siden.";
      }
    };

    if (!store.persistent) {
      downloadBtn.hidden = false;
      const now = button("Download noterne fra denne øvelse");
      now.addEventListener("click", () => { downloadBtn.click(); });
      const notice = h("div", { "class": "exercise__notice" }, [
        h("p", {}, [
          h("strong", { text: "Dine noter bliver ikke gemt. " }),
          "Din browser tillader ikke, at kurset gemmer noget (måske bruger du et privat vindue). " +
          "Det, du skriver, forsvinder, når du lukker siden, genindlæser den eller går til en anden side. " +
          "Hent dine noter som en fil, før du går videre."
        ]),
        h("p", {}, [now])
      ]);
      const intro = section.querySelector(".exercise__intro");
      if (intro) intro.insertAdjacentElement("afterend", notice);
      else section.insertBefore(notice, section.firstChild);
    }

    initNotes(section, ui);
    initScale(section, ui);
    const restored = Array.from(section.querySelectorAll("textarea[data-note]")).map(ta => {
      const n = noteOf(ta);
      return n && n.saved ? new Date(n.saved) : null;
    }).filter(d => d && !isNaN(d));
    if (restored.length && status && store.persistent) {
      const last = new Date(Math.max.apply(null, restored));
      status.textContent = `Gemt kl. ${clockTime(last)} d. ${last.getDate()}.${last.getMonth() + 1}.`;
    }
  }

  // --- The big-screen view ("Vis på storskærm", assets/js/presenter.js) ------------------

  /** `?storskaerm=<id>&minutter=N` (the lesson plans' link): open that exercise on the big screen,
      with N minutes when the exercise has no phases of its own. */
  function wanted(exId) {
    const q = new URLSearchParams(window.location.search);
    if (q.get("storskaerm") !== exId) return null;
    return { minutes: parseFloat(q.get("minutter") || "0") || 0 };
  }

  /** A timed exercise's phases from its rendered list ([] when it has none). */
  function phasesOf(section) {
    return Array.from(section.querySelectorAll(".exercise__phases li[data-minutes]")).map(li => ({
      name: li.dataset.name,
      ms: Math.round(parseFloat(li.dataset.minutes) * 60000)
    })).filter(p => p.ms > 0);
  }

  /**
   * Open the big-screen view of a timed exercise: presenter.js is loaded the first time. Focus
   * returns to `opener`, an element or a function that finds it when the view closes (the
   * slides open it too). `fromAddress`: opened by the page's address, without a click.
   */
  function openPresenter(section, phases, opener, fromAddress) {
    S.load("assets/js/presenter.js").then(() => { S.presenter.open(section, phases, opener, fromAddress); },
      () => { /* the file could not be loaded: the exercise stays as it is */ });
  }
  S.presentExercise = (section, opener) => {
    const phases = phasesOf(section);
    if (phases.length) openPresenter(section, phases, opener);
  };

  // --- Wiring -------------------------------------------------------------------------

  S.onPage(root => {
    if (S.presenter) S.presenter.close(); // left open across instant navigation
    S.each(root, "section.exercise[data-exercise]", initExercise);
  });
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushAll();
  });
  window.addEventListener("beforeprint", () => {
    flushAll();
  });
})();

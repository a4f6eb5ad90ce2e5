/*
 * Samskabt.lms – the module page as a SCO in a learning platform (SCORM 1.2 or 2004).
 *
 * Only the LMS packages load this file (scripts/lms.py puts it right after store.js, so it runs
 * before quiz.js and exercises.js read the storage). Without an LMS API it does nothing and
 * the page behaves as on the site.
 *
 * With an API (found the standard way: this window, its parents, then the opener and its
 * parents; `API_1484_11` for 2004, `API` for 1.2):
 *   - Initialize on load; the LMS is the source of truth for this module: its saved records
 *     (quiz answers, notes, scale answers, visit) are replaced by what cmi.suspend_data holds,
 *     so a participant resumes on any device, and a shared computer shows no one else's work.
 *   - After every change (debounced) and on pagehide: status, score, interactions, suspend
 *     data, then Commit. On pagehide also session time and Finish/Terminate.
 *
 * The rule (also on »Brug kurset i jeres LMS«):
 *   completed  every question of the module's quiz is checked and every exercise is done
 *              (as on »Min fremgang«); until then incomplete.
 *   score      per cent of the quiz's questions checked and right (raw 0–100, 2004 also scaled).
 *   passed     score ≥ the mastery score (1.2 cmi.student_data.mastery_score, 2004
 *              cmi.scaled_passing_score; default the course's pass mark), judged once
 *              every question is checked. SCORM 1.2 has one status: incomplete until completed,
 *              then passed or failed (completed for a module without a quiz).
 *
 * suspend_data is compact JSON {"v":1,"q":{qid:[value,checked,correct,fp]},"n":{"ex/prompt":
 * text},"s":{ex:{item:n}},"t":first visit,"o":[notes left out]}. SCORM 1.2 allows 4,096
 * characters: when the notes do not fit, the longest are left out of it (kept in this
 * browser) and the page says so, with a button to download them.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  const C = window.SamskabtKursus;
  if (!S || !S.store || !C || !Array.isArray(C.modules)) return;
  const store = S.store;
  const R = S.records;

  // --- Finding the LMS ---------------------------------------------------------------

  function apiIn(start) {
    let win = start;
    for (let i = 0; win && i < 12; i++) {
      try {
        if (win.API_1484_11) return { version: "2004", api: win.API_1484_11 };
        if (win.API) return { version: "1.2", api: win.API };
      } catch (e) { /* a parent from another host: stop here */ return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  const found = apiIn(window) || (window.opener ? apiIn(window.opener) : null);
  const here = location.href.split(/[?#]/)[0];
  const module = C.modules.find((m) => S.url(m.url) === here);
  S.lms = { active: false, version: found ? found.version : null };
  if (!found || !module) return;

  const api = found.api;
  const v12 = found.version === "1.2";
  const call = (name12, name2004, ...args) => {
    try { return String(api[v12 ? name12 : name2004](...args)); } catch (e) { return "false"; }
  };
  const get = (el12, el2004) => call("LMSGetValue", "GetValue", v12 ? el12 : el2004);
  const set = (el12, el2004, value) => {
    const el = v12 ? el12 : el2004;
    if (el) call("LMSSetValue", "SetValue", el, String(value));
  };
  if (call("LMSInitialize", "Initialize", "") !== "true") return;
  S.lms.active = true;

  const SUSPEND_MAX = v12 ? 4096 : 64000;
  const TEXT_MAX = v12 ? 255 : 4000;  // a response the LMS shows (CMIString255 / 4000 SPM)
  const pass = (() => {
    const raw = v12 ? get("cmi.student_data.mastery_score") : get(null, "cmi.scaled_passing_score");
    const n = parseFloat(raw);
    if (!isNaN(n) && raw !== "") return v12 ? n / 100 : n;
    return C.passMark;
  })();

  // --- This module's records -----------------------------------------------------------

  const exercises = module.exercises || [];
  const answers = () => (module.bank ? R.answers(module.bank) : {});
  const notes = [];  // [exercise id, prompt id] of every note this module has
  exercises.forEach((ex) => (ex.prompts || []).forEach((p) => notes.push([ex.id, p.id])));
  function keys() {
    const k = [R.key.visit(module.stem)];
    if (module.bank) k.push(R.key.quiz(module.bank));
    notes.forEach(([ex, p]) => k.push(R.key.note(ex, p)));
    exercises.forEach((ex) => { if ((ex.scale || []).length) k.push(R.key.scale(ex.id)); });
    return k;
  }
  const { isObject } = S;

  function pack() {
    const out = { v: 1 };
    const given = answers();
    if (Object.keys(given).length) {
      out.q = {};
      Object.entries(given).forEach(([id, a]) => { out.q[id] = [a.value, a.checked ? 1 : 0, a.correct ? 1 : 0, a.fp || ""]; });
    }
    notes.forEach(([ex, p]) => {
      const rec = R.note(ex, p);
      if (rec && rec.text !== "") (out.n = out.n || {})[ex + "/" + p] = rec.text;
    });
    exercises.forEach((ex) => {
      const values = R.ratings(ex.id);
      if (Object.keys(values).length) (out.s = out.s || {})[ex.id] = values;
    });
    const visit = R.visit(module.stem);
    if (visit) out.t = visit.first;
    return out;
  }

  /** suspend_data within the LMS's limit: the longest notes are left out until it fits. */
  function fit(data) {
    let text = JSON.stringify(data);
    const left = [];
    while (text.length > SUSPEND_MAX && data.n && Object.keys(data.n).length) {
      const longest = Object.keys(data.n).sort((a, b) => data.n[b].length - data.n[a].length)[0];
      delete data.n[longest];
      left.push(longest);
      data.o = left.slice();
      text = JSON.stringify(data);
    }
    return { text: text.length <= SUSPEND_MAX ? text : "", left: left, fits: text.length <= SUSPEND_MAX };
  }

  function unpack(text) {
    let data = null;
    try { data = JSON.parse(text); } catch (e) { return null; }
    return isObject(data) && data.v === 1 ? data : null;
  }

  function restore(data) {
    const kept = new Set(Array.isArray(data && data.o) ? data.o : []);
    keys().forEach((k) => {
      // A note the LMS could not hold stays as this browser has it.
      const id = R.parse(k);
      if (id && id.kind === "note" && kept.has(id.ids.join("/"))) return;
      store.remove(k);
    });
    if (!data) return;
    if (module.bank && isObject(data.q)) {
      const given = {};
      Object.keys(data.q).forEach((id) => {
        const a = data.q[id];
        if (!Array.isArray(a)) return;
        given[id] = { value: a[0] === undefined ? null : a[0], checked: a[1] === 1, correct: a[2] === 1 };
        if (a[3]) given[id].fp = a[3];
      });
      R.saveAnswers(module.bank, given);
    }
    if (isObject(data.n)) {
      notes.forEach(([ex, p]) => {
        const text = data.n[ex + "/" + p];
        if (typeof text === "string") R.saveNote(ex, p, text);
      });
    }
    if (isObject(data.s)) {
      exercises.forEach((ex) => { if (isObject(data.s[ex.id])) R.saveRatings(ex.id, data.s[ex.id]); });
    }
    if (typeof data.t === "string") R.saveVisit(module.stem, data.t);
  }

  restore(unpack(get("cmi.suspend_data", "cmi.suspend_data")));
  const status0 = get("cmi.core.lesson_status", "cmi.completion_status");
  if (["", "not attempted", "unknown"].indexOf(status0) >= 0) set("cmi.core.lesson_status", "cmi.completion_status", "incomplete");
  set("cmi.core.exit", "cmi.exit", "suspend");

  // --- Interactions ----------------------------------------------------------------------

  const TYPES = { single: "choice", multiple: "choice", truefalse: "true-false", categorize: "matching", match: "matching", order: "sequencing" };
  const sep = v12 ? { list: ",", pair: "." } : { list: "[,]", pair: "[.]" };

  /** [{id, type, response, pattern, result, description}] for the module's quiz, read from the page. */
  function quizInteractions() {
    const given = answers();
    const out = [];
    document.querySelectorAll("li.quiz-q[data-qid]").forEach((li) => {
      const id = li.getAttribute("data-qid");
      const a = given[id];
      if (!a || !a.checked) return;
      const type = li.getAttribute("data-type");
      const value = a.value;
      let response = "", pattern = "";
      if (type === "single" || type === "multiple" || type === "truefalse") {
        response = Array.isArray(value) ? value.join(sep.list) : String(value);
        pattern = Array.from(li.querySelectorAll("input[data-correct='true']")).map((i) => i.value).join(sep.list);
      } else {
        const rows = Array.from(li.querySelectorAll("select[data-correct]"));
        const given = Array.isArray(value) ? value : [];
        if (type === "order") {
          // The sequence the participant made: row ids (their right place) by chosen place.
          const placed = rows.map((r, i) => ({ id: r.getAttribute("data-correct"), at: parseInt(given[i], 10) }));
          response = placed.slice().sort((x, y) => x.at - y.at).map((p) => p.id).join(sep.list);
          pattern = placed.map((p) => p.id).sort((x, y) => x - y).join(sep.list);
        } else {
          response = rows.map((r, i) => "r" + (i + 1) + sep.pair + (given[i] || "0")).join(sep.list);
          pattern = rows.map((r, i) => "r" + (i + 1) + sep.pair + r.getAttribute("data-correct")).join(sep.list);
        }
      }
      const prompt = li.querySelector(".quiz-q__prompt");
      out.push({
        id: module.bank + "." + id, type: TYPES[type] || "other", response: response, pattern: pattern,
        result: a.correct ? "correct" : (v12 ? "wrong" : "incorrect"),
        description: prompt ? prompt.textContent.trim().replace(/\s+/g, " ").slice(0, 250) : ""
      });
    });
    return out;
  }

  function reflectionInteractions() {
    const out = [];
    exercises.forEach((ex) => {
      (ex.prompts || []).forEach((p) => {
        const rec = R.note(ex.id, p.id);
        // One line: the runtimes refuse a line break in a response (SCORM 2004 error 406);
        // a response that starts with "{" would be read as a language tag.
        let text = rec ? rec.text.trim().replace(/\s*\n\s*/g, " / ") : "";
        if (!text) return;
        if (text[0] === "{") text = (v12 ? "" : "{lang=da}") + text;
        out.push({
          id: "note." + ex.id + "." + p.id, type: v12 ? "fill-in" : "long-fill-in",
          response: text.length > TEXT_MAX ? text.slice(0, TEXT_MAX - 1) + "…" : text,
          result: "neutral", description: p.text.slice(0, 250)
        });
      });
      const values = R.ratings(ex.id);
      (ex.scale || []).forEach((item) => {
        const n = values[item.id];
        if (n === undefined) return;
        out.push({ id: "scale." + ex.id + "." + item.id, type: "likert", response: String(n), result: "neutral", description: item.label.slice(0, 250) });
      });
    });
    return out;
  }

  // 1.2's interactions are write-only: each id keeps the index it was first given.
  const slots = {};
  function writeInteractions(list) {
    list.forEach((it) => {
      if (!(it.id in slots)) slots[it.id] = Object.keys(slots).length;
      const base = "cmi.interactions." + slots[it.id] + ".";
      set(base + "id", base + "id", it.id);
      set(base + "type", base + "type", it.type);
      if (!v12 && it.description) set(null, base + "description", it.description);
      if (it.pattern) set(base + "correct_responses.0.pattern", base + "correct_responses.0.pattern", it.pattern);
      set(base + "student_response", base + "learner_response", it.response);
      set(base + "result", base + "result", it.result);
    });
  }

  // --- Reporting -------------------------------------------------------------------------

  const started = Date.now();
  function sessionTime() {
    const s = Math.max(0, Math.round((Date.now() - started) / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const two = (n) => String(n).padStart(2, "0");
    return v12 ? two(h).padStart(4, "0") + ":" + two(m) + ":" + two(sec) : "PT" + h + "H" + m + "M" + sec + "S";
  }

  let notice = null;
  function report() {
    const st = S.progress ? S.progress.status(module, store, pass) : null;
    const given = answers();
    const qids = module.questions || [];
    const checked = qids.filter((id) => given[id] && given[id].checked).length;
    const right = st ? st.score : 0;
    const total = qids.length;
    const exDone = st ? st.exercisesDone : 0;
    const completed = checked === total && exDone === exercises.length;
    const passed = total === 0 || right / total >= pass - 1e-9;
    if (total) {
      set("cmi.core.score.min", "cmi.score.min", 0);
      set("cmi.core.score.max", "cmi.score.max", 100);
      set("cmi.core.score.raw", "cmi.score.raw", Math.round((100 * right) / total));
      set(null, "cmi.score.scaled", Math.round((1000 * right) / total) / 1000);
    }
    if (v12) {
      set("cmi.core.lesson_status", null, !completed ? "incomplete" : !total ? "completed" : passed ? "passed" : "failed");
    } else {
      set(null, "cmi.completion_status", completed ? "completed" : "incomplete");
      set(null, "cmi.success_status", total && checked === total ? (passed ? "passed" : "failed") : total ? "unknown" : "passed");
      const parts = total + exercises.length;
      set(null, "cmi.progress_measure", parts ? Math.round((1000 * (checked + exDone)) / parts) / 1000 : 1);
    }
    writeInteractions(quizInteractions().concat(reflectionInteractions()));
    const suspend = fit(pack());
    if (suspend.fits) set("cmi.suspend_data", "cmi.suspend_data", suspend.text);
    showLeftOut(suspend.left);
    call("LMSCommit", "Commit", "");
  }

  let timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(report, 400);
  }
  const mine = new Set(keys());
  store.onChange((event) => { if (!finished && event && mine.has(event.key)) soon(); });

  let finished = false;
  function finish() {
    if (finished) return;
    clearTimeout(timer);
    report();
    set("cmi.core.session_time", "cmi.session_time", sessionTime());
    finished = true;
    call("LMSFinish", "Terminate", "");
  }
  window.addEventListener("pagehide", finish);

  // --- What the participant is told ------------------------------------------------------

  function showLeftOut(left) {
    if (!notice) return;
    const box = notice.querySelector(".lms-notice__left");
    box.hidden = !left.length;
    if (!left.length) return;
    const names = left.map((n) => {
      const [ex, p] = n.split("/");
      const e = exercises.find((x) => x.id === ex);
      const prompt = e && (e.prompts || []).find((x) => x.id === p);
      return prompt ? "»" + prompt.text + "«" : n;
    });
    box.querySelector("p").textContent = "Platformen kan højst gemme " + SUSPEND_MAX.toLocaleString("da-DK") +
      " tegn for dette modul. Disse noter er for lange til at komme med og er kun gemt i denne browser: " +
      names.join(", ") + ". Hent dem som fil, så du ikke mister dem.";
  }

  function download() {
    const lines = ["# " + module.title, ""];
    exercises.forEach((ex) => (ex.prompts || []).forEach((p) => {
      const rec = R.note(ex.id, p.id);
      if (rec && rec.text) lines.push("## " + p.text, "", rec.text, "");
    }));
    S.download("noter-" + module.stem + ".md", lines.join("\n"));
  }

  S.onPage((root) => {
    // Other pages of the course open in a new tab, without this SCO's LMS connection.
    root.querySelectorAll("a[href]").forEach((a) => {
      const url = new URL(a.getAttribute("href"), location.href);
      if (url.pathname !== location.pathname && /\.html$/.test(url.pathname)) {
        a.target = "_blank";
        a.rel = "noopener";
      }
    });
    const article = root.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".lms-notice")) return;
    notice = S.h("div", { class: "admonition info lms-notice" }, [
      S.h("p", { class: "admonition-title", text: "Du bruger kurset i jeres læringsplatform" }),
      S.h("p", { text: "Dine quizsvar, dine noter og din fremgang i dette modul gemmes i platformen, og din underviser kan se dem." }),
      S.h("div", { class: "lms-notice__left", role: "status", hidden: true }, [
        S.h("p"),
        S.h("button", { type: "button", class: "md-button", text: "Hent dine noter" })
      ])
    ]);
    notice.querySelector("button").addEventListener("click", download);
    const h1 = article.querySelector("h1");
    if (h1) h1.after(notice); else article.prepend(notice);
    // progress.js (the rule) runs after this file; all deferred scripts have run by DOMContentLoaded.
    if (S.progress) report(); else document.addEventListener("DOMContentLoaded", report, { once: true });
  });
})();

/*
 * Interactive quizzes. scripts/quiz.py renders each bank as native form controls with
 * the answer in a closed <details> (the page works without JavaScript); this file adds
 * "Tjek svar" / "Prøv igen" per question, a score line and "Nulstil quiz" per bank, and
 * keeps the answers as the bank's record (Samskabt.records, store.js):
 *   {"<qid>": {"value": …, "correct": bool, "checked": bool, "fp": "…"}}
 * `fp` is the question's data-fp: an answer saved for other choices is dropped.
 * Stored data is only trusted after checking it against the page; a bad entry is dropped.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S) return;
  const store = S.store;
  const R = S.records;
  const MARKS = {
    ok: ["✓", "rigtigt"],
    bad: ["✗", "forkert"],
    miss: ["!", "rigtigt svar, ikke valgt"]
  };

  function all(root, sel) { return Array.from(root.querySelectorAll(sel)); }
  const { has } = S;
  const el = S.el;
  function button(cls, text) { return S.button(text, `quiz-btn ${cls}`); }
  function isEmpty(v) {
    return v === null || (Array.isArray(v) && v.every(x => x === ""));
  }

  /* One question: reads, sets, grades and marks its own controls. */
  function Question(li) {
    const type = li.getAttribute("data-type");
    const rows = type === "categorize" || type === "match" || type === "order";
    const controls = all(li, rows ? "select" : "input");
    const key = li.querySelector(".quiz-q__key");

    function value() {
      if (rows) return controls.map(c => c.value);
      const on = controls.filter(c => c.checked).map(c => c.value);
      return type === "multiple" ? on.sort() : (on[0] || null);
    }
    function allowed(c, v) {
      return typeof v === "string" && (rows ? all(c, "option") : controls).some(o => o.value === v);
    }
    function valid(v) {
      if (rows) {
        return Array.isArray(v) && v.length === controls.length &&
          v.every((x, i) => allowed(controls[i], x));
      }
      if (type !== "multiple") return allowed(null, v);
      return Array.isArray(v) && v.every((x, i) => allowed(null, x) && v.indexOf(x) === i);
    }
    function set(v) {
      controls.forEach((c, i) => {
        if (rows) c.value = v ? v[i] : "";
        else c.checked = type === "multiple" ? !!v && v.includes(c.value) : c.value === v;
      });
    }
    function clear() {
      all(li, ".quiz-mark").forEach(m => { m.parentNode.removeChild(m); });
      all(li, ".quiz-opt__feedback").forEach(f => { f.hidden = true; });
      all(li, "[data-mark]").forEach(n => { n.removeAttribute("data-mark"); });
      controls.forEach(c => { c.removeAttribute("aria-describedby"); });
      if (key) { key.open = false; key.hidden = true; }
    }
    function mark(c, box, kind, extra) {
      const m = el("span", "quiz-mark"), ids = [`${c.id}-mark`];
      m.id = ids[0];
      m.appendChild(el("span", "quiz-mark__icon", `${MARKS[kind][0]} `)).setAttribute("aria-hidden", "true");
      m.appendChild(document.createTextNode(MARKS[kind][1] + (extra || "")));
      box.setAttribute("data-mark", kind);
      const fb = box.querySelector(".quiz-opt__feedback");
      if (fb) {
        fb.id = `${c.id}-fb`;
        fb.hidden = false;
        ids.push(fb.id);
        box.insertBefore(m, fb);
      } else {
        box.appendChild(m);
      }
      c.setAttribute("aria-describedby", ids.join(" "));
    }
    /* Mark every control and return the message for the live region. */
    function grade() {
      let right = 0, wrong = 0, total = 0;
      clear();
      controls.forEach(c => {
        const box = c.parentNode;
        if (rows) {
          const ok = c.value === c.getAttribute("data-correct");
          const want = c.querySelector(`option[value="${c.getAttribute("data-correct")}"]`);
          total++;
          if (ok) right++;
          mark(c, box, ok ? "ok" : "bad", ok || !want ? "" : ` – rigtigt: ${want.textContent}`);
        } else {
          const good = c.getAttribute("data-correct") === "true";
          if (good) total++;
          if (c.checked && good) right++;
          if (c.checked && !good) wrong++;
          if (c.checked) mark(c, box, good ? "ok" : "bad");
          else if (good) mark(c, box, "miss");
        }
      });
      if (key) { key.hidden = false; key.open = true; }
      const correct = right === total && !wrong;
      const also = wrong ? ` og ${wrong} forkert${wrong > 1 ? "e" : ""}` : "";
      const msg = correct ? "Rigtigt!" : "Ikke helt. " + (
        rows ? `${right} af ${total} rigtige.` :
        type === "multiple" ? `Du valgte ${right} af ${total} rigtige svar${also}.` :
        "Se det rigtige svar nedenfor.");
      return { correct, msg };
    }
    /* Order questions: the positions chosen for more than one item (their labels), for a hint. */
    function duplicates() {
      if (type !== "order") return [];
      const seen = {}, twice = [];
      controls.forEach(c => {
        if (!c.value) return;
        const label = c.options[c.selectedIndex].textContent.trim();
        if (seen[c.value] && !twice.includes(label)) twice.push(label);
        seen[c.value] = true;
      });
      return twice;
    }
    return { li, id: li.getAttribute("data-qid"), fp: li.getAttribute("data-fp"), type, controls,
      value, valid, set, clear, grade, duplicates };
  }

  function printKey(bank, questions) {
    const box = el("div", "quiz__printkey"), list = el("ol", "quiz__printkey-list");
    const notice = el("p", "quiz__notice quiz__printnotice", "Udskrift med facit: når du printer siden, kommer svarene til quizzen med på en side for sig til sidst.");
    bank.insertBefore(notice, bank.firstChild);
    box.appendChild(el("p", "quiz__printkey-title", "Facitliste"));
    questions.forEach(q => {
      const a = q.li.querySelector(".quiz-q__answer"), num = q.li.querySelector(".quiz-q__num");
      if (!a) return;
      const item = el("li"), copy = a.cloneNode(true);
      all(copy, ".quiz-q__see").forEach(s => { s.parentNode.removeChild(s); });
      item.appendChild(el("p", "quiz__printkey-num", num ? num.textContent : ""));
      item.appendChild(copy);
      list.appendChild(item);
    });
    box.appendChild(list);
    bank.appendChild(box);
  }

  function initBank(bank) {
    const id = bank.getAttribute("data-quiz");
    const questions = all(bank, "li.quiz-q[data-qid]").map(Question);
    let state = {};
    const n = questions.length;

    const status = el("div", "quiz__status");
    const score = el("p", "quiz__score");
    const reset = button("quiz-btn--reset", "Nulstil quiz");
    const warn = el("p", "quiz__notice quiz__notice--warn", "Dine svar kunne ikke gemmes, fordi browserens lager er fuldt eller blokeret. De står her, indtil du lukker siden.");
    warn.setAttribute("role", "alert");
    warn.hidden = true;
    status.appendChild(score);
    status.appendChild(reset);
    bank.insertBefore(status, bank.firstChild);
    if (!store.persistent) {
      status.parentNode.insertBefore(el("p", "quiz__notice",
        "Din browser tillader ikke, at kurset gemmer data. Quizzen virker, men dine svar bliver ikke gemt, når du lukker siden."),
        status.nextSibling);
    }
    status.parentNode.insertBefore(warn, status.nextSibling);

    function showScore() {
      let done = 0, right = 0;
      Object.keys(state).forEach(k => {
        if (state[k].checked) { done++; if (state[k].correct) right++; }
      });
      score.textContent = `${right} af ${n} rigtige · ${done} af ${n} besvaret`;
    }
    /*
     * Save the answers to `changed` (question ids) on top of what storage holds now, so that
     * answers given in another tab of the same quiz are kept.
     */
    function save(changed) {
      const answers = R.answers(id);
      changed.forEach(qid => {
        if (has(state, qid)) answers[qid] = state[qid];
        else delete answers[qid];
      });
      warn.hidden = R.saveAnswers(id, answers);
      showScore();
    }
    /*
     * Put `msg` in the question's live region at once, so nothing below it moves later. Only the
     * same message again waits: a no-break space first (the line keeps its height), then the
     * message, so a screen reader announces it twice.
     */
    function say(q, msg, now) {
      clearTimeout(q.timer);
      if (now || !msg || q.result.textContent !== msg) {
        q.result.textContent = msg;
        return;
      }
      q.result.textContent = "\u00a0";
      q.timer = setTimeout(() => { q.result.textContent = msg; }, 60);
    }
    function check(q, now) {
      const v = q.value();
      if (isEmpty(v)) {
        say(q, "Du har ikke svaret endnu. Vælg et svar, og tryk så på Tjek svar.", now);
        return;
      }
      const g = q.grade();
      state[q.id] = { value: v, correct: g.correct, checked: true, fp: q.fp };
      say(q, g.msg, now);
    }
    function unCheck(q) {
      q.clear();
      say(q, "", true);
      const v = q.value();
      if (isEmpty(v)) delete state[q.id];
      else state[q.id] = { value: v, correct: false, checked: false, fp: q.fp };
    }

    questions.forEach(q => {
      const actions = el("div", "quiz-q__actions");
      const ok = button("quiz-btn--check", "Tjek svar");
      const again = button("quiz-btn--again", "Prøv igen");
      q.result = el("p", "quiz-q__result");
      q.result.setAttribute("aria-live", "polite");
      actions.appendChild(ok);
      actions.appendChild(again);
      const fs = q.li.querySelector("fieldset") || q.li.firstChild;
      q.li.insertBefore(q.result, fs.nextSibling);
      q.li.insertBefore(actions, fs.nextSibling);
      q.clear();
      ok.addEventListener("click", () => { check(q); save([q.id]); });
      again.addEventListener("click", () => {
        q.set(null);
        unCheck(q);
        save([q.id]);
        if (q.controls[0]) q.controls[0].focus();
      });
      if (q.type === "order") {
        q.hint = el("p", "quiz-q__dupes");
        q.hint.setAttribute("aria-live", "polite");
        q.li.insertBefore(q.hint, actions);
      }
      q.li.addEventListener("change", () => {
        unCheck(q);
        save([q.id]);
        if (q.hint) {
          const twice = q.duplicates();
          q.hint.textContent = twice.length
            ? `Hver plads bruges kun én gang: du har valgt ${twice.map(t => `»${t}«`).join(" og ")} til mere end ét punkt.`
            : "";
        }
      });
    });

    reset.addEventListener("click", () => {
      if (!window.confirm("Vil du slette dine svar i denne quiz og begynde forfra?")) return;
      questions.forEach(q => { q.set(null); unCheck(q); });
      state = {};
      save(questions.map(q => q.id));
    });

    /* Show the saved answers; `external` when another tab saved them (only changes are redrawn). */
    function restore(answers, external) {
      questions.forEach(q => {
        const a = has(answers, q.id) && answers[q.id];
        const usable = a && q.valid(a.value) && !isEmpty(a.value) &&
          !(q.fp && a.fp !== q.fp);  // the question's choices were edited since
        if (external) {
          const mine = has(state, q.id) ? state[q.id] : null;
          const same = usable ? mine && mine.checked === a.checked &&
            JSON.stringify(mine.value) === JSON.stringify(a.value) : !mine;
          if (same) return;
          q.set(null);
          unCheck(q);
        }
        if (!usable) return;
        q.set(a.value);
        if (a.checked) check(q, true);
        else state[q.id] = { value: q.value(), correct: false, checked: false, fp: q.fp };
      });
      showScore();
    }
    restore(R.answers(id), false);
    store.watch(R.key.quiz(id), bank, () => { restore(R.answers(id), true); });
    if (withKey()) printKey(bank, questions);
  }

  /* A teacher's print: the answer-key page links a module with "?facit". Participants' prints
     have the questions only. */
  function withKey() {
    return new URLSearchParams(window.location.search).has("facit");
  }

  S.onPage(root => { S.each(root, ".quiz[data-quiz]", initBank); });
})();

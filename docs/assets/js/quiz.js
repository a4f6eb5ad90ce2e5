/*
 * Interactive quizzes. scripts/quiz.py renders each bank as native form controls with
 * the answer in a closed <details> (the page works without JavaScript); this file adds
 * "Tjek svar" / "Prøv igen" per question, a score line and "Nulstil quiz" per bank, and
 * keeps the answers as the bank's record (Samskabt.records, store.js):
 *   {"<qid>": {"value": …, "correct": bool, "checked": bool, "fp": "…"}}
 * `fp` is the question's data-fp: an answer saved for other choices is dropped.
 * Stored data is only trusted after checking it against the page; a bad entry is dropped.
 */
(function () {
  "use strict";
  var S = window.Samskabt;
  if (!S) return;
  var store = S.store;
  var R = S.records;
  var MARKS = {
    ok: ["✓", "rigtigt"],
    bad: ["✗", "forkert"],
    miss: ["!", "rigtigt svar, ikke valgt"]
  };

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  var el = S.el;
  function button(cls, text) { return S.button(text, "quiz-btn " + cls); }
  function isEmpty(v) {
    return v === null || (Array.isArray(v) && v.every(function (x) { return x === ""; }));
  }

  /* One question: reads, sets, grades and marks its own controls. */
  function Question(li) {
    var type = li.getAttribute("data-type");
    var rows = type === "categorize" || type === "match" || type === "order";
    var controls = all(li, rows ? "select" : "input");
    var key = li.querySelector(".quiz-q__key");

    function value() {
      if (rows) return controls.map(function (c) { return c.value; });
      var on = controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      return type === "multiple" ? on.sort() : (on[0] || null);
    }
    function allowed(c, v) {
      return typeof v === "string" && (rows ? all(c, "option") : controls).some(function (o) { return o.value === v; });
    }
    function valid(v) {
      if (rows) {
        return Array.isArray(v) && v.length === controls.length &&
          v.every(function (x, i) { return allowed(controls[i], x); });
      }
      if (type !== "multiple") return allowed(null, v);
      return Array.isArray(v) && v.every(function (x, i) { return allowed(null, x) && v.indexOf(x) === i; });
    }
    function set(v) {
      controls.forEach(function (c, i) {
        if (rows) c.value = v ? v[i] : "";
        else c.checked = type === "multiple" ? !!v && v.indexOf(c.value) >= 0 : c.value === v;
      });
    }
    function clear() {
      all(li, ".quiz-mark").forEach(function (m) { m.parentNode.removeChild(m); });
      all(li, ".quiz-opt__feedback").forEach(function (f) { f.hidden = true; });
      all(li, "[data-mark]").forEach(function (n) { n.removeAttribute("data-mark"); });
      controls.forEach(function (c) { c.removeAttribute("aria-describedby"); });
      if (key) { key.open = false; key.hidden = true; }
    }
    function mark(c, box, kind, extra) {
      var m = el("span", "quiz-mark"), ids = [c.id + "-mark"];
      m.id = ids[0];
      m.appendChild(el("span", "quiz-mark__icon", MARKS[kind][0] + " ")).setAttribute("aria-hidden", "true");
      m.appendChild(document.createTextNode(MARKS[kind][1] + (extra || "")));
      box.setAttribute("data-mark", kind);
      var fb = box.querySelector(".quiz-opt__feedback");
      if (fb) {
        fb.id = c.id + "-fb";
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
      var right = 0, wrong = 0, total = 0;
      clear();
      controls.forEach(function (c) {
        var box = c.parentNode;
        if (rows) {
          var ok = c.value === c.getAttribute("data-correct");
          var want = c.querySelector('option[value="' + c.getAttribute("data-correct") + '"]');
          total++;
          if (ok) right++;
          mark(c, box, ok ? "ok" : "bad", ok || !want ? "" : " – rigtigt: " + want.textContent);
        } else {
          var good = c.getAttribute("data-correct") === "true";
          if (good) total++;
          if (c.checked && good) right++;
          if (c.checked && !good) wrong++;
          if (c.checked) mark(c, box, good ? "ok" : "bad");
          else if (good) mark(c, box, "miss");
        }
      });
      if (key) { key.hidden = false; key.open = true; }
      var correct = right === total && !wrong;
      var msg = correct ? "Rigtigt!" : "Ikke helt. " + (
        rows ? right + " af " + total + " rigtige." :
        type === "multiple" ? "Du valgte " + right + " af " + total + " rigtige svar" +
          (wrong ? " og " + wrong + " forkert" + (wrong > 1 ? "e" : "") : "") + "." :
        "Se det rigtige svar nedenfor.");
      return { correct: correct, msg: msg };
    }
    /* Order questions: the positions chosen for more than one item (their labels), for a hint. */
    function duplicates() {
      if (type !== "order") return [];
      var seen = {}, twice = [];
      controls.forEach(function (c) {
        if (!c.value) return;
        var label = c.options[c.selectedIndex].textContent.trim();
        if (seen[c.value] && twice.indexOf(label) < 0) twice.push(label);
        seen[c.value] = true;
      });
      return twice;
    }
    return { li: li, id: li.getAttribute("data-qid"), fp: li.getAttribute("data-fp"), type: type, controls: controls,
      value: value, valid: valid, set: set, clear: clear, grade: grade, duplicates: duplicates };
  }

  function printKey(bank, questions) {
    var box = el("div", "quiz__printkey"), list = el("ol", "quiz__printkey-list");
    var notice = el("p", "quiz__notice quiz__printnotice", "Udskrift med facit: når du printer siden, kommer svarene til quizzen med på en side for sig til sidst.");
    bank.insertBefore(notice, bank.firstChild);
    box.appendChild(el("p", "quiz__printkey-title", "Facitliste"));
    questions.forEach(function (q) {
      var a = q.li.querySelector(".quiz-q__answer"), num = q.li.querySelector(".quiz-q__num");
      if (!a) return;
      var item = el("li"), copy = a.cloneNode(true);
      all(copy, ".quiz-q__see").forEach(function (s) { s.parentNode.removeChild(s); });
      item.appendChild(el("p", "quiz__printkey-num", num ? num.textContent : ""));
      item.appendChild(copy);
      list.appendChild(item);
    });
    box.appendChild(list);
    bank.appendChild(box);
  }

  function initBank(bank) {
    var id = bank.getAttribute("data-quiz");
    var questions = all(bank, "li.quiz-q[data-qid]").map(Question);
    var state = {};
    var n = questions.length;

    var status = el("div", "quiz__status");
    var score = el("p", "quiz__score");
    var reset = button("quiz-btn--reset", "Nulstil quiz");
    var warn = el("p", "quiz__notice quiz__notice--warn", "Dine svar kunne ikke gemmes, fordi browserens lager er fuldt eller blokeret. De står her, indtil du lukker siden.");
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
      var done = 0, right = 0;
      Object.keys(state).forEach(function (k) {
        if (state[k].checked) { done++; if (state[k].correct) right++; }
      });
      score.textContent = right + " af " + n + " rigtige · " + done + " af " + n + " besvaret";
    }
    /*
     * Save the answers to `changed` (question ids) on top of what storage holds now, so that
     * answers given in another tab of the same quiz are kept.
     */
    function save(changed) {
      var answers = R.answers(id);
      changed.forEach(function (qid) {
        if (has(state, qid)) answers[qid] = state[qid];
        else delete answers[qid];
      });
      warn.hidden = R.saveAnswers(id, answers);
      showScore();
    }
    /* Empty the live region first, so the same message twice is announced twice. */
    function say(q, msg, now) {
      clearTimeout(q.timer);
      q.result.textContent = now ? msg : "";
      if (!now) q.timer = setTimeout(function () { q.result.textContent = msg; }, 60);
    }
    function check(q, now) {
      var v = q.value();
      if (isEmpty(v)) {
        say(q, "Du har ikke svaret endnu. Vælg et svar, og tryk så på Tjek svar.", now);
        return;
      }
      var g = q.grade();
      state[q.id] = { value: v, correct: g.correct, checked: true, fp: q.fp };
      say(q, g.msg, now);
    }
    function unCheck(q) {
      q.clear();
      say(q, "", true);
      var v = q.value();
      if (isEmpty(v)) delete state[q.id];
      else state[q.id] = { value: v, correct: false, checked: false, fp: q.fp };
    }

    questions.forEach(function (q) {
      var actions = el("div", "quiz-q__actions");
      var ok = button("quiz-btn--check", "Tjek svar");
      var again = button("quiz-btn--again", "Prøv igen");
      q.result = el("p", "quiz-q__result");
      q.result.setAttribute("aria-live", "polite");
      actions.appendChild(ok);
      actions.appendChild(again);
      var fs = q.li.querySelector("fieldset") || q.li.firstChild;
      q.li.insertBefore(q.result, fs.nextSibling);
      q.li.insertBefore(actions, fs.nextSibling);
      q.clear();
      ok.addEventListener("click", function () { check(q); save([q.id]); });
      again.addEventListener("click", function () {
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
      q.li.addEventListener("change", function () {
        unCheck(q);
        save([q.id]);
        if (q.hint) {
          var twice = q.duplicates();
          q.hint.textContent = twice.length
            ? "Hver plads bruges kun én gang: du har valgt " + twice.map(function (t) { return "»" + t + "«"; }).join(" og ") +
              " til mere end ét punkt."
            : "";
        }
      });
    });

    reset.addEventListener("click", function () {
      if (!window.confirm("Vil du slette dine svar i denne quiz og begynde forfra?")) return;
      questions.forEach(function (q) { q.set(null); unCheck(q); });
      state = {};
      save(questions.map(function (q) { return q.id; }));
    });

    /* Show the saved answers; `external` when another tab saved them (only changes are redrawn). */
    function restore(answers, external) {
      questions.forEach(function (q) {
        var a = has(answers, q.id) && answers[q.id];
        var usable = a && q.valid(a.value) && !isEmpty(a.value) &&
          !(q.fp && a.fp !== q.fp);  // the question's choices were edited since
        if (external) {
          var mine = has(state, q.id) ? state[q.id] : null;
          var same = usable ? mine && mine.checked === a.checked &&
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
    store.watch(R.key.quiz(id), bank, function () { restore(R.answers(id), true); });
    if (withKey()) printKey(bank, questions);
  }

  /* A teacher's print: the answer-key page links a module with "?facit". Participants' prints
     have the questions only. */
  function withKey() {
    return new URLSearchParams(window.location.search).has("facit");
  }

  S.onPage(function (root) { S.each(root, ".quiz[data-quiz]", initBank); });
})();

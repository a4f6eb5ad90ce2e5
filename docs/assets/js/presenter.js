/*
 * The big-screen view of a timed exercise (»Vis på storskærm«), loaded by exercises.js the
 * first time it is opened: a full-screen dialog with the prompts, the current phase and a
 * countdown that moves through the phases by itself, with an optional soft tone at each
 * phase's end. Samskabt.presenter.open(section, phases, opener, fromAddress) opens it (one at a
 * time), .close() closes it. Needs store.js (Samskabt.h, .button, .modal); defines no globals.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S) return;
  const h = S.h;
  let presenter = null;  // the open view, if any

  function button(label, cls) { return S.button(label, cls ? `exercise-button ${cls}` : "exercise-button"); }
  const { pad } = S;

  function minutes(ms) {
    const m = Math.round(ms / 6000) / 10;
    return String(m).replace(".", ",") + (m === 1 ? " minut" : " minutter");
  }

  function fmt(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  }

  /** Time over, counted up in whole seconds: "+01:05". */
  function fmtOver(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    return `+${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  }

  let audio = null;
  function audioContext() {
    if (!audio) {
      const Ctx = window.AudioContext;
      if (Ctx) audio = new Ctx();
    }
    return audio;
  }

  /** A short, soft sine tone made on the spot: no sound files. */
  function beep() {
    try {
      const ctx = audioContext();
      if (!ctx) return;
      if (ctx.state === "suspended" && ctx.resume) ctx.resume();
      const t = ctx.currentTime;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
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

  /* `fromAddress`: opened by the page's address, without a click, so full screen is not asked
     for (browsers refuse it); F11 or the browser's own full screen does it. */
  function openPresenter(section, phases, opener, fromAddress) {
    if (presenter) presenter.close(false);
    const exId = section.dataset.exercise;
    const titleId = `storskaerm-${exId}-titel`;
    const state = { index: 0, left: phases[0].ms, endAt: 0, running: false, done: false, overFrom: 0, over: 0, timer: null };

    const title = h("h2", { id: titleId, "class": "exercise-present__title", text: section.dataset.title });
    const prompts = h("div", { "class": "exercise-present__prompts" });
    section.querySelectorAll(".exercise-prompt__label").forEach(label => {
      const p = h("p");
      p.innerHTML = label.innerHTML;
      prompts.appendChild(p);
    });
    const phaseLine = h("p", { "class": "exercise-present__phase" });
    const steps = h("ol", { "class": "exercise-present__steps", "aria-label": "Faser" }, phases.map(p => h("li", { text: `${p.name}, ${minutes(p.ms)}` })));
    const clock = h("p", { "class": "exercise-present__clock", role: "timer", "aria-live": "off", "aria-atomic": "true" });
    const bar = h("div", { "class": "exercise-present__bar", "aria-hidden": "true" }, [h("span")]);
    const live = h("p", { "class": "exercise-present__live kursus-sr", "aria-live": "polite", "aria-atomic": "true" });
    const startBtn = button("Start", "exercise-present__start");
    const prevBtn = button("Forrige fase");
    const nextBtn = button("Næste fase");
    const resetBtn = button("Nulstil");
    const closeBtn = button("Luk");
    const soundId = `storskaerm-${exId}-lyd`;
    const sound = h("input", { type: "checkbox", id: soundId });
    const keys = h("p", { "class": "exercise-present__keys", id: `storskaerm-${exId}-taster`,
      text: "Taster: Mellemrum = start/pause · → = næste fase · ← = forrige fase · R = nulstil · Esc = luk" });
    const dialog = h("div", {
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
      return `Fase ${state.index + 1} af ${phases.length}: ${phases[state.index].name}`;
    }
    function render() {
      const ph = phases[state.index];
      phaseLine.textContent = state.done ? "Tiden er gået" : phaseText();
      clock.textContent = state.done ? fmtOver(state.over) : fmt(state.left);
      clock.setAttribute("aria-label", state.done ? `Overtid ${fmtOver(state.over)}` : fmt(state.left));
      dialog.classList.toggle("exercise-present--over", state.done);
      bar.firstChild.style.width = `${(100 * (1 - state.left / ph.ms)).toFixed(2)}%`;
      startBtn.textContent = state.running ? "Pause" : (state.done ? "Start forfra" : "Start");
      prevBtn.disabled = state.index === 0;
      nextBtn.disabled = state.index === phases.length - 1;
      Array.from(steps.children).forEach((li, i) => {
        if (i === state.index && !state.done) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
    }
    function announce(text) { live.textContent = text; }
    /* At the end of a phase: a flash of the whole screen, and the tone when it is ticked. */
    let flashJob = null;
    function signal() {
      if (sound.checked) beep();
      dialog.classList.remove("exercise-present--flash");
      void dialog.offsetWidth; // restart the animation
      dialog.classList.add("exercise-present--flash");
      clearTimeout(flashJob);
      flashJob = setTimeout(() => { dialog.classList.remove("exercise-present--flash"); }, 2000);
    }
    function stopTimer() { if (state.timer) { clearInterval(state.timer); state.timer = null; } }
    function tick() {
      if (state.done) { state.over = Date.now() - state.overFrom; render(); return; }
      if (!state.running) return;
      const now = Date.now();
      let left = state.endAt - now;
      let changed = false;
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
          announce(`Ny fase. ${phaseText()}, ${minutes(phases[state.index].ms)}.`);
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
      announce(`Timeren kører. ${phaseText()}.`);
      render();
    }
    function pause() {
      tick();
      if (!state.running) return;
      state.running = false;
      state.left = Math.max(0, state.endAt - Date.now());
      stopTimer();
      announce(`Pause. ${fmt(state.left)} tilbage af fasen.`);
      render();
    }
    function toggle() { if (state.running) pause(); else start(); }
    function go(index, quiet) {
      if (index < 0 || index >= phases.length) return;
      const wasRunning = state.running;
      if (state.done) stopTimer();
      state.index = index;
      state.left = phases[index].ms;
      state.done = false;
      if (wasRunning) state.endAt = Date.now() + state.left;
      if (!quiet) announce(`${phaseText()}, ${minutes(state.left)}.`);
      render();
    }
    function reset(quiet) {
      stopTimer();
      state.running = false;
      state.done = false;
      go(0, true);
      if (!quiet) announce(`Nulstillet. ${phaseText()}.`);
      render();
    }

    startBtn.addEventListener("click", toggle);
    prevBtn.addEventListener("click", () => { go(state.index - 1); });
    nextBtn.addEventListener("click", () => { go(state.index + 1); });
    resetBtn.addEventListener("click", () => { reset(); });
    closeBtn.addEventListener("click", () => { close(true); });
    sound.addEventListener("change", () => {
      // Browsers only allow audio that a click started: create the context now.
      if (sound.checked) { try { audioContext(); } catch (e) { /* no sound then */ } }
    });

    dialog.addEventListener("keydown", e => {
      const t = e.target;
      const onCheckbox = t && t.type === "checkbox";
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
    dialog.addEventListener("keyup", e => {
      if ((e.key === " " || e.key === "Spacebar") && !(e.target && e.target.type === "checkbox")) e.preventDefault();
      e.stopPropagation();
    });
    function keepFocus(e) {
      if (!dialog.contains(e.target)) startBtn.focus({ preventScroll: true });
    }

    const modal = S.modal(dialog);
    document.documentElement.classList.add("exercise-presenting");
    document.body.appendChild(dialog);
    document.addEventListener("focusin", keepFocus);
    let wasFullscreen = false;
    function onFullscreen() {
      if (document.fullscreenElement === dialog) wasFullscreen = true;
      else if (wasFullscreen && presenter === api) close(true); // Esc in full screen closes the view too
    }
    document.addEventListener("fullscreenchange", onFullscreen);
    if (dialog.requestFullscreen && !fromAddress) {
      try {
        const p = dialog.requestFullscreen({ navigationUI: "hide" });
        if (p && p.catch) p.catch(() => { /* refused: the overlay still fills the window */ });
      } catch (e) { /* refused */ }
    }

    function close(returnFocus) {
      stopTimer();
      window.removeEventListener("resize", onResize);
      state.running = false;
      document.removeEventListener("focusin", keepFocus);
      document.removeEventListener("fullscreenchange", onFullscreen);
      if (document.fullscreenElement === dialog && document.exitFullscreen) {
        try { const q = document.exitFullscreen(); if (q && q.catch) q.catch(() => {}); } catch (e) { /* ignore */ }
      }
      modal.release();
      document.documentElement.classList.remove("exercise-presenting");
      dialog.remove();
      if (presenter === api) presenter = null;
      const back = typeof opener === "function" ? opener() : opener;
      if (returnFocus && back && back.isConnected) back.focus();
    }
    /* Everything on one screen, from a 1024×768 projector to 4K: the text shrinks step by step
       (--present-fit) until nothing sticks out. */
    function fit() {
      let scale = 1;
      dialog.style.setProperty("--present-fit", "1");
      while (scale > 0.4 && (dialog.scrollHeight > dialog.clientHeight + 1 || dialog.scrollWidth > dialog.clientWidth + 1)) {
        scale -= 0.05;
        dialog.style.setProperty("--present-fit", scale.toFixed(2));
      }
    }
    let fitJob = null;
    function onResize() { clearTimeout(fitJob); fitJob = setTimeout(fit, 100); }
    window.addEventListener("resize", onResize);

    const api = { close };
    presenter = api;
    render();
    fit();
    dialog.dataset.ready = "1";
    startBtn.focus({ preventScroll: true });
  }

  S.presenter = {
    open: openPresenter,
    close() { if (presenter) presenter.close(false); }
  };
})();

/*
 * »Vis som slides«: a module page as a presentation, made from the page itself (no second
 * copy of the text). Loaded by store.js when the module box's button is first pressed, or at
 * once with `?slides` in the address; store.js calls Samskabt.slides.open(box).
 *
 * - Slide 1: the title, the module's number and time; slide 2: »Det lærer du«.
 * - One slide per section (h2): the first sentence of each paragraph, the sub-headings, the
 *   lists, the tables, the drawings and the »Kort sagt« boxes. A section that does not fit
 *   goes on over more slides (»fortsat«); a table is split between its rows.
 * - An exercise: its questions, and for a timed one »Start nedtælling« (the big-screen timer).
 * - The last slide: »Nøglepointer«. The quiz and »Videre« are left out.
 * - Speaker notes: the section's whole text, in a second window (»Noter«) and under each
 *   slide when printed as a handout.
 * - Keys: → Space PageDown next, ← PageUp previous, Home End, F full screen, N notes, Esc close.
 *   `?slides` in the address opens the module as slides (the lesson plans link so).
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S) return;
  const h = S.h;
  const SKIP = { "quiz": true, "videre": true };
  const CLOSING = "noeglepointer";
  let open = null; // the open presentation

  // The stylesheet comes with the script, on the pages that use it.
  // Slides are laid out by measuring them, so nothing opens before it has loaded.
  const here = document.currentScript ? document.currentScript.src : "";
  let cssReady = !here;
  const waiting = [];
  if (here) {
    const css = h("link", { rel: "stylesheet", href: S.url("assets/css/slides.css") });
    css.addEventListener("load", () => { cssReady = true; waiting.splice(0).forEach(fn => { fn(); }); });
    css.addEventListener("error", () => { cssReady = true; waiting.splice(0).forEach(fn => { fn(); }); });
    document.head.appendChild(css);
  }
  function whenStyled(fn) { if (cssReady) fn(); else waiting.push(fn); }

  function text(el) { return (el.textContent || "").replace(/¶/g, "").replace(/\s+/g, " ").trim(); }

  /** The first sentence: up to the first . ! ? or : followed by a space and a capital or a quote. */
  function firstSentence(s) {
    const m = /^(.+?[.!?:])\s+(?=[A-ZÆØÅ»"(])/.exec(s);
    return m ? m[1] : s;
  }

  function point(s, cls) { return h("p", { "class": cls || "slides__point", text: s }); }

  /** A copy without ids (they would repeat the page's) or permalinks. */
  function copy(el) {
    const c = el.cloneNode(true);
    c.removeAttribute("id");
    c.querySelectorAll("[id]").forEach(x => { x.removeAttribute("id"); });
    c.querySelectorAll(".headerlink").forEach(x => { x.remove(); });
    return c;
  }

  /** What one element of a section puts on its slides, and into the notes. */
  function itemsOf(el, out, notes) {
    const tag = el.tagName;
    if (tag === "P") {
      const pic = el.querySelector("img, svg");
      if (pic && !text(el)) { out.push(h("div", { "class": "slides__figure" }, [copy(pic)])); return; }
      if (pic) out.push(h("div", { "class": "slides__figure" }, [copy(pic)]));
      const t = text(el);
      if (t) { out.push(point(firstSentence(t))); notes.push(t); }
    } else if (tag === "H3" || tag === "H4") {
      out.push(point(text(el), "slides__sub"));
      notes.push(text(el).toUpperCase());
    } else if (tag === "UL" || tag === "OL") {
      const list = h(tag.toLowerCase(), { "class": "slides__list" });
      Array.from(el.children).forEach(li => {
        const t = text(li);
        list.appendChild(h("li", { text: t.length > 160 ? firstSentence(t) : t }));
        notes.push(`– ${t}`);
      });
      out.push(list);
    } else if (tag === "TABLE" || el.classList.contains("md-typeset__scrollwrap") || el.classList.contains("md-typeset__table")) {
      const table = tag === "TABLE" ? el : el.querySelector("table");
      if (!table) return;
      const heads = Array.from(table.querySelectorAll("thead th")).map(text);
      const rows = Array.from(table.querySelectorAll("tbody > tr"));
      const long = rows.some(tr => Array.from(tr.cells).some(c => text(c).length > 60));
      if (!long) { out.push(h("div", { "class": "slides__table" }, [copy(table)])); return; }
      // A table of long cells reads better on a screen as one card per row.
      rows.forEach(tr => {
        const cells = Array.from(tr.cells).map(text);
        out.push(h("div", { "class": "slides__card" }, [point(cells[0], "slides__sub")].concat(cells.slice(1).map((c, i) => point((heads[i + 1] ? `${heads[i + 1].replace(/\s*…$/, "")} ` : "") + c)))));
      });
    } else if (tag === "FIGURE") {
      out.push(h("div", { "class": "slides__figure" }, [copy(el)]));
    } else if (el.classList.contains("admonition") && el.classList.contains("info")) {
      const title = el.querySelector(".admonition-title");
      const body = Array.from(el.children).filter(c => c !== title).map(text).join(" ");
      out.push(h("div", { "class": "slides__box" }, [
        h("p", { "class": "slides__box-title", text: title ? text(title) : "" }), point(firstSentence(body), "slides__box-text")
      ]));
      notes.push((title ? `${text(title)}: ` : "") + body);
    } else if (el.classList.contains("admonition")) {
      notes.push(text(el));
    } else if (tag === "SECTION" && el.classList.contains("exercise")) {
      el.querySelectorAll(".exercise-prompt__label").forEach(label => { out.push(point(text(label))); });
      const timed = el.querySelector(".exercise__phases li[data-minutes]");
      if (timed) {
        out.push(h("p", {}, [h("button", {
          type: "button", "class": "md-button slides__timer", "data-exercise": el.dataset.exercise, text: "Start nedtælling"
        })]));
      }
      const intro = el.querySelector(".exercise__intro, p");
      if (intro) notes.push(text(intro));
    }
  }

  /** The module as a list of sections: {title, items, notes, kind}. */
  function outline(article) {
    const h1 = article.querySelector("h1");
    const box = article.querySelector(".modulboks");
    const goals = h("ul", { "class": "slides__list" });
    if (box) box.querySelectorAll(".modulboks__list li").forEach(li => { goals.appendChild(h("li", { text: text(li) })); });
    const sections = [{
      kind: "title",
      title: h1 ? text(h1) : document.title,
      items: box ? [point(text(box.querySelector(".modulboks__meta")), "slides__meta")] : [],
      notes: []
    }];
    if (goals.children.length) sections.push({ kind: "goals", id: "det-laerer-du", title: "Det lærer du", items: [goals], notes: [] });
    const intro = [];
    let current = null, closing = null;
    Array.from(article.children).forEach(el => {
      if (el.tagName === "H2" && !el.closest(".modulboks")) {
        current = { kind: "section", title: text(el), id: el.id, items: [], notes: [] };
        if (SKIP[el.id]) current.skip = true;
        if (el.id === CLOSING) { current.kind = "closing"; closing = current; }
        else if (!current.skip) sections.push(current);
        return;
      }
      if (el.tagName === "H1" || el === box || el.tagName === "SCRIPT") return;
      if (!current) { if (el.tagName === "P") intro.push(text(el)); return; }
      if (current.skip) return;
      itemsOf(el, current.items, current.notes);
    });
    sections[0].notes = intro;
    if (closing) sections.push(closing);
    return sections.filter(s => s.kind === "title" || s.items.length);
  }

  function overflows(slide) {
    const body = slide.querySelector(".slides__body");
    return body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
  }

  function makeSlide(section, more) {
    const title = section.kind === "title" ? h("h2", { "class": "slides__title slides__title--main", text: section.title })
      : h("h2", { "class": "slides__title", text: section.title + (more ? " (fortsat)" : "") });
    const notes = more ? [] : section.notes.map(n => h("p", { text: n }));
    const slide = h("section", { "class": `slides__slide slides__slide--${section.kind}`, "aria-roledescription": "slide" }, [
      title, h("div", { "class": "slides__body" }),
      notes.length ? h("div", { "class": "slides__notes" }, [h("p", { "class": "slides__sub", text: "Noter" })].concat(notes)) : null
    ]);
    slide.dataset.section = section.id || section.kind;
    slide.notes = section.notes;
    return slide;
  }

  /** Lay the sections out as slides that fit the screen, splitting where they do not. */
  function paginate(stage, sections) {
    stage.textContent = "";
    const slides = [];
    function begin(section, more) {
      // Only the slide being filled is shown, so its size is the screen's.
      if (slides.length) slides[slides.length - 1].hidden = true;
      const slide = makeSlide(section, more);
      stage.appendChild(slide);
      slides.push(slide);
      return slide;
    }
    sections.forEach(section => {
      let slide = begin(section, false);
      function add(item) {
        const body = slide.querySelector(".slides__body");
        body.appendChild(item);
        if (!overflows(slide)) return;
        if (body.children.length === 1) { split(item); return; }
        body.removeChild(item);
        slide = begin(section, true);
        add(item);
      }
      /* One item that does not fit a slide alone: a table goes on between its rows, a list
         between its items. Anything else stays as it is. */
      function split(item) {
        const holder = item.querySelector("tbody") || (/^(UL|OL)$/.test(item.tagName) ? item : null);
        if (!holder || holder.children.length < 2) return;
        const rest = item.cloneNode(true);
        const restHolder = rest.querySelector("tbody") || rest;
        restHolder.textContent = "";
        while (overflows(slide) && holder.children.length > 1) restHolder.insertBefore(holder.lastElementChild, restHolder.firstChild);
        if (item.tagName === "OL") rest.setAttribute("start", String(holder.children.length + 1));
        slide = begin(section, true);
        add(rest);
      }
      section.items.forEach(item => { add(item.cloneNode(true)); });
    });
    slides.forEach((s, i) => {
      s.setAttribute("aria-label", `${i + 1} af ${slides.length}`);
      s.hidden = true;
    });
    // The timer opens the exercise's own big-screen view (exercises.js), on top of the slides.
    stage.querySelectorAll(".slides__timer").forEach(b => {
      b.addEventListener("click", () => {
        const ex = document.querySelector(`section.exercise[data-exercise="${b.dataset.exercise}"]`);
        // A new layout replaces the button, so focus returns to whichever one is there then.
        const selector = `.slides__slide .slides__timer[data-exercise="${b.dataset.exercise}"]`;
        if (ex && S.presentExercise) S.presentExercise(ex, () => stage.querySelector(selector));
      });
    });
    return slides;
  }

  // --- The presentation -----------------------------------------------------------------

  function present(article, opener) {
    if (open) open.close();
    const sections = outline(article);
    const stage = h("div", { "class": "slides__stage" });
    const counter = h("p", { "class": "slides__counter", "aria-hidden": "true" });
    const live = h("p", { "class": "slides__live kursus-sr", "aria-live": "polite", "aria-atomic": "true" });
    function btn(label, cls, key) {
      return h("button", { type: "button", "class": `slides__btn ${cls}`, "aria-keyshortcuts": key, text: label });
    }
    const prev = btn("Forrige", "slides__prev", "ArrowLeft");
    const next = btn("Næste", "slides__next", "ArrowRight");
    const notesBtn = btn("Noter", "slides__notes-btn", "N");
    const full = btn("Fuld skærm", "slides__full", "F");
    const closeBtn = btn("Luk", "slides__close", "Escape");
    const keys = h("p", { "class": "slides__keys", id: "slides-taster",
      text: "Taster: → eller mellemrum = næste · ← = forrige · F = fuld skærm · N = noter · Esc = luk" });
    const dialog = h("div", {
      "class": "slides", role: "dialog", "aria-modal": "true", "aria-label": `Slides: ${sections[0].title}`,
      "aria-describedby": keys.id, tabindex: "-1"
    }, [stage, h("div", { "class": "slides__bar" }, [prev, counter, next, notesBtn, full, closeBtn, keys]), live]);

    const modal = S.modal(dialog);
    document.documentElement.classList.add("slides-open");
    document.body.appendChild(dialog);

    let slides = paginate(stage, sections);
    let index = 0;
    let notesWin = null;

    function show(i, quiet) {
      index = Math.max(0, Math.min(slides.length - 1, i));
      slides.forEach((s, k) => { s.hidden = k !== index; });
      counter.textContent = `${index + 1} / ${slides.length}`;
      prev.disabled = index === 0;
      next.disabled = index === slides.length - 1;
      if (!quiet) live.textContent = `Slide ${index + 1} af ${slides.length}: ${text(slides[index].querySelector("h2"))}`;
      writeNotes();
    }
    function notesHtml(slide) {
      return (slide.notes || []).map(n => `<p>${n.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join("");
    }
    function writeNotes() {
      if (!notesWin || notesWin.closed) return;
      const d = notesWin.document, s = slides[index];
      d.title = `Noter: ${text(s.querySelector("h2"))}`;
      const title = (slide) => text(slide.querySelector("h2")).replace(/</g, "&lt;");
      const next = slides[index + 1];
      d.body.innerHTML = `<h1>${index + 1} / ${slides.length} · ${title(s)}</h1>` +
        (notesHtml(s) || "<p>Ingen noter til denne slide.</p>") +
        (next ? `<p><strong>Næste:</strong> ${title(next)}</p>` : "");
    }
    function openNotes() {
      notesWin = window.open("", "samskabt-noter", "width=720,height=640");
      if (!notesWin) { live.textContent = "Browseren åbnede ikke noterne i et nyt vindue. Tillad pop op-vinduer for kurset."; return; }
      const d = notesWin.document;
      d.documentElement.lang = "da";
      const style = d.createElement("style");
      style.textContent = "body{font:20px/1.5 system-ui,sans-serif;margin:1.5em;max-width:40em}h1{font-size:1.2em}";
      d.head.appendChild(style);
      writeNotes();
    }
    function fullscreen() {
      if (document.fullscreenElement) { document.exitFullscreen().catch(() => {}); return; }
      if (dialog.requestFullscreen) dialog.requestFullscreen({ navigationUI: "hide" }).catch(() => {});
    }
    let resizeJob = null;
    let laidOut = [stage.clientWidth, stage.clientHeight];
    function relayout() {
      const size = [stage.clientWidth, stage.clientHeight];
      if (size[0] === laidOut[0] && size[1] === laidOut[1]) return; // e.g. full screen of the same size
      laidOut = size;
      dialog.dataset.layout = size.join("x"); // the layout's size, also a sign that it is done
      const section = slides[index] && slides[index].dataset.section;
      slides = paginate(stage, sections);
      let first = 0;
      slides.some((s, k) => { if (s.dataset.section === section) { first = k; return true; } return false; });
      show(first, true);
    }
    function onResize() { clearTimeout(resizeJob); resizeJob = setTimeout(relayout, 150); }

    prev.addEventListener("click", () => { show(index - 1); });
    next.addEventListener("click", () => { show(index + 1); });
    notesBtn.addEventListener("click", openNotes);
    full.addEventListener("click", fullscreen);
    closeBtn.addEventListener("click", () => { close(); });
    dialog.addEventListener("keydown", e => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const onButton = e.target && e.target.tagName === "BUTTON" && e.target !== dialog;
      const k = e.key;
      e.stopPropagation(); // keep Material's shortcuts (search, n/p) away
      if (k === "ArrowRight" || k === "PageDown" || (k === " " && !onButton && !e.shiftKey)) { e.preventDefault(); show(index + 1); }
      else if (k === "ArrowLeft" || k === "PageUp" || (k === " " && !onButton && e.shiftKey)) { e.preventDefault(); show(index - 1); }
      else if (k === "Home") { e.preventDefault(); show(0); }
      else if (k === "End") { e.preventDefault(); show(slides.length - 1); }
      else if (k === "f" || k === "F") { e.preventDefault(); fullscreen(); }
      else if (k === "n" || k === "N") { e.preventDefault(); openNotes(); }
      else if (k === "Escape") { if (!document.fullscreenElement) { e.preventDefault(); close(); } }
      else if (k === "Tab") modal.tab(e);
    });
    window.addEventListener("resize", onResize);
    document.addEventListener("fullscreenchange", onResize);

    function close() {
      window.removeEventListener("resize", onResize);
      document.removeEventListener("fullscreenchange", onResize);
      if (document.fullscreenElement === dialog) document.exitFullscreen().catch(() => {});
      modal.release();
      document.documentElement.classList.remove("slides-open");
      dialog.remove();
      if (notesWin && !notesWin.closed) notesWin.close();
      open = null;
      if (opener && opener.isConnected) opener.focus();
    }
    open = { close };
    show(0);
    dialog.focus();
    dialog.dataset.ready = "1";
  }

  S.slides = {
    /** Show the article around `box` ([data-slides] in the module box) as slides; focus goes
        back to the box's button when they close. */
    open(box) {
      const article = box.closest("article") || document.querySelector("article");
      if (article) whenStyled(() => { present(article, box.querySelector("button")); });
    },
    close() { if (open) open.close(); }
  };
})();

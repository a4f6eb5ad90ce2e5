/*
 * "Mine refleksioner": gathers every saved note and self-assessment in course order,
 * offers them as Markdown / text / clipboard / print, and exports, imports and deletes
 * all course data. Nothing is ever sent anywhere: files are made in the browser.
 *
 * Course order and the exercise and prompt titles come from the page's exercise index
 * (ol[data-exercise-index] > li[data-exercise][data-module][data-title] with
 * li[data-prompt] and li[data-item] inside); notes and ratings come from Samskabt.records
 * (store.js), whose shapes also decide what an import may write.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S || !S.store) return;
  const { store, records: R, h, download } = S;
  const FORMAT = "samskabt-styring";
  const VERSION = 1;
  const MAX_FILE = 5 * 1024 * 1024;

  // --- Helpers ------------------------------------------------------------------------

  function button(label) { return S.button(label, "exercise-button"); }

  const { isObject, pad } = S;

  function when(iso) {
    const d = new Date(iso);
    if (!iso || isNaN(d)) return "";
    return `${d.getDate()}.${d.getMonth() + 1}.${d.getFullYear()} kl. ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  // --- Reading the course and the notes -----------------------------------------------

  function readIndex() {
    const list = document.querySelector("[data-exercise-index]");
    if (!list) return [];
    const items = Array.from(list.querySelectorAll("li[data-exercise]")).map((li, i) => {
      const link = li.querySelector("a[href]");
      const module = li.querySelector(".exercise-index__module");
      return {
        id: li.dataset.exercise,
        module: li.dataset.module || "",
        title: li.dataset.title || (link ? link.textContent.trim() : li.dataset.exercise),
        href: link ? link.href : null,
        moduleLabel: module ? module.textContent.trim() : "",
        order: i,
        li,
        prompts: Array.from(li.querySelectorAll("li[data-prompt]")).map(p => ({
          id: p.dataset.prompt,
          text: p.textContent.trim()
        })),
        scale: Array.from(li.querySelectorAll("li[data-item]")).map(p => ({
          id: p.dataset.item,
          label: p.textContent.trim()
        }))
      };
    });
    // Course order: module order, then the order the index lists them in.
    return items.sort((a, b) => a.module < b.module ? -1 : a.module > b.module ? 1 : a.order - b.order);
  }

  /** A note with something written in it, or null. */
  function note(exId, promptId) {
    const n = R.note(exId, promptId);
    return R.written(n) ? n : null;
  }

  /** Everything worth showing, in course order: [{exercise, scale:[…], notes:[…]}]. */
  function gather(index) {
    const known = {};
    const out = [];
    index.forEach(ex => {
      known[ex.id] = ex;
      const values = R.ratings(ex.id);
      const scale = ex.scale.filter(it => values[it.id])
        .map(it => ({
        label: it.label,
        value: values[it.id]
      }));
      const notes = [];
      ex.prompts.forEach(p => {
        const n = note(ex.id, p.id);
        if (n) notes.push({ prompt: p.text, text: n.text, saved: n.saved });
      });
      if (scale.length || notes.length) out.push({ exercise: ex, scale, notes });
    });
    // Notes whose exercise or prompt is not in the index (e.g. since removed): never lost.
    const orphans = {};
    store.keys("note:").forEach(key => {
      const id = R.parse(key);
      if (!id || id.kind !== "note") return;
      const [exId, promptId] = id.ids;
      const ex = known[exId];
      if (ex && ex.prompts.some(p => p.id === promptId)) return;
      const n = note(exId, promptId);
      if (!n) return;
      (orphans[exId] = orphans[exId] || []).push({ prompt: promptId, text: n.text, saved: n.saved });
    });
    Object.keys(orphans).forEach(exId => {
      const ex = known[exId] || { id: exId, title: `Øvelse »${exId}«`, moduleLabel: "", href: null };
      const found = out.filter(g => g.exercise.id === exId)[0];
      if (found) found.notes = found.notes.concat(orphans[exId]);
      else out.push({ exercise: ex, scale: [], notes: orphans[exId] });
    });
    return out;
  }

  // --- Formats --------------------------------------------------------------------------

  function asMarkdown(groups) {
    const out = ["# Mine refleksioner", "", `Fra kurset »Samskabt styring«, hentet ${when(new Date().toISOString())}.`, ""];
    const who = S.progress.name();
    if (who) out.splice(3, 0, "", `Deltager: ${who}`);
    groups.forEach(g => {
      out.push(`## ${g.exercise.title}`, "");
      if (g.exercise.moduleLabel) out.push(`_${g.exercise.moduleLabel}_`, "");
      if (g.scale.length) {
        out.push("### Selvvurdering", "");
        g.scale.forEach(s => { out.push(`- ${s.label}: ${s.value} af 5`); });
        out.push("");
      }
      g.notes.forEach(n => { out.push(`### ${n.prompt}`, "", n.text.trim(), ""); });
    });
    if (!groups.length) out.push("Du har ikke skrevet noget endnu.", "");
    return out.join("\n");
  }

  function asText(groups) {
    function underline(s, ch) { return `${s}\n${new Array(s.length + 1).join(ch)}`; }
    const out = [underline("Mine refleksioner", "="), "", `Fra kurset »Samskabt styring«, hentet ${when(new Date().toISOString())}.`, ""];
    const who = S.progress.name();
    if (who) out.splice(3, 0, "", `Deltager: ${who}`);
    groups.forEach(g => {
      out.push("", underline(g.exercise.title, "-"));
      if (g.exercise.moduleLabel) out.push(g.exercise.moduleLabel);
      out.push("");
      if (g.scale.length) {
        out.push("Selvvurdering:");
        g.scale.forEach(s => { out.push(`  ${s.label}: ${s.value} af 5`); });
        out.push("");
      }
      g.notes.forEach(n => { out.push(n.prompt, "", n.text.trim(), ""); });
    });
    if (!groups.length) out.push("Du har ikke skrevet noget endnu.", "");
    return out.join("\n");
  }

  // --- Rendering the notes ------------------------------------------------------------

  function renderNotes(list, groups) {
    list.replaceChildren();
    if (!groups.length) {
      list.appendChild(h("p", { "class": "reflections__empty", text:
        "Du har ikke skrevet noget i øvelserne endnu – eller også har du skrevet det i en anden browser. " +
        "Find øvelserne i listen længere nede." }));
      return;
    }
    groups.forEach(g => {
      const ex = g.exercise;
      const section = h("section", { "class": "reflections__exercise", "data-exercise": ex.id });
      const heading = h("h3", {}, [ex.href ? h("a", { href: ex.href, text: ex.title }) : ex.title]);
      section.appendChild(heading);
      if (ex.moduleLabel) section.appendChild(h("p", { "class": "reflections__module", text: ex.moduleLabel }));
      if (g.scale.length) {
        section.appendChild(h("h4", { text: "Selvvurdering" }));
        section.appendChild(h("ul", { "class": "reflections__scale" }, g.scale.map(s => h("li", {}, [`${s.label}: `, h("strong", { text: `${s.value} af 5` })]))));
      }
      g.notes.forEach(n => {
        section.appendChild(h("h4", { text: n.prompt }));
        section.appendChild(h("div", { "class": "reflections__note", text: n.text.trim() }));
        const saved = when(n.saved);
        if (saved) section.appendChild(h("p", { "class": "reflections__saved", text: `Skrevet ${saved}` }));
      });
      list.appendChild(section);
    });
  }

  function markIndex(index) {
    index.forEach(ex => {
      const answered = ex.prompts.filter(p => note(ex.id, p.id)).length;
      const old = ex.li.querySelector(".exercise-index__count");
      if (old) old.remove();
      const after = ex.li.querySelector(".exercise-index__module") || ex.li.querySelector("a[href]");
      const count = h("span", {
        "class": "exercise-index__count",
        text: answered ? `${answered} af ${ex.prompts.length} spørgsmål besvaret` : "Ikke besvaret endnu"
      });
      if (after) after.insertAdjacentElement("afterend", count);
      else ex.li.insertBefore(count, ex.li.firstChild);
    });
  }

  // --- Import -------------------------------------------------------------------------

  // More than the course could ever save; a file with more entries is not an export from it.
  const MAX_ENTRIES = 1000;

  /** The ids the course can hold a value for, from the manifest (kursus-data.js). */
  function known() {
    const k = { prompts: {}, items: {}, questions: {}, modules: {} };
    const c = window.SamskabtKursus;
    ((c && c.modules) || []).forEach(m => {
      k.modules[m.stem] = true;
      if (m.bank) {
        k.questions[m.bank] = {};
        k.questions[R.FINAL_TEST] = k.questions[R.FINAL_TEST] || {};
        (m.questions || []).forEach(q => {
          k.questions[m.bank][q] = true;
          k.questions[R.FINAL_TEST][`${m.bank}--${q}`] = true;
        });
      }
      (m.exercises || []).forEach(ex => {
        (ex.prompts || []).forEach(p => { k.prompts[`${ex.id}/${p.id}`] = true; });
        if (ex.scale && ex.scale.length) {
          k.items[ex.id] = {};
          ex.scale.forEach(it => { k.items[ex.id][it.id] = true; });
        }
      });
    });
    return k;
  }

  const NOT_A = { note: "er ikke en note", scale: "er ikke en selvvurdering", quiz: "er ikke quizsvar" };

  /**
   * Why one entry of an export may not be imported (Danish), or "": it must be a record the
   * course reads (Samskabt.records' shape), for ids the course has, with ratings 1–5 and a
   * name the certificate shows whole.
   */
  function problem(key, value, k) {
    const id = R.parse(key);
    if (!id) return "er ikke noget, kurset gemmer";
    const ex = id.ids[0];
    if (id.kind === "note" && !k.prompts[`${ex}/${id.ids[1]}`]) return "hører ikke til en øvelse i kurset";
    if (id.kind === "scale" && !k.items[ex]) return "hører ikke til en øvelse i kurset";
    if (id.kind === "quiz" && !k.questions[ex]) return "hører ikke til en quiz i kurset";
    if (id.kind === "visit" && !k.modules[ex]) return "hører ikke til et modul i kurset";
    const v = R.shape(id.kind, value);
    if (!v) return NOT_A[id.kind] || "har et ukendt format";
    if (id.kind === "scale") {
      const bad = Object.keys(v.values).some(item => !k.items[ex][item] || !R.isRating(v.values[item]));
      if (bad) return "har værdier uden for 1–5 eller ukendte faktorer";
    }
    if (id.kind === "quiz") {
      const wrong = Object.keys(v.answers).some(q => !Object.prototype.hasOwnProperty.call(k.questions[ex], q) || !R.isAnswer(v.answers[q]));
      if (wrong) return "har svar på spørgsmål, som quizzen ikke har";
    }
    if (id.kind === "lastModule" && !k.modules[v.stem]) return "hører ikke til et modul i kurset";
    if (id.kind === "name" && v.name.length > R.MAX_NAME) return `er længere end ${R.MAX_NAME} tegn`;
    return "";
  }

  /**
   * Parse and check an export file; returns {error} (Danish, for the page) when the file as a
   * whole is not a course export, else {data, skipped}: the entries that may be imported, and
   * the others with the reason.
   */
  function parseExport(text) {
    let obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: "Filen er ikke en gyldig JSON-fil. Vælg den fil, du eksporterede fra denne side." };
    }
    if (!isObject(obj) || obj.format !== FORMAT) {
      return { error: "Filen er ikke en eksport fra kurset Samskabt styring. Vælg den fil, du eksporterede fra denne side." };
    }
    if (obj.version !== VERSION) {
      return { error: `Filen er fra en anden version af kurset (version ${JSON.stringify(obj.version)}), som denne side ikke kan læse.` };
    }
    if (!isObject(obj.data)) return { error: "Filen mangler kursusdata (feltet »data«)." };
    const keys = Object.keys(obj.data);
    if (keys.length > MAX_ENTRIES) {
      return { error: `Filen har ${keys.length} elementer; en eksport fra kurset har højst ${MAX_ENTRIES}.` };
    }
    const ids = known();
    const data = {}, skipped = [];
    keys.forEach(key => {
      const why = problem(key, obj.data[key], ids);
      if (why) skipped.push(`»${key.slice(0, 60)}« ${why}`);
      else data[key] = R.shape(R.parse(key).kind, obj.data[key]);  // as the course saves it
    });
    return { data, skipped };
  }

  /** Write all or nothing: on a failed write, put back what was there before. */
  function applyImport(data) {
    const keys = Object.keys(data);
    const before = {};
    keys.forEach(k => { before[k] = store.get(k, undefined); });
    for (let i = 0; i < keys.length; i++) {
      if (!store.set(keys[i], data[keys[i]])) {
        keys.slice(0, i + 1).forEach(k => {
          if (before[k] === undefined) store.remove(k);
          else store.set(k, before[k]);
        });
        return false;
      }
    }
    return true;
  }

  // --- The page ---------------------------------------------------------------------

  function init(container) {
    const index = readIndex();
    const list = h("div", { "class": "reflections__list" });
    const status = h("p", { "class": "reflections__status", role: "status", "aria-live": "polite" });
    const mdBtn = button("Download som Markdown");
    const txtBtn = button("Download som tekst");
    const copyBtn = button("Kopiér til udklipsholder");
    const printBtn = button("Udskriv");
    const toolbar = h("div", { "class": "reflections__toolbar exercise__tools" }, [mdBtn, txtBtn, copyBtn, printBtn]);
    let groups = [];

    function refresh() {
      groups = gather(index);
      renderNotes(list, groups);
      markIndex(index);
      [mdBtn, txtBtn, copyBtn, printBtn].forEach(b => { b.disabled = !groups.length; });
    }

    mdBtn.addEventListener("click", () => {
      download("mine-refleksioner.md", asMarkdown(groups), "text/markdown");
      status.textContent = "Filen mine-refleksioner.md er hentet.";
    });
    txtBtn.addEventListener("click", () => {
      download("mine-refleksioner.txt", asText(groups), "text/plain");
      status.textContent = "Filen mine-refleksioner.txt er hentet.";
    });
    copyBtn.addEventListener("click", () => {
      S.copy(asMarkdown(groups)).then(() => {
        status.textContent = "Dine noter er kopieret til udklipsholderen.";
      }, () => {
        status.textContent = "Kopieringen lykkedes ikke. Brug »Download som tekst« i stedet.";
      });
    });
    printBtn.addEventListener("click", () => { window.print(); });

    container.replaceChildren();
    if (!store.persistent) {
      container.appendChild(h("p", { "class": "exercise__notice" }, [
        h("strong", { text: "Din browser gemmer ikke noget fra kurset. " }),
        "Du ser kun det, du har skrevet, siden du åbnede kurset i dette vindue, og det forsvinder, når du lukker det. " +
        "Hent dine noter nu med »Download som Markdown«."
      ]));
    }
    container.appendChild(toolbar);
    container.appendChild(status);
    container.appendChild(list);
    const idx = document.querySelector("[data-exercise-index]");
    if (idx) idx.classList.add("exercise-index--enhanced");
    refresh();

    const dataBox = document.querySelector("[data-reflections-data]");
    if (dataBox && !dataBox.dataset.ready) {
      dataBox.dataset.ready = "1";
      initData(dataBox, refresh);
    }
  }

  function initData(box, refresh) {
    const exportBtn = button("Eksportér alle kursusdata (JSON)");
    const fileId = "reflections-import";
    const file = h("input", { type: "file", id: fileId, accept: ".json,application/json", "class": "reflections__file" });
    const deleteBtn = button("Slet alt");
    deleteBtn.classList.add("exercise-button--danger");
    const alert = h("div", { "class": "reflections__alert", role: "alert" });
    const status = h("p", { "class": "reflections__status", role: "status", "aria-live": "polite" });

    function say(text) { alert.textContent = ""; status.textContent = text; }
    function fail(text) { status.textContent = ""; alert.textContent = `${text} Intet er ændret.`; }

    exportBtn.addEventListener("click", () => {
      const data = store.dump();
      const doc = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), data };
      download(`samskabt-styring-${today()}.json`, JSON.stringify(doc, null, 2), "application/json");
      const n = Object.keys(data).length;
      say(`Filen er hentet med ${n}${n === 1 ? " element." : " elementer."}`);
    });

    file.addEventListener("change", () => {
      const f = file.files && file.files[0];
      if (!f) return;
      function done() { file.value = ""; }
      if (f.size > MAX_FILE) { fail("Filen er for stor til at være en eksport fra kurset."); done(); return; }
      const reader = new FileReader();
      reader.onload = () => {
        const result = parseExport(String(reader.result));
        done();
        if (result.error) { fail(`Importen mislykkedes. ${result.error}`); return; }
        const n = Object.keys(result.data).length;
        const skipped = result.skipped;
        const named = skipped.slice(0, 5).join("; ") + (skipped.length > 5 ? ` og ${skipped.length - 5} mere` : "");
        const left = !skipped.length ? "" :
          ` ${skipped.length} ${skipped.length === 1 ? "element blev" : "elementer blev"} ikke importeret: ${named}.`;
        if (!n) { fail((skipped.length ? "Filen indeholder ingen kursusdata, som kan importeres." : "Filen indeholder ingen kursusdata.") + left); return; }
        if (!applyImport(result.data)) {
          fail("Importen mislykkedes, fordi browserens lager er fuldt eller blokeret.");
          return;
        }
        refresh();
        const imported = n + (n === 1 ? " element er importeret." : " elementer er importeret.");
        if (skipped.length) {
          status.textContent = "";
          alert.textContent = `Importen lykkedes delvist: ${imported}${left}`;
        } else {
          say(`Importen lykkedes: ${imported}`);
        }
      };
      reader.onerror = () => { done(); fail("Filen kunne ikke læses."); };
      reader.readAsText(f);
    });

    deleteBtn.addEventListener("click", () => {
      const keys = store.keys("");
      if (!keys.length) { say("Der er ingen kursusdata at slette."); return; }
      if (!window.confirm("Vil du slette alle dine noter, selvvurderinger og quizsvar fra kurset i denne browser? Det kan ikke fortrydes.")) {
        say("Intet er slettet.");
        return;
      }
      keys.forEach(k => { store.remove(k); });
      refresh();
      say("Alle dine kursusdata er slettet fra denne browser.");
    });

    // The name or code a participant gives here goes into every file they download (and on the
    // certificate): the teacher who gathers the files can tell them apart.
    const nameInput = h("input", { type: "text", id: "reflections-name", "class": "reflections__name", dir: "auto",
      maxlength: String(S.progress.MAX_NAME), autocomplete: "name" });
    nameInput.value = S.progress.name();
    nameInput.addEventListener("input", () => { S.progress.setName(nameInput.value); });
    store.watch("name", nameInput, () => {
      if (document.activeElement !== nameInput) nameInput.value = S.progress.name();
    });

    box.replaceChildren(
      h("p", { "class": "reflections__who" }, [
        h("label", { "for": "reflections-name", text: "Dit navn eller din kode (kommer med i de filer, du henter)" }), nameInput
      ]),
      h("div", { "class": "exercise__tools" }, [exportBtn]),
      h("p", { "class": "reflections__import" }, [h("label", { "for": fileId, text: "Importér kursusdata fra en fil (JSON)" }), file]),
      h("div", { "class": "exercise__tools" }, [deleteBtn]),
      alert,
      status
    );
  }

  S.onPage(root => {
    S.each(root, "[data-reflections]", init);
  });
})();

/*
 * »Saml deltagernes refleksioner« (docs/underviser/saml-refleksioner.md, [data-gather]): the
 * teacher picks the files the participants handed in, and gets one overview to read or print
 * and one CSV file. Everything happens in this browser: the files are read with FileReader and
 * sent nowhere.
 *
 * Files it reads:
 * - the course export from »Mine refleksioner« (samskabt-styring-ÅÅÅÅ-MM-DD.json): its notes,
 *   self-assessments and name, read through Samskabt.records as the course reads its own;
 * - an exercise's CSV (fire-faktorer.csv): "deltager,<item ids…>", one row per participant.
 * The exercises' titles, questions and scale labels come from the course manifest.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S || !S.progress) return;
  const h = S.h;
  const R = S.records;
  const MAX_FILE = 5 * 1024 * 1024;
  const FORMAT = "samskabt-styring";

  const { isObject } = S;

  /** The course's exercises in course order: {id, title, module, prompts, scale}. */
  function exercises() {
    const c = S.progress.course();
    const out = [];
    (c ? c.modules : []).forEach(m => {
      m.exercises.forEach(ex => {
        out.push({ id: ex.id, title: ex.title, module: `Modul ${m.number}: ${m.title}`, prompts: ex.prompts, scale: ex.scale });
      });
    });
    return out;
  }

  function stem(name) { return name.replace(/\.[^.]+$/, ""); }

  /** One participant's answers from a course export, or an error. */
  function fromJson(text, file) {
    let doc;
    try { doc = JSON.parse(text); } catch (e) { return { error: "Filen er ikke gyldig JSON." }; }
    if (!isObject(doc) || doc.format !== FORMAT || !isObject(doc.data)) {
      return { error: "Filen er ikke en eksport fra kurset (»Eksportér alle kursusdata« på Mine refleksioner)." };
    }
    // The export's entries, read as the course reads its own storage (Samskabt.records).
    const data = doc.data, notes = {}, scales = {};
    const saved = { get(key, fallback) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : fallback; } };
    exercises().forEach(ex => {
      ex.prompts.forEach(p => {
        const n = R.note(ex.id, p.id, saved);
        if (R.written(n)) notes[`${ex.id}/${p.id}`] = n.text.trim();
      });
      const values = R.ratings(ex.id, saved);
      if (Object.keys(values).length) scales[ex.id] = values;
    });
    const name = R.name(saved);
    return { people: [{ name: name || stem(file), file, notes, scales }] };
  }

  /** Split one CSV line (comma or semicolon, "quoted" fields). */
  function cells(line, sep) {
    const out = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === sep) { out.push(cur); cur = ""; }
      else cur += ch;
    }
    out.push(cur);
    return out.map(c => c.trim());
  }

  /** The participants in an exercise's CSV (deltager,<item ids…>), or an error. */
  function fromCsv(text, file) {
    const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter(l => l.trim());
    if (!lines.length) return { error: "Filen er tom." };
    const sep = lines[0].includes(";") ? ";" : ",";
    const head = cells(lines[0], sep);
    if (head[0].toLowerCase() !== "deltager") return { error: "Første kolonne skal hedde »deltager«." };
    const ids = head.slice(1);
    const ex = exercises().filter(e => e.scale.length && ids.every(id => e.scale.some(s => s.id === id)))[0];
    if (!ex || !ids.length) return { error: "Kolonnerne passer ikke til nogen øvelse i kurset." };
    const people = [];
    lines.slice(1).forEach((line, i) => {
      const row = cells(line, sep), values = {};
      ids.forEach((id, k) => {
        const n = Number(row[k + 1]);
        if (row[k + 1] !== "" && R.isRating(n)) values[id] = n;
      });
      const scales = {};
      scales[ex.id] = values;
      people.push({ name: row[0] || stem(file) + (lines.length > 2 ? ` (række ${i + 1})` : ""), file, notes: {}, scales });
    });
    return { people };
  }

  function read(file) {
    return new Promise(resolve => {
      if (file.size > MAX_FILE) { resolve({ error: "Filen er for stor til at være en eksport fra kurset." }); return; }
      const reader = new FileReader();
      reader.onload = () => {
        const text = String(reader.result);
        if (/\.json$/i.test(file.name) || /^\s*\{/.test(text)) resolve(fromJson(text, file.name));
        else if (/\.csv$/i.test(file.name)) resolve(fromCsv(text, file.name));
        else resolve({ error: "Kun JSON-eksporten fra Mine refleksioner og øvelsernes CSV-filer kan læses." });
      };
      reader.onerror = () => { resolve({ error: "Filen kunne ikke læses." }); };
      reader.readAsText(file, "utf-8");
    });
  }

  /** Two files with the same name get a number, so no one's answers are mixed with another's. */
  function distinct(people) {
    const seen = {};
    people.forEach(p => {
      const key = p.name.toLowerCase();
      seen[key] = (seen[key] || 0) + 1;
      if (seen[key] > 1) p.name += ` (${seen[key]})`;
    });
    return people;
  }

  // --- The overview and the CSV ----------------------------------------------------------

  function overview(box, people) {
    box.replaceChildren();
    const exs = exercises();
    box.appendChild(h("h2", { id: "oversigt", text: `Oversigt over ${people.length}${people.length === 1 ? " deltager" : " deltagere"}` }));
    box.appendChild(h("p", { text: `Deltagere: ${people.map(p => p.name).join(", ")}.` }));
    let shown = 0;
    exs.forEach(ex => {
      const notes = ex.prompts.map(pr => ({
        prompt: pr,
        answers: people.filter(p => p.notes[`${ex.id}/${pr.id}`])
      })).filter(x => x.answers.length);
      const rated = people.filter(p => p.scales[ex.id] && Object.keys(p.scales[ex.id]).length);
      if (!notes.length && !rated.length) return;
      shown++;
      const section = h("section", { "class": "gather__exercise" }, [
        h("h3", { text: ex.title }), h("p", { "class": "gather__module", text: ex.module })
      ]);
      notes.forEach(x => {
        section.appendChild(h("h4", { text: x.prompt.text }));
        section.appendChild(h("ul", { "class": "gather__answers" }, x.answers.map(p => h("li", {}, [h("strong", { text: `${p.name}: ` }), h("span", { "class": "gather__text", text: p.notes[`${ex.id}/${x.prompt.id}`] })]))));
      });
      if (rated.length) {
        const head = h("tr", {}, [h("th", { scope: "col", text: "Deltager" })].concat(ex.scale.map(s => h("th", { scope: "col", text: s.label }))));
        const rows = rated.map(p => h("tr", {}, [h("th", { scope: "row", text: p.name })].concat(ex.scale.map(s => {
          const v = p.scales[ex.id][s.id];
          return h("td", { text: v ? String(v) : "–" });
        }))));
        const mean = h("tr", { "class": "gather__mean" }, [h("th", { scope: "row", text: "Gennemsnit" })].concat(ex.scale.map(s => {
          const vs = rated.map(p => p.scales[ex.id][s.id]).filter(Boolean);
          return h("td", { text: vs.length ? (vs.reduce((a, b) => a + b, 0) / vs.length).toFixed(1).replace(".", ",") : "–" });
        })));
        // The wrapper scrolls a wide table on a phone, and can be reached with Tab to do so.
        section.appendChild(h("div", { "class": "gather__table", tabindex: "0", role: "region",
          "aria-label": `Selvvurdering: ${ex.title}` }, [h("table", {}, [
          h("caption", { text: "Selvvurdering, 1–5" }), h("thead", {}, [head]), h("tbody", {}, rows.concat([mean]))
        ])]));
      }
      box.appendChild(section);
    });
    if (!shown) box.appendChild(h("p", { text: "Filerne indeholder ingen noter eller selvvurderinger endnu." }));
  }

  function csvCell(v) {
    const s = String(v);
    return /[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${/^[=+\-@]/.test(s) ? "'" : ""}${s.replace(/"/g, '""')}"` : s;
  }

  /** One row per answer: deltager;modul;øvelse;spørgsmål;svar (semicolons, as Danish Excel reads). */
  function asCsv(people) {
    const rows = [["deltager", "modul", "øvelse", "spørgsmål", "svar"]];
    exercises().forEach(ex => {
      people.forEach(p => {
        ex.prompts.forEach(pr => {
          const t = p.notes[`${ex.id}/${pr.id}`];
          if (t) rows.push([p.name, ex.module, ex.title, pr.text, t]);
        });
        ex.scale.forEach(s => {
          const v = p.scales[ex.id] && p.scales[ex.id][s.id];
          if (v) rows.push([p.name, ex.module, ex.title, s.label, String(v)]);
        });
      });
    });
    return `\uFEFF${rows.map(r => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
  }

  function init(root) {
    const input = h("input", { type: "file", id: "gather-files", multiple: true, accept: ".json,.csv,application/json,text/csv", "class": "gather__files" });
    const status = h("p", { "class": "gather__status", role: "status", "aria-live": "polite" });
    const problems = h("ul", { "class": "gather__problems" });
    const csvBtn = h("button", { type: "button", "class": "md-button", text: "Download samlet CSV", hidden: true });
    const printBtn = h("button", { type: "button", "class": "md-button", text: "Udskriv oversigten", hidden: true });
    const out = h("div", { "class": "gather__overview" });
    let people = [];
    root.replaceChildren(
      h("p", { "class": "gather__pick" }, [h("label", { "for": "gather-files", text: "Vælg deltagernes filer (du kan vælge flere på én gang)" }), input]),
      status, problems, h("p", { "class": "gather__actions" }, [csvBtn, " ", printBtn]), out
    );
    input.addEventListener("change", () => {
      const files = Array.from(input.files || []);
      if (!files.length) return;
      Promise.all(files.map(read)).then(results => {
        problems.replaceChildren();
        people = [];
        results.forEach((r, i) => {
          if (r.error) problems.appendChild(h("li", { text: `${files[i].name}: ${r.error}` }));
          else people = people.concat(r.people);
        });
        distinct(people);
        const bad = results.filter(r => r.error).length;
        status.textContent = `${people.length + (people.length === 1 ? " deltager" : " deltagere")} fra ${files.length - bad} af ${files.length}${files.length === 1 ? " fil." : " filer."}${bad ? " Nogle filer kunne ikke læses; se listen." : ""}`;
        csvBtn.hidden = printBtn.hidden = !people.length;
        if (people.length) overview(out, people); else out.replaceChildren();
      });
    });
    csvBtn.addEventListener("click", () => {
      S.download("refleksioner-samlet.csv", asCsv(people), "text/csv");
    });
    printBtn.addEventListener("click", () => { window.print(); });
  }

  S.onPage(root => { S.each(root, "[data-gather]", init); });
})();

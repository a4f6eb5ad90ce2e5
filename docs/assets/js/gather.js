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
(function () {
  "use strict";
  var S = window.Samskabt;
  if (!S || !S.progress) return;
  var h = S.h;
  var R = S.records;
  var MAX_FILE = 5 * 1024 * 1024;
  var FORMAT = "samskabt-styring";

  function isObj(v) { return !!v && typeof v === "object" && !Array.isArray(v); }

  /** The course's exercises in course order: {id, title, module, prompts, scale}. */
  function exercises() {
    var c = S.progress.course();
    var out = [];
    (c ? c.modules : []).forEach(function (m) {
      m.exercises.forEach(function (ex) {
        out.push({ id: ex.id, title: ex.title, module: "Modul " + m.number + ": " + m.title, prompts: ex.prompts, scale: ex.scale });
      });
    });
    return out;
  }

  function stem(name) { return name.replace(/\.[^.]+$/, ""); }

  /** One participant's answers from a course export, or an error. */
  function fromJson(text, file) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { return { error: "Filen er ikke gyldig JSON." }; }
    if (!isObj(doc) || doc.format !== FORMAT || !isObj(doc.data)) {
      return { error: "Filen er ikke en eksport fra kurset (»Eksportér alle kursusdata« på Mine refleksioner)." };
    }
    // The export's entries, read as the course reads its own storage (Samskabt.records).
    var data = doc.data, notes = {}, scales = {};
    var saved = { get: function (key, fallback) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : fallback; } };
    exercises().forEach(function (ex) {
      ex.prompts.forEach(function (p) {
        var n = R.note(ex.id, p.id, saved);
        if (R.written(n)) notes[ex.id + "/" + p.id] = n.text.trim();
      });
      var values = R.ratings(ex.id, saved);
      if (Object.keys(values).length) scales[ex.id] = values;
    });
    var name = R.name(saved);
    return { people: [{ name: name || stem(file), file: file, notes: notes, scales: scales }] };
  }

  /** Split one CSV line (comma or semicolon, "quoted" fields). */
  function cells(line, sep) {
    var out = [], cur = "", quoted = false;
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === sep) { out.push(cur); cur = ""; }
      else cur += ch;
    }
    out.push(cur);
    return out.map(function (c) { return c.trim(); });
  }

  /** The participants in an exercise's CSV (deltager,<item ids…>), or an error. */
  function fromCsv(text, file) {
    var lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter(function (l) { return l.trim(); });
    if (!lines.length) return { error: "Filen er tom." };
    var sep = lines[0].indexOf(";") >= 0 ? ";" : ",";
    var head = cells(lines[0], sep);
    if (head[0].toLowerCase() !== "deltager") return { error: "Første kolonne skal hedde »deltager«." };
    var ids = head.slice(1);
    var ex = exercises().filter(function (e) {
      return e.scale.length && ids.every(function (id) { return e.scale.some(function (s) { return s.id === id; }); });
    })[0];
    if (!ex || !ids.length) return { error: "Kolonnerne passer ikke til nogen øvelse i kurset." };
    var people = [];
    lines.slice(1).forEach(function (line, i) {
      var row = cells(line, sep), values = {};
      ids.forEach(function (id, k) {
        var n = Number(row[k + 1]);
        if (row[k + 1] !== "" && R.isRating(n)) values[id] = n;
      });
      var scales = {};
      scales[ex.id] = values;
      people.push({ name: row[0] || stem(file) + (lines.length > 2 ? " (række " + (i + 1) + ")" : ""), file: file, notes: {}, scales: scales });
    });
    return { people: people };
  }

  function read(file) {
    return new Promise(function (resolve) {
      if (file.size > MAX_FILE) { resolve({ error: "Filen er for stor til at være en eksport fra kurset." }); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var text = String(reader.result);
        if (/\.json$/i.test(file.name) || /^\s*\{/.test(text)) resolve(fromJson(text, file.name));
        else if (/\.csv$/i.test(file.name)) resolve(fromCsv(text, file.name));
        else resolve({ error: "Kun JSON-eksporten fra Mine refleksioner og øvelsernes CSV-filer kan læses." });
      };
      reader.onerror = function () { resolve({ error: "Filen kunne ikke læses." }); };
      reader.readAsText(file, "utf-8");
    });
  }

  /** Two files with the same name get a number, so no one's answers are mixed with another's. */
  function distinct(people) {
    var seen = {};
    people.forEach(function (p) {
      var key = p.name.toLowerCase();
      seen[key] = (seen[key] || 0) + 1;
      if (seen[key] > 1) p.name += " (" + seen[key] + ")";
    });
    return people;
  }

  // --- The overview and the CSV ----------------------------------------------------------

  function overview(box, people) {
    box.replaceChildren();
    var exs = exercises();
    box.appendChild(h("h2", { id: "oversigt", text: "Oversigt over " + people.length + (people.length === 1 ? " deltager" : " deltagere") }));
    box.appendChild(h("p", { text: "Deltagere: " + people.map(function (p) { return p.name; }).join(", ") + "." }));
    var shown = 0;
    exs.forEach(function (ex) {
      var notes = ex.prompts.map(function (pr) {
        return { prompt: pr, answers: people.filter(function (p) { return p.notes[ex.id + "/" + pr.id]; }) };
      }).filter(function (x) { return x.answers.length; });
      var rated = people.filter(function (p) { return p.scales[ex.id] && Object.keys(p.scales[ex.id]).length; });
      if (!notes.length && !rated.length) return;
      shown++;
      var section = h("section", { "class": "gather__exercise" }, [
        h("h3", { text: ex.title }), h("p", { "class": "gather__module", text: ex.module })
      ]);
      notes.forEach(function (x) {
        section.appendChild(h("h4", { text: x.prompt.text }));
        section.appendChild(h("ul", { "class": "gather__answers" }, x.answers.map(function (p) {
          return h("li", {}, [h("strong", { text: p.name + ": " }), h("span", { "class": "gather__text", text: p.notes[ex.id + "/" + x.prompt.id] })]);
        })));
      });
      if (rated.length) {
        var head = h("tr", {}, [h("th", { scope: "col", text: "Deltager" })].concat(ex.scale.map(function (s) {
          return h("th", { scope: "col", text: s.label });
        })));
        var rows = rated.map(function (p) {
          return h("tr", {}, [h("th", { scope: "row", text: p.name })].concat(ex.scale.map(function (s) {
            var v = p.scales[ex.id][s.id];
            return h("td", { text: v ? String(v) : "–" });
          })));
        });
        var mean = h("tr", { "class": "gather__mean" }, [h("th", { scope: "row", text: "Gennemsnit" })].concat(ex.scale.map(function (s) {
          var vs = rated.map(function (p) { return p.scales[ex.id][s.id]; }).filter(Boolean);
          return h("td", { text: vs.length ? (vs.reduce(function (a, b) { return a + b; }, 0) / vs.length).toFixed(1).replace(".", ",") : "–" });
        })));
        // The wrapper scrolls a wide table on a phone, and can be reached with Tab to do so.
        section.appendChild(h("div", { "class": "gather__table", tabindex: "0", role: "region",
          "aria-label": "Selvvurdering: " + ex.title }, [h("table", {}, [
          h("caption", { text: "Selvvurdering, 1–5" }), h("thead", {}, [head]), h("tbody", {}, rows.concat([mean]))
        ])]));
      }
      box.appendChild(section);
    });
    if (!shown) box.appendChild(h("p", { text: "Filerne indeholder ingen noter eller selvvurderinger endnu." }));
  }

  function csvCell(v) {
    var s = String(v);
    return /[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? '"' + (/^[=+\-@]/.test(s) ? "'" : "") + s.replace(/"/g, '""') + '"' : s;
  }

  /** One row per answer: deltager;modul;øvelse;spørgsmål;svar (semicolons, as Danish Excel reads). */
  function asCsv(people) {
    var rows = [["deltager", "modul", "øvelse", "spørgsmål", "svar"]];
    exercises().forEach(function (ex) {
      people.forEach(function (p) {
        ex.prompts.forEach(function (pr) {
          var t = p.notes[ex.id + "/" + pr.id];
          if (t) rows.push([p.name, ex.module, ex.title, pr.text, t]);
        });
        ex.scale.forEach(function (s) {
          var v = p.scales[ex.id] && p.scales[ex.id][s.id];
          if (v) rows.push([p.name, ex.module, ex.title, s.label, String(v)]);
        });
      });
    });
    return "\uFEFF" + rows.map(function (r) { return r.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
  }

  function init(root) {
    var input = h("input", { type: "file", id: "gather-files", multiple: true, accept: ".json,.csv,application/json,text/csv", "class": "gather__files" });
    var status = h("p", { "class": "gather__status", role: "status", "aria-live": "polite" });
    var problems = h("ul", { "class": "gather__problems" });
    var csvBtn = h("button", { type: "button", "class": "md-button", text: "Download samlet CSV", hidden: true });
    var printBtn = h("button", { type: "button", "class": "md-button", text: "Udskriv oversigten", hidden: true });
    var out = h("div", { "class": "gather__overview" });
    var people = [];
    root.replaceChildren(
      h("p", { "class": "gather__pick" }, [h("label", { "for": "gather-files", text: "Vælg deltagernes filer (du kan vælge flere på én gang)" }), input]),
      status, problems, h("p", { "class": "gather__actions" }, [csvBtn, " ", printBtn]), out
    );
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      Promise.all(files.map(read)).then(function (results) {
        problems.replaceChildren();
        people = [];
        results.forEach(function (r, i) {
          if (r.error) problems.appendChild(h("li", { text: files[i].name + ": " + r.error }));
          else people = people.concat(r.people);
        });
        distinct(people);
        var bad = results.filter(function (r) { return r.error; }).length;
        status.textContent = people.length + (people.length === 1 ? " deltager" : " deltagere") + " fra " +
          (files.length - bad) + " af " + files.length + (files.length === 1 ? " fil." : " filer.") +
          (bad ? " Nogle filer kunne ikke læses; se listen." : "");
        csvBtn.hidden = printBtn.hidden = !people.length;
        if (people.length) overview(out, people); else out.replaceChildren();
      });
    });
    csvBtn.addEventListener("click", function () {
      S.download("refleksioner-samlet.csv", asCsv(people), "text/csv");
    });
    printBtn.addEventListener("click", function () { window.print(); });
  }

  S.onPage(function (root) { S.each(root, "[data-gather]", init); });
})();

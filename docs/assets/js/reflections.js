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
(function () {
  "use strict";
  var S = window.Samskabt;
  if (!S || !S.store) return;
  var store = S.store;
  var R = S.records;
  var FORMAT = "samskabt-styring";
  var VERSION = 1;
  var MAX_FILE = 5 * 1024 * 1024;

  // --- Helpers ------------------------------------------------------------------------

  var h = Samskabt.h;
  var download = Samskabt.download;

  function button(label) { return S.button(label, "exercise-button"); }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function pad(n) { return String(n).padStart(2, "0"); }

  function when(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d)) return "";
    return d.getDate() + "." + (d.getMonth() + 1) + "." + d.getFullYear() + " kl. " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // --- Reading the course and the notes -----------------------------------------------

  function readIndex() {
    var list = document.querySelector("[data-exercise-index]");
    if (!list) return [];
    var items = Array.prototype.map.call(list.querySelectorAll("li[data-exercise]"), function (li, i) {
      var link = li.querySelector("a[href]");
      var module = li.querySelector(".exercise-index__module");
      return {
        id: li.dataset.exercise,
        module: li.dataset.module || "",
        title: li.dataset.title || (link ? link.textContent.trim() : li.dataset.exercise),
        href: link ? link.href : null,
        moduleLabel: module ? module.textContent.trim() : "",
        order: i,
        li: li,
        prompts: Array.prototype.map.call(li.querySelectorAll("li[data-prompt]"), function (p) {
          return { id: p.dataset.prompt, text: p.textContent.trim() };
        }),
        scale: Array.prototype.map.call(li.querySelectorAll("li[data-item]"), function (p) {
          return { id: p.dataset.item, label: p.textContent.trim() };
        })
      };
    });
    // Course order: module order, then the order the index lists them in.
    return items.sort(function (a, b) {
      return a.module < b.module ? -1 : a.module > b.module ? 1 : a.order - b.order;
    });
  }

  /** A note with something written in it, or null. */
  function note(exId, promptId) {
    var n = R.note(exId, promptId);
    return R.written(n) ? n : null;
  }

  /** Everything worth showing, in course order: [{exercise, scale:[…], notes:[…]}]. */
  function gather(index) {
    var known = {};
    var out = [];
    index.forEach(function (ex) {
      known[ex.id] = ex;
      var values = R.ratings(ex.id);
      var scale = ex.scale.filter(function (it) { return values[it.id]; })
        .map(function (it) { return { label: it.label, value: values[it.id] }; });
      var notes = [];
      ex.prompts.forEach(function (p) {
        var n = note(ex.id, p.id);
        if (n) notes.push({ prompt: p.text, text: n.text, saved: n.saved });
      });
      if (scale.length || notes.length) out.push({ exercise: ex, scale: scale, notes: notes });
    });
    // Notes whose exercise or prompt is not in the index (e.g. since removed): never lost.
    var orphans = {};
    store.keys("note:").forEach(function (key) {
      var id = R.noteKey(key);
      if (!id) return;
      var ex = known[id.ex];
      if (ex && ex.prompts.some(function (p) { return p.id === id.prompt; })) return;
      var n = note(id.ex, id.prompt);
      if (!n) return;
      (orphans[id.ex] = orphans[id.ex] || []).push({ prompt: id.prompt, text: n.text, saved: n.saved });
    });
    Object.keys(orphans).forEach(function (exId) {
      var ex = known[exId] || { id: exId, title: "Øvelse »" + exId + "«", moduleLabel: "", href: null };
      var found = out.filter(function (g) { return g.exercise.id === exId; })[0];
      if (found) found.notes = found.notes.concat(orphans[exId]);
      else out.push({ exercise: ex, scale: [], notes: orphans[exId] });
    });
    return out;
  }

  // --- Formats --------------------------------------------------------------------------

  function asMarkdown(groups) {
    var out = ["# Mine refleksioner", "", "Fra kurset »Samskabt styring«, hentet " + when(new Date().toISOString()) + ".", ""];
    var who = S.progress.name();
    if (who) out.splice(3, 0, "", "Deltager: " + who);
    groups.forEach(function (g) {
      out.push("## " + g.exercise.title, "");
      if (g.exercise.moduleLabel) out.push("_" + g.exercise.moduleLabel + "_", "");
      if (g.scale.length) {
        out.push("### Selvvurdering", "");
        g.scale.forEach(function (s) { out.push("- " + s.label + ": " + s.value + " af 5"); });
        out.push("");
      }
      g.notes.forEach(function (n) { out.push("### " + n.prompt, "", n.text.trim(), ""); });
    });
    if (!groups.length) out.push("Du har ikke skrevet noget endnu.", "");
    return out.join("\n");
  }

  function asText(groups) {
    function underline(s, ch) { return s + "\n" + new Array(s.length + 1).join(ch); }
    var out = [underline("Mine refleksioner", "="), "", "Fra kurset »Samskabt styring«, hentet " + when(new Date().toISOString()) + ".", ""];
    var who = S.progress.name();
    if (who) out.splice(3, 0, "", "Deltager: " + who);
    groups.forEach(function (g) {
      out.push("", underline(g.exercise.title, "-"));
      if (g.exercise.moduleLabel) out.push(g.exercise.moduleLabel);
      out.push("");
      if (g.scale.length) {
        out.push("Selvvurdering:");
        g.scale.forEach(function (s) { out.push("  " + s.label + ": " + s.value + " af 5"); });
        out.push("");
      }
      g.notes.forEach(function (n) { out.push(n.prompt, "", n.text.trim(), ""); });
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
    groups.forEach(function (g) {
      var ex = g.exercise;
      var section = h("section", { "class": "reflections__exercise", "data-exercise": ex.id });
      var heading = h("h3", {}, [ex.href ? h("a", { href: ex.href, text: ex.title }) : ex.title]);
      section.appendChild(heading);
      if (ex.moduleLabel) section.appendChild(h("p", { "class": "reflections__module", text: ex.moduleLabel }));
      if (g.scale.length) {
        section.appendChild(h("h4", { text: "Selvvurdering" }));
        section.appendChild(h("ul", { "class": "reflections__scale" }, g.scale.map(function (s) {
          return h("li", {}, [s.label + ": ", h("strong", { text: s.value + " af 5" })]);
        })));
      }
      g.notes.forEach(function (n) {
        section.appendChild(h("h4", { text: n.prompt }));
        section.appendChild(h("div", { "class": "reflections__note", text: n.text.trim() }));
        var saved = when(n.saved);
        if (saved) section.appendChild(h("p", { "class": "reflections__saved", text: "Skrevet " + saved }));
      });
      list.appendChild(section);
    });
  }

  function markIndex(index) {
    index.forEach(function (ex) {
      var answered = ex.prompts.filter(function (p) { return note(ex.id, p.id); }).length;
      var old = ex.li.querySelector(".exercise-index__count");
      if (old) old.remove();
      var after = ex.li.querySelector(".exercise-index__module") || ex.li.querySelector("a[href]");
      var count = h("span", {
        "class": "exercise-index__count",
        text: answered ? answered + " af " + ex.prompts.length + " spørgsmål besvaret" : "Ikke besvaret endnu"
      });
      if (after) after.insertAdjacentElement("afterend", count);
      else ex.li.insertBefore(count, ex.li.firstChild);
    });
  }

  // --- Import -------------------------------------------------------------------------

  // More than the course could ever save; a file with more entries is not an export from it.
  var MAX_ENTRIES = 1000;

  /** The ids the course can hold a value for, from the manifest (kursus-data.js). */
  function known() {
    var k = { prompts: {}, items: {}, questions: {}, modules: {} };
    var c = window.SamskabtKursus;
    ((c && c.modules) || []).forEach(function (m) {
      k.modules[m.stem] = true;
      if (m.bank) {
        k.questions[m.bank] = {};
        k.questions[R.FINAL_TEST] = k.questions[R.FINAL_TEST] || {};
        (m.questions || []).forEach(function (q) {
          k.questions[m.bank][q] = true;
          k.questions[R.FINAL_TEST][m.bank + "--" + q] = true;
        });
      }
      (m.exercises || []).forEach(function (ex) {
        (ex.prompts || []).forEach(function (p) { k.prompts[ex.id + "/" + p.id] = true; });
        if (ex.scale && ex.scale.length) {
          k.items[ex.id] = {};
          ex.scale.forEach(function (it) { k.items[ex.id][it.id] = true; });
        }
      });
    });
    return k;
  }

  var NOT_A = { note: "er ikke en note", scale: "er ikke en selvvurdering", quiz: "er ikke quizsvar" };

  /**
   * Why one entry of an export may not be imported (Danish), or "": it must be a record the
   * course reads (Samskabt.records' shape), for ids the course has, with ratings 1–5 and a
   * name the certificate shows whole.
   */
  function problem(key, value, k) {
    var id = R.parse(key);
    if (!id) return "er ikke noget, kurset gemmer";
    var ex = id.ids[0];
    if (id.kind === "note" && !k.prompts[ex + "/" + id.ids[1]]) return "hører ikke til en øvelse i kurset";
    if (id.kind === "scale" && !k.items[ex]) return "hører ikke til en øvelse i kurset";
    if (id.kind === "quiz" && !k.questions[ex]) return "hører ikke til en quiz i kurset";
    if (id.kind === "visit" && !k.modules[ex]) return "hører ikke til et modul i kurset";
    var v = R.shape(id.kind, value);
    if (!v) return NOT_A[id.kind] || "har et ukendt format";
    if (id.kind === "scale") {
      var bad = Object.keys(v.values).some(function (item) { return !k.items[ex][item] || !R.isRating(v.values[item]); });
      if (bad) return "har værdier uden for 1–5 eller ukendte faktorer";
    }
    if (id.kind === "quiz") {
      var wrong = Object.keys(v.answers).some(function (q) {
        return !Object.prototype.hasOwnProperty.call(k.questions[ex], q) || !R.isAnswer(v.answers[q]);
      });
      if (wrong) return "har svar på spørgsmål, som quizzen ikke har";
    }
    if (id.kind === "lastModule" && !k.modules[v.stem]) return "hører ikke til et modul i kurset";
    if (id.kind === "name" && v.name.length > R.MAX_NAME) return "er længere end " + R.MAX_NAME + " tegn";
    return "";
  }

  /**
   * Parse and check an export file; returns {error} (Danish, for the page) when the file as a
   * whole is not a course export, else {data, skipped}: the entries that may be imported, and
   * the others with the reason.
   */
  function parseExport(text) {
    var obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: "Filen er ikke en gyldig JSON-fil. Vælg den fil, du eksporterede fra denne side." };
    }
    if (!isObject(obj) || obj.format !== FORMAT) {
      return { error: "Filen er ikke en eksport fra kurset Samskabt styring. Vælg den fil, du eksporterede fra denne side." };
    }
    if (obj.version !== VERSION) {
      return { error: "Filen er fra en anden version af kurset (version " + JSON.stringify(obj.version) + "), som denne side ikke kan læse." };
    }
    if (!isObject(obj.data)) return { error: "Filen mangler kursusdata (feltet »data«)." };
    var keys = Object.keys(obj.data);
    if (keys.length > MAX_ENTRIES) {
      return { error: "Filen har " + keys.length + " elementer; en eksport fra kurset har højst " + MAX_ENTRIES + "." };
    }
    var ids = known();
    var data = {}, skipped = [];
    keys.forEach(function (key) {
      var why = problem(key, obj.data[key], ids);
      if (why) skipped.push("»" + key.slice(0, 60) + "« " + why);
      else data[key] = R.shape(R.parse(key).kind, obj.data[key]);  // as the course saves it
    });
    return { data: data, skipped: skipped };
  }

  /** Write all or nothing: on a failed write, put back what was there before. */
  function applyImport(data) {
    var keys = Object.keys(data);
    var before = {};
    keys.forEach(function (k) { before[k] = store.get(k, undefined); });
    for (var i = 0; i < keys.length; i++) {
      if (!store.set(keys[i], data[keys[i]])) {
        keys.slice(0, i + 1).forEach(function (k) {
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
    var index = readIndex();
    var list = h("div", { "class": "reflections__list" });
    var status = h("p", { "class": "reflections__status", role: "status", "aria-live": "polite" });
    var mdBtn = button("Download som Markdown");
    var txtBtn = button("Download som tekst");
    var copyBtn = button("Kopiér til udklipsholder");
    var printBtn = button("Udskriv");
    var toolbar = h("div", { "class": "reflections__toolbar exercise__tools" }, [mdBtn, txtBtn, copyBtn, printBtn]);
    var groups = [];

    function refresh() {
      groups = gather(index);
      renderNotes(list, groups);
      markIndex(index);
      [mdBtn, txtBtn, copyBtn, printBtn].forEach(function (b) { b.disabled = !groups.length; });
    }

    mdBtn.addEventListener("click", function () {
      download("mine-refleksioner.md", asMarkdown(groups), "text/markdown");
      status.textContent = "Filen mine-refleksioner.md er hentet.";
    });
    txtBtn.addEventListener("click", function () {
      download("mine-refleksioner.txt", asText(groups), "text/plain");
      status.textContent = "Filen mine-refleksioner.txt er hentet.";
    });
    copyBtn.addEventListener("click", function () {
      S.copy(asMarkdown(groups)).then(function () {
        status.textContent = "Dine noter er kopieret til udklipsholderen.";
      }, function () {
        status.textContent = "Kopieringen lykkedes ikke. Brug »Download som tekst« i stedet.";
      });
    });
    printBtn.addEventListener("click", function () { window.print(); });

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
    var idx = document.querySelector("[data-exercise-index]");
    if (idx) idx.classList.add("exercise-index--enhanced");
    refresh();

    var dataBox = document.querySelector("[data-reflections-data]");
    if (dataBox && !dataBox.dataset.ready) {
      dataBox.dataset.ready = "1";
      initData(dataBox, refresh);
    }
  }

  function initData(box, refresh) {
    var exportBtn = button("Eksportér alle kursusdata (JSON)");
    var fileId = "reflections-import";
    var file = h("input", { type: "file", id: fileId, accept: ".json,application/json", "class": "reflections__file" });
    var deleteBtn = button("Slet alt");
    deleteBtn.classList.add("exercise-button--danger");
    var alert = h("div", { "class": "reflections__alert", role: "alert" });
    var status = h("p", { "class": "reflections__status", role: "status", "aria-live": "polite" });

    function say(text) { alert.textContent = ""; status.textContent = text; }
    function fail(text) { status.textContent = ""; alert.textContent = text + " Intet er ændret."; }

    exportBtn.addEventListener("click", function () {
      var data = store.dump();
      var doc = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), data: data };
      download("samskabt-styring-" + today() + ".json", JSON.stringify(doc, null, 2), "application/json");
      var n = Object.keys(data).length;
      say("Filen er hentet med " + n + (n === 1 ? " element." : " elementer."));
    });

    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      function done() { file.value = ""; }
      if (f.size > MAX_FILE) { fail("Filen er for stor til at være en eksport fra kurset."); done(); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var result = parseExport(String(reader.result));
        done();
        if (result.error) { fail("Importen mislykkedes. " + result.error); return; }
        var n = Object.keys(result.data).length;
        var skipped = result.skipped;
        var left = skipped.length
          ? " " + skipped.length + (skipped.length === 1 ? " element blev ikke importeret: " : " elementer blev ikke importeret: ") +
            skipped.slice(0, 5).join("; ") + (skipped.length > 5 ? " og " + (skipped.length - 5) + " mere" : "") + "."
          : "";
        if (!n) { fail((skipped.length ? "Filen indeholder ingen kursusdata, som kan importeres." : "Filen indeholder ingen kursusdata.") + left); return; }
        if (!applyImport(result.data)) {
          fail("Importen mislykkedes, fordi browserens lager er fuldt eller blokeret.");
          return;
        }
        refresh();
        var imported = n + (n === 1 ? " element er importeret." : " elementer er importeret.");
        if (skipped.length) {
          status.textContent = "";
          alert.textContent = "Importen lykkedes delvist: " + imported + left;
        } else {
          say("Importen lykkedes: " + imported);
        }
      };
      reader.onerror = function () { done(); fail("Filen kunne ikke læses."); };
      reader.readAsText(f);
    });

    deleteBtn.addEventListener("click", function () {
      var keys = store.keys("");
      if (!keys.length) { say("Der er ingen kursusdata at slette."); return; }
      if (!window.confirm("Vil du slette alle dine noter, selvvurderinger og quizsvar fra kurset i denne browser? Det kan ikke fortrydes.")) {
        say("Intet er slettet.");
        return;
      }
      keys.forEach(function (k) { store.remove(k); });
      refresh();
      say("Alle dine kursusdata er slettet fra denne browser.");
    });

    // The name or code a participant gives here goes into every file they download (and on the
    // certificate): the teacher who gathers the files can tell them apart.
    var nameInput = h("input", { type: "text", id: "reflections-name", "class": "reflections__name", dir: "auto",
      maxlength: String(S.progress.MAX_NAME), autocomplete: "name" });
    nameInput.value = S.progress.name();
    nameInput.addEventListener("input", function () { S.progress.setName(nameInput.value); });
    store.watch("name", nameInput, function () {
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

  S.onPage(function (root) {
    S.each(root, "[data-reflections]", init);
  });
})();

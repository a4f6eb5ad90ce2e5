"""Samskabt.records (assets/js/store.js): the one definition of every value the course saves.

What one view counts, every view counts (on a blank page with store.js, progress.js and a
small manifest), and »Mine refleksioner« imports exactly what the course saves (on the site).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, answer_quiz
from scripts.course import PASS_MARK

JS = ROOT / "docs" / "assets" / "js"
ORIGIN = "http://records.test/"

MODULE = {
    "stem": "04-proeve", "number": 4, "title": "Prøvemodul", "minutes": 25, "url": "moduler/04-proeve/",
    "bank": "proeve", "questions": ["q1", "q2"],
    "exercises": [{"id": "ex", "title": "Øvelse", "prompts": [{"id": "a", "text": "A?"}],
                   "scale": [{"id": "s1", "label": "Et"}, {"id": "s2", "label": "To"}]}],
}


@pytest.fixture
def js(browser):
    ctx = browser.new_context()
    ctx.route(ORIGIN + "**", lambda route: route.fulfill(content_type="text/html",
                                                          body="<!doctype html><title>t</title><body></body>"))
    page = ctx.new_page()
    page.goto(ORIGIN)
    manifest = {"version": 1, "passMark": PASS_MARK, "modules": [MODULE], "pages": {}}
    page.add_script_tag(content=f"window.SamskabtKursus = {json.dumps(manifest)};")
    page.add_script_tag(path=str(JS / "store.js"))
    page.add_script_tag(path=str(JS / "progress.js"))
    page.evaluate("localStorage.clear()")
    yield page
    ctx.close()


def put(page, key: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem('samskabt:v1:' + k, JSON.stringify(v))", [key, value])


@pytest.mark.parametrize("key, value", [
    ("scale:ex", {"v": 1, "values": {"s1": 2.5}}),
    ("scale:ex", {"v": 1, "values": {"s1": "<b>5</b>"}}),
    ("scale:ex", {"v": 1, "values": {"ukendt": 3}}),
    ("note:ex/a", {"v": 1, "text": 42}),
    ("note:ex/a", {"v": 2, "text": "ny version"}),
    ("note:ex/findes-ikke", {"v": 1, "text": "x"}),
    ("quiz:proeve", {"v": 1, "answers": {"q9": {"value": "1", "correct": True, "checked": True}}}),
    ("quiz:proeve", {"v": 1, "answers": {"q1": {"value": "1", "correct": "ja", "checked": True}}}),
    ("visit:04-proeve", {"v": 1, "first": "i går"}),
])
def test_a_value_one_reader_ignores_counts_nowhere(js, key, value):
    """»Min fremgang«'s rule and the readers the module page and »Mine refleksioner« use all
    ignore the same values (the import refuses them too: test_import_takes_what_the_readers_take)."""
    put(js, key, value)
    seen = js.evaluate("""([key, value]) => {
        const R = Samskabt.records, m = SamskabtKursus.modules[0];
        // What the readers give for the module's own questions and factors.
        const mine = (obj, ids) => Object.keys(obj).filter((k) => ids.includes(k));
        return {
          status: Samskabt.progress.status(m, Samskabt.store).state,
          ratings: mine(R.ratings("ex"), ["s1", "s2"]), answers: mine(R.answers("proeve"), m.questions),
          note: R.written(R.note("ex", "a")), visit: R.visit("04-proeve"), name: R.name(),
        };
    }""", [key, value])
    assert seen["status"] == "not-started", seen
    assert (seen["ratings"], seen["answers"], seen["note"], seen["visit"]) == ([], [], False, None), seen


def test_a_broken_optional_field_keeps_the_rest(js):
    """A note whose date is broken, or that carries a field the course does not write, is still
    the participant's text: it counts and is shown, without what is broken."""
    put(js, "note:ex/a", {"v": 1, "text": "Mit svar", "saved": "aldrig", "html": "<script>alert(1)</script>"})
    seen = js.evaluate("""() => ({
        note: Samskabt.records.note("ex", "a"),
        status: Samskabt.progress.status(SamskabtKursus.modules[0], Samskabt.store).state,
    })""")
    assert seen["note"] == {"v": 1, "text": "Mit svar"}
    assert seen["status"] == "started"


def test_the_pass_mark_is_the_manifests(js):
    """No pass mark of its own in the browser: the rule reads the manifest's."""
    states = js.evaluate("""() => {
        const m = SamskabtKursus.modules[0], R = Samskabt.records;
        R.saveNote("ex", "a", "svar");
        R.saveAnswers("proeve", {q1: {value: "1", correct: true, checked: true},
                                 q2: {value: "2", correct: false, checked: true}});
        const out = [];
        for (const mark of [0.5, 0.8]) {
          SamskabtKursus.passMark = mark;
          out.push(Samskabt.progress.status(m, Samskabt.store).state);
        }
        return out;
    }""")
    assert states == ["completed", "started"]  # 1 of 2 right: enough at 50 %, not at 80 %


M04 = "moduler/04-er-tillid-altid-godt/"
MINE = "mine-refleksioner/"


def course_data(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('samskabt:v1:')).map(k => [k.slice(12), JSON.parse(localStorage.getItem(k))]))""")


def import_file(page, tmp_path, data: dict):
    f = tmp_path / "eksport.json"
    f.write_text(json.dumps({"format": "samskabt-styring", "version": 1, "data": data}), encoding="utf-8")
    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(f))


def test_what_the_course_saves_comes_back_whole(page, tmp_path):
    """Module 4's whole quiz (true/false questions included), a note, the name and the visits:
    exported, deleted and imported, everything is back as it was."""
    page.open(M04)
    count = answer_quiz(page, wrong=1)
    box = page.locator("section.exercise textarea[data-note]").first
    box.fill("Min kollega i visitationen")
    box.blur()
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('samskabt:v1:note:'))")
    page.open(MINE)
    page.get_by_label("Dit navn eller din kode (kommer med i de filer, du henter)").fill("Anne Ø. Hansen")
    before = course_data(page)
    assert len(before["quiz:er-tillid-altid-godt"]["answers"]) == count
    assert any(a["fp"] is None for a in before["quiz:er-tillid-altid-godt"]["answers"].values())
    assert {"name", "lastModule", f"visit:{M04.split('/')[1]}"} <= set(before)
    with page.expect_download() as info:
        page.get_by_role("button", name="Eksportér alle kursusdata (JSON)").click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slet alt").click()
    expect(page.locator(".reflections-data [role=status]")).to_contain_text("slettet")
    import_file(page, tmp_path, exported["data"])
    expect(page.locator(".reflections-data [role=status]")).to_have_text(
        f"Importen lykkedes: {len(before)} elementer er importeret.")
    assert course_data(page) == before


def test_import_takes_what_the_readers_take(page, tmp_path):
    """Each value a reader ignores is named and left out; a note with a broken date and a field
    the course does not write comes in as the course saves a note."""
    refused = {
        "scale:fire-faktorer": ({"v": 1, "values": {"dialog": 2.5}}, "uden for 1–5"),
        "note:fire-f/fjerne": ({"v": 1, "text": 42}, "er ikke en note"),
        "note:fire-f/findes-ikke": ({"v": 1, "text": "x"}, "hører ikke til en øvelse"),
        "quiz:tillid-og-kontrol": ({"v": 1, "answers": {"x": {"value": "1", "correct": True, "checked": True}}},
                                   "som quizzen ikke har"),
        "visit:04-er-tillid-altid-godt": ({"v": 1, "first": "i går"}, "ukendt format"),
        "name": ({"v": 1, "name": "x" * 81}, "længere end 80 tegn"),
    }
    note = {"v": 1, "text": "Mit svar", "saved": "aldrig", "html": "<b>ekstra</b>"}
    page.open(MINE)
    import_file(page, tmp_path, {"note:fire-f/forandre": note, **{k: v for k, (v, _) in refused.items()}})
    alert = page.locator(".reflections-data [role=alert]")
    expect(alert).to_contain_text(f"1 element er importeret. {len(refused)} elementer blev ikke importeret")
    for key, (_, why) in list(refused.items())[:5]:  # the alert names the first five
        expect(alert).to_contain_text(re.compile(f"»{re.escape(key)}« [^;»]*{re.escape(why)}"))
    assert course_data(page) == {"note:fire-f/forandre": {"v": 1, "text": "Mit svar"}}

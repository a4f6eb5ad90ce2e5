"""Samskabt.records (assets/js/store.js): the one definition of every value the course saves.

Run in Chromium on a blank page with store.js, progress.js and a small manifest. What one
view counts, every view counts, and the import takes back exactly what the course saves.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
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


def test_what_the_course_saves_the_import_takes_back(js):
    """Every writer's value passes the import's check: nothing the course saves is refused."""
    problems = js.evaluate("""() => {
        const R = Samskabt.records, now = new Date().toISOString();
        R.saveAnswers("proeve", {q1: {value: "1", correct: true, checked: true, fp: "ab12"},
                                 q2: {value: "false", correct: false, checked: true, fp: null}});
        R.saveNote("ex", "a", "Mit svar\\n\\nmed to afsnit", now);
        R.saveRatings("ex", {s1: 3, s2: 5});
        R.saveVisit("04-proeve", now, now);
        R.saveLastModule("04-proeve");
        R.saveName("Anne Ø. Hansen");
        const out = {};
        Samskabt.store.keys("").forEach((k) => { out[k] = R.problem(k, Samskabt.store.get(k)); });
        return out;
    }""")
    assert set(problems) == {"quiz:proeve", "note:ex/a", "scale:ex", "visit:04-proeve", "lastModule", "name"}
    assert all(why == "" for why in problems.values()), problems


@pytest.mark.parametrize("key, value, reason", [
    ("scale:ex", {"v": 1, "values": {"s1": 2.5}}, "uden for 1–5"),
    ("scale:ex", {"v": 1, "values": {"s1": "<b>5</b>"}}, "uden for 1–5"),
    ("scale:ex", {"v": 1, "values": {"ukendt": 3}}, "ukendte faktorer"),
    ("note:ex/a", {"v": 1, "text": 42}, "er ikke en note"),
    ("note:ex/a", {"v": 2, "text": "ny version"}, "er ikke en note"),
    ("note:ex/findes-ikke", {"v": 1, "text": "x"}, "hører ikke til en øvelse"),
    ("quiz:proeve", {"v": 1, "answers": {"q9": {"value": "1", "correct": True, "checked": True}}}, "som quizzen ikke har"),
    ("quiz:proeve", {"v": 1, "answers": {"q1": {"value": "1", "correct": "ja", "checked": True}}}, "som quizzen ikke har"),
    ("visit:04-proeve", {"v": 1, "first": "i går"}, "ukendt format"),
    ("name", {"v": 1, "name": "x" * 81}, "længere end 80 tegn"),
])
def test_a_value_the_import_refuses_counts_nowhere(js, key, value, reason):
    """The import names why; »Min fremgang«'s rule, the module page's readers and »Mine
    refleksioner« all ignore the same value (here: the rule and the readers)."""
    put(js, key, value)
    seen = js.evaluate("""([key, value]) => {
        const R = Samskabt.records, m = SamskabtKursus.modules[0];
        // What the readers give for the module's own questions and factors.
        const mine = (obj, ids) => Object.keys(obj).filter((k) => ids.includes(k));
        return {
          problem: R.problem(key, value),
          status: Samskabt.progress.status(m, Samskabt.store).state,
          ratings: mine(R.ratings("ex"), ["s1", "s2"]), answers: mine(R.answers("proeve"), m.questions),
          note: R.written(R.note("ex", "a")), visit: R.visit("04-proeve"), name: R.name(),
        };
    }""", [key, value])
    assert reason in seen["problem"]
    if key == "name":  # a long name is cut to its first 80 characters where it is shown
        assert seen["name"] == "x" * 80
        return
    assert seen["status"] == "not-started", seen
    assert (seen["ratings"], seen["answers"], seen["note"], seen["visit"]) == ([], [], False, None), seen


def test_a_broken_optional_field_keeps_the_rest(js):
    """A note whose date is broken, or that carries a field the course does not write, is still
    the participant's text: it counts, is shown, and is imported, as the course saves a note."""
    value = {"v": 1, "text": "Mit svar", "saved": "aldrig", "html": "<script>alert(1)</script>"}
    put(js, "note:ex/a", value)
    seen = js.evaluate("""(value) => ({
        note: Samskabt.records.note("ex", "a"),
        status: Samskabt.progress.status(SamskabtKursus.modules[0], Samskabt.store).state,
        problem: Samskabt.records.problem("note:ex/a", value),
        imported: Samskabt.records.clean("note:ex/a", value),
    })""", value)
    assert seen["note"] == seen["imported"] == {"v": 1, "text": "Mit svar"}
    assert seen["status"] == "started"
    assert seen["problem"] == ""


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

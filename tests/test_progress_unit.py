"""The status rule of assets/js/progress.js (Samskabt.progress.status), run in Chromium on a blank page."""

from __future__ import annotations

import copy
import json

import pytest

from conftest import ROOT
from scripts.course import PASS_MARK

JS = ROOT / "docs" / "assets" / "js"
ORIGIN = "http://progress.test/"

QUIZ = {
    "stem": "04-proeve", "number": 4, "title": "Prøvemodul", "minutes": 25, "url": "moduler/04-proeve/",
    "bank": "proeve", "questions": ["q1", "q2", "q3", "q4", "q5"],
    "exercises": [{"id": "ex", "title": "Øvelse", "prompts": [{"id": "a", "text": "A?"}, {"id": "b", "text": "B?"}],
                   "scale": []}],
}
SCALED = {
    "stem": "06-skala", "number": 6, "title": "Skalamodul", "minutes": 30, "url": "moduler/06-skala/",
    "bank": None, "questions": [],
    "exercises": [{"id": "sk", "title": "Skala", "prompts": [{"id": "p", "text": "P?"}],
                   "scale": [{"id": "s1", "label": "Et"}, {"id": "s2", "label": "To"}]}],
}


@pytest.fixture(scope="module")
def js(browser):
    """A page with store.js and progress.js and a manifest with no modules: only the rule runs,
    with the course's pass mark from the manifest."""
    ctx = browser.new_context()
    ctx.route(ORIGIN + "**", lambda route: route.fulfill(content_type="text/html",
                                                          body="<!doctype html><title>t</title><body></body>"))
    page = ctx.new_page()
    page.goto(ORIGIN)
    manifest = {"version": 1, "passMark": PASS_MARK, "modules": [], "pages": {}}
    page.add_script_tag(content=f"window.SamskabtKursus = {json.dumps(manifest)};")
    page.add_script_tag(path=str(JS / "store.js"))
    page.evaluate("window.__before = Object.keys(window)")
    page.add_script_tag(path=str(JS / "progress.js"))
    yield page
    ctx.close()


def status(page, module: dict, data: dict, pass_mark=None) -> dict:
    return page.evaluate(
        """([m, d, p]) => Samskabt.progress.status(m, {
             get: (k, f) => Object.prototype.hasOwnProperty.call(d, k) ? d[k] : f
           }, p)""",
        [module, data, pass_mark],
    )


def quiz(*results: bool | None, bank: str = "proeve") -> dict:
    """quiz:<bank> with q1, q2 … checked right (True), checked wrong (False) or chosen but unchecked (None)."""
    answers = {f"q{i}": {"value": "1", "correct": bool(r), "checked": r is not None} for i, r in enumerate(results, 1)}
    return {f"quiz:{bank}": {"v": 1, "answers": answers}}


def note(key: str, text: str = "Mit svar") -> dict:
    return {f"note:{key}": {"v": 1, "text": text, "saved": "2025-01-01T10:00:00Z"}}


VISIT = {"visit:04-proeve": {"v": 1, "first": "2025-01-01T10:00:00Z", "last": "2025-01-02T10:00:00Z"}}


def test_adds_no_global_besides_samskabt(js):
    """progress.js defines no new global; the rule hangs on Samskabt.progress."""
    assert js.evaluate("Object.keys(window).filter(k => !__before.includes(k) && k !== '__before')") == []
    assert js.evaluate("typeof Samskabt.progress.status") == "function"


def test_empty_storage_is_not_started(js):
    """Nothing stored: not started, nothing counted."""
    assert status(js, QUIZ, {}) == {"state": "not-started", "score": 0, "total": 5, "quizPassed": False,
                                    "exercisesDone": 0, "exercisesTotal": 1}


def test_a_visit_starts_the_module(js):
    """Opening the page (visit:<stem>) makes the module started."""
    assert status(js, QUIZ, VISIT)["state"] == "started"


def test_a_visit_to_another_module_does_not_count(js):
    """Only this module's visit key counts."""
    assert status(js, QUIZ, {"visit:05-andet": VISIT["visit:04-proeve"]})["state"] == "not-started"


def test_a_checked_answer_starts_the_module(js):
    """One checked (wrong) answer is enough to be started."""
    st = status(js, QUIZ, quiz(False))
    assert (st["state"], st["score"]) == ("started", 0)


def test_a_chosen_but_unchecked_answer_starts_the_module(js):
    """Choosing an option without checking it also counts as started."""
    assert status(js, QUIZ, quiz(None))["state"] == "started"


def test_a_note_starts_the_module(js):
    """Writing in an exercise starts the module and counts the exercise as done."""
    st = status(js, QUIZ, note("ex/b"))
    assert (st["state"], st["exercisesDone"]) == ("started", 1)


def test_a_blank_note_counts_for_nothing(js):
    """A note of only spaces and line breaks is neither started nor done."""
    st = status(js, QUIZ, note("ex/a", "  \n\t "))
    assert (st["state"], st["exercisesDone"]) == ("not-started", 0)


def test_pass_mark_and_exercises_complete_the_module(js):
    """4 of 5 right (80 %) and the exercise written: completed."""
    st = status(js, QUIZ, {**quiz(True, True, True, True, False), **note("ex/a")})
    assert st == {"state": "completed", "score": 4, "total": 5, "quizPassed": True,
                  "exercisesDone": 1, "exercisesTotal": 1}


def test_below_pass_mark_stays_started(js):
    """3 of 5 right is below 80 %: started, even with the exercise done."""
    st = status(js, QUIZ, {**quiz(True, True, True, False, False), **note("ex/a")})
    assert (st["state"], st["score"], st["quizPassed"]) == ("started", 3, False)


def test_passed_quiz_without_exercise_stays_started(js):
    """All answers right but no exercise written: started."""
    st = status(js, QUIZ, quiz(True, True, True, True, True))
    assert (st["state"], st["quizPassed"], st["exercisesDone"]) == ("started", True, 0)


def test_unchecked_right_answers_do_not_count(js):
    """Right answers that were never checked ("Tjek svar") do not count towards the score."""
    data = quiz(True, True, True, True, True)
    for a in data["quiz:proeve"]["answers"].values():
        a["checked"] = False
    st = status(js, QUIZ, {**data, **note("ex/a")})
    assert (st["state"], st["score"]) == ("started", 0)


def test_answers_to_unknown_questions_do_not_count(js):
    """Stored answers for question ids the module no longer has are ignored."""
    data = quiz(True, True, True, True, True)
    data["quiz:proeve"]["answers"] = {f"gammel-{k}": v for k, v in data["quiz:proeve"]["answers"].items()}
    assert status(js, QUIZ, {**data, **note("ex/a")})["score"] == 0


def test_pass_mark_comes_from_the_argument(js):
    """With passMark 1.0, 4 of 5 is not enough."""
    data = {**quiz(True, True, True, True, False), **note("ex/a")}
    assert status(js, QUIZ, data, 1.0)["state"] == "started"
    assert status(js, QUIZ, data, 0.6)["state"] == "completed"


def test_module_without_exercises_completes_on_the_quiz(js):
    """No exercises: the pass mark alone completes the module."""
    module = {**copy.deepcopy(QUIZ), "exercises": []}
    st = status(js, module, quiz(True, True, True, True, False))
    assert (st["state"], st["exercisesTotal"]) == ("completed", 0)


def test_module_without_bank_counts_the_quiz_as_done(js):
    """No bank: the quiz part is done; the exercises decide."""
    module = {**copy.deepcopy(QUIZ), "bank": None, "questions": []}
    assert status(js, module, {})["state"] == "not-started"
    assert status(js, module, VISIT)["state"] == "started"
    st = status(js, module, note("ex/a"))
    assert (st["state"], st["quizPassed"], st["total"]) == ("completed", True, 0)


def test_module_without_bank_or_exercises_completes_when_opened(js):
    """Nothing to do but read: opening the page completes it."""
    module = {**copy.deepcopy(QUIZ), "bank": None, "questions": [], "exercises": []}
    assert status(js, module, {})["state"] == "not-started"
    assert status(js, module, VISIT)["state"] == "completed"


def test_scale_exercise_is_done_when_every_item_is_rated(js):
    """A scale exercise counts as done when all its items have a value 1–5."""
    both = {"scale:sk": {"v": 1, "values": {"s1": 1, "s2": 5}}}
    one = {"scale:sk": {"v": 1, "values": {"s1": 3}}}
    assert status(js, SCALED, both)["state"] == "completed"
    st = status(js, SCALED, one)
    assert (st["state"], st["exercisesDone"]) == ("started", 0)


@pytest.mark.parametrize("values", [{"s1": 0, "s2": 6}, {"s1": "3", "s2": "4"}, {"s1": 2.5, "s2": 3.5}, [1, 2]])
def test_scale_values_out_of_range_are_ignored(js, values):
    """Values that are not whole numbers 1–5 are not ratings."""
    st = status(js, SCALED, {"scale:sk": {"v": 1, "values": values}})
    assert (st["state"], st["exercisesDone"]) == ("not-started", 0)


def test_a_note_also_completes_a_scale_exercise(js):
    """Writing in the scale exercise's prompt is enough, too."""
    assert status(js, SCALED, note("sk/p"))["state"] == "completed"


CORRUPT = [
    {"quiz:proeve": "ødelagt"},
    {"quiz:proeve": None},
    {"quiz:proeve": [1, 2, 3]},
    {"quiz:proeve": {"v": 2, "answers": {"q1": {"value": "1", "correct": True, "checked": True}}}},
    {"quiz:proeve": {"v": 1, "answers": [{"value": "1", "correct": True, "checked": True}]}},
    {"quiz:proeve": {"v": 1, "answers": {"q1": "rigtigt", "q2": None, "q3": 7, "q4": ["x"]}}},
    {"quiz:proeve": {"v": 1}},
    {"note:ex/a": "tekst uden indpakning"},
    {"note:ex/a": {"v": 1, "text": 42}},
    {"note:ex/a": {"v": 1, "text": ["a"]}},
    {"note:ex/a": {"text": "mangler version"}},
    {"visit:04-proeve": {"v": 1}},
    {"visit:04-proeve": {"v": 1, "first": 17}},
    {"visit:04-proeve": "2025-01-01"},
    {"visit:04-proeve": True},
]


@pytest.mark.parametrize("data", CORRUPT, ids=range(len(CORRUPT)))
def test_corrupt_values_are_treated_as_absent(js, data):
    """A value of the wrong shape counts as missing and does not crash the rule."""
    st = status(js, QUIZ, data)
    assert (st["state"], st["score"], st["exercisesDone"]) == ("not-started", 0, 0)


def test_corrupt_json_in_real_storage_is_absent(js):
    """Through the real Samskabt.store: unparsable JSON is absent, a good entry next to it still counts."""
    st = js.evaluate(
        """(m) => {
             localStorage.clear();
             localStorage.setItem("samskabt:v1:quiz:proeve", "{ikke json");
             localStorage.setItem("samskabt:v1:note:ex/a", JSON.stringify({v: 1, text: "Hej", saved: "x"}));
             const s = Samskabt.progress.status(m, Samskabt.store, 0.8);
             localStorage.clear();
             return s;
           }""",
        QUIZ,
    )
    assert (st["state"], st["score"], st["exercisesDone"]) == ("started", 0, 1)


def test_storage_that_throws_is_absent(js):
    """A storage whose get() throws makes the module not started, not an error."""
    st = js.evaluate("(m) => Samskabt.progress.status(m, {get() { throw new Error('blokeret'); }})", QUIZ)
    assert st["state"] == "not-started"

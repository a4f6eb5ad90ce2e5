"""The quizzes as participants see them give nothing away: figures computed from the built pages.

Options are shuffled at build time, so these figures hold for the page, the page without
JavaScript, the print edition and the answer key alike; they stay true as the banks grow
because they are computed, not listed.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, normalize_text
from scripts.modules import read_modules

MODULE_STEMS = [m.stem for m in read_modules(ROOT / "docs")]


def page_questions(site: Path, stem: str) -> list:
    html = (site / "moduler" / stem / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select(".quiz li.quiz-q")


@pytest.fixture(scope="module")
def shown(site) -> dict[str, list]:
    """Every module's quiz questions, as rendered on its page, keyed by module stem."""
    return {stem: page_questions(site, stem) for stem in MODULE_STEMS}


def options(q) -> list:
    return q.select(".quiz-q__options > .quiz-opt")


def right_positions(q) -> list[int]:
    """1-based positions, in the order shown, of the options marked right."""
    return [i for i, o in enumerate(options(q), 1) if o.select_one("input")["data-correct"] == "true"]


def option_text(o) -> str:
    label = o.select_one("label")
    letter = label.select_one(".quiz-opt__letter")
    text = label.get_text()
    return normalize_text(text[len(letter.get_text()):] if letter else text)


def of_type(shown: dict[str, list], kind: str) -> list:
    return [q for qs in shown.values() for q in qs if q["data-type"] == kind]


def test_banks_are_big_enough(shown):
    """At least 10 questions in each quiz of modules 1–9, at least 7 in module 10, at least 110 in all."""
    counts = {stem: len(qs) for stem, qs in shown.items()}
    assert all(n >= 10 for stem, n in counts.items() if not stem.startswith("10-")), counts
    assert counts[MODULE_STEMS[-1]] >= 7, counts
    assert sum(counts.values()) >= 110, counts


def test_no_position_holds_too_many_single_choice_keys(shown):
    """No position (A, B, C …) holds more than 40 % of the single-choice keys."""
    singles = of_type(shown, "single")
    positions = collections.Counter(right_positions(q)[0] for q in singles)
    assert len(singles) >= 30, "too few single-choice questions to judge"
    assert max(positions.values()) <= 0.40 * len(singles), dict(positions)


def test_right_options_of_multiple_choice_are_rarely_the_first(shown):
    """In at most a quarter of multiple-choice questions are the right options the first ones shown."""
    multiples = of_type(shown, "multiple")
    first = [q["data-qid"] for q in multiples
             if right_positions(q) == list(range(1, len(right_positions(q)) + 1))]
    assert multiples and len(first) <= 0.25 * len(multiples), first


def test_the_key_is_seldom_the_longest_option(shown):
    """The right option is the longest (ties included) in at most 45 % of single-choice questions."""
    singles = of_type(shown, "single")
    longest = []
    for q in singles:
        lengths = [len(option_text(o)) for o in options(q)]
        if lengths[right_positions(q)[0] - 1] == max(lengths):
            longest.append(q["data-qid"])
    assert len(longest) <= 0.45 * len(singles), f"{len(longest)} of {len(singles)}: {longest}"


def test_true_and_false_are_balanced(shown):
    """Between 35 % and 65 % of the true/false statements are true."""
    tfs = of_type(shown, "truefalse")
    true = [q for q in tfs if q.select_one('input[value="true"]')["data-correct"] == "true"]
    assert tfs and 0.35 * len(tfs) <= len(true) <= 0.65 * len(tfs), f"{len(true)} of {len(tfs)} true"


def test_every_option_explains_itself(shown):
    """Every option of single, multiple and true/false questions has feedback of its own."""
    missing = [f"{stem} {q['data-qid']} {o['data-value']}" for stem, qs in shown.items() for q in qs
               for o in options(q) if not normalize_text(o.select_one(".quiz-opt__feedback").get_text())]
    assert not missing, missing


# "Hvilke tre …", "Vælg de to …", "Nævn 3 …"; a concept's own number ("de fire F'er") is no tell.
COUNT_IN_PROMPT = re.compile(r"\b(hvilke|vælg|nævn|find|sæt kryds ved)\s+(de\s+)?(to|tre|fire|fem|seks|\d+)\b", re.I)


def test_prompts_do_not_give_the_number_of_right_options_away(shown):
    """No multiple-choice prompt says how many options are right ("Hvilke tre …")."""
    counted = [q["data-qid"] for q in of_type(shown, "multiple")
               if COUNT_IN_PROMPT.search(normalize_text(q.select_one("legend").get_text()))]
    assert not counted, counted


def test_the_answer_key_names_the_letter_the_page_shows(site, shown):
    """The teacher's answer key says the same letter as the module page ("svar B" means one thing)."""
    key = BeautifulSoup((site / "underviser" / "svarnoegle" / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    checked = 0
    for stem, qs in shown.items():
        for q in qs:
            if q["data-type"] != "single":
                continue
            item = key.select_one(f'li.answer-key__q[id="svar-{q["id"][2:]}"]')
            letter = "ABCDEFGH"[right_positions(q)[0] - 1]
            text = option_text(options(q)[right_positions(q)[0] - 1])
            assert item is not None, (stem, q["data-qid"])
            assert f"Rigtigt svar: {letter}. {text}" in normalize_text(item.get_text()), q["data-qid"]
            checked += 1
    assert checked >= 30

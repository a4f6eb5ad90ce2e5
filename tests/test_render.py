"""Golden tests for the HTML of questions and exercises; text from the data files is never markup.

The renderers emit one long line. `pretty()` puts each block-level tag on its own line,
indented by nesting, and adds nothing else, so the expected strings below stay readable
and a mismatch shows as a unified diff.
"""

from __future__ import annotations

import difflib
import html.parser
import json
import random
import re
import textwrap

import pytest
import yaml

from conftest import copy_project, free_port, mkdocs_build, serve
from scripts.exercises import render_exercise
from scripts.model import Bank, Exercise
from scripts.quiz import LoadedBank, question_html, render_bank as _render_bank, render_question as _render_question

# --- Helpers -------------------------------------------------------------------------

BLOCK = re.compile(r"<(/?)(li|fieldset|legend|div|details|summary|p|ul|ol|select|option|label|input|section|textarea)\b")
VOID = {"input"}


def pretty(markup: str) -> str:
    """A line break + indentation before each block-level tag (a closing one only if it has block children)."""
    out, pos, open_tags = [], 0, []  # open_tags: one "has block children" flag per open block tag
    for m in BLOCK.finditer(markup):
        out.append(markup[pos:m.start()])
        pos = m.start()
        closing, tag = m.group(1), m.group(2)
        if closing:
            if open_tags.pop():
                out.append("\n" + "  " * len(open_tags))
            continue
        if open_tags:
            open_tags[-1] = True
        out.append("\n" + "  " * len(open_tags))
        if tag not in VOID:
            open_tags.append(False)
    out.append(markup[pos:])
    return "".join(out).removeprefix("\n")


def assert_html(actual: str, expected: str) -> None:
    """Compare rendered HTML with a dedented golden string; fail with a unified diff."""
    got, want = pretty(actual), textwrap.dedent(expected).strip("\n")
    if got != want:
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "expected", "rendered", lineterm="")
        pytest.fail("rendered HTML differs from the golden string:\n" + "\n".join(diff), pytrace=False)


class Parsed(html.parser.HTMLParser):
    """What a browser makes of the HTML: the elements it creates and the text it shows."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def make_bank(*questions: dict, **bank) -> Bank:
    """A valid bank 'bank' around the given questions; every question explains itself and links '#afsnit'."""
    common = {"explanation": "Fordi.", "see": "#afsnit"}
    tf = {"feedback_true": "Om sandt.", "feedback_false": "Om falsk."}
    return Bank.model_validate({"id": "bank", "module": "01-x", "title": "Test", **bank,
                                "questions": [{**common, **(tf if q["type"] == "truefalse" else {}), **q}
                                              for q in questions]})


def single(**over) -> dict:
    return {"id": "en", "type": "single", "prompt": "Hvad?",
            "options": [{"text": "A", "feedback": "Om A."}, {"text": "B", "feedback": "Om B."}], "answer": 1, **over}


def categorize(**over) -> dict:
    return {"id": "sorter", "type": "categorize", "prompt": "Sortér.", "categories": ["Styring", "Ledelse"],
            "items": [{"text": "Regler", "category": "Styring"}, {"text": "Dialog", "category": "Ledelse"}], **over}


def match(**over) -> dict:
    return {"id": "par", "type": "match", "prompt": "Par.",
            "pairs": [{"left": "Styring", "right": "regler"}, {"left": "Ledelse", "right": "dialog"}], **over}


def order(**over) -> dict:
    return {"id": "raekke", "type": "order", "prompt": "Rækkefølge.", "items": ["Første", "Anden"], **over}


def render_question(bank: Bank, q, number: int, see_url: str, key: bool = True) -> str:
    """A question as a page shows it, rendered the way a loaded bank renders it (`question_html`)."""
    return _render_question(question_html(bank, q), number, see_url, key)


def render_bank(bank: Bank, see_url) -> str:
    return _render_bank(LoadedBank(bank), see_url)


def render_one(bank: Bank) -> str:
    return render_question(bank, bank.questions[0], 1, "#afsnit")


def row_labels(markup: str) -> list[str]:
    return re.findall(r'<label for="q-[^"]*-r\d+" data-search-exclude>([^<]*)</label>', markup)


# --- One golden per question type ------------------------------------------------------


def test_single_golden():
    """single: radios named after the question, 1-based values, one right flag, feedback hidden, key closed."""
    bank = make_bank(single(
        id="medie", prompt="Hvad virker **styring** gennem?",
        options=[{"text": "Systemer", "feedback": "Ja."}, {"text": "Relationer", "feedback": "Nej."},
                 {"text": "Samtaler", "feedback": "Nej, *samtaler* er ledelse."}],
        answer=1, explanation="Styring er *systembåret*.", see="#medie",
    ))
    assert_html(render_question(bank, bank.questions[0], 3, "../01-x/#medie"), """
        <li class="quiz-q" id="q-bank-medie" data-qid="medie" data-type="single" data-fp="3c181992">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 3.</span> Hvad virker <strong>styring</strong> gennem? <span class="quiz-q__hint">(Vælg ét svar)</span></legend>
            <div class="quiz-q__options">
              <div class="quiz-opt" data-value="1">
                <input type="radio" id="q-bank-medie-o1" name="q-bank-medie" value="1" data-correct="true">
                <label for="q-bank-medie-o1" data-search-exclude><span class="quiz-opt__letter">A.</span> Systemer</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Ja.</div>
              </div>
              <div class="quiz-opt" data-value="2">
                <input type="radio" id="q-bank-medie-o2" name="q-bank-medie" value="2" data-correct="false">
                <label for="q-bank-medie-o2" data-search-exclude><span class="quiz-opt__letter">B.</span> Relationer</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Nej.</div>
              </div>
              <div class="quiz-opt" data-value="3">
                <input type="radio" id="q-bank-medie-o3" name="q-bank-medie" value="3" data-correct="false">
                <label for="q-bank-medie-o3" data-search-exclude><span class="quiz-opt__letter">C.</span> Samtaler</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Nej, <em>samtaler</em> er ledelse.</div>
              </div>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>A. Systemer
              <p class="quiz-q__explanation">Styring er <em>systembåret</em>.</p>
              <p class="quiz-q__see"><a href="../01-x/#medie">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_multiple_golden():
    """multiple: checkboxes, every right option flagged, the key lists the right options in option order."""
    bank = make_bank({
        "id": "flere", "type": "multiple", "prompt": "Hvilke er styring?",
        "options": [{"text": "Regler", "feedback": "Ja, regler."}, {"text": "Dialog", "feedback": "Nej, ledelse."},
                    {"text": "Budgetter", "feedback": "Ja, ressourcer."}, {"text": "Samtaler", "feedback": "Nej."}],
        "answer": [3, 1],
    })
    assert_html(render_one(bank), """
        <li class="quiz-q" id="q-bank-flere" data-qid="flere" data-type="multiple" data-fp="773a2602">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Hvilke er styring? <span class="quiz-q__hint">(Vælg alle rigtige svar)</span></legend>
            <div class="quiz-q__options">
              <div class="quiz-opt" data-value="1">
                <input type="checkbox" id="q-bank-flere-o1" name="q-bank-flere" value="1" data-correct="true">
                <label for="q-bank-flere-o1" data-search-exclude><span class="quiz-opt__letter">A.</span> Regler</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Ja, regler.</div>
              </div>
              <div class="quiz-opt" data-value="2">
                <input type="checkbox" id="q-bank-flere-o2" name="q-bank-flere" value="2" data-correct="false">
                <label for="q-bank-flere-o2" data-search-exclude><span class="quiz-opt__letter">B.</span> Dialog</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Nej, ledelse.</div>
              </div>
              <div class="quiz-opt" data-value="3">
                <input type="checkbox" id="q-bank-flere-o3" name="q-bank-flere" value="3" data-correct="true">
                <label for="q-bank-flere-o3" data-search-exclude><span class="quiz-opt__letter">C.</span> Budgetter</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Ja, ressourcer.</div>
              </div>
              <div class="quiz-opt" data-value="4">
                <input type="checkbox" id="q-bank-flere-o4" name="q-bank-flere" value="4" data-correct="false">
                <label for="q-bank-flere-o4" data-search-exclude><span class="quiz-opt__letter">D.</span> Samtaler</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Nej.</div>
              </div>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>
              <ul>
                <li>A. Regler</li>
                <li>C. Budgetter</li>
              </ul>
              <p class="quiz-q__explanation">Fordi.</p>
              <p class="quiz-q__see"><a href="#afsnit">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_truefalse_golden():
    """truefalse: two radios valued true/false, the false one flagged right when the statement is false."""
    bank = make_bank({"id": "sandt", "type": "truefalse", "prompt": "Tillid er altid godt.", "answer": False})
    assert_html(render_one(bank), """
        <li class="quiz-q" id="q-bank-sandt" data-qid="sandt" data-type="truefalse">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Tillid er altid godt. <span class="quiz-q__hint">(Sandt eller falsk?)</span></legend>
            <div class="quiz-q__options">
              <div class="quiz-opt" data-value="true">
                <input type="radio" id="q-bank-sandt-otrue" name="q-bank-sandt" value="true" data-correct="false">
                <label for="q-bank-sandt-otrue" data-search-exclude>Sandt</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Om sandt.</div>
              </div>
              <div class="quiz-opt" data-value="false">
                <input type="radio" id="q-bank-sandt-ofalse" name="q-bank-sandt" value="false" data-correct="true">
                <label for="q-bank-sandt-ofalse" data-search-exclude>Falsk</label>
                <div class="quiz-opt__feedback" hidden data-search-exclude>Om falsk.</div>
              </div>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>Falsk
              <p class="quiz-q__explanation">Fordi.</p>
              <p class="quiz-q__see"><a href="#afsnit">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_categorize_golden():
    """categorize: rows in a seeded order (not the data's), each select's right value is the 1-based category."""
    bank = make_bank(categorize(items=[
        {"text": "Regler", "category": "Styring"},
        {"text": "Dialog", "category": "Ledelse"},
        {"text": "Mål", "category": "Styring"},
    ]))
    assert_html(render_one(bank), """
        <li class="quiz-q" id="q-bank-sorter" data-qid="sorter" data-type="categorize" data-fp="e31e2360">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Sortér. <span class="quiz-q__hint">(Sortér i kategorier)</span></legend>
            <div class="quiz-q__rows">
              <div class="quiz-row" data-correct="2">
                <label for="q-bank-sorter-r1" data-search-exclude>Dialog</label>
                <select id="q-bank-sorter-r1" name="q-bank-sorter-r1" data-correct="2" data-search-exclude>
                  <option value="">Vælg kategori …</option>
                  <option value="1">Styring</option>
                  <option value="2">Ledelse</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="1">
                <label for="q-bank-sorter-r2" data-search-exclude>Mål</label>
                <select id="q-bank-sorter-r2" name="q-bank-sorter-r2" data-correct="1" data-search-exclude>
                  <option value="">Vælg kategori …</option>
                  <option value="1">Styring</option>
                  <option value="2">Ledelse</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="1">
                <label for="q-bank-sorter-r3" data-search-exclude>Regler</label>
                <select id="q-bank-sorter-r3" name="q-bank-sorter-r3" data-correct="1" data-search-exclude>
                  <option value="">Vælg kategori …</option>
                  <option value="1">Styring</option>
                  <option value="2">Ledelse</option>
                </select>
              </div>
            </div>
            <div class="quiz-q__paper" data-search-exclude>
              <p class="quiz-paper__how">Sæt et kryds i den kategori, hvert udsagn hører til.</p><table class="quiz-paper__table"><thead><tr><th></th><th>Styring</th><th>Ledelse</th></tr></thead><tbody><tr><td>Dialog</td><td><span class="quiz-paper__box"></span></td><td><span class="quiz-paper__box"></span></td></tr><tr><td>Mål</td><td><span class="quiz-paper__box"></span></td><td><span class="quiz-paper__box"></span></td></tr><tr><td>Regler</td><td><span class="quiz-paper__box"></span></td><td><span class="quiz-paper__box"></span></td></tr></tbody></table>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>
              <ul>
                <li><strong>Styring:</strong> Regler, Mål</li>
                <li><strong>Ledelse:</strong> Dialog</li>
              </ul>
              <p class="quiz-q__explanation">Fordi.</p>
              <p class="quiz-q__see"><a href="#afsnit">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_match_golden():
    """match: rows in the data's order, choices sorted alphabetically ignoring case, valued by pair number."""
    bank = make_bank(match(pairs=[
        {"left": "Styring", "right": "regler"},
        {"left": "Ledelse", "right": "Dialog"},
        {"left": "Tillid", "right": "at turde"},
    ]))
    assert_html(render_one(bank), """
        <li class="quiz-q" id="q-bank-par" data-qid="par" data-type="match" data-fp="5741852d">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Par. <span class="quiz-q__hint">(Par sammen)</span></legend>
            <div class="quiz-q__rows">
              <div class="quiz-row" data-correct="1">
                <label for="q-bank-par-r1" data-search-exclude>Styring</label>
                <select id="q-bank-par-r1" name="q-bank-par-r1" data-correct="1" data-search-exclude>
                  <option value="">Vælg …</option>
                  <option value="3">at turde</option>
                  <option value="2">Dialog</option>
                  <option value="1">regler</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="2">
                <label for="q-bank-par-r2" data-search-exclude>Ledelse</label>
                <select id="q-bank-par-r2" name="q-bank-par-r2" data-correct="2" data-search-exclude>
                  <option value="">Vælg …</option>
                  <option value="3">at turde</option>
                  <option value="2">Dialog</option>
                  <option value="1">regler</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="3">
                <label for="q-bank-par-r3" data-search-exclude>Tillid</label>
                <select id="q-bank-par-r3" name="q-bank-par-r3" data-correct="3" data-search-exclude>
                  <option value="">Vælg …</option>
                  <option value="3">at turde</option>
                  <option value="2">Dialog</option>
                  <option value="1">regler</option>
                </select>
              </div>
            </div>
            <div class="quiz-q__paper" data-search-exclude>
              <p class="quiz-paper__how">Skriv bogstavet for det, der passer, i feltet.</p><table class="quiz-paper__table"><tbody><tr><td>Styring</td><td><span class="quiz-paper__box"></span></td></tr><tr><td>Ledelse</td><td><span class="quiz-paper__box"></span></td></tr><tr><td>Tillid</td><td><span class="quiz-paper__box"></span></td></tr></tbody></table>
              <ul class="quiz-paper__choices">
                <li>A. at turde</li>
                <li>B. Dialog</li>
                <li>C. regler</li>
              </ul>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>
              <ul>
                <li>Styring → regler</li>
                <li>Ledelse → Dialog</li>
                <li>Tillid → at turde</li>
              </ul>
              <p class="quiz-q__explanation">Fordi.</p>
              <p class="quiz-q__see"><a href="#afsnit">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_order_golden():
    """order: rows in a seeded order (not the answer), each select offers places 1.–n., the key is the right order."""
    bank = make_bank(order(items=["Første", "Anden", "Tredje"]))
    assert_html(render_one(bank), """
        <li class="quiz-q" id="q-bank-raekke" data-qid="raekke" data-type="order" data-fp="46dee3dd">
          <fieldset>
            <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Rækkefølge. <span class="quiz-q__hint">(Sæt i rækkefølge)</span></legend>
            <div class="quiz-q__rows">
              <div class="quiz-row" data-correct="2">
                <label for="q-bank-raekke-r1" data-search-exclude>Anden</label>
                <select id="q-bank-raekke-r1" name="q-bank-raekke-r1" data-correct="2" data-search-exclude>
                  <option value="">Vælg plads …</option>
                  <option value="1">1.</option>
                  <option value="2">2.</option>
                  <option value="3">3.</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="3">
                <label for="q-bank-raekke-r2" data-search-exclude>Tredje</label>
                <select id="q-bank-raekke-r2" name="q-bank-raekke-r2" data-correct="3" data-search-exclude>
                  <option value="">Vælg plads …</option>
                  <option value="1">1.</option>
                  <option value="2">2.</option>
                  <option value="3">3.</option>
                </select>
              </div>
              <div class="quiz-row" data-correct="1">
                <label for="q-bank-raekke-r3" data-search-exclude>Første</label>
                <select id="q-bank-raekke-r3" name="q-bank-raekke-r3" data-correct="1" data-search-exclude>
                  <option value="">Vælg plads …</option>
                  <option value="1">1.</option>
                  <option value="2">2.</option>
                  <option value="3">3.</option>
                </select>
              </div>
            </div>
            <div class="quiz-q__paper" data-search-exclude>
              <p class="quiz-paper__how">Skriv bogstaverne i den rigtige rækkefølge, ét i hvert felt.</p>
              <ul class="quiz-paper__choices">
                <li>A. Anden</li>
                <li>B. Tredje</li>
                <li>C. Første</li>
              </ul>
              <ul class="quiz-paper__slots">
                <li>1. <span class="quiz-paper__box"></span></li>
                <li>2. <span class="quiz-paper__box"></span></li>
                <li>3. <span class="quiz-paper__box"></span></li>
              </ul>
            </div>
          </fieldset>
          <details class="quiz-q__key" data-search-exclude>
            <summary>Se svaret</summary>
            <div class="quiz-q__answer">
              <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>
              <ol>
                <li>Første</li>
                <li>Anden</li>
                <li>Tredje</li>
              </ol>
              <p class="quiz-q__explanation">Fordi.</p>
              <p class="quiz-q__see"><a href="#afsnit">Læs afsnittet om det</a></p>
            </div>
          </details>
        </li>
    """)


def test_bank_golden():
    """render_bank: the bank's id and count, the intro, questions numbered 1.. with their own links."""
    bank = make_bank(
        single(id="en", see="#foerste"),
        {"id": "to", "type": "truefalse", "prompt": "Sandt?", "answer": True, "see": "#andet"},
        id="tillid", intro="Tjek din **forståelse**.", shuffle=True,
    )
    assert_html(render_bank(bank, lambda q: "../02-x/" + q.see), """
        <div class="quiz" data-quiz="tillid" data-count="2">
          <p class="quiz__intro">Tjek din <strong>forståelse</strong>.</p>
          <ol class="quiz__list">
            <li class="quiz-q" id="q-tillid-en" data-qid="en" data-type="single" data-fp="df8d1610">
              <fieldset>
                <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 1.</span> Hvad? <span class="quiz-q__hint">(Vælg ét svar)</span></legend>
                <div class="quiz-q__options">
                  <div class="quiz-opt" data-value="1">
                    <input type="radio" id="q-tillid-en-o1" name="q-tillid-en" value="1" data-correct="true">
                    <label for="q-tillid-en-o1" data-search-exclude><span class="quiz-opt__letter">A.</span> A</label>
                    <div class="quiz-opt__feedback" hidden data-search-exclude>Om A.</div>
                  </div>
                  <div class="quiz-opt" data-value="2">
                    <input type="radio" id="q-tillid-en-o2" name="q-tillid-en" value="2" data-correct="false">
                    <label for="q-tillid-en-o2" data-search-exclude><span class="quiz-opt__letter">B.</span> B</label>
                    <div class="quiz-opt__feedback" hidden data-search-exclude>Om B.</div>
                  </div>
                </div>
              </fieldset>
              <details class="quiz-q__key" data-search-exclude>
                <summary>Se svaret</summary>
                <div class="quiz-q__answer">
                  <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>A. A
                  <p class="quiz-q__explanation">Fordi.</p>
                  <p class="quiz-q__see"><a href="../02-x/#foerste">Læs afsnittet om det</a></p>
                </div>
              </details>
            </li>
            <li class="quiz-q" id="q-tillid-to" data-qid="to" data-type="truefalse">
              <fieldset>
                <legend data-search-exclude><span class="quiz-q__num">Spørgsmål 2.</span> Sandt? <span class="quiz-q__hint">(Sandt eller falsk?)</span></legend>
                <div class="quiz-q__options">
                  <div class="quiz-opt" data-value="true">
                    <input type="radio" id="q-tillid-to-otrue" name="q-tillid-to" value="true" data-correct="true">
                    <label for="q-tillid-to-otrue" data-search-exclude>Sandt</label>
                    <div class="quiz-opt__feedback" hidden data-search-exclude>Om sandt.</div>
                  </div>
                  <div class="quiz-opt" data-value="false">
                    <input type="radio" id="q-tillid-to-ofalse" name="q-tillid-to" value="false" data-correct="false">
                    <label for="q-tillid-to-ofalse" data-search-exclude>Falsk</label>
                    <div class="quiz-opt__feedback" hidden data-search-exclude>Om falsk.</div>
                  </div>
                </div>
              </fieldset>
              <details class="quiz-q__key" data-search-exclude>
                <summary>Se svaret</summary>
                <div class="quiz-q__answer">
                  <p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>Sandt
                  <p class="quiz-q__explanation">Fordi.</p>
                  <p class="quiz-q__see"><a href="../02-x/#andet">Læs afsnittet om det</a></p>
                </div>
              </details>
            </li>
          </ol>
        </div>
    """)


def test_pretty_only_adds_line_breaks():
    """The golden helper adds whitespace before tags and nothing else, so goldens compare the exact HTML."""
    markup = render_bank(make_bank(single(), categorize(id="to"), intro="Hej."), lambda q: q.see)
    assert "\n" not in markup
    assert re.sub(r"\n *", "", pretty(markup)) == markup


# --- Row order and choices ---------------------------------------------------------------

FIVE = ["En", "To", "Tre", "Fire", "Fem"]


@pytest.mark.parametrize("question", [
    order(items=FIVE),
    categorize(items=[{"text": t, "category": "Styring" if i % 2 else "Ledelse"} for i, t in enumerate(FIVE)]),
], ids=["order", "categorize"])
def test_rows_are_not_shown_in_the_data_order(question):
    """Order and categorize rows are shown shuffled, so the data's (answer) order gives nothing away."""
    labels = row_labels(render_one(make_bank(question)))
    assert sorted(labels) == sorted(FIVE)
    assert labels != FIVE


@pytest.mark.parametrize("question", [order(items=FIVE), categorize(
    items=[{"text": t, "category": "Styring"} for t in FIVE])], ids=["order", "categorize"])
def test_row_order_is_the_same_on_every_call(question):
    """The shuffle is seeded by the question's id, not by the global random state: every build shows the same rows."""
    bank = make_bank(question)
    random.seed(1)
    first = render_one(bank)
    random.seed(2)
    assert render_one(bank) == first


def test_row_order_is_seeded_by_the_question():
    """Two questions with the same items are shuffled differently (the seed is the bank and question id)."""
    a, b = make_bank(order(id="a", items=FIVE)), make_bank(order(id="b", items=FIVE))
    assert row_labels(render_one(a)) != row_labels(render_one(b))


def test_two_rows_are_never_in_the_answer_order():
    """Even with two items, the rows are never shown in the right order ('x355' in bank 'b' once was)."""
    bank = make_bank(order(id="x355"), id="b")
    assert row_labels(render_one(bank)) == ["Anden", "Første"]


def test_match_choices_are_sorted_ignoring_case():
    """Match choices are sorted alphabetically ignoring case, so their order gives no hint of the pairs."""
    bank = make_bank(match(pairs=[{"left": "1", "right": "b"}, {"left": "2", "right": "C"}, {"left": "3", "right": "a"},
                                  {"left": "4", "right": "B2"}]))
    first_select = render_one(bank).split("</select>")[0]
    choices = re.findall(r'<option value="(\d+)">([^<]*)</option>', first_select)
    assert choices == [("3", "a"), ("1", "b"), ("4", "B2"), ("2", "C")]


# --- Text from the data files: Markdown yes, HTML no -----------------------------------------


def _field_banks(t: str) -> dict[str, Bank]:
    return {
        "prompt": make_bank(single(prompt=t)),
        "option": make_bank(single(options=[{"text": t, "feedback": "F."}, {"text": "B", "feedback": "F."}])),
        "feedback": make_bank(single(options=[{"text": "A", "feedback": t}, {"text": "B", "feedback": "F."}])),
        "explanation": make_bank(single(explanation=t)),
        "category": make_bank(categorize(categories=[t, "Ledelse"], items=[
            {"text": "Regler", "category": t}, {"text": "Dialog", "category": "Ledelse"}])),
        "categorize item": make_bank(categorize(items=[
            {"text": t, "category": "Styring"}, {"text": "Dialog", "category": "Ledelse"}])),
        "match left": make_bank(match(pairs=[{"left": t, "right": "x"}, {"left": "B", "right": "y"}])),
        "match right": make_bank(match(pairs=[{"left": "A", "right": t}, {"left": "B", "right": "y"}])),
        "order item": make_bank(order(items=[t, "Anden"])),
        "bank intro": make_bank(single(), intro=t),
    }


FIELDS = list(_field_banks("x"))
HOSTILE = "Se <script>alert(1)</script> og <b onmouseover=x>dette</b>"


@pytest.mark.parametrize("field", FIELDS)
def test_html_in_data_text_is_shown_as_text(field):
    """`<script>` and `<b onmouseover>` written in a data field reach the page as visible text, never as elements."""
    markup = render_bank(_field_banks(HOSTILE)[field], lambda q: q.see)
    parsed = Parsed(markup)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert HOSTILE in parsed.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


@pytest.mark.parametrize("field", FIELDS)
def test_inline_markdown_in_data_text_is_rendered(field):
    """Bold, italics and links written in a data field are rendered as <strong>, <em> and <a>."""
    markup = render_bank(_field_banks("Det er **fed**, *kursiv* og [link](https://example.org).")[field],
                         lambda q: q.see)
    assert 'Det er <strong>fed</strong>, <em>kursiv</em> og <a href="https://example.org">link</a>.' in markup


@pytest.mark.browser
def test_script_in_a_prompt_is_shown_and_never_run(tmp_path, browser):
    """In a real build, a <script> in a question's prompt is visible text in Chromium and does not run."""
    script = "<script>window.__pwned = 1</script>"
    proj = copy_project(tmp_path)
    path = sorted((proj / "quizzes").glob("[0-9][0-9]-*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    # Replace the first question's prompt scalar exactly where it stands, as a JSON (= YAML) quoted string.
    top = dict((k.value, v) for k, v in yaml.compose(text).value)
    prompt = dict((k.value, v) for k, v in top["questions"].value[0].value)["prompt"]
    start, end = prompt.start_mark.index, prompt.end_mark.index
    new_prompt = f"Vises dette som tekst: {script}?"
    quoted = json.dumps(new_prompt, ensure_ascii=False) + ("\n" if text[end - 1] == "\n" else "")
    path.write_text(text[:start] + quoted + text[end:], encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["questions"][0]["prompt"] == new_prompt, "the YAML edit went wrong"

    port = free_port()
    proc = mkdocs_build(tmp_path / "site", proj / "mkdocs.yml", env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    httpd = serve(tmp_path / "site", port)
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/moduler/{data['module']}/")
        question = page.locator(f"#q-{data['id']}-{data['questions'][0]['id']}")
        question.locator(".quiz-btn--check").wait_for()  # quiz.js has run: the page's own scripts do run
        assert script in question.locator("legend").inner_text()
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        page.close()
        httpd.shutdown()


# --- Exercises ------------------------------------------------------------------------------


def make_exercise() -> Exercise:
    return Exercise.model_validate({
        "id": "min-ovelse", "module": "01-x", "title": "Min øvelse", "intro": "Tænk over **din** hverdag.",
        "phases": [{"name": "Alene", "minutes": 5}, {"name": "To og to", "minutes": 10}],
        "scale": [{"id": "tillid", "label": "Tillid", "low": "lav", "high": "høj"}],
        "prompts": [{"id": "hvad", "text": "Hvad gør du?", "hint": "Et *eksempel*."}, {"id": "hvorfor", "text": "Hvorfor?"}],
    })


def test_exercise_starts_with_a_markdown_heading():
    """An exercise is a Markdown heading with the id the section points to, a blank line, then one HTML block."""
    out = render_exercise(make_exercise())
    heading, block = out.split("\n\n", 1)
    assert heading == "### Øvelse: Min øvelse {#ovelse-min-ovelse .exercise-title}"
    assert block.startswith('<section class="exercise" ') and block.endswith("</section>\n")
    assert "\n" not in block.removesuffix("\n")


def test_exercise_golden():
    """Exercise: timed phases, a 1–5 scale, prompts whose labels point at their textareas, notes keyed exercise/prompt."""
    block = render_exercise(make_exercise()).split("\n\n", 1)[1].removesuffix("\n")
    assert_html(block, """
        <section class="exercise" data-exercise="min-ovelse" data-module="01-x" data-title="Min øvelse" aria-labelledby="ovelse-min-ovelse">
          <div class="exercise__intro">
            <p>Tænk over <strong>din</strong> hverdag.</p>
          </div><noscript>
          <p class="exercise__noscript" data-search-exclude><strong>JavaScript er slået fra</strong>, så det, du skriver i felterne herunder, bliver ikke gemt og forsvinder, når siden lukkes eller genindlæses. Skriv i stedet på et print af siden, eller slå JavaScript til.</p></noscript>
          <div class="exercise__timing">
            <p><strong>Forløb i undervisningen</strong> (15 min):</p>
            <ol class="exercise__phases">
              <li data-minutes="5" data-name="Alene">Alene: 5 min</li>
              <li data-minutes="10" data-name="To og to">To og to: 10 min</li>
            </ol>
          </div>
          <div class="exercise-scale" data-exercise="min-ovelse" data-labels="[&quot;Tillid&quot;]">
            <fieldset class="exercise-scale__item" data-item="tillid">
              <legend>Tillid</legend>
              <div class="exercise-scale__ends"><span>1 = lav</span><span>5 = høj</span></div>
              <div class="exercise-scale__points">
                <label class="exercise-scale__point" data-search-exclude>
                  <input type="radio" name="ex-min-ovelse-tillid" value="1" data-scale="min-ovelse/tillid"><span>1</span>
                </label>
                <label class="exercise-scale__point" data-search-exclude>
                  <input type="radio" name="ex-min-ovelse-tillid" value="2" data-scale="min-ovelse/tillid"><span>2</span>
                </label>
                <label class="exercise-scale__point" data-search-exclude>
                  <input type="radio" name="ex-min-ovelse-tillid" value="3" data-scale="min-ovelse/tillid"><span>3</span>
                </label>
                <label class="exercise-scale__point" data-search-exclude>
                  <input type="radio" name="ex-min-ovelse-tillid" value="4" data-scale="min-ovelse/tillid"><span>4</span>
                </label>
                <label class="exercise-scale__point" data-search-exclude>
                  <input type="radio" name="ex-min-ovelse-tillid" value="5" data-scale="min-ovelse/tillid"><span>5</span>
                </label>
              </div>
            </fieldset>
            <div class="exercise-scale__profile" aria-live="polite"></div>
          </div>
          <div class="exercise-prompt">
            <label class="exercise-prompt__label" for="ex-min-ovelse-hvad">Hvad gør du?</label>
            <p class="exercise-prompt__hint" id="ex-min-ovelse-hvad-hint">Et <em>eksempel</em>.</p>
            <textarea id="ex-min-ovelse-hvad" name="ex-min-ovelse-hvad" rows="6" data-note="min-ovelse/hvad" aria-describedby="ex-min-ovelse-hvad-hint"></textarea>
            <div class="exercise-prompt__lines" aria-hidden="true"><span></span><span></span><span></span><span></span><span></span><span></span><span></span><span></span></div>
          </div>
          <div class="exercise-prompt">
            <label class="exercise-prompt__label" for="ex-min-ovelse-hvorfor">Hvorfor?</label>
            <textarea id="ex-min-ovelse-hvorfor" name="ex-min-ovelse-hvorfor" rows="6" data-note="min-ovelse/hvorfor"></textarea>
            <div class="exercise-prompt__lines" aria-hidden="true"><span></span><span></span><span></span><span></span><span></span><span></span><span></span><span></span></div>
          </div>
          <p class="exercise__status" role="status" aria-live="polite"></p>
        </section>
    """)


def test_match_choices_follow_danish_alphabet():
    """Æ, Ø and Å sort after Z, in that order."""
    bank = make_bank(match(pairs=[{"left": "1", "right": "Åben"}, {"left": "2", "right": "Øre"},
                                  {"left": "3", "right": "Ærlig"}, {"left": "4", "right": "Zebra"}]))
    first_select = render_one(bank).split("</select>")[0]
    labels = [label for _, label in re.findall(r'<option value="(\d+)">([^<]*)</option>', first_select)]
    assert labels == ["Zebra", "Ærlig", "Øre", "Åben"]


def test_fingerprint_follows_the_choices_not_the_wording():
    """data-fp changes when options change and stays when prompt or explanation change."""
    from scripts.quiz import fingerprint

    base = make_bank(single()).questions[0]
    reworded = base.model_copy(update={"prompt": "Et andet spørgsmål", "explanation": "En anden forklaring"})
    reordered = base.model_copy(update={"options": list(reversed(base.options))})
    assert fingerprint(base) == fingerprint(reworded)
    assert fingerprint(base) != fingerprint(reordered)

"""The interactive quiz in Chromium: what a participant sees, clicks, types and prints.

Questions are found in the built site by `li.quiz-q[data-type=…]`, never by their text,
so the tests follow the question banks as the content writers change them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, normalize_text, page_url

pytestmark = pytest.mark.browser

TYPES = ["single", "multiple", "truefalse", "categorize", "match", "order"]
ROWS = {"categorize", "match", "order"}
PREFIX = "samskabt:v1:quiz:"
SCORE = re.compile(r"^(\d+) af (\d+) rigtige · (\d+) af (\d+) besvaret$")
CONTROLS_JS = ("li => Array.from(li.querySelectorAll('input, select'))"
               ".map(c => c.tagName === 'SELECT' ? c.value : c.checked)")
BLOCK_STORAGE = """
  Storage.prototype.setItem = function () { throw new DOMException('blocked', 'SecurityError'); };
  Storage.prototype.getItem = function () { throw new DOMException('blocked', 'SecurityError'); };
"""
FULL_STORAGE = """
  const realSet = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (String(k).startsWith('samskabt:v1:quiz:')) throw new DOMException('full', 'QuotaExceededError');
    return realSet.call(this, k, v);
  };
"""


# --- Where the questions are -----------------------------------------------------------


@dataclass
class Bank:
    url: str
    id: str
    questions: list[tuple[str, str]] = field(default_factory=list)  # (qid, type)
    options: dict[str, list[str]] = field(default_factory=dict)  # qid -> option values in HTML order


class BankParser(HTMLParser):
    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.banks: list[Bank] = []
        self._qid: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "quiz" in classes and "data-quiz" in a:
            self.banks.append(Bank(self.url, a["data-quiz"]))
        elif tag == "li" and "quiz-q" in classes and self.banks:
            self._qid = a["data-qid"]
            self.banks[-1].questions.append((a["data-qid"], a["data-type"]))
            self.banks[-1].options[self._qid] = []
        elif tag == "div" and "quiz-opt" in classes and self._qid:
            self.banks[-1].options[self._qid].append(a["data-value"])


class Course:
    def __init__(self, banks: list[Bank]):
        self.banks = banks

    def bank(self, bank_id: str) -> Bank:
        return next(b for b in self.banks if b.id == bank_id)

    def module_banks(self) -> list[Bank]:
        return [b for b in self.banks if b.url.startswith("moduler/")]

    def first(self, qtype: str, banks: list[Bank] | None = None) -> tuple[Bank, str]:
        """The first question of a type, on a module page if there is one."""
        for b in (banks or self.module_banks()) + self.banks:
            for qid, t in b.questions:
                if t == qtype:
                    return b, qid
        pytest.fail(f"no question of type {qtype!r} in the built site")


@pytest.fixture(scope="session")
def course(site: Path) -> Course:
    banks: list[Bank] = []
    for html in sorted(site.rglob("*.html")):
        parser = BankParser(page_url(site, html))
        parser.feed(html.read_text(encoding="utf-8"))
        banks.extend(parser.banks)
    assert banks, "the built site has no quiz banks"
    return Course(banks)


# --- Helpers ---------------------------------------------------------------------------


def watch(p) -> list[str]:
    """Collect the page's uncaught JavaScript errors."""
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(f"{exc}\n{exc.stack or ''}"))
    return errors


def open_bank(p, bank: Bank):
    """Open the bank's page and wait until quiz.js has set the bank up."""
    p.open(bank.url)
    loc = bank_loc(p, bank)
    expect(loc.locator(".quiz__status")).to_have_count(1)
    return loc


def bank_loc(p, bank: Bank):
    return p.locator(f'.quiz[data-quiz="{bank.id}"]')


def question(p, bank: Bank, qid: str):
    return bank_loc(p, bank).locator(f'li.quiz-q[data-qid="{qid}"]')


def check_button(q):
    return q.get_by_role("button", name="Tjek svar", exact=True)


def again_button(q):
    return q.get_by_role("button", name="Prøv igen", exact=True)


def score(bank_locator) -> tuple[int, int, int, int]:
    text = bank_locator.locator(".quiz__score").inner_text().strip()
    m = SCORE.match(text)
    assert m, f"unexpected score line {text!r}"
    return tuple(int(x) for x in m.groups())


def option_values(select) -> list[str]:
    return select.locator("option").evaluate_all("os => os.map(o => o.value)")


def answer(q, qtype: str, right: bool = True) -> None:
    """Answer with the mouse: click labels, pick from the drop-downs."""
    if qtype in ("single", "truefalse"):
        want = "true" if right else "false"
        target = q.locator(f'input[data-correct="{want}"]').first
        q.locator(f'label[for="{target.get_attribute("id")}"]').click()
        expect(target).to_be_checked()
    elif qtype == "multiple":
        rights = q.locator('input[data-correct="true"]')
        picks = [rights.nth(i) for i in range(rights.count())] if right else [rights.first]
        if not right:
            wrongs = q.locator('input[data-correct="false"]')
            assert wrongs.count(), "a multiple question without a wrong option cannot be answered wrongly"
            picks.append(wrongs.first)
        for box in picks:
            q.locator(f'label[for="{box.get_attribute("id")}"]').click()
            expect(box).to_be_checked()
    else:
        selects = q.locator("select")
        for i in range(selects.count()):
            s = selects.nth(i)
            correct = s.get_attribute("data-correct")
            if right or i > 0:
                s.select_option(correct)
            else:
                s.select_option([v for v in option_values(s) if v and v != correct][0])


def stored(p, bank: Bank):
    raw = p.evaluate("k => localStorage.getItem(k)", PREFIX + bank.id)
    return None if raw is None else json.loads(raw)


# --- Answering with the mouse ----------------------------------------------------------


@pytest.mark.parametrize("qtype", TYPES)
def test_mouse_wrong_then_right(page, course, qtype):
    """Each question type: a wrong answer is marked in words, the key opens, 'Prøv igen' clears."""
    bank, qid = course.first(qtype)
    errors = watch(page)
    open_bank(page, bank)
    q = question(page, bank, qid)
    key = q.locator("details.quiz-q__key")
    result = q.locator(".quiz-q__result")
    expect(key).to_be_hidden()
    expect(result).to_have_attribute("aria-live", "polite")

    answer(q, qtype, right=False)
    check_button(q).click()
    expect(result).to_have_text(re.compile(r"^Ikke helt\."))
    if qtype in ROWS:
        expect(result).to_have_text(re.compile(r"\d+ af \d+ rigtige\."))
    bad = q.locator('[data-mark="bad"] .quiz-mark')
    expect(bad.first).to_be_visible()
    expect(bad.first).to_contain_text("forkert")
    # The mark is text, and it is the wrong control's accessible description.
    wrong_control = q.locator('[data-mark="bad"]').first.locator("input, select")
    expect(wrong_control).to_have_accessible_description(re.compile("forkert"))
    expect(key).to_be_visible()
    expect(key).to_have_attribute("open", "")
    expect(q.locator(".quiz-q__explanation")).to_be_visible()
    expect(q.locator(".quiz-q__see a")).to_be_visible()
    # An option's own feedback shows when that option is marked, and only then.
    for fb in q.locator(".quiz-opt__feedback").all():
        marked = fb.evaluate("f => f.parentElement.hasAttribute('data-mark')")
        (expect(fb).to_be_visible if marked else expect(fb).to_be_hidden)()

    again_button(q).click()
    expect(q.locator(".quiz-mark")).to_have_count(0)
    expect(q.locator("[data-mark]")).to_have_count(0)
    expect(key).to_be_hidden()
    expect(result).to_have_text("")
    values = q.evaluate(CONTROLS_JS)
    assert all(v in (False, "") for v in values), f"'Prøv igen' left answers behind: {values}"
    expect(q.locator("input, select").first).to_be_focused()

    answer(q, qtype, right=True)
    check_button(q).click()
    expect(result).to_have_text("Rigtigt!")
    expect(q.locator('[data-mark="bad"], [data-mark="miss"]')).to_have_count(0)
    right_marks = q.locator('[data-mark="ok"] .quiz-mark')
    expected = q.locator("select").count() if qtype in ROWS else q.locator('input[data-correct="true"]').count()
    expect(right_marks).to_have_count(expected)
    expect(right_marks.first).to_contain_text("rigtigt")
    assert errors == []


def test_nothing_answered_is_not_graded(page, course):
    """'Tjek svar' without an answer says so and grades nothing."""
    bank, qid = course.first("single")
    open_bank(page, bank)
    q = question(page, bank, qid)
    check_button(q).click()
    expect(q.locator(".quiz-q__result")).to_have_text(re.compile("ikke svaret"))
    expect(q.locator(".quiz-mark")).to_have_count(0)
    expect(q.locator("details.quiz-q__key")).to_be_hidden()
    assert score(bank_loc(page, bank))[2] == 0


def test_multiple_partly_right_counts(page, course):
    """A half-right 'multiple' answer reports how many right options were picked."""
    bank, qid = course.first("multiple")
    open_bank(page, bank)
    q = question(page, bank, qid)
    total = q.locator('input[data-correct="true"]').count()
    answer(q, "multiple", right=False)
    check_button(q).click()
    expect(q.locator(".quiz-q__result")).to_have_text(
        re.compile(rf"^Ikke helt\. Du valgte 1 af {total} rigtige svar og 1 forkert\.$"))
    expect(q.locator('[data-mark="miss"] .quiz-mark')).to_have_count(total - 1)


# --- Keyboard only ---------------------------------------------------------------------


def focus_before(q) -> None:
    """Put focus on the control just before the question (previous question's last button)."""
    q.evaluate("""li => {
        const prev = li.previousElementSibling;
        const el = prev ? prev.querySelector('.quiz-q__actions button:last-of-type')
                        : li.closest('.quiz').querySelector('.quiz__status button');
        el.focus();
    }""")


def tab_to_check_and_press(p, q) -> None:
    p.keyboard.press("Tab")
    expect(check_button(q)).to_be_focused()
    outline = check_button(q).evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none", "the focused 'Tjek svar' button shows no focus outline"
    p.keyboard.press("Enter")


@pytest.mark.parametrize("qtype", ["single", "truefalse"])
def test_keyboard_radio(page, course, qtype):
    """Tab into the radio group, arrow to the right answer, Tab to 'Tjek svar', Enter."""
    bank, qid = course.first(qtype)
    open_bank(page, bank)
    q = question(page, bank, qid)
    focus_before(q)
    radios = q.locator("input[type=radio]")
    target = [r.get_attribute("data-correct") for r in radios.all()].index("true")
    page.keyboard.press("Tab")
    expect(radios.first).to_be_focused()
    if target == 0:
        page.keyboard.press("Space")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    expect(radios.nth(target)).to_be_checked()
    tab_to_check_and_press(page, q)
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    expect(q.locator("details.quiz-q__key")).to_be_visible()


def test_keyboard_multiple_and_try_again(page, course):
    """Space ticks checkboxes, Enter checks, Space on 'Prøv igen' clears and returns focus."""
    bank, qid = course.first("multiple")
    open_bank(page, bank)
    q = question(page, bank, qid)
    focus_before(q)
    boxes = q.locator("input[type=checkbox]")
    for box in boxes.all():
        page.keyboard.press("Tab")
        expect(box).to_be_focused()
        if box.get_attribute("data-correct") == "true":
            page.keyboard.press("Space")
    tab_to_check_and_press(page, q)
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    page.keyboard.press("Tab")
    expect(again_button(q)).to_be_focused()
    page.keyboard.press("Space")
    expect(q.locator(".quiz-mark")).to_have_count(0)
    expect(boxes.first).to_be_focused()
    assert not any(b.is_checked() for b in boxes.all())


@pytest.mark.parametrize("qtype", ["categorize", "order"])
def test_keyboard_selects(page, course, qtype):
    """Tab from drop-down to drop-down and choose with the arrow keys, then Enter on 'Tjek svar'."""
    bank, qid = course.first(qtype)
    open_bank(page, bank)
    q = question(page, bank, qid)
    focus_before(q)
    for s in q.locator("select").all():
        page.keyboard.press("Tab")
        expect(s).to_be_focused()
        for _ in range(option_values(s).index(s.get_attribute("data-correct"))):
            page.keyboard.press("ArrowDown")
        expect(s).to_have_value(s.get_attribute("data-correct"))
    tab_to_check_and_press(page, q)
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")


# --- Progress --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["module", "afsluttende-test"])
def test_reload_keeps_answers_and_score(page, course, which):
    """Checked answers, their marks and the score survive a reload; the bank shows its score on top."""
    bank = course.module_banks()[0] if which == "module" else course.bank("afsluttende-test")
    assert len(bank.questions) >= 2
    errors = watch(page)
    loc = open_bank(page, bank)
    n = len(bank.questions)
    assert loc.evaluate("b => b.firstElementChild.classList.contains('quiz__status')")
    assert score(loc) == (0, n, 0, n)
    expect(loc.get_by_text("bliver ikke gemt")).to_have_count(0)
    (q1id, t1), (q2id, t2) = bank.questions[:2]
    q1, q2 = question(page, bank, q1id), question(page, bank, q2id)
    answer(q1, t1, right=True)
    check_button(q1).click()
    answer(q2, t2, right=False)
    check_button(q2).click()
    expect(q2.locator(".quiz-q__result")).to_have_text(re.compile("^Ikke helt"))
    assert score(loc) == (1, n, 2, n)

    data = stored(page, bank)
    assert data["v"] == 1 and set(data["answers"]) == {q1id, q2id}
    assert data["answers"][q1id]["correct"] is True and data["answers"][q1id]["checked"] is True
    assert data["answers"][q2id]["correct"] is False

    before = [q1.evaluate(CONTROLS_JS), q2.evaluate(CONTROLS_JS)]
    marks = q2.locator("[data-mark]").evaluate_all("ns => ns.map(n => n.dataset.mark)")
    page.reload()
    loc = bank_loc(page, bank)
    expect(loc.locator(".quiz__status")).to_have_count(1)
    assert score(loc) == (1, n, 2, n)
    assert [q1.evaluate(CONTROLS_JS), q2.evaluate(CONTROLS_JS)] == before
    assert q2.locator("[data-mark]").evaluate_all("ns => ns.map(n => n.dataset.mark)") == marks
    expect(q1.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    expect(q2.locator("details.quiz-q__key")).to_be_visible()
    assert errors == []


def test_answers_in_two_tabs_add_up(page, course):
    """One question answered in tab A, another in tab B: both count, in both tabs and after a reload."""
    bank = course.module_banks()[3]
    n = len(bank.questions)
    tab_b = page.new_tab()
    loc_b = open_bank(tab_b, bank)
    loc_a = open_bank(page, bank)
    (q1id, t1), (q2id, t2) = bank.questions[:2]
    q1 = question(page, bank, q1id)
    answer(q1, t1, right=True)
    check_button(q1).click()
    expect(question(tab_b, bank, q1id).locator(".quiz-q__result")).to_have_text("Rigtigt!")
    q2 = question(tab_b, bank, q2id)
    answer(q2, t2, right=False)
    check_button(q2).click()
    expect(loc_a.locator(".quiz__score")).to_have_text(f"1 af {n} rigtige · 2 af {n} besvaret")
    assert score(loc_b) == (1, n, 2, n)
    assert set(stored(page, bank)["answers"]) == {q1id, q2id}
    page.reload()
    assert score(bank_loc(page, bank)) == (1, n, 2, n)


def test_order_question_hints_at_a_position_used_twice(page, course):
    """Giving two items the same position says so at once; fixing it clears the hint."""
    bank, qid = course.first("order")
    open_bank(page, bank)
    q = question(page, bank, qid)
    selects = q.locator("select")
    first_place = [v for v in option_values(selects.nth(0)) if v][0]
    selects.nth(0).select_option(first_place)
    selects.nth(1).select_option(first_place)
    hint = q.locator(".quiz-q__dupes")
    expect(hint).to_have_attribute("aria-live", "polite")
    expect(hint).to_contain_text("Hver plads bruges kun én gang")
    expect(hint).to_contain_text("til mere end ét punkt")
    second_place = [v for v in option_values(selects.nth(1)) if v and v != first_place][0]
    selects.nth(1).select_option(second_place)
    expect(hint).to_have_text("")


def test_changing_a_checked_answer_unchecks_it(page, course):
    """Picking another option after checking removes the old marks and the question's score."""
    bank, qid = course.first("single")
    loc = open_bank(page, bank)
    q = question(page, bank, qid)
    answer(q, "single", right=True)
    check_button(q).click()
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    assert score(loc)[:3] == (1, len(bank.questions), 1)
    answer(q, "single", right=False)
    expect(q.locator(".quiz-mark")).to_have_count(0)
    assert score(loc)[:3] == (0, len(bank.questions), 0)


BAD_VALUES = [
    "{bad",
    "[1, 2, 3]",
    "null",
    '"tekst"',
    '{"v": 2, "answers": {"QID": {"value": "1", "correct": true, "checked": true}}}',
    '{"v": 1, "answers": []}',
    '{"v": 1, "answers": {"findes-ikke": {"value": "1", "correct": true, "checked": true}}}',
    '{"v": 1, "answers": {"QID": {"value": "999", "correct": true, "checked": true}}}',
    '{"v": 1, "answers": {"QID": {"value": ["1"], "correct": true, "checked": true}}}',
    '{"v": 1, "answers": {"QID": "1"}}',
    '{"v": 1, "answers": {"RID": {"value": ["1"], "correct": true, "checked": true}}}',
    '{"v": 1, "answers": {"RID": {"value": "1", "correct": true, "checked": true}}}',
    '{"v": 1, "answers": {"__proto__": {"value": "1"}, "constructor": 5}}',
    # a valid answer, saved for other choices (the question was edited since): dropped
    '{"v": 1, "answers": {"QID": {"value": "1", "correct": true, "checked": true, "fp": "00000000"}}}',
    '{"v": 1, "answers": {"QID": {"value": "1", "correct": true, "checked": true}}}',
]


@pytest.mark.parametrize("raw", BAD_VALUES)
def test_corrupt_storage_is_ignored(page, course, raw):
    """Corrupt or foreign data under the bank's key is dropped; the quiz still works and saves."""
    bank = next(b for b in course.module_banks()
                if {"single", "categorize"} <= {t for _, t in b.questions})
    qid = next(q for q, t in bank.questions if t == "single")
    rid = next(q for q, t in bank.questions if t == "categorize")
    errors = watch(page)
    open_bank(page, bank)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [PREFIX + bank.id, raw.replace("QID", qid).replace("RID", rid)])
    page.reload()
    loc = bank_loc(page, bank)
    expect(loc.locator(".quiz__status")).to_have_count(1)
    n = len(bank.questions)
    assert score(loc) == (0, n, 0, n)
    expect(loc.locator(".quiz-mark")).to_have_count(0)
    expect(loc.locator("input:checked")).to_have_count(0)
    assert loc.locator("select").evaluate_all("ss => ss.filter(s => s.selectedIndex !== 0).length") == 0
    q = question(page, bank, qid)
    answer(q, "single", right=True)
    check_button(q).click()
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    assert stored(page, bank)["answers"][qid]["checked"] is True
    assert errors == []


def test_blocked_storage_shows_notice(page, course):
    """When localStorage throws, the bank says progress is not kept, and the quiz still works."""
    page.add_init_script(BLOCK_STORAGE)
    errors = watch(page)
    bank, qid = course.first("single")
    loc = open_bank(page, bank)
    notice = loc.get_by_text("bliver ikke gemt")
    expect(notice).to_be_visible()
    q = question(page, bank, qid)
    answer(q, "single", right=True)
    check_button(q).click()
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    assert score(loc)[:3] == (1, len(bank.questions), 1)
    expect(loc.get_by_role("alert")).to_be_hidden()
    assert_accessible(page, ".quiz")
    # Material's own inline palette script (`__md_get`) throws here; the course's scripts must not.
    assert [e for e in errors if "/assets/js/" in e] == []


def test_failed_save_shows_warning(page, course):
    """A save that fails (quota) shows a visible warning; the answer stays on screen."""
    page.add_init_script(FULL_STORAGE)
    bank, qid = course.first("single")
    loc = open_bank(page, bank)
    warning = loc.get_by_role("alert")
    expect(warning).to_be_hidden()
    q = question(page, bank, qid)
    answer(q, "single", right=True)
    check_button(q).click()
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("kunne ikke gemmes")
    expect(q.locator(".quiz-q__result")).to_have_text("Rigtigt!")


def test_instant_navigation_away_and_back(page, course):
    """After instant navigation away and back the bank is set up once, restored and working."""
    bank = course.module_banks()[0]
    errors = watch(page)
    loc = open_bank(page, bank)
    (q1id, t1), (q2id, t2) = bank.questions[:2]
    answer(question(page, bank, q1id), t1)
    check_button(question(page, bank, q1id)).click()
    page.evaluate("window.__samePage = true")
    path = "/" + bank.url
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(lambda url: urlparse(url).path != path)
    expect(loc).to_have_count(0)
    page.go_back()
    page.wait_for_url(lambda url: urlparse(url).path == path)
    expect(loc.locator(".quiz__status")).to_have_count(1)
    assert page.evaluate("window.__samePage === true"), "the page was reloaded, not navigated instantly"
    n = len(bank.questions)
    expect(loc.get_by_role("button", name="Tjek svar", exact=True)).to_have_count(n)
    expect(loc.get_by_role("button", name="Nulstil quiz")).to_have_count(1)
    expect(question(page, bank, q1id).locator(".quiz-q__result")).to_have_text("Rigtigt!")
    q2 = question(page, bank, q2id)
    answer(q2, t2)
    check_button(q2).click()
    expect(q2.locator(".quiz-q__result")).to_have_text("Rigtigt!")
    assert score(loc) == (2, n, 2, n)
    assert errors == []


def test_reset_asks_first_then_clears(page, course):
    """'Nulstil quiz' does nothing when the question is declined, and clears everything when accepted."""
    bank = course.module_banks()[0]
    loc = open_bank(page, bank)
    n = len(bank.questions)
    for qid, t in bank.questions[:2]:
        answer(question(page, bank, qid), t)
        check_button(question(page, bank, qid)).click()
    assert score(loc) == (2, n, 2, n)
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    loc.get_by_role("button", name="Nulstil quiz").click()
    assert asked and "slette" in asked[0]
    assert score(loc) == (2, n, 2, n)
    assert stored(page, bank) is not None

    page.once("dialog", lambda d: d.accept())
    loc.get_by_role("button", name="Nulstil quiz").click()
    expect(loc.locator(".quiz__score")).to_have_text(f"0 af {n} rigtige · 0 af {n} besvaret")
    expect(loc.locator(".quiz-mark")).to_have_count(0)
    expect(loc.locator("input:checked")).to_have_count(0)
    assert all(v == "" for v in loc.locator("select").evaluate_all("ss => ss.map(s => s.value)"))
    expect(loc.locator(".quiz-q__result:not(:empty)")).to_have_count(0)
    assert stored(page, bank) is None
    page.reload()
    assert score(bank_loc(page, bank)) == (0, n, 0, n)


# --- Accessibility, no JavaScript, print, phone ---------------------------------------


@pytest.mark.parametrize("scheme,palette", [("light", "default"), ("dark", "slate")])
def test_axe_before_and_after_answering(make_page, course, scheme, palette):
    """axe finds no WCAG A/AA problem in the bank, unanswered and fully marked, in both palettes."""
    p = make_page(color_scheme=scheme)
    bank = course.module_banks()[0]
    loc = open_bank(p, bank)
    assert p.locator("body").get_attribute("data-md-color-scheme") == palette
    assert_accessible(p, ".quiz")
    for i, (qid, t) in enumerate(bank.questions):
        q = question(p, bank, qid)
        if i == len(bank.questions) - 1:
            check_button(q).click()  # the "not answered yet" message
            expect(q.locator(".quiz-q__result")).not_to_be_empty()
            continue
        answer(q, t, right=i % 2 == 0)
        check_button(q).click()
        expect(q.locator(".quiz-q__result")).not_to_be_empty()
    expect(loc.locator(".quiz-opt__feedback:visible").first).to_be_visible()
    assert_accessible(p, ".quiz")


def test_without_javascript_the_key_opens(make_page, course):
    """With JavaScript off every question keeps its answer in a closed <details> that opens."""
    p = make_page(java_script_enabled=False)
    bank, qid = course.first("multiple")
    p.open(bank.url)
    loc = bank_loc(p, bank)
    keys = loc.locator("details.quiz-q__key")
    expect(keys).to_have_count(len(bank.questions))
    expect(loc.locator("details.quiz-q__key[open]")).to_have_count(0)
    expect(loc.get_by_role("button")).to_have_count(0)
    q = question(p, bank, qid)
    explanation = q.locator(".quiz-q__explanation")
    expect(explanation).to_be_hidden()
    q.locator("details.quiz-q__key > summary").click()
    expect(explanation).to_be_visible()
    expect(q.locator(".quiz-q__right")).to_be_visible()
    expect(q.locator(".quiz-q__see a")).to_be_visible()


PRINT_HIDDEN = ("details.quiz-q__key", ".quiz-opt__feedback", ".quiz-mark", "button",
                ".quiz-q__result", ".quiz__score")


def test_participants_print_has_no_answers(page, course):
    """Printed by a participant, the questions show without answers, buttons or a key."""
    bank = course.module_banks()[0]
    loc = open_bank(page, bank)
    qid, t = bank.questions[0]
    answer(question(page, bank, qid), t, right=False)
    check_button(question(page, bank, qid)).click()
    expect(loc.locator(".quiz-mark").first).to_be_visible()
    page.emulate_media(media="print")
    expect(loc.locator("legend").first).to_be_visible()
    for selector in PRINT_HIDDEN:
        expect(loc.locator(f"{selector}:visible")).to_have_count(0)
    expect(loc.locator(".quiz__printkey")).to_have_count(0)
    body = normalize_text(page.locator("article").inner_text())
    assert "Facitliste" not in body and "Rigtigt svar" not in body


def test_teachers_print_adds_the_key_on_a_page_of_its_own(page, course):
    """Opened from the answer key (»… med facit«), the module prints its key after the questions."""
    bank = course.module_banks()[0]
    page.open("underviser/svarnoegle/")
    link = page.locator(f'.answer-key__prints a[href$="{bank.url}?facit"]')
    expect(link).to_contain_text("med facit")
    link.click()
    page.wait_for_url(re.compile(r"\?facit$"))
    loc = bank_loc(page, bank)
    printkey = loc.locator(".quiz__printkey")
    expect(printkey).to_have_count(1)
    expect(printkey).to_be_hidden()
    expect(loc.locator(".quiz__printnotice")).to_be_visible()
    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN + (".quiz__printnotice",):
        expect(loc.locator(f"{selector}:visible")).to_have_count(0)
    expect(printkey).to_be_visible()
    assert printkey.evaluate("k => getComputedStyle(k).breakBefore") == "page"
    items = printkey.locator("ol.quiz__printkey-list > li")
    expect(items).to_have_count(len(bank.questions))
    explanations = loc.locator("details .quiz-q__explanation").all_text_contents()
    for item, text in zip(items.all(), explanations):
        expect(item).to_contain_text(text.strip()[:60])
    page.emulate_media(media="screen")
    expect(printkey).to_be_hidden()


@pytest.mark.parametrize("qtype", ["categorize", "match", "order"])
def test_select_questions_are_answerable_on_paper(page, course, qtype):
    """Printed, a question answered with menus lists its choices with boxes to fill in (a menu prints as »Vælg …«)."""
    bank, qid = course.first(qtype)
    open_bank(page, bank)
    q = question(page, bank, qid)
    rows = [normalize_text(t) for t in q.locator(".quiz-row label").all_inner_texts()]
    choices = [normalize_text(t) for t in q.locator(".quiz-row select").first.locator("option").all_text_contents()[1:]]
    page.emulate_media(media="print")
    expect(q.locator("select:visible")).to_have_count(0)
    paper = q.locator(".quiz-q__paper")
    expect(paper).to_be_visible()
    printed = normalize_text(paper.inner_text())
    assert "Vælg" not in printed
    for row in rows:
        assert row in printed, row
    boxes = paper.locator(".quiz-paper__box")
    if qtype == "categorize":
        for c in choices:
            assert c in printed, c
        expect(boxes).to_have_count(len(rows) * len(choices))
    elif qtype == "match":
        for i, c in enumerate(choices):
            assert f"{chr(65 + i)}. {c}" in printed, c
        expect(boxes).to_have_count(len(rows))
    else:
        expect(paper.locator(".quiz-paper__slots li")).to_have_count(len(rows))
        assert [normalize_text(t) for t in paper.locator(".quiz-paper__slots li").all_inner_texts()] == [
            f"{i}." for i in range(1, len(rows) + 1)]
    box = boxes.first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 20
    page.emulate_media(media="screen")
    expect(paper).to_be_hidden()


def test_phone_width(make_page, course):
    """At 360 px nothing in a marked bank sticks out sideways."""
    p = make_page(viewport={"width": 360, "height": 740})
    bank, qid = course.first("match")
    loc = open_bank(p, bank)
    q = question(p, bank, qid)
    answer(q, "match", right=False)
    check_button(q).click()
    expect(q.locator(".quiz-mark").first).to_be_visible()
    width = p.evaluate("document.documentElement.clientWidth")
    too_wide = loc.evaluate("""(b, w) => Array.from(b.querySelectorAll('*'))
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > w + 1)
        .map(e => e.tagName + '.' + e.className)""", width)
    assert too_wide == []

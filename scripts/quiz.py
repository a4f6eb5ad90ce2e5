"""Question banks: load and check `quizzes/NN-*.yml`, render them as HTML.

`load_banks(folder, pages) -> (banks, errors)`; each loaded bank renders each of its questions
once (`LoadedBank.html`, a `QuestionHTML` of parts); `render_bank(loaded, see_url) -> str`.
The HTML works without JavaScript (each answer in a closed <details>);
`docs/assets/js/quiz.js` turns it into an interactive quiz.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import random
from collections.abc import Callable
from pathlib import Path

from scripts.datafile import DataError, Source, load_all
from scripts.model import Bank, Categorize, Match, Multiple, Order, Single, TrueFalse
from scripts.text import attr, danish_key, inline, visible

TYPE_LABELS = {
    "single": "Vælg ét svar",
    "multiple": "Vælg alle rigtige svar",
    "truefalse": "Sandt eller falsk?",
    "categorize": "Sortér i kategorier",
    "match": "Par sammen",
    "order": "Sæt i rækkefølge",
}


# Moodle grades a multiple-answer question with equal weights only for these counts.
MOODLE_COUNTS = set(range(1, 11)) | {20}


@dataclasses.dataclass
class LoadedBank:
    bank: Bank
    source: Source | None = None  # None for a bank made in code (the final test)

    @functools.cached_property
    def html(self) -> dict[str, QuestionHTML]:
        """Each question of the bank rendered once, by id (after the checks, in display order)."""
        return {q.id: question_html(self.bank, q) for q in self.bank.questions}


def bank_files(folder: Path) -> list[Path]:
    """Question banks are the numbered files: `quizzes/01-styring-og-ledelse.yml` …"""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.yml"))


def load_banks(folder: Path, anchors: dict[str, set[str]], root: Path) -> tuple[list[LoadedBank], list[DataError]]:
    """Load every bank and check it; `anchors` maps module stems to the heading ids on that page."""
    loaded, errors = load_all(bank_files(folder), Bank, root)
    banks = [LoadedBank(bank, source) for bank, source in loaded]
    seen_ids: dict[str, Source] = {}
    for lb in banks:
        errors.extend(check_bank(lb.bank, lb.source, anchors))
        # Checked in the file's order (errors name the YAML's option numbers), then put in
        # the order everyone sees: page, final test, print, answer key and exports alike.
        lb.bank = display_order(lb.bank)
        if lb.bank.id in seen_ids:
            other = seen_ids[lb.bank.id]
            errors.append(lb.source.error(("id",), f"bank id {lb.bank.id!r} is already used by {other.path}"))
        else:
            seen_ids[lb.bank.id] = lb.source
    banks.sort(key=lambda lb: lb.bank.module)
    return banks, errors




def check_bank(bank: Bank, source: Source, anchors: dict[str, set[str]]) -> list[DataError]:
    """The checks that need more than one field: answers in range, ids unique, anchors exist."""
    errors: list[DataError] = []
    if bank.module not in anchors:
        errors.append(source.error(("module",), f"no module page docs/moduler/{bank.module}.md"))
    ids: set[str] = set()
    for i, q in enumerate(bank.questions):
        at = ("questions", i)
        if q.id in ids:
            errors.append(source.error(at + ("id",), f"duplicate question id {q.id!r} in this bank"))
        ids.add(q.id)
        if bank.module in anchors and q.see[1:] not in anchors[bank.module]:
            errors.append(source.error(at + ("see",), f"{q.see} is not a heading id on docs/moduler/{bank.module}.md"))
        if isinstance(q, Single) and not 1 <= q.answer <= len(q.options):
            errors.append(source.error(at + ("answer",), f"{q.answer} is not an option (there are {len(q.options)})"))
        elif isinstance(q, Multiple):
            if not q.answer:
                errors.append(source.error(at + ("answer",), "a 'multiple' question needs at least one right option"))
            for j, n in enumerate(q.answer):
                if not 1 <= n <= len(q.options):
                    errors.append(source.error(at + ("answer", j), f"{n} is not an option (there are {len(q.options)})"))
            if len(set(q.answer)) != len(q.answer):
                errors.append(source.error(at + ("answer",), "an option is listed twice"))
            wrong = len(q.options) - len(set(q.answer))
            if q.answer and (len(set(q.answer)) not in MOODLE_COUNTS or (wrong and wrong not in MOODLE_COUNTS)):
                errors.append(source.error(at + ("answer",), f"Moodle can only grade 1–10 or 20 right and wrong options "
                                                             f"with equal weights (here {len(set(q.answer))} right, {wrong} wrong)"))
        elif isinstance(q, Categorize):
            for j, item in enumerate(q.items):
                if item.category not in q.categories:
                    errors.append(source.error(at + ("items", j, "category"),
                                               f"{item.category!r} is not one of the categories {q.categories}"))
            if len(set(q.categories)) != len(q.categories):
                errors.append(source.error(at + ("categories",), "a category is listed twice"))
        elif isinstance(q, Match):
            if len({p.right for p in q.pairs}) != len(q.pairs):
                errors.append(source.error(at + ("pairs",), "two pairs have the same right-hand side"))
        elif isinstance(q, Order) and len(set(q.items)) != len(q.items):
            errors.append(source.error(at + ("items",), "an item is listed twice"))
    return errors


# --- Rendering ------------------------------------------------------------------------


def _shuffled(seed: str, items: list) -> list:
    """A fixed, seeded order: the same on every build, never the answer order for 2+ items."""
    out = list(items)
    rnd = random.Random(seed)
    for _ in range(10):
        rnd.shuffle(out)
        if out != items:
            return out
    return items[1:] + items[:1]  # a rotation is never the answer order


def shuffles(bank: Bank, q) -> bool:
    """Whether a choice question's options are shown shuffled: the question's say, else the bank's."""
    return isinstance(q, (Single, Multiple)) and (bank.shuffle if q.shuffle is None else q.shuffle)


def display_order(bank: Bank) -> Bank:
    """The bank with each shuffled question's options in their fixed, seeded order.

    The seed is bank id + question id, so the order is the same on every build and for every
    participant ("svar B" means the same to a whole class), and changes only when the
    question's options do. Answers are renumbered to match.
    """
    if not any(shuffles(bank, q) for q in bank.questions):
        return bank
    questions = []
    for q in bank.questions:
        if shuffles(bank, q) and all(1 <= n <= len(q.options) for n in _answers(q)):
            order = list(range(1, len(q.options) + 1))
            random.Random(f"{bank.id}/{q.id}").shuffle(order)
            options = [q.options[n - 1] for n in order]
            answer = [order.index(n) + 1 for n in _answers(q)]
            q = q.model_copy(update={"options": options,
                                     "answer": answer[0] if isinstance(q, Single) else sorted(answer)})
        questions.append(q)
    return bank.model_copy(update={"questions": questions})


def _answers(q) -> list[int]:
    return [q.answer] if isinstance(q, Single) else list(q.answer)


def letter(n: int) -> str:
    """Option 1, 2, 3 … as the letters A, B, C … that the page, print and answer key show."""
    return chr(ord("A") + n - 1)


def right_answer(q) -> str:
    """The right answer as HTML, for the answer key and the no-JavaScript view."""
    if isinstance(q, Single):
        return f"{letter(q.answer)}. {inline(q.options[q.answer - 1].text)}"
    if isinstance(q, Multiple):
        return "<ul>" + "".join(f"<li>{letter(n)}. {inline(q.options[n - 1].text)}</li>"
                                for n in sorted(q.answer)) + "</ul>"
    if isinstance(q, TrueFalse):
        return "Sandt" if q.answer else "Falsk"
    if isinstance(q, Categorize):
        rows = []
        for cat in q.categories:
            items = ", ".join(inline(it.text) for it in q.items if it.category == cat)
            rows.append(f"<li><strong>{inline(cat)}:</strong> {items}</li>")
        return "<ul>" + "".join(rows) + "</ul>"
    if isinstance(q, Match):
        return "<ul>" + "".join(f"<li>{inline(p.left)} → {inline(p.right)}</li>" for p in q.pairs) + "</ul>"
    if isinstance(q, Order):
        return "<ol>" + "".join(f"<li>{inline(t)}</li>" for t in q.items) + "</ol>"
    raise TypeError(f"unknown question type {type(q).__name__}")


@dataclasses.dataclass(frozen=True)
class Choice:
    """An option of a choice question, or a choice in a row's <select>."""
    value: str     # what the input or <option> submits: "1", "2" … ("true"/"false" for true/false)
    html: str
    text: str      # as a reader sees it, without markup (exports)
    correct: bool = False
    feedback: str = ""  # HTML; rows' choices have none


@dataclasses.dataclass(frozen=True)
class Row:
    """A row of a categorize, match or order question, in the order the page shows them."""
    html: str
    text: str
    correct: str   # the value of the row's right choice


@dataclasses.dataclass(frozen=True)
class QuestionHTML:
    """A question rendered once: every part as HTML (and as plain text where an export needs it).

    The module page, the final test, the print edition, the answer key, Moodle XML and the Common
    Cartridge read these parts; what differs between them (the number, the link to the section, the key
    or not) is added by `render_question` and `answer_key.key_item`.
    """
    id: str
    type: str
    bank: str
    name: str      # the element id, q-BANK-QUESTION; the inputs' names and ids start with it
    fp: str | None
    prompt: str
    text: str      # the prompt without markup
    choices: tuple[Choice, ...]
    rows: tuple[Row, ...]  # empty for single, multiple and true/false
    body: str      # the options with their feedback, or the rows with their <select>s and the paper version
    right: str
    explanation: str


def question_html(bank: Bank, q) -> QuestionHTML:
    """Render `q` of `bank` (in display order) once; see QuestionHTML."""
    name = f"q-{bank.id}-{q.id}"
    rows: list[Row] = []
    if isinstance(q, TrueFalse):
        choices = [Choice("true", "Sandt", "Sandt", q.answer, inline(q.feedback_true)),
                   Choice("false", "Falsk", "Falsk", not q.answer, inline(q.feedback_false))]
    elif isinstance(q, (Single, Multiple)):
        right = {q.answer} if isinstance(q, Single) else set(q.answer)
        choices = [Choice(str(i), inline(o.text), visible(o.text), i in right, inline(o.feedback))
                   for i, o in enumerate(q.options, 1)]
    else:
        if isinstance(q, Categorize):
            pairs = _shuffled(name, [(it.text, q.categories.index(it.category) + 1) for it in q.items])
            labels = [(str(i), c) for i, c in enumerate(q.categories, 1)]
        elif isinstance(q, Match):
            pairs = [(p.left, i) for i, p in enumerate(q.pairs, 1)]
            labels = sorted(((str(i), p.right) for i, p in enumerate(q.pairs, 1)), key=lambda c: danish_key(c[1]))
        else:
            pairs = _shuffled(name, [(t, i) for i, t in enumerate(q.items, 1)])
            labels = [(str(i), f"{i}.") for i in range(1, len(q.items) + 1)]
        rows = [Row(inline(t), visible(t), str(c)) for t, c in pairs]
        choices = [Choice(v, attr(label) if isinstance(q, Order) else inline(label), visible(label)) for v, label in labels]
    body = (_options(q, name, choices) if not rows else _selects(q, name, rows, choices))
    return QuestionHTML(id=q.id, type=q.type, bank=bank.id, name=name, fp=fingerprint(q), prompt=inline(q.prompt),
                        text=visible(q.prompt), choices=tuple(choices), rows=tuple(rows), body=body,
                        right=right_answer(q), explanation=inline(q.explanation))


def _options(q, name: str, choices: list[Choice]) -> str:
    kind = "checkbox" if isinstance(q, Multiple) else "radio"
    out = []
    for c in choices:
        fid = f"{name}-o{c.value}"
        label = c.html if isinstance(q, TrueFalse) else f'<span class="quiz-opt__letter">{letter(int(c.value))}.</span> {c.html}'
        out.append(
            f'<div class="quiz-opt" data-value="{c.value}">'
            f'<input type="{kind}" id="{fid}" name="{name}" value="{c.value}" data-correct="{str(c.correct).lower()}">'
            f'<label for="{fid}" data-search-exclude>{label}</label>'
            f'<div class="quiz-opt__feedback" hidden data-search-exclude>{c.feedback}</div>'
            "</div>"
        )
    return f'<div class="quiz-q__options">{"".join(out)}</div>'


def _selects(q, name: str, rows: list[Row], choices: list[Choice]) -> str:
    """Categorize, match and order: one labelled <select> per row."""
    blank = {"categorize": "Vælg kategori", "match": "Vælg"}.get(q.type, "Vælg plads")
    options = f'<option value="">{blank} …</option>' + "".join(f'<option value="{c.value}">{c.html}</option>' for c in choices)
    out = []
    for k, row in enumerate(rows, 1):
        sid = f"{name}-r{k}"
        out.append(
            f'<div class="quiz-row" data-correct="{row.correct}">'
            f'<label for="{sid}" data-search-exclude>{row.html}</label>'
            f'<select id="{sid}" name="{sid}" data-correct="{row.correct}" data-search-exclude>{options}</select>'
            "</div>"
        )
    return f'<div class="quiz-q__rows">{"".join(out)}</div>' + _paper(q, rows, choices)


BOX = '<span class="quiz-paper__box"></span>'


def _paper(q, rows: list[Row], choices: list[Choice]) -> str:
    """Categorize, match and order on paper (shown only in print, where a <select> shows nothing):
    a box to tick per category, a box for the letter of the match, numbered slots for the order."""
    if isinstance(q, Categorize):
        how = "Sæt et kryds i den kategori, hvert udsagn hører til."
        head = "".join(f"<th>{c.html}</th>" for c in choices)
        body = "".join(f"<tr><td>{r.html}</td>" + f"<td>{BOX}</td>" * len(choices) + "</tr>" for r in rows)
        sheet = f'<table class="quiz-paper__table"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'
    elif isinstance(q, Match):
        how = "Skriv bogstavet for det, der passer, i feltet."
        body = "".join(f"<tr><td>{r.html}</td><td>{BOX}</td></tr>" for r in rows)
        letters = "".join(f"<li>{letter(i)}. {c.html}</li>" for i, c in enumerate(choices, 1))
        sheet = (f'<table class="quiz-paper__table"><tbody>{body}</tbody></table>'
                 f'<ul class="quiz-paper__choices">{letters}</ul>')
    else:
        how = "Skriv bogstaverne i den rigtige rækkefølge, ét i hvert felt."
        letters = "".join(f"<li>{letter(i)}. {r.html}</li>" for i, r in enumerate(rows, 1))
        slots = "".join(f"<li>{i}. {BOX}</li>" for i in range(1, len(rows) + 1))
        sheet = f'<ul class="quiz-paper__choices">{letters}</ul><ul class="quiz-paper__slots">{slots}</ul>'
    return f'<div class="quiz-q__paper" data-search-exclude><p class="quiz-paper__how">{how}</p>{sheet}</div>'


def fingerprint(q) -> str | None:
    """A short hash of what a saved answer refers to (options, items, categories, pairs).

    Saved answers use option numbers and row positions; when a question's choices are
    edited, the fingerprint changes and quiz.js drops the old answer instead of showing
    it on the wrong options.
    """
    if isinstance(q, (Single, Multiple)):
        parts = [o.text for o in q.options]
    elif isinstance(q, Categorize):
        parts = [*q.categories, "|", *(it.text for it in q.items)]
    elif isinstance(q, Match):
        parts = [f"{p.left}\t{p.right}" for p in q.pairs]
    elif isinstance(q, Order):
        parts = list(q.items)
    else:
        return None  # true/false: the values are "true" and "false"
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:8]


def render_question(h: QuestionHTML, number: int, see_url: str, key: bool = True) -> str:
    """One question as a page shows it; `key=False` leaves out the answer (the print edition
    puts it at the end).

    No part of a question goes into the search index: the prompt, options, rows, feedback and
    answer are marked `data-search-exclude`. A search leads to the section that teaches a
    concept, never to a question about it, and must not show a question's answer. The marks
    go on elements that hold no element of their own kind: Material's search parser ends a
    skipped element at the first closing tag of its name.
    """
    question = (
        f'<li class="quiz-q" id="{h.name}" data-qid="{h.id}" data-type="{h.type}"'
        + (f' data-fp="{h.fp}">' if h.fp else ">")
        + f'<fieldset><legend data-search-exclude><span class="quiz-q__num">Spørgsmål {number}.</span> {h.prompt}'
        f' <span class="quiz-q__hint">({TYPE_LABELS[h.type]})</span></legend>'
        f"{h.body}</fieldset>"
    )
    if not key:
        return question + "</li>"
    return (
        question +
        f'<details class="quiz-q__key" data-search-exclude><summary>Se svaret</summary>'
        f'<div class="quiz-q__answer"><p class="quiz-q__right"><strong>Rigtigt svar:</strong></p>{h.right}'
        f'<p class="quiz-q__explanation">{h.explanation}</p>'
        f'<p class="quiz-q__see"><a href="{attr(see_url)}">Læs afsnittet om det</a></p></div></details>'
        "</li>"
    )


def render_worksheet(lb: LoadedBank) -> str:
    """The bank as a static list of questions without answers, for printing (no quiz component)."""
    items = "".join(render_question(lb.html[q.id], i, "", key=False) for i, q in enumerate(lb.bank.questions, 1))
    return f'<div class="quiz quiz--worksheet"><ol class="quiz__list">{items}</ol></div>'


def render_bank(lb: LoadedBank, see_url: Callable[[object], str]) -> str:
    """The bank as HTML; `see_url(question)` makes each question's link to its section."""
    bank = lb.bank
    items = "".join(render_question(lb.html[q.id], i, see_url(q)) for i, q in enumerate(bank.questions, 1))
    intro = f'<p class="quiz__intro">{inline(bank.intro)}</p>' if bank.intro else ""
    return (
        f'<div class="quiz" data-quiz="{bank.id}" data-count="{len(bank.questions)}">'
        f"{intro}"
        f'<ol class="quiz__list">{items}</ol>'
        "</div>"
    )

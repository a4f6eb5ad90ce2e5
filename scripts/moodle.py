"""Export the question banks to Moodle: GIFT text and Moodle XML.

`gift(banks, titles, edition) -> str` and `moodle_xml(banks, titles, edition) -> str` are pure
functions (`edition` names the version and build date in the file's header);
`python -m scripts.moodle export --format gift|moodlexml [-o FILE]` loads `quizzes/` and
prints (or writes) the export. Data errors go to stderr as `file:line: field: message`
and the command exits 1.

Categories. Each bank becomes the Moodle question category
`samskabt-styring/<module stem>` (e.g. `samskabt-styring/06-tillid-og-kontrol`): a
`$CATEGORY:` line in GIFT, a `<question type="category">` in XML. With »Get category from
file« on, Moodle's importer (qformat_default::create_category_path) puts `top/` in front of
a path like this and builds it from the top category of the context the teacher chose, so
the categories land under »Top«, not under the category picked on the import page. `titles` maps a
module stem to a human name; it becomes the category's description (`<info>` in XML,
a `//` comment above `$CATEGORY` in GIFT, which has no description field). Without
`titles` the bank's title is used.

Names. Every question is named `<bank id>-<question id>` (`::name::` in GIFT, `<name>`
in XML) and gets the same Moodle ID number (`// [id:name]` in GIFT, `<idnumber>` in XML),
so the names are stable and readable in the question bank.

Type mapping (the same in both formats):

| Course type  | Moodle type       | How                                                       |
| ------------ | ----------------- | --------------------------------------------------------- |
| `single`     | Multiple choice   | one answer: the right option 100 %, the others 0 %        |
| `multiple`   | Multiple choice   | several answers: each right option 100/k % (k right ones),|
|              |                   | each wrong one -100/w % (w wrong ones), so ticking every  |
|              |                   | box scores 0                                              |
| `truefalse`  | True/False        | `{TRUE#…#…}` / `{FALSE#…#…}`: feedback for the wrong and  |
|              |                   | the right answer (XML: `<feedback>` in each answer)       |
| `match`      | Matching          | left -> right, one row per pair                           |
| `categorize` | Matching          | item -> its category (the same category may repeat);      |
|              |                   | an unused category becomes an extra wrong answer          |
| `order`      | Matching          | item -> its position "1.", "2.", …                        |

Moodle only accepts grades from its fixed list (100, 50, 33.33333, 25, 20, 16.66667,
14.28571, 12.5, 11.11111, 10, 5 % …), so a `multiple` question can have 1–10 or 20 right
options and 1–10 or 20 wrong ones; anything else raises ValueError.

Texts. Per-option feedback goes to the option (`#` in GIFT, `<feedback>` in XML); the
explanation is the general feedback (`####` in GIFT, `<generalfeedback>` in XML).
Matching answers (the right-hand side) are plain text in Moodle, so Markdown is removed
there. Everything else:

- GIFT: the question text starts with `[markdown]`, so Moodle renders the inline Markdown
  (`**fed**`, `*kursiv*`, links) of the prompt, options, feedback and explanation, which
  inherit the question's format. `& < >` are written as HTML entities first, so raw HTML
  shows as text as on the site; `~ = # { } :` and `\\` are escaped with a backslash and
  line breaks are written as `\\n`, exactly like Moodle's own GIFT export.
  Typographic shortcuts of pymdownx.smartsymbols (`-->`, `(c)`) stay as typed.
- XML: texts are HTML rendered with `scripts.text.inline` (the site's renderer), in
  `format="html"` elements; ElementTree escapes them.

Shuffling. XML: multiple choice shuffles its options when the question does (`shuffle`, on by default);
matching always shuffles its rows. GIFT cannot say, so Moodle uses the site default
("Bland svarmulighederne", on unless an admin changed it).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from scripts.model import Bank, Categorize, Match, Multiple, Order, Single, TrueFalse
from scripts.quiz import LoadedBank, QuestionHTML, shuffles
from scripts.text import inline, visible

CATEGORY_ROOT = "samskabt-styring"
GIFT_HEADER = (
    "// Samskabt styring: spørgsmålsbankerne i GIFT-format til import i Moodle.\n"
    "// Lavet ud fra kursets quizzer (quizzes/*.yml). Du kan rette i filen til din egen import;\n"
    "// en fejl i selve kurset rettes i YAML-filerne, så den også forsvinder på kursets sider."
)
XML_COMMENT = (" Samskabt styring: spørgsmålsbankerne til import i Moodle, lavet ud fra kursets quizzer"
               " (quizzes/*.yml). ")
INDENT = "    "

# Moodle's question_bank::fraction_options_full(): the only grades an import accepts.
_MOODLE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                  0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)


# --- Shared ---------------------------------------------------------------------------


def question_name(bank: Bank, q) -> str:
    """`tillid-og-kontrol-fire-faktorer`: stable, from the bank id and the question id."""
    return f"{bank.id}-{q.id}"


def category_path(bank: Bank) -> str:
    return f"{CATEGORY_ROOT}/{bank.module}"


def percent(value: float) -> str:
    """100 -> '100', 100/3 -> '33.33333', -50 -> '-50'."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _weight(count: int, sign: int, what: str, name: str) -> str:
    weight = percent(sign * 100 / count)
    if not any(abs(abs(float(weight)) / 100 - g) < 1e-5 for g in _MOODLE_GRADES):
        raise ValueError(f"{name}: Moodle cannot grade {count} {what} options with equal weights "
                         f"({weight} % is not one of its grades); use 1–10 or 20")
    return weight


def multiple_weights(q: Multiple, name: str) -> list[str]:
    """Percent per option: right ones share +100, wrong ones share -100."""
    right = set(q.answer)
    wrong = len(q.options) - len(right)
    plus = _weight(len(right), 1, "right", name)
    minus = _weight(wrong, -1, "wrong", name) if wrong else "0"
    return [plus if i in right else minus for i in range(1, len(q.options) + 1)]


def matching_rows(q) -> list[tuple[str | None, str]]:
    """(left Markdown, right Markdown) per row; left None is an extra wrong answer."""
    if isinstance(q, Match):
        return [(p.left, p.right) for p in q.pairs]
    if isinstance(q, Categorize):
        rows: list[tuple[str | None, str]] = [(it.text, it.category) for it in q.items]
        used = {it.category for it in q.items}
        return rows + [(None, c) for c in q.categories if c not in used]
    if isinstance(q, Order):
        return [(text, f"{i}.") for i, text in enumerate(q.items, 1)]
    raise TypeError(f"not a matching question: {type(q).__name__}")


# --- GIFT -----------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"[\\~=#{}:]")


def gift_escape(text: str) -> str:
    """Backslash before `\\ ~ = # { } :`, line breaks as `\\n` (as Moodle's GIFT export does)."""
    text = _GIFT_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    return text.replace("\r", "").replace("\n", "\\n")


def _md(text: str) -> str:
    """A Markdown field for a `[markdown]` question: raw HTML made visible, then escaped."""
    return gift_escape(html.escape(text, quote=False))


def _gift_answers(bank: Bank, q) -> list[str]:
    name = question_name(bank, q)
    if isinstance(q, TrueFalse):
        # Moodle reads {TRUE#feedback if wrong#feedback if right} (qformat_gift: split_truefalse_comment).
        wrong, right = (q.feedback_false, q.feedback_true) if q.answer else (q.feedback_true, q.feedback_false)
        return [("TRUE" if q.answer else "FALSE") + f"#{_md(wrong)}#{_md(right)}"]
    if isinstance(q, (Single, Multiple)):
        if isinstance(q, Single):
            marks = ["=" if i == q.answer else "~" for i in range(1, len(q.options) + 1)]
        else:
            marks = [f"~%{w}%" for w in multiple_weights(q, name)]
        return [mark + _md(o.text) + (f"#{_md(o.feedback)}" if o.feedback else "")
                for mark, o in zip(marks, q.options)]
    return [("=" + _md(left) if left is not None else "=") + " -> " + gift_escape(visible(right))
            for left, right in matching_rows(q)]


def gift_question(bank: Bank, q) -> str:
    """One question: ID-number comment, `::name::[markdown]prompt {`, answers, `####explanation`, `}`."""
    name = question_name(bank, q)
    lines = [f"// [id:{name}]", f"::{gift_escape(name)}::[markdown]{_md(q.prompt)} {{"]
    lines += [INDENT + a for a in _gift_answers(bank, q)]
    lines += [f"{INDENT}####{_md(q.explanation)}", "}"]
    return "\n".join(lines)


def gift(banks: list[Bank], titles: dict[str, str] | None = None, edition: str = "") -> str:
    """All banks as one GIFT file; blank lines separate the questions. `edition` ("Version 0.1.0,
    bygget 2026-12-03.") is written into the header, so a teacher can tell two files apart."""
    titles = titles or {}
    blocks = [GIFT_HEADER + (f"\n// {edition}" if edition else "")]
    for bank in banks:
        title = " ".join(titles.get(bank.module, bank.title).split())
        blocks.append(f"// {title}\n$CATEGORY: {category_path(bank)}")
        blocks += [gift_question(bank, q) for q in bank.questions]
    return "\n\n".join(blocks) + "\n"


# --- Moodle XML -----------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, value: str | None = None, **attrib: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrib)
    if value is not None:
        el.text = value
    return el


def _text(parent: ET.Element, tag: str, value: str, **attrib: str) -> ET.Element:
    """`<tag attrib…><text>value</text></tag>`, Moodle's wrapper for every text."""
    el = _sub(parent, tag, **attrib)
    _sub(el, "text", value)
    return el


def _xml_head(bank: Bank, q, h: QuestionHTML, qtype: str) -> ET.Element:
    name = question_name(bank, q)
    el = ET.Element("question", type=qtype)
    _text(el, "name", name)
    _text(el, "questiontext", h.prompt, format="html")
    _text(el, "generalfeedback", h.explanation, format="html")
    _sub(el, "defaultgrade", "1")
    _sub(el, "penalty", "1" if qtype == "truefalse" else "0.3333333")
    _sub(el, "hidden", "0")
    _sub(el, "idnumber", name)
    return el


def _xml_answer(parent: ET.Element, fraction: str, text: str, feedback: str, fmt: str = "html") -> None:
    """An answer; `feedback` is HTML (empty: none)."""
    answer = _text(parent, "answer", text, fraction=fraction, format=fmt)
    if feedback:
        _text(answer, "feedback", feedback, format="html")


def xml_question(bank: Bank, q, h: QuestionHTML) -> ET.Element:
    """One `<question>` element of the right Moodle type; its texts are the HTML the site shows (`h`)."""
    if isinstance(q, TrueFalse):
        el = _xml_head(bank, q, h, "truefalse")
        for c in h.choices:  # "true", then "false"
            _xml_answer(el, "100" if c.correct else "0", c.value, c.feedback, "moodle_auto_format")
        return el
    if isinstance(q, (Single, Multiple)):
        el = _xml_head(bank, q, h, "multichoice")
        _sub(el, "single", "true" if isinstance(q, Single) else "false")
        _sub(el, "shuffleanswers", "true" if shuffles(bank, q) else "false")
        _sub(el, "answernumbering", "abc")
        if isinstance(q, Single):
            fractions = ["100" if i == q.answer else "0" for i in range(1, len(q.options) + 1)]
        else:
            fractions = multiple_weights(q, question_name(bank, q))
        for fraction, choice in zip(fractions, h.choices):
            _xml_answer(el, fraction, choice.html, choice.feedback)
        return el
    el = _xml_head(bank, q, h, "matching")
    _sub(el, "shuffleanswers", "true")
    for left, right in matching_rows(q):
        sub = _text(el, "subquestion", inline(left) if left is not None else "", format="html")
        _text(sub, "answer", visible(right))
    return el


def moodle_xml(banks: Sequence[Bank | LoadedBank], titles: dict[str, str] | None = None, edition: str = "") -> str:
    """All banks as one Moodle XML file: a category question per bank, then its questions.
    A loaded bank gives the questions as its site build rendered them; a plain bank is rendered here."""
    titles = titles or {}
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(XML_COMMENT + (f"{edition} " if edition else "")))
    for given in banks:
        lb = given if isinstance(given, LoadedBank) else LoadedBank(given)
        bank = lb.bank
        cat = _sub(quiz, "question", type="category")
        _text(cat, "category", category_path(bank))
        _text(cat, "info", html.escape(titles.get(bank.module, bank.title), quote=False), format="html")
        for q in bank.questions:
            quiz.append(xml_question(bank, q, lb.html[q.id]))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


# --- Command line ---------------------------------------------------------------------

EXPORTERS = {"gift": gift, "moodlexml": moodle_xml}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.moodle",
                                     description="Eksportér kursets spørgsmålsbanker til Moodle.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="skriv alle spørgsmålsbanker som GIFT eller Moodle XML")
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS), help="gift eller moodlexml")
    export.add_argument("-o", "--output", type=Path, help="skriv til denne fil (ellers standard-output)")
    export.add_argument("--quizzes", type=Path, default=Path("quizzes"), help="mappen med NN-*.yml (quizzes)")
    export.add_argument("--docs", type=Path, default=Path("docs"), help="mappen med moduler/ (docs)")
    args = parser.parse_args(argv)

    # Imported here so that the pure functions above need neither MkDocs nor the data files.
    from scripts.modules import read_modules
    from scripts.quiz import load_banks

    modules = read_modules(args.docs)
    anchors = {m.stem: set(m.anchors) for m in modules}
    loaded, errors = load_banks(args.quizzes, anchors, Path.cwd())
    if errors:
        for error in sorted(errors):
            print(error, file=sys.stderr)
        return 1
    if not loaded:
        print(f"{args.quizzes}: no question banks (NN-*.yml) found", file=sys.stderr)
        return 1
    titles = {m.stem: m.title for m in modules}
    try:
        text = EXPORTERS[args.format]([lb.bank for lb in loaded], titles)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

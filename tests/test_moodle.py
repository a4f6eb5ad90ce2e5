"""Export to Moodle: GIFT and Moodle XML, golden per question type, round trips of the real banks, the CLI."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from scripts.model import Bank, Categorize, Match, Multiple, Single, TrueFalse
from scripts.modules import read_modules
from scripts.moodle import gift, moodle_xml
from scripts.quiz import load_banks
from scripts.text import inline

SEE = "#det-laerer-du"  # every module page has it


def make_bank(*questions: dict, shuffle: bool = False, bank_id: str = "prove",
              module: str = "01-styring-og-ledelse") -> Bank:
    base = {"explanation": "Fordi.", "see": SEE}
    tf = {"feedback_true": "Til sandt.", "feedback_false": "Til falsk."}
    return Bank.model_validate({
        "id": bank_id, "module": module, "title": "Prøvebank", "shuffle": shuffle,
        "questions": [{**base, **(tf if q["type"] == "truefalse" else {}), **q,
                       **({"options": [{"feedback": f"Om {o['text']}.", **o} for o in q["options"]]}
                          if "options" in q else {})} for q in questions],
    })


def question_block(bank: Bank) -> str:
    """The GIFT of the bank's only question (blocks are separated by blank lines)."""
    blocks = gift([bank]).strip().split("\n\n")
    assert len(blocks) == 3, blocks  # header, category, the question
    return blocks[2]


def golden(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


@pytest.fixture(scope="module")
def real_banks() -> list[Bank]:
    """Every bank in quizzes/, loaded and checked like the build does."""
    anchors = {m.stem: set(m.anchors) for m in read_modules(ROOT / "docs")}
    loaded, errors = load_banks(ROOT / "quizzes", anchors, ROOT)
    assert not errors, "\n".join(map(str, errors))
    assert loaded, "no question banks in quizzes/"
    return [lb.bank for lb in loaded]


# --- A port of Moodle's GIFT reader (question/format/gift/format.php), for round trips ----

_PRE = [("\\:", "&&058;"), ("\\#", "&&035;"), ("\\=", "&&061;"), ("\\{", "&&123;"),
        ("\\}", "&&125;"), ("\\~", "&&126;"), ("\\n", "&&010")]
_POST = [("&&058;", ":"), ("&&035;", "#"), ("&&061;", "="), ("&&123;", "{"), ("&&125;", "}"),
         ("&&126;", "~"), ("&&010", "\n")]
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
MOODLE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)


def _pre(s: str) -> str:
    s = s.replace("\\\\", "&&092;")
    for a, b in _PRE:
        s = s.replace(a, b)
    return s.replace("&&092;", "\\")


def _post(s: str) -> str:
    for a, b in _POST:
        s = s.replace(a, b)
    return s


def _with_format(s: str, default: str = "moodle") -> tuple[str, str]:
    fmt = default
    if s.startswith("["):
        name = s[1:s.index("]")]
        if name in ("moodle", "html", "plain", "markdown"):
            fmt, s = name, s[s.index("]") + 1:]
    return fmt, _post(s).strip()


def _comment(s: str, fmt: str) -> tuple[str, str]:
    bits = s.split("#", 1)
    return _with_format(bits[0].strip(), fmt)[1], (_with_format(bits[1].strip(), fmt)[1] if len(bits) > 1 else "")


def read_gift(text: str) -> list[dict]:
    """What Moodle's GIFT import makes of a file: one dict per category or question."""
    blocks, current = [], []
    for line in text.splitlines():
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    out = []
    for lines in blocks:
        body = "\n".join(" " if ln.startswith("//") else ln for ln in lines).strip()
        if not body:
            continue
        body = _pre(body)
        if body.startswith("$CATEGORY:"):
            out.append({"qtype": "category", "category": body[10:].strip()})
            continue
        q: dict = {"name": None}
        if body.startswith("::"):
            body = body[2:]
            end = body.index("::")
            q["name"], body = _post(body[:end]), body[end + 2:].strip()
        start, finish = body.index("{"), body.index("}")
        answertext = body[start + 1:finish].strip()
        assert body.endswith("}"), "text after the answers would become a missing-word question"
        questiontext = body[:start] + body[finish + 1:]
        gf = answertext.rfind("####")
        generalfeedback = ""
        if gf >= 0:
            generalfeedback, answertext = answertext[gf + 4:], answertext[:gf].strip()
        q["format"], q["text"] = _with_format(questiontext)
        q["generalfeedback"] = _with_format(generalfeedback, q["format"])[1]
        fmt = q["format"]
        if answertext.startswith("#"):
            q["qtype"] = "numerical"
        elif "~" in answertext:
            q["qtype"] = "multichoice"
            q["single"] = "=" in answertext
            parts = answertext.replace("=", "~=").split("~")
            if not parts[0].strip():
                parts = parts[1:]
            q["answers"] = []
            for part in parts:
                part = part.strip()
                if part.startswith("="):
                    fraction, part = 1.0, part[1:]
                elif _WEIGHT.match(part):
                    part = part[1:]
                    fraction = float(part[:part.index("%")]) / 100
                    part = part[part.index("%") + 1:]
                else:
                    fraction = 0.0
                q["answers"].append((fraction, *_comment(part, fmt)))
        elif "=" in answertext and "->" in answertext:
            q["qtype"] = "match"
            parts = answertext.split("=")
            if not parts[0].strip():
                parts = parts[1:]
            q["rows"] = []
            for part in parts:
                part = part.strip()
                marker = part.index("->")
                q["rows"].append((_with_format(part[:marker], fmt)[1], _post(part[marker + 2:]).strip()))
        else:
            check = answertext.split("#", 1)[0].strip() if "#" in answertext[1:] else answertext
            q["qtype"] = "truefalse" if check in ("T", "TRUE", "F", "FALSE") else "shortanswer"
            q["answer"] = check in ("T", "TRUE")
            # qformat_gift's split_truefalse_comment: "#wrong#right"; feedbacktrue is shown for "true".
            bits = [_with_format(b.strip(), fmt)[1] for b in answertext.split("#")[1:3]] + ["", ""]
            wrong, right = bits[0], bits[1]
            q["feedbacktrue"], q["feedbackfalse"] = (right, wrong) if q["answer"] else (wrong, right)
        out.append(q)
    return out


def is_moodle_grade(fraction: float) -> bool:
    return any(abs(abs(fraction) - g) < 1e-5 for g in MOODLE_GRADES)


def seen(markdown: str) -> str:
    """The text a reader sees for an inline-Markdown field (what a plain-text answer must say)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", inline(markdown))).split())


def md(text: str) -> str:
    """What Moodle stores for a field of a `[markdown]` GIFT question: the Markdown, HTML-escaped."""
    return html.escape(text, quote=False)


def rows_of(q) -> list[tuple[str, str]]:
    """(left Markdown, right as seen) per row of a matching question; left '' is an extra answer."""
    if isinstance(q, Match):
        return [(p.left, seen(p.right)) for p in q.pairs]
    if isinstance(q, Categorize):
        used = {it.category for it in q.items}
        extra = [("", seen(c)) for c in q.categories if c not in used]  # an unused category: extra wrong answer
        return [(it.text, seen(it.category)) for it in q.items] + extra
    return [(t, f"{i}.") for i, t in enumerate(q.items, 1)]


# --- GIFT -------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["~", "=", "#", "{", "}", ":", "\\"])
def test_gift_escapes_special_character(char):
    """Each of ~ = # { } : and the backslash is escaped with a backslash in prompts and options."""
    bank = make_bank({"id": "tegn", "type": "single", "prompt": f"før {char} efter",
                      "options": [{"text": f"a{char}b", "feedback": f"c{char}d"}, {"text": "nej"}], "answer": 1})
    block = question_block(bank)
    assert f"[markdown]før \\{char} efter {{" in block
    assert f"    =a\\{char}b#c\\{char}d" in block.splitlines()


def test_gift_escapes_all_special_characters_together():
    """A prompt with all special characters at once comes back intact from Moodle's GIFT reader."""
    prompt = r"Tæl ~ = # { } : og \ her"
    bank = make_bank({"id": "alle", "type": "single", "prompt": prompt,
                      "options": [{"text": "x=1 {ja}", "feedback": "#1: ja~"}, {"text": "nej"}], "answer": 1})
    assert r"Tæl \~ \= \# \{ \} \: og \\ her" in question_block(bank)
    (_, q) = read_gift(gift([bank]))
    assert q["text"] == prompt
    assert q["answers"][0] == (1.0, "x=1 {ja}", "#1: ja~")


def test_gift_writes_line_breaks_as_escapes():
    """A line break inside a text is written as \\n, so it cannot end the question early."""
    bank = make_bank({"id": "linjer", "type": "truefalse", "prompt": "Første linje\n\nanden linje", "answer": True})
    assert "[markdown]Første linje\\n\\nanden linje {" in question_block(bank)
    assert read_gift(gift([bank]))[1]["text"] == "Første linje\n\nanden linje"


def test_gift_raw_html_stays_visible_text():
    """Raw HTML in a prompt becomes entities, as on the site, not markup in Moodle."""
    bank = make_bank({"id": "html", "type": "truefalse", "prompt": "Er <script>x</script> & co farligt?", "answer": True})
    assert "[markdown]Er &lt;script&gt;x&lt;/script&gt; &amp; co farligt? {" in question_block(bank)


def test_gift_category_per_module():
    """Each bank opens with its title as a comment and `$CATEGORY: samskabt-styring/<module stem>`."""
    one = make_bank({"id": "a", "type": "truefalse", "prompt": "A?", "answer": True})
    two = make_bank({"id": "b", "type": "truefalse", "prompt": "B?", "answer": False},
                    bank_id="anden", module="06-tillid-og-kontrol")
    out = gift([one, two], titles={"06-tillid-og-kontrol": "Tillid og kontrol"})
    assert re.findall(r"^\$CATEGORY: .*$", out, re.M) == [
        "$CATEGORY: samskabt-styring/01-styring-og-ledelse",
        "$CATEGORY: samskabt-styring/06-tillid-og-kontrol",
    ]
    assert "// Prøvebank\n$CATEGORY: samskabt-styring/01-styring-og-ledelse" in out
    assert "// Tillid og kontrol\n$CATEGORY: samskabt-styring/06-tillid-og-kontrol" in out
    assert out.index("::prove-a::") < out.index("$CATEGORY: samskabt-styring/06") < out.index("::anden-b::")


def test_gift_names_questions_by_bank_and_question_id():
    """Every question is named ::<bank id>-<question id>:: and gets the same Moodle ID number."""
    bank = make_bank({"id": "en", "type": "truefalse", "prompt": "A?", "answer": True},
                     {"id": "to", "type": "truefalse", "prompt": "B?", "answer": False})
    out = gift([bank])
    assert re.findall(r"^::([^:]+)::", out, re.M) == ["prove-en", "prove-to"]
    assert re.findall(r"^// \[id:(.+)\]$", out, re.M) == ["prove-en", "prove-to"]


def test_gift_whole_file():
    """A whole file: header comments, the category, then the question, separated by blank lines."""
    bank = make_bank({"id": "sandt", "type": "truefalse", "prompt": "Er det **sandt**?", "answer": True})
    assert gift([bank]) == golden("""
        // Samskabt styring: spørgsmålsbankerne i GIFT-format til import i Moodle.
        // Lavet ud fra kursets quizzer (quizzes/*.yml). Du kan rette i filen til din egen import;
        // en fejl i selve kurset rettes i YAML-filerne, så den også forsvinder på kursets sider.

        // Prøvebank
        $CATEGORY: samskabt-styring/01-styring-og-ledelse

        // [id:prove-sandt]
        ::prove-sandt::[markdown]Er det **sandt**? {
            TRUE#Til falsk.#Til sandt.
            ####Fordi.
        }
        """) + "\n"


def test_gift_single():
    """single -> multiple choice: =right, ~wrong, #feedback per option, ####explanation."""
    bank = make_bank({"id": "et", "type": "single", "prompt": "Hvad er *styring*?", "options": [
        {"text": "Dialog", "feedback": "Nej, det er ledelse."},
        {"text": "Bindinger på autonomi", "feedback": "Ja."},
        {"text": "Tillid", "feedback": "Nej, tillid er ikke en binding."},
    ], "answer": 2, "explanation": "Styring **binder**."})
    assert question_block(bank) == golden("""
        // [id:prove-et]
        ::prove-et::[markdown]Hvad er *styring*? {
            ~Dialog#Nej, det er ledelse.
            =Bindinger på autonomi#Ja.
            ~Tillid#Nej, tillid er ikke en binding.
            ####Styring **binder**.
        }
        """)


def test_gift_multiple():
    """multiple -> multiple choice with several answers: right ones share 100 %, wrong ones share -100 %."""
    bank = make_bank({"id": "flere", "type": "multiple", "prompt": "Hvilke er styring?", "options": [
        {"text": "Regler", "feedback": "Ja."}, {"text": "Dialog", "feedback": "Ledelse."},
        {"text": "Mål", "feedback": "Ja, mål."}, {"text": "Budget", "feedback": "Ja, ressourcer."},
        {"text": "Sparring", "feedback": "Nej."},
    ], "answer": [1, 3, 4]})
    assert question_block(bank) == golden("""
        // [id:prove-flere]
        ::prove-flere::[markdown]Hvilke er styring? {
            ~%33.33333%Regler#Ja.
            ~%-50%Dialog#Ledelse.
            ~%33.33333%Mål#Ja, mål.
            ~%33.33333%Budget#Ja, ressourcer.
            ~%-50%Sparring#Nej.
            ####Fordi.
        }
        """)


def test_gift_multiple_guessing_all_scores_zero():
    """Ticking every option of a multiple question scores 0, and every weight is one Moodle accepts."""
    bank = make_bank({"id": "gaet", "type": "multiple", "prompt": "Hvilke?",
                      "options": [{"text": t} for t in "abcdefg"], "answer": [2, 5, 6]})
    (_, q) = read_gift(gift([bank]))
    fractions = [f for f, _, _ in q["answers"]]
    assert q["single"] is False
    assert sum(f for f in fractions if f > 0) == pytest.approx(1.0, abs=1e-4)
    assert sum(fractions) == pytest.approx(0.0, abs=1e-4)
    assert all(is_moodle_grade(f) for f in fractions)


def test_gift_multiple_with_ungradable_count_is_an_error():
    """Eleven right options cannot be graded with Moodle's fixed grades: a clear ValueError."""
    bank = make_bank({"id": "mange", "type": "multiple", "prompt": "Hvilke?",
                      "options": [{"text": f"svar {i}"} for i in range(12)], "answer": list(range(1, 12))})
    with pytest.raises(ValueError, match=r"prove-mange: Moodle cannot grade 11 right options"):
        gift([bank])


@pytest.mark.parametrize("answer, answers", [(True, "TRUE#Nej, sandt.#Ja, sandt."),
                                              (False, "FALSE#Nej, falsk.#Ja, falsk.")])
def test_gift_truefalse(answer, answers):
    """truefalse -> {TRUE#wrong#right} or {FALSE#wrong#right}, with the explanation as general feedback."""
    fb = {"feedback_true": "Ja, sandt." if answer else "Nej, falsk.",
          "feedback_false": "Nej, sandt." if answer else "Ja, falsk."}
    bank = make_bank({"id": "sf", "type": "truefalse", "prompt": "Tillid er godt.", "answer": answer, **fb})
    assert question_block(bank) == golden(f"""
        // [id:prove-sf]
        ::prove-sf::[markdown]Tillid er godt. {{
            {answers}
            ####Fordi.
        }}
        """)
    parsed = read_gift(gift([bank]))[-1]
    assert (parsed["feedbacktrue"], parsed["feedbackfalse"]) == (fb["feedback_true"], fb["feedback_false"])


def test_gift_match():
    """match -> matching: =left -> right; the right side is plain text (Moodle shows it in a list)."""
    bank = make_bank({"id": "par", "type": "match", "prompt": "Par sammen.", "pairs": [
        {"left": "**Styring**", "right": "Bindinger på *autonomi*"},
        {"left": "Ledelse", "right": "Dialog"},
    ]})
    assert question_block(bank) == golden("""
        // [id:prove-par]
        ::prove-par::[markdown]Par sammen. {
            =**Styring** -> Bindinger på autonomi
            =Ledelse -> Dialog
            ####Fordi.
        }
        """)


def test_gift_categorize():
    """categorize -> matching: each item -> its category (repeated); an unused category is an extra answer."""
    bank = make_bank({"id": "sorter", "type": "categorize", "prompt": "Sortér.",
                      "categories": ["Styring", "Ledelse", "Ingen af delene"], "items": [
                          {"text": "Regler", "category": "Styring"},
                          {"text": "Mål", "category": "Styring"},
                          {"text": "Dialog", "category": "Ledelse"},
                      ]})
    assert question_block(bank) == golden("""
        // [id:prove-sorter]
        ::prove-sorter::[markdown]Sortér. {
            =Regler -> Styring
            =Mål -> Styring
            =Dialog -> Ledelse
            = -> Ingen af delene
            ####Fordi.
        }
        """)


def test_gift_order():
    """order -> matching: each item -> its position "1.", "2.", …"""
    bank = make_bank({"id": "raekke", "type": "order", "prompt": "Sæt i rækkefølge.",
                      "items": ["Mistillid", "Kontrol", "Metaltræthed"]})
    assert question_block(bank) == golden("""
        // [id:prove-raekke]
        ::prove-raekke::[markdown]Sæt i rækkefølge. {
            =Mistillid -> 1.
            =Kontrol -> 2.
            =Metaltræthed -> 3.
            ####Fordi.
        }
        """)


def test_gift_arrow_in_left_side_does_not_split_the_pair():
    """A '->' in a matching item is written as an entity, so Moodle splits the pair at our arrow."""
    bank = make_bank({"id": "pil", "type": "order", "prompt": "Ræk.", "items": ["a -> b", "c"]})
    (_, q) = read_gift(gift([bank]))
    assert q["rows"] == [("a -&gt; b", "1."), ("c", "2.")]


def test_gift_round_trips_every_real_question(real_banks):
    """Every question in quizzes/ survives Moodle's GIFT reader: type, name, texts, right answers, feedback."""
    parsed = read_gift(gift(real_banks))
    questions = [(b, q) for b in real_banks for q in b.questions]
    assert [p["category"] for p in parsed if p["qtype"] == "category"] == [
        f"samskabt-styring/{b.module}" for b in real_banks]
    parsed = [p for p in parsed if p["qtype"] != "category"]
    assert len(parsed) == len(questions)
    for (bank, q), p in zip(questions, parsed):
        where = f"{bank.id}-{q.id}"
        assert p["name"] == where
        assert p["format"] == "markdown", where
        assert p["text"] == md(q.prompt), where
        assert p["generalfeedback"] == md(q.explanation), where
        if isinstance(q, (Single, Multiple)):
            right = {q.answer} if isinstance(q, Single) else set(q.answer)
            assert p["qtype"] == "multichoice" and p["single"] is isinstance(q, Single), where
            assert [a[1] for a in p["answers"]] == [md(o.text) for o in q.options], where
            assert [a[2] for a in p["answers"]] == [md(o.feedback) if o.feedback else "" for o in q.options], where
            assert [i for i, a in enumerate(p["answers"], 1) if a[0] > 0] == sorted(right), where
            assert all(is_moodle_grade(a[0]) for a in p["answers"]), where
        elif isinstance(q, TrueFalse):
            assert (p["qtype"], p["answer"]) == ("truefalse", q.answer), where
            assert (p["feedbacktrue"], p["feedbackfalse"]) == (md(q.feedback_true), md(q.feedback_false)), where
        else:
            assert p["qtype"] == "match", where
            assert p["rows"] == [(md(left), right) for left, right in rows_of(q)], where


# --- Moodle XML -------------------------------------------------------------------------


def parse(xml: str) -> ET.Element:
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "quiz"
    return root


def text_of(el: ET.Element, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else (found.text or "")


def test_xml_starts_with_declaration_and_parses():
    """The file declares UTF-8 and is well-formed even with markup characters in every text."""
    bank = make_bank({"id": "tegn", "type": "single", "prompt": "Er <b> & ]]> farligt?",
                      "options": [{"text": "<script>alert(1)</script>", "feedback": "a & b"}, {"text": "nej"}],
                      "answer": 1})
    xml = moodle_xml([bank])
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    q = parse(xml).find("question[@type='multichoice']")
    assert text_of(q, "questiontext/text") == "Er &lt;b&gt; &amp; ]]&gt; farligt?"
    assert text_of(q, "answer/text") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_xml_feedback_per_option():
    """Each option's feedback is rendered HTML inside its own <answer>."""
    bank = make_bank({"id": "fb", "type": "single", "prompt": "Hvad?", "options": [
        {"text": "Ja", "feedback": "**Rigtigt**, fordi."}, {"text": "Nej", "feedback": "Nej, *fordi*."}], "answer": 1})
    q = parse(moodle_xml([bank])).find("question[@type='multichoice']")
    assert [text_of(a, "feedback/text") for a in q.findall("answer")] == [
        "<strong>Rigtigt</strong>, fordi.", "Nej, <em>fordi</em>."]
    assert q.find("answer/feedback").get("format") == "html"


def test_xml_category_question_per_bank():
    """Each bank starts with a category question: the path by module stem, the title as description."""
    one = make_bank({"id": "a", "type": "truefalse", "prompt": "A?", "answer": True})
    two = make_bank({"id": "b", "type": "truefalse", "prompt": "B?", "answer": False},
                    bank_id="anden", module="06-tillid-og-kontrol")
    root = parse(moodle_xml([one, two], titles={"06-tillid-og-kontrol": "Tillid & kontrol"}))
    assert [(q.get("type"), text_of(q, "category/text") or text_of(q, "name/text")) for q in root] == [
        ("category", "samskabt-styring/01-styring-og-ledelse"),
        ("truefalse", "prove-a"),
        ("category", "samskabt-styring/06-tillid-og-kontrol"),
        ("truefalse", "anden-b"),
    ]
    infos = [text_of(q, "info/text") for q in root.findall("question[@type='category']")]
    assert infos == ["Prøvebank", "Tillid &amp; kontrol"]


def test_xml_single_and_multiple():
    """single -> <single>true</single> with 100/0; multiple -> <single>false</single>, +100 and -100 shared."""
    bank = make_bank(
        {"id": "et", "type": "single", "prompt": "Ét?", "options": [{"text": "a"}, {"text": "b"}], "answer": 2},
        {"id": "flere", "type": "multiple", "prompt": "Flere?",
         "options": [{"text": t} for t in "abcde"], "answer": [1, 2, 3]},
    )
    single, multiple = parse(moodle_xml([bank])).findall("question[@type='multichoice']")
    assert text_of(single, "single") == "true"
    assert [a.get("fraction") for a in single.findall("answer")] == ["0", "100"]
    assert text_of(multiple, "single") == "false"
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["33.33333", "33.33333", "33.33333", "-50", "-50"]


def test_xml_truefalse():
    """truefalse -> answers 'true' and 'false', the right one with fraction 100, each with its feedback."""
    bank = make_bank({"id": "sf", "type": "truefalse", "prompt": "Falsk?", "answer": False})
    q = parse(moodle_xml([bank])).find("question[@type='truefalse']")
    assert [(text_of(a, "text"), a.get("fraction"), text_of(a, "feedback/text")) for a in q.findall("answer")] == [
        ("true", "0", "Til sandt."), ("false", "100", "Til falsk.")]


def test_xml_matching_types():
    """match, categorize and order become <question type="matching"> with one subquestion per row."""
    bank = make_bank(
        {"id": "par", "type": "match", "prompt": "Par.", "pairs": [
            {"left": "**A**", "right": "*1*"}, {"left": "B", "right": "2"}]},
        {"id": "sorter", "type": "categorize", "prompt": "Sortér.", "categories": ["X", "Y", "Z"],
         "items": [{"text": "a", "category": "X"}, {"text": "b", "category": "X"}, {"text": "c", "category": "Y"}]},
        {"id": "raekke", "type": "order", "prompt": "Ræk.", "items": ["første", "anden"]},
    )
    rows = [[(text_of(s, "text"), text_of(s, "answer/text")) for s in q.findall("subquestion")]
            for q in parse(moodle_xml([bank])).findall("question[@type='matching']")]
    assert rows == [
        [("<strong>A</strong>", "1"), ("B", "2")],
        [("a", "X"), ("b", "X"), ("c", "Y"), ("", "Z")],
        [("første", "1."), ("anden", "2.")],
    ]


@pytest.mark.parametrize("shuffle", [True, False])
def test_xml_shuffle_follows_bank_for_choices_and_is_always_on_for_matching(shuffle):
    """Multiple choice shuffles when the bank does; matching always shuffles (else order would give itself away)."""
    bank = make_bank(
        {"id": "et", "type": "single", "prompt": "Ét?", "options": [{"text": "a"}, {"text": "b"}], "answer": 1},
        {"id": "raekke", "type": "order", "prompt": "Ræk.", "items": ["første", "anden"]},
        shuffle=shuffle,
    )
    root = parse(moodle_xml([bank]))
    assert text_of(root.find("question[@type='multichoice']"), "shuffleanswers") == str(shuffle).lower()
    assert text_of(root.find("question[@type='matching']"), "shuffleanswers") == "true"


def test_xml_round_trips_every_real_question(real_banks):
    """Every question in quizzes/ is in the XML with its name, texts, right answers and feedback."""
    root = parse(moodle_xml(real_banks))
    questions = [(b, q) for b in real_banks for q in b.questions]
    assert [text_of(c, "category/text") for c in root.findall("question[@type='category']")] == [
        f"samskabt-styring/{b.module}" for b in real_banks]
    parsed = [el for el in root.findall("question") if el.get("type") != "category"]
    assert len(parsed) == len(questions)
    for (bank, q), el in zip(questions, parsed):
        where = f"{bank.id}-{q.id}"
        assert text_of(el, "name/text") == where
        assert text_of(el, "idnumber") == where
        assert el.find("questiontext").get("format") == "html"
        assert text_of(el, "questiontext/text") == inline(q.prompt), where
        assert text_of(el, "generalfeedback/text") == inline(q.explanation), where
        if isinstance(q, (Single, Multiple)):
            right = {q.answer} if isinstance(q, Single) else set(q.answer)
            answers = el.findall("answer")
            fractions = [float(a.get("fraction")) for a in answers]
            assert el.get("type") == "multichoice", where
            assert text_of(el, "single") == ("true" if isinstance(q, Single) else "false"), where
            assert text_of(el, "shuffleanswers") == str(bank.shuffle).lower(), where
            assert [text_of(a, "text") for a in answers] == [inline(o.text) for o in q.options], where
            assert [text_of(a, "feedback/text") for a in answers] == [
                inline(o.feedback) if o.feedback else None for o in q.options], where
            assert [i for i, f in enumerate(fractions, 1) if f > 0] == sorted(right), where
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3), where
            assert all(is_moodle_grade(f / 100) for f in fractions), where
        elif isinstance(q, TrueFalse):
            assert el.get("type") == "truefalse", where
            right = [text_of(a, "text") for a in el.findall("answer") if float(a.get("fraction")) > 0]
            assert right == [str(q.answer).lower()], where
        else:
            assert el.get("type") == "matching", where
            assert text_of(el, "shuffleanswers") == "true", where
            rows = [(text_of(s, "text"), text_of(s, "answer/text")) for s in el.findall("subquestion")]
            assert rows == [(inline(left) if left else "", right) for left, right in rows_of(q)], where
            assert len(rows) >= 2, f"{where}: Moodle needs at least 2 matching pairs"


# --- Command line -----------------------------------------------------------------------


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "scripts.moodle", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


@pytest.mark.parametrize("fmt", ["gift", "moodlexml"])
def test_cli_writes_file(tmp_path, fmt, real_banks):
    """`export --format F -o FILE` exits 0, prints nothing and writes the export of every bank."""
    out = tmp_path / "downloads" / f"export.{fmt}"
    proc = run_cli("export", "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "gift":
        assert text.count("\n$CATEGORY: samskabt-styring/") == len(real_banks)
        assert len(re.findall(r"^::", text, re.M)) == sum(len(b.questions) for b in real_banks)
    else:
        assert len(parse(text).findall("question[@type='category']")) == len(real_banks)


def test_cli_prints_to_stdout_without_output_option():
    """Without -o the export goes to standard output."""
    proc = run_cli("export", "--format", "gift")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("// Samskabt styring")
    assert "$CATEGORY: samskabt-styring/01-styring-og-ledelse" in proc.stdout


def test_cli_broken_bank_exits_1_with_located_error(tmp_path):
    """A broken bank makes the export fail with exit 1 and `file:line: field: message` on stderr."""
    shutil.copytree(ROOT / "quizzes", tmp_path / "quizzes")
    (tmp_path / "quizzes" / "50-brud.yml").write_text(textwrap.dedent(f"""\
        id: brud
        module: 01-styring-og-ledelse
        title: Brud
        questions:
          - id: en
            type: single
            prompt: Hvad?
            options:
              - {{text: Det ene, feedback: Om det ene.}}
              - {{text: Det andet, feedback: Om det andet.}}
            answer: 5
            explanation: Derfor.
            see: "{SEE}"
        """), encoding="utf-8")
    out = tmp_path / "ud.txt"
    proc = run_cli("export", "--format", "gift", "-o", str(out),
                   "--quizzes", "quizzes", "--docs", str(ROOT / "docs"), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["quizzes/50-brud.yml:11: questions[0].answer: 5 is not an option (there are 2)"]
    assert not out.exists()


def test_cli_rejects_unknown_format():
    """An unknown --format is a usage error (exit 2) naming the choices."""
    proc = run_cli("export", "--format", "qti")
    assert proc.returncode == 2
    assert "gift" in proc.stderr and "moodlexml" in proc.stderr

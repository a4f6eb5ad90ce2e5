"""Pages made from the course data, generated in memory (never written into docs/)."""

from __future__ import annotations

import re

from pathlib import Path

from scripts import print_edition
from scripts.course import FINAL_TEST_PER_BANK, Course
from scripts.answer_key import ANSWER_KEY_URI, answer_key_page
from scripts.glossary import glossary_page
from scripts.model import Bank
from scripts.moodle import gift, moodle_xml
from scripts.quiz import LoadedBank, render_bank

FINAL_TEST_ID = "afsluttende-test"


def quiz_overview(course: Course) -> str:
    mods = course.module_by_stem
    rows = ["| Modul | Quiz | Spørgsmål |", "| ---: | --- | ---: |"]
    for lb in course.banks:
        m = mods[lb.bank.module]
        rows.append(f"| {m.number} | [{m.title}](../moduler/{m.stem}.md#quiz) | {len(lb.bank.questions)} |")
    total = sum(len(lb.bank.questions) for lb in course.banks)
    return "\n".join([
        "---",
        "title: Quizzer",
        "description: Oversigt over kursets quizzer: én til hvert modul og en afsluttende test på tværs af modulerne.",
        "---",
        "",
        "# Quizzer",
        "",
        "Hvert modul slutter med en quiz, så du kan tjekke, om du har fået fat i pointerne."
        " Du får svar med det samme, med en forklaring og et link tilbage til afsnittet."
        " Dine svar gemmes kun i din egen browser.",
        "",
        *rows,
        f"| | **I alt** | **{total}** |",
        "",
        f"Når du har været igennem modulerne, kan du tage den [afsluttende test]({FINAL_TEST_ID}.md).",
        "",
    ])


def final_test(course: Course) -> str:
    see = course.see_url(course.url(f"quiz/{FINAL_TEST_ID}.md"))
    picked, owner = [], {}
    for lb in course.banks:
        for q in lb.bank.questions[:FINAL_TEST_PER_BANK]:
            # Prefix with the bank id: ids stay stable and unique across banks.
            copy = q.model_copy(update={"id": f"{lb.bank.id}--{q.id}"})
            picked.append(copy)
            owner[copy.id] = lb.bank
    bank = Bank.model_construct(id=FINAL_TEST_ID, module="", title="Afsluttende test", intro=None,
                                shuffle=False, questions=picked)  # already in display order
    html = course.defer(render_bank(LoadedBank(bank), lambda q: see(owner[q.id], q.see)))
    return "\n".join([
        "---",
        "title: Afsluttende test",
        "description: En afsluttende test med spørgsmål fra alle kursets moduler, med svar og forklaringer.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Afsluttende test",
        "",
        f"Testen samler de {FINAL_TEST_PER_BANK} første spørgsmål fra hvert moduls quiz,"
        f" {len(picked)} spørgsmål i alt, i modulernes rækkefølge. Udvalget er fast, så alle deltagere"
        " får den samme test. Dine svar her gemmes for sig og påvirker ikke modulernes quizzer.",
        "",
        html,
        "",
    ])


def generated_pages(course: Course | None, docs_dir: Path | None = None,
                    facts: dict | None = None) -> dict[str, str]:
    """Every generated page; `facts` names the course and the build for the print editions' title page."""
    if course is None:
        return {}
    printed = {
        print_edition.URI: print_edition.whole_course(course, docs_dir, facts=facts),
        print_edition.TEACHER_URI: print_edition.whole_course(course, docs_dir, key=True, facts=facts),
    } if docs_dir else {}
    return {
        "ordliste.md": glossary_page(course.glossary, course.modules),
        "quiz/index.md": quiz_overview(course),
        f"quiz/{FINAL_TEST_ID}.md": final_test(course),
        ANSWER_KEY_URI: answer_key_page(course),
        **moodle_downloads(course, (facts or {}).get("version"), (facts or {}).get("bygget_iso")),
        **printed,
    }


def moodle_downloads(course: Course, version: str | None = None, built: str | None = None) -> dict[str, str]:
    """The question banks for Moodle, published for teachers to download, marked with the build."""
    banks = [lb.bank for lb in course.banks]
    titles = {m.stem: m.title for m in course.modules}
    edition = f"Version {version}, bygget {built}." if version and built else ""
    return {
        "downloads/samskabt-styring-gift.txt": gift(banks, titles, edition),
        "downloads/samskabt-styring-moodle.xml": moodle_xml(course.banks, titles, edition),
    }


_STRIP = [
    (re.compile(r"^---.*?^---\s*$", re.M | re.S), " "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^(#+|!!!|\?\?\?|\||:|\*\[).*$", re.M), " "),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"[*_`>]"), ""),
    (re.compile(r"\{[^}]*\}"), ""),
]


def meta_description(markdown: str, fallback: str, limit: int = 155) -> str:
    """The first paragraph of a page as its meta description, cut at a word."""
    for para in re.split(r"\n\s*\n", markdown):
        text = para
        for pattern, repl in _STRIP:
            text = pattern.sub(repl, text)
        text = " ".join(text.split())
        if len(text) >= 40:
            if len(text) > limit:
                text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
            return text
    return " ".join(fallback.split())

"""The answer key: every question with its right answer and explanation, rendered one way.

Two pages show it: the teacher's »Svarnøgle til quizzerne« (`underviser/svarnoegle.md`, with
a link to each question's section and a printout of each module with its key) and the
»Facitliste« at the end of the teachers' print edition (`scripts/print_edition.py`). Both
use `key_item`; the module page's own »Se svaret« is part of the question
(`scripts/quiz.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from scripts.teacher_guide import module_label, number
from scripts.quiz import TYPE_LABELS, QuestionHTML
from scripts.text import attr

if TYPE_CHECKING:
    from scripts.course import Course

ANSWER_KEY_URI = "underviser/svarnoegle.md"


def key_item(h: QuestionHTML, see_url: str | None = None) -> str:
    """One question of the key, from the question as its bank rendered it: prompt and type, the
    right answer, the explanation, the id and (on a web page) a link to the section it is about."""
    right = (f"<p><strong>Rigtigt svar:</strong></p>{h.right}" if h.right.startswith(("<ul", "<ol"))
             else f"<p><strong>Rigtigt svar:</strong> {h.right}</p>")
    see = f' · <a href="{attr(see_url)}">Afsnittet i modulet</a>' if see_url else ""
    return (
        f'<li class="answer-key__q" id="svar-{h.bank}-{h.id}" data-qid="{h.id}">'
        f'<p class="answer-key__prompt">{h.prompt} <em>({TYPE_LABELS[h.type].lower()})</em></p>'
        f"{right}"
        f"<p><strong>Forklaring:</strong> {h.explanation}</p>"
        f"<p>Spørgsmålets id: <code>{h.id}</code>{see}</p>"
        "</li>"
    )


def print_url(course: Course, stem: str, page_url: str) -> str:
    """A module page that prints with its answer key (quiz.js reads `?facit`)."""
    return get_relative_url(course.module_url(stem), page_url or ".") + "?facit"


def answer_key_page(course: Course) -> str:
    """Markdown for `underviser/svarnoegle.md`: every question of every bank with its answer."""
    page_url = course.url(ANSWER_KEY_URI)
    see = course.see_url(page_url)
    mods = course.module_by_stem
    total = sum(len(lb.bank.questions) for lb in course.banks)
    out = [
        "---",
        "title: Svarnøgle til quizzerne",
        "description: Svarnøglen til kursets quizzer med det rigtige svar og en forklaring til hvert spørgsmål, samlet modul for modul til underviseren.",
        "robots: noindex",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Svarnøgle til quizzerne {#svarnoegle}",
        "",
        '!!! warning "Til undervisere"',
        "    Siden viser de rigtige svar på alle kursets quizspørgsmål. Den er lavet til dig, der"
        " underviser, så du kan forberede en gennemgang i plenum. Del den først med deltagerne,"
        " når de selv har prøvet quizzerne.",
        "",
        f"Her er alle {total} spørgsmål fra de {number(len(course.banks))} quizzer, i samme rækkefølge som i modulerne."
        " Under hvert spørgsmål står det rigtige svar, den forklaring deltagerne får, og et link til"
        " det afsnit i modulet, spørgsmålet bygger på.",
        "",
        "## Udskriv med facit {#udskriv}",
        "",
        "Deltagernes udskrifter har kun spørgsmålene. Vil du have svarene med på papir, så brug"
        " [hele kurset med facit](hele-kurset-med-facit.md), eller åbn et enkelt modul med"
        " facit fra listen herunder og udskriv det; facitlisten kommer så på en side for sig til sidst.",
        "",
        '<ul class="answer-key__prints">' + "".join(
            f'<li><a href="{attr(print_url(course, m.stem, page_url))}">{module_label(m)} med facit</a></li>'
            for m in course.modules if course.bank_for(m.stem)) + "</ul>",
        "",
    ]
    for lb in course.banks:
        m = mods.get(lb.bank.module)
        if m is None:
            continue
        items = "".join(key_item(lb.html[q.id], see(lb.bank, q.see)) for q in lb.bank.questions)
        out += [
            f"## {module_label(m)} {{#modul-{m.number}}}",
            "",
            f"{len(lb.bank.questions)} spørgsmål. [Se quizzen i modulet](../{m.src_uri}#quiz).",
            "",
            course.defer(f'<ol class="answer-key">{items}</ol>'),
            "",
        ]
    return "\n".join(out)


def print_key(course: Course) -> str:
    """Markdown for the »Facitliste« at the end of the teachers' print edition: the same items,
    module by module, without links (paper has none)."""
    out = ["## Facitliste {#facitliste .modul-start}", ""]
    for lb in course.banks:
        m = course.module_by_stem[lb.bank.module]
        out += [f"### Modul {m.number}: {m.title} {{#facit-m{m.number:02d}}}", ""]
        items = "".join(key_item(lb.html[q.id]) for q in lb.bank.questions)
        out += [course.defer(f'<ol class="facitliste">{items}</ol>'), ""]
    return "\n".join(out)

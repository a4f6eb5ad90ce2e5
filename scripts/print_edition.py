"""»Hele kurset«: every module on one page, in order, for printing.

The modules' Markdown is taken as it is, with headings one level down, ids prefixed with
the module (`{#tunnelsyn}` -> `{#m05-tunnelsyn}`) so they stay unique, and links between
modules turned into links within the page. Quizzes become worksheets; the answer key
comes last.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.utils.meta import get_data

from scripts.course import Course
from scripts.quiz import render_worksheet, right_answer
from scripts.text import inline

URI = "hele-kurset.md"
HEADING = re.compile(r"^(#{1,5})(\s)", re.M)
EXPLICIT_ID = re.compile(r"\{(\s*)#([A-Za-z0-9_-]+)")
LINK = re.compile(r"\]\(([^)\s]*)\)")
MODULE_LINK = re.compile(r"^(\d\d-[a-z0-9-]+)\.md(?:#([A-Za-z0-9_-]+))?$")


def _link(target: str, prefix: str) -> str:
    if target.startswith("#"):
        return f"#{prefix}-{target[1:]}"
    m = MODULE_LINK.match(target)
    if m:
        other = f"m{m.group(1)[:2]}"
        return f"#{other}-{m.group(2)}" if m.group(2) else f"#{other}"
    if target.startswith("../"):
        return target[3:]  # from docs/moduler/ to docs/
    return target


def module_section(course: Course, stem: str, docs_dir: Path) -> str:
    m = course.module_by_stem[stem]
    prefix = f"m{m.number:02d}"
    body, _ = get_data((docs_dir / m.src_uri).read_text(encoding="utf-8"))
    body = re.sub(r"^# .*$", "", body, count=1, flags=re.M)  # the title comes from front matter
    body = HEADING.sub(r"#\1\2", body)
    body = EXPLICIT_ID.sub(lambda x: f"{{{x.group(1)}#{prefix}-{x.group(2)}", body)
    body = LINK.sub(lambda x: f"]({_link(x.group(1), prefix)})", body)
    lb = course.bank_for(stem)
    quiz = (f"### Test dig selv {{#{prefix}-quiz}}\n\nSvarene står i [facitlisten](#facitliste) sidst i kurset.\n\n"
            + render_worksheet(lb.bank) + "\n") if lb else ""
    body = body.replace("<!-- quiz -->", quiz)
    goals = "\n".join(f"- {g}" for g in m.objectives)
    return (
        f"## Modul {m.number}: {m.title} {{#{prefix} .modul-start}}\n\n"
        f"*Ca. {m.minutes} minutter.*\n\n"
        f"**Det lærer du**\n\n{goals}\n\n{body.strip()}\n"
    )


def answer_key(course: Course) -> str:
    out = ["## Facitliste {#facitliste .modul-start}", ""]
    for lb in course.banks:
        m = course.module_by_stem[lb.bank.module]
        out += [f"### Modul {m.number}: {m.title} {{#facit-m{m.number:02d}}}", ""]
        items = "".join(
            f"<li><p>{inline(q.prompt)}</p><p><strong>Svar:</strong></p>{right_answer(q)}"
            f"<p>{inline(q.explanation)}</p></li>"
            for q in lb.bank.questions
        )
        out += [f'<ol class="facitliste">{items}</ol>', ""]
    return "\n".join(out)


def whole_course(course: Course, docs_dir: Path) -> str:
    parts = [
        "---",
        "title: Hele kurset",
        "description: Alle ti moduler samlet på én side til udskrift, med quizzerne som opgaver, øvelserne som arbejdsark og facitlisten til sidst.",
        "search:",
        "  exclude: true  # the modules are in the index already",
        "---",
        "",
        "# Hele kurset",
        "",
        "Her er alle modulerne samlet på én side, så du kan printe kurset eller gemme det som PDF."
        " Hvert modul begynder på en ny side. Quizzerne står som opgaver, og facitlisten er sidst."
        " Øvelserne har plads til at skrive; har du allerede skrevet noget i dem, kommer det med på udskriften.",
        "",
    ]
    parts += [module_section(course, m.stem, docs_dir) for m in course.modules]
    parts.append(answer_key(course))
    return "\n\n".join(parts) + "\n"

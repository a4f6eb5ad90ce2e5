"""»Hele kurset«: every module on one page, in order, for printing.

The modules' Markdown is taken as it is, with headings one level down, ids prefixed with
the module (`{#tunnelsyn}` -> `{#m05-tunnelsyn}`) so they stay unique, and links between
modules turned into links within the page. Quizzes become worksheets.

Two editions: the participants' (`hele-kurset.md`, questions without answers) and the
teachers' (`underviser/hele-kurset-med-facit.md`, the same with the answer key last). The
teachers' page sits one folder down like the modules, so the modules' `../` links hold as
they are; it is kept out of the navigation, the search and the sitemap.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.utils.meta import get_data

from scripts.answer_key import print_key
from scripts.course import Course
from scripts.markers import marker
from scripts.quiz import render_worksheet
from scripts.text import inline

URI = "hele-kurset.md"
TEACHER_URI = "underviser/hele-kurset-med-facit.md"
HEADING = re.compile(r"^(#{1,5})(\s)", re.M)
EXPLICIT_ID = re.compile(r"\{(\s*)#([A-Za-z0-9_-]+)")
LINK = re.compile(r"\]\(([^)\s]*)\)")
MODULE_LINK = re.compile(r"^(\d\d-[a-z0-9-]+)\.md(?:#([A-Za-z0-9_-]+))?$")


def _link(target: str, prefix: str, nested: bool) -> str:
    if target.startswith("#"):
        return f"#{prefix}-{target[1:]}"
    m = MODULE_LINK.match(target)
    if m:
        other = f"m{m.group(1)[:2]}"
        return f"#{other}-{m.group(2)}" if m.group(2) else f"#{other}"
    if target.startswith("../") and not nested:
        return target[3:]  # from docs/moduler/ to docs/
    return target


def module_section(course: Course, stem: str, docs_dir: Path, key: bool = False) -> str:
    m = course.module_by_stem[stem]
    prefix = f"m{m.number:02d}"
    body, _ = get_data((docs_dir / m.src_uri).read_text(encoding="utf-8"))
    body = re.sub(r"^# .*$", "", body, count=1, flags=re.M)  # the title comes from front matter
    body = HEADING.sub(r"#\1\2", body)
    body = EXPLICIT_ID.sub(lambda x: f"{{{x.group(1)}#{prefix}-{x.group(2)}", body)
    body = LINK.sub(lambda x: f"]({_link(x.group(1), prefix, key)})", body)
    lb = course.bank_for(stem)
    where = "Svarene står i [facitlisten](#facitliste) sidst i kurset.\n\n" if key else ""
    quiz = (f"### Test dig selv {{#{prefix}-quiz}}\n\n{where}"
            + course.defer(render_worksheet(lb)) + "\n") if lb else ""
    body = body.replace(marker("quiz"), quiz)
    goals = "\n".join(f"- {g}" for g in m.objectives)
    return (
        f"## Modul {m.number}: {m.title} {{#{prefix} .modul-start}}\n\n"
        f"*Ca. {m.minutes} minutter.*\n\n"
        f"**Det lærer du**\n\n{goals}\n\n{body.strip()}\n"
    )


def title_page(course: Course, facts: dict, key: bool) -> str:
    """The first printed page: the course, its source, the edition's version and date, the contents."""
    contents = "".join(
        f'<li><a href="#m{m.number:02d}">Modul {m.number}: {inline(m.title)}</a></li>' for m in course.modules
    ) + ('<li><a href="#facitliste">Facitliste</a></li>' if key else "")
    stamp = ""
    if facts.get("version"):
        stamp = (f'<p class="titelside__udgave">Version {facts["version"]}, bygget '
                 f'<time datetime="{facts["bygget_iso"]}">{facts["bygget"]}</time>.</p>')
    source = f'<p class="titelside__kilde">{inline(facts["kilde"])}</p>' if facts.get("kilde") else ""
    return (
        '<div class="titelside">'
        f"{source}{stamp}"
        '<h2 class="titelside__indhold" id="indhold">Indhold</h2>'
        f'<ol class="titelside__liste">{contents}</ol>'
        "</div>"
    )


def whole_course(course: Course, docs_dir: Path, key: bool = False, facts: dict | None = None) -> str:
    """The print edition; `key=True` is the teachers' edition with the answer key last.

    `facts` names the course, its source and the build (`kursus`, `kilde`, `version`,
    `bygget`, `bygget_iso`) for the title page.
    """
    facts = facts or {}
    name = "Hele kurset med facit" if key else "Hele kurset"
    h1 = f"# {facts['kursus']} – {name[0].lower()}{name[1:]}" if facts.get("kursus") else f"# {name}"
    if key:
        head = [
            f"title: {name}",
            "description: Alle ti moduler på én side til udskrift, med quizzerne som opgaver og facitlisten til sidst. Til underviseren.",
            "robots: noindex",
        ]
        intro = [
            h1,
            "",
            '!!! warning "Til undervisere"',
            "    Udgaven her har facitlisten til alle quizzerne sidst. Deltagernes udgave,"
            " [Hele kurset](../hele-kurset.md), har kun spørgsmålene.",
            "",
        ]
    else:
        head = [
            f"title: {name}",
            "description: Alle ti moduler samlet på én side til udskrift, med quizzerne som opgaver og øvelserne som arbejdsark.",
        ]
        intro = [h1, ""]
    parts = [
        "---",
        *head,
        "search:",
        "  exclude: true  # the modules are in the index already",
        "---",
        "",
        *intro,
        "Her er alle modulerne samlet på én side, så du kan printe kurset eller gemme det som PDF."
        " Hvert modul begynder på en ny side, og quizzerne står som opgaver, du kan svare på med en pen."
        + (" Facitlisten er sidst." if key else "")
        + " Øvelserne har plads til at skrive; har du allerede skrevet noget i dem, kommer det med på udskriften.",
        "",
        title_page(course, facts, key),
        "",
    ]
    parts += [module_section(course, m.stem, docs_dir, key) for m in course.modules]
    if key:
        parts.append(print_key(course))
    return "\n\n".join(parts) + "\n"

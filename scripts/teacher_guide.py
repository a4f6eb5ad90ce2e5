"""The teacher guide: lesson plans, module guide headings and the links to hand out, as
Markdown for its pages (the plans are read in scripts/lesson_plans.py).

The renderers take what they need from the course and return Markdown for one page:
links to `.md` files are relative to `prefix` (the page's way back to `docs/`), so MkDocs
checks them; the links to hand out are built from the page's URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from scripts.lesson_plans import phase_total, row_minutes
from scripts.model import Exercise, LessonPlan, Row, Session
from scripts.modules import Module
from scripts.text import attr, inline, minutes

if TYPE_CHECKING:
    from scripts.course import Course


# --- Rendering: lesson plans ----------------------------------------------------------


def clock(minutes: int) -> str:
    """75 -> '1:15'."""
    return f"{minutes // 60}:{minutes % 60:02d}"


_NUMBERS = ["nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"]


def number(n: int) -> str:
    """Small numbers in words, as Danish prose writes them: 3 -> 'tre', 14 -> '14'."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _cell(markdown: str) -> str:
    return " ".join(markdown.replace("|", "\\|").split())


def module_label(m: Module) -> str:
    return f"Modul {m.number}: {m.title}"


def exercise_url(ex: Exercise, prefix: str) -> str:
    return f"{prefix}moduler/{ex.module}.md#ovelse-{ex.id}"


def big_screen_url(ex: Exercise, prefix: str, minutes: int | None) -> str | None:
    """The exercise opened straight on the big screen (exercises.js reads `?storskaerm`); an
    exercise without phases counts down the row's minutes. None when it has no time at all."""
    if not ex.phases and not minutes:
        return None
    query = f"storskaerm={ex.id}" + ("" if ex.phases else f"&minutter={minutes}")
    return f"{prefix}moduler/{ex.module}.md?{query}#ovelse-{ex.id}"


def _phases(ex: Exercise) -> str:
    """'tænk selv 2 min, to og to 5 min, fælles opsamling 8 min'."""
    return ", ".join(f"{inline(ph.name[:1].lower() + ph.name[1:])} {minutes(ph.minutes)} min" for ph in ex.phases)


def _row_content(row: Row, course: Course, prefix: str) -> str:
    mods = course.module_by_stem
    if row.module is not None:
        m = mods[row.module]
        # Every module row in class is a talk: the module opens as slides from here too.
        text = f"[{module_label(m)}]({prefix}{m.src_uri}) · [slides]({prefix}{m.src_uri}?slides)"
    elif row.quiz is not None:
        m = mods[row.quiz]
        text = f"[Quiz til modul {m.number}]({prefix}{m.src_uri}#quiz)"
    elif row.exercise is not None:
        ex = course.exercise(row.exercise)
        text = f"[{inline(ex.title)}]({exercise_url(ex, prefix)}) (øvelse"
        if ex.phases:
            text += ": " + _phases(ex)
        text += ")"
        big = big_screen_url(ex, prefix, row.minutes)
        if big:
            text += f" · [storskærm]({big})"
    else:
        text = inline(row.activity)
    if row.note:
        note = inline(row.note)
        text += f"<br>{note[:1].upper()}{note[1:]}"
    return _cell(text)


def render_session(session: Session, course: Course, prefix: str) -> str:
    exercises = {ex.id: ex for ex in course.exercises}
    lines = ["| Tid | Indhold | Minutter |", "| --- | --- | ---: |"]
    start = 0
    for row in session.rows:
        n = row_minutes(row, exercises) or 0
        lines.append(f"| {clock(start)}–{clock(start + n)} | {_row_content(row, course, prefix)} | {n} |")
        start += n
    lines.append(f"| | **I alt** | **{session.minutes}** |")
    return "\n".join(lines)


def _self_study(session: Session, course: Course, prefix: str) -> str:
    mods = [course.module_by_stem[s] for s in session.self_study]
    total = sum(m.minutes for m in mods)
    items = "\n".join(f"- [{module_label(m)}]({prefix}{m.src_uri}) ({m.minutes} min)" for m in mods)
    what = "ét modul" if len(mods) == 1 else f"{number(len(mods))} moduler"
    return f"**Før denne gang** arbejder deltagerne selv med {what}, i alt cirka {total} minutter:\n\n{items}"


def render_plan(plan: LessonPlan, course: Course, prefix: str) -> str:
    parts = [
        f"## {plan.title} {{#{plan.id}}}",
        inline(plan.intro),
        f"**Samlet tid i undervisningen:** {plan.total_minutes} minutter"
        + (f" fordelt på {number(len(plan.sessions))} gange." if len(plan.sessions) > 1 else "."),
    ]
    for n, session in enumerate(plan.sessions, 1):
        parts.append(f"### {session.title} ({session.minutes} min) {{#{plan.id}-{n}}}")
        if session.self_study:
            parts.append(_self_study(session, course, prefix))
        parts.append(render_session(session, course, prefix))
    return "\n\n".join(parts) + "\n"


def render_plans(course: Course, prefix: str, plan_id: str | None = None) -> str:
    """Every lesson plan, or the one with `plan_id`; ValueError for an unknown id."""
    plans = [p for p in course.lessons if plan_id in (None, p.id)]
    if plan_id and not plans:
        raise ValueError(f"unknown lesson plan {plan_id!r} (plans: {', '.join(p.id for p in course.lessons)})")
    return "\n".join(render_plan(p, course, prefix) for p in plans)


# --- Rendering: module guide, exercise links, links to hand out -----------------------


def module_guide_heading(course: Course, stem: str, prefix: str) -> str:
    """`## Modul 6: <title> (30 min)` and a link to the module, from its front matter."""
    m = course.module_by_stem.get(stem)
    if m is None:
        raise ValueError(f"unknown module {stem!r} in <!-- kursus:modulguide {stem} -->")
    return (f"## {module_label(m)} ({m.minutes} min) {{#modul-{m.number}}}\n\n"
            f"[Åbn modulet]({prefix}{m.src_uri}) · [Modulets quiz]({prefix}{m.src_uri}#quiz)\n")


def exercise_link(course: Course, ex_id: str, prefix: str) -> str:
    """A paragraph linking to one exercise, with its phases if it is timed."""
    ex = course.exercise(ex_id)
    if ex is None:
        raise ValueError(f"unknown exercise {ex_id!r} in <!-- kursus:øvelseslink {ex_id} -->")
    m = course.module_by_stem[ex.module]
    text = f"**Øvelse:** [{inline(ex.title)}]({exercise_url(ex, prefix)}) i modul {m.number}"
    if ex.phases:
        text += f". Forløb på {minutes(phase_total(ex))} minutter: {_phases(ex)}"
    return text + ".\n"


def _copy_link(target: str, page_url: str, label: str) -> str:
    """A link that copylink.js turns into a full address with a »Kopiér link« button.

    `target` is the page's address from the site root ("moduler/06-x/#ovelse-y"), shown as
    the link text so it can be read and selected without JavaScript.
    """
    href = get_relative_url(target, page_url or ".")
    return f'<a class="copylink__link" href="{attr(href)}" data-label="{attr(label)}">{attr(target)}</a>'


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    """A table as one raw HTML block (cells are HTML): Markdown leaves it alone, so the
    glossary's tooltips stay out of the addresses. No class, so it is styled like the others."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>\n"


def assignment_table(course: Course, what: str, page_url: str) -> str:
    """The links to hand out (`what` is 'moduler' or 'ovelser') on the page at `page_url`."""
    if what == "moduler":
        return _html_table(["Modul", "Link til deltagerne"], [
            [attr(module_label(m)), _copy_link(course.module_url(m.stem), page_url, f"modul {m.number}")]
            for m in course.modules
        ])
    if what == "ovelser":
        mods = course.module_by_stem
        return _html_table(["Øvelse", "Modul", "Link til deltagerne"], [
            [inline(ex.title), str(mods[ex.module].number),
             _copy_link(f"{course.module_url(ex.module)}#ovelse-{ex.id}", page_url, f"øvelsen {ex.title}")]
            for ex in course.exercises
        ])
    raise ValueError(f"<!-- kursus:tildeling {what} -->: write 'moduler' or 'ovelser'")

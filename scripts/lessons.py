"""The teacher guide: lesson plans, module guide headings and the links to hand out.

Lesson plans live in `quizzes/lektionsplaner.yml`. A row names what happens and for how
long; titles are never typed there, they come from the module pages' front matter and
from `quizzes/ovelser.yml`:

    plans:
      - id: workshop
        title: Workshop på tre timer
        intro: …
        total_minutes: 180
        sessions:
          - title: Workshoppen
            minutes: 180
            rows:
              - {minutes: 10, activity: Velkomst og forventninger}
              - {minutes: 15, module: 01-styring-og-ledelse}
              - {exercise: summeoevelse}      # a timed exercise: its phases give the minutes
              - {minutes: 10, quiz: 05-metaltraethed}

`load_lessons(path, modules, exercises, root) -> (plans, errors)` checks that every module
and exercise exists and that the rows add up to each session's minutes and the sessions to
the plan's `total_minutes`; each problem is a `DataError` at its line.

The renderers take what they need from the course and return Markdown for one page:
links to `.md` files are relative to `prefix` (the page's way back to `docs/`), so MkDocs
checks them; the links to hand out are built from the page's URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url
from pydantic import Field, model_validator

from scripts.datafile import DataError, Source, load_all
from scripts.model import Exercise, ModuleRef, Slug, Strict, Text
from scripts.modules import Module
from scripts.text import attr, inline, minutes

if TYPE_CHECKING:  # scripts.course imports this module
    from scripts.course import Course

LESSONS_FILE = "lektionsplaner.yml"

# --- Schema ---------------------------------------------------------------------------

KINDS = ("module", "exercise", "quiz", "activity")


class Row(Strict):
    """One line of the timetable: minutes plus exactly one of module/exercise/quiz/activity."""

    minutes: int | None = Field(None, gt=0, le=600, description=(
        "Minutes for this row. May be left out for an exercise with timed phases: their total is used."))
    module: ModuleRef | None = Field(None, description="Work with a module (file stem); the title comes from its page.")
    exercise: Slug | None = Field(None, description="An exercise id from quizzes/ovelser.yml.")
    quiz: ModuleRef | None = Field(None, description="The quiz of this module (file stem).")
    activity: Text | None = Field(None, description="Anything else, inline Markdown: 'Pause', 'Velkomst'.")
    note: Text | None = Field(None, description="How to work with it, shown after the title (inline Markdown).")

    @model_validator(mode="after")
    def _one_kind(self):
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"a row needs exactly one of {', '.join(KINDS)} (found: {found})")
        return self


class Session(Strict):
    title: Text
    minutes: int = Field(gt=0, description="The session's length; its rows must add up to it.")
    self_study: list[ModuleRef] = Field(default_factory=list, description=(
        "Modules the participants read on their own before this session (not part of its minutes)."))
    rows: list[Row] = Field(min_length=1)


class LessonPlan(Strict):
    id: Slug = Field(description="Stable id; the plan's heading anchor on the page.")
    title: Text
    intro: Text
    total_minutes: int = Field(gt=0, description="Time together in class; the sessions must add up to it.")
    sessions: list[Session] = Field(min_length=1)


class LessonPlans(Strict):
    """`quizzes/lektionsplaner.yml`: the guide's lesson plans."""

    plans: list[LessonPlan] = Field(min_length=1)


# --- Loading and checks ---------------------------------------------------------------


def phase_total(ex: Exercise) -> float:
    return sum(ph.minutes for ph in ex.phases)


def row_minutes(row: Row, exercises: dict[str, Exercise]) -> int | None:
    """The row's minutes: as written, or the phases' total of a timed exercise; None if unknown."""
    if row.minutes is not None:
        return row.minutes
    ex = exercises.get(row.exercise or "")
    if ex is not None and ex.phases and float(phase_total(ex)).is_integer():
        return int(phase_total(ex))
    return None


def load_lessons(path: Path, modules: Sequence[Module], exercises: Sequence[Exercise],
                 root: Path) -> tuple[list[LessonPlan], list[DataError]]:
    """Read and check the lesson plans; return them with every problem found."""
    loaded, errors = load_all([path], LessonPlans, root)
    if not loaded:
        return [], errors
    data, source = loaded[0]
    errors += check_lessons(data, source, {m.stem for m in modules}, exercises)
    return list(data.plans), errors


def check_lessons(data: LessonPlans, source: Source, stems: set[str],
                  exercises: Sequence[Exercise]) -> list[DataError]:
    errors: list[DataError] = []
    by_id = {ex.id: ex for ex in exercises}
    seen: set[str] = set()
    for i, plan in enumerate(data.plans):
        at = ("plans", i)
        if plan.id in seen:
            errors.append(source.error(at + ("id",), f"duplicate plan id {plan.id!r}"))
        seen.add(plan.id)
        for j, session in enumerate(plan.sessions):
            sat = at + ("sessions", j)
            for k, stem in enumerate(session.self_study):
                if stem not in stems:
                    errors.append(source.error(sat + ("self_study", k), f"no module page docs/moduler/{stem}.md"))
            for k, row in enumerate(session.rows):
                errors += _check_row(row, source, sat + ("rows", k), stems, by_id)
            row_times = [row_minutes(r, by_id) for r in session.rows]
            if None in row_times:
                continue  # a row without a time has its own error; a sum would only add noise
            rows_sum = sum(row_times)
            if rows_sum != session.minutes:
                errors.append(source.error(sat + ("minutes",), f"the rows add up to {rows_sum} minutes,"
                                           f" but the session says {session.minutes}"))
        sessions_sum = sum(s.minutes for s in plan.sessions)
        if sessions_sum != plan.total_minutes:
            errors.append(source.error(at + ("total_minutes",), f"the sessions add up to {sessions_sum} minutes,"
                                       f" but total_minutes is {plan.total_minutes}"))
    return errors


def _check_row(row: Row, source: Source, at: tuple, stems: set[str], exercises: dict[str, Exercise]) -> list[DataError]:
    # A quiz row needs the module page; a missing bank shows as a broken #quiz link in the strict build.
    errors = []
    for kind in ("module", "quiz"):
        stem = getattr(row, kind)
        if stem is not None and stem not in stems:
            errors.append(source.error(at + (kind,), f"no module page docs/moduler/{stem}.md"))
    if row.exercise is not None and exercises:  # no exercises at all: ovelser.yml failed and says so
        ex = exercises.get(row.exercise)
        if ex is None:
            errors.append(source.error(at + ("exercise",), f"no exercise {row.exercise!r} in quizzes/ovelser.yml"))
        elif ex.phases:
            total = phase_total(ex)
            if not float(total).is_integer():
                errors.append(source.error(at + ("exercise",), f"the phases of {ex.id!r} add up to {total:g} minutes;"
                                           " a lesson plan counts whole minutes"))
            elif row.minutes is not None and row.minutes != total:
                errors.append(source.error(at + ("minutes",), f"{row.minutes} minutes, but the phases of {ex.id!r}"
                                           f" add up to {total:g} (leave minutes out to use them)"))
        elif row.minutes is None:
            errors.append(source.error(at + ("minutes",), f"field is required ({ex.id!r} has no timed phases)"))
    if row.exercise is None and row.minutes is None:
        errors.append(source.error(at + ("minutes",), "field is required"))
    return errors


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

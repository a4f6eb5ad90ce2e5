"""The lesson plans of the teacher guide: `quizzes/lektionsplaner.yml`, read and checked.

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

`load_lessons(folder, modules, exercises, root) -> (plans, errors)` checks that every module
and exercise exists and that the rows add up to each session's minutes and the sessions to
the plan's `total_minutes`; each problem is a `DataError` at its line.

The schema is in scripts/model.py; scripts/teacher_guide.py renders the plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scripts.datafile import DataError, Source, load_all
from scripts.model import Exercise, LessonPlan, LessonPlans, Row
from scripts.modules import Module

LESSONS_FILE = "lektionsplaner.yml"


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


def load_lessons(folder: Path, modules: Sequence[Module], exercises: Sequence[Exercise],
                 root: Path) -> tuple[list[LessonPlan], list[DataError]]:
    """Read and check the lesson plans; return them with every problem found."""
    loaded, errors = load_all([folder / LESSONS_FILE], LessonPlans, root)
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

"""Reflection exercises: load and check `quizzes/ovelser.yml`, render each as HTML.

The HTML is a plain form that works without JavaScript; `docs/assets/js/exercises.js`
saves what is written, draws the self-assessment profile and runs the classroom timer.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.datafile import DataError, Source, load_all
from scripts.model import Exercise, ExerciseSet
from scripts.text import attr, inline, minutes

FILE = "ovelser.yml"


def load_exercises(folder: Path, modules: set[str], root: Path) -> tuple[list[Exercise], list[DataError]]:
    loaded, errors = load_all([folder / FILE], ExerciseSet, root)
    if not loaded:
        return [], errors
    data, source = loaded[0]
    return list(data.exercises), check_exercises(data, source, modules)


def check_exercises(data: ExerciseSet, source: Source, modules: set[str]) -> list[DataError]:
    errors = []
    seen: set[str] = set()
    for i, ex in enumerate(data.exercises):
        at = ("exercises", i)
        if ex.id in seen:
            errors.append(source.error(at + ("id",), f"duplicate exercise id {ex.id!r}"))
        seen.add(ex.id)
        if ex.module not in modules:
            errors.append(source.error(at + ("module",), f"no module page docs/moduler/{ex.module}.md"))
        pids = [p.id for p in ex.prompts]
        for j, pid in enumerate(pids):
            if pids.index(pid) != j:
                errors.append(source.error(at + ("prompts", j, "id"), f"duplicate prompt id {pid!r}"))
    return errors


# Printed, each prompt gets ruled lines to write on: real borders (a background is left out by
# browsers that do not print backgrounds), eight under an empty prompt, three under a written one.
WRITING_LINES = '<div class="exercise-prompt__lines" aria-hidden="true">' + "<span></span>" * 8 + "</div>"


def _prompt(ex: Exercise, p) -> str:
    fid = f"ex-{ex.id}-{p.id}"
    hint = f'<p class="exercise-prompt__hint" id="{fid}-hint">{inline(p.hint)}</p>' if p.hint else ""
    described = f' aria-describedby="{fid}-hint"' if p.hint else ""
    return (
        f'<div class="exercise-prompt">'
        f'<label class="exercise-prompt__label" for="{fid}">{inline(p.text)}</label>{hint}'
        f'<textarea id="{fid}" name="{fid}" rows="6" data-note="{ex.id}/{p.id}"{described}></textarea>'
        f"{WRITING_LINES}</div>"
    )


def _scale(ex: Exercise) -> str:
    rows = []
    for item in ex.scale:
        name = f"ex-{ex.id}-{item.id}"
        radios = "".join(
            f'<label class="exercise-scale__point" data-search-exclude><input type="radio" name="{name}" value="{n}" data-scale="{ex.id}/{item.id}">'
            f'<span>{n}</span></label>'
            for n in range(1, 6)
        )
        rows.append(
            f'<fieldset class="exercise-scale__item" data-item="{item.id}">'
            f"<legend>{inline(item.label)}</legend>"
            f'<div class="exercise-scale__ends"><span>1 = {inline(item.low)}</span><span>5 = {inline(item.high)}</span></div>'
            f'<div class="exercise-scale__points">{radios}</div>'
            f"</fieldset>"
        )
    labels = json.dumps([i.label for i in ex.scale], ensure_ascii=False)
    return (
        f'<div class="exercise-scale" data-exercise="{ex.id}" data-labels="{attr(labels)}">{"".join(rows)}'
        f'<div class="exercise-scale__profile" aria-live="polite"></div></div>'
    )


def _phases(ex: Exercise) -> str:
    items = "".join(
        f'<li data-minutes="{ph.minutes:g}" data-name="{attr(ph.name)}">{inline(ph.name)}: {minutes(ph.minutes)} min</li>' for ph in ex.phases
    )
    total = sum(ph.minutes for ph in ex.phases)
    return (
        f'<div class="exercise__timing"><p><strong>Forløb i undervisningen</strong> ({minutes(total)} min):</p>'
        f'<ol class="exercise__phases">{items}</ol></div>'
    )


# Out of the search index (data-search-exclude), like the scale's numbers: a search for a
# word of the notice would otherwise lead to every exercise.
NO_SCRIPT = (
    '<noscript><p class="exercise__noscript" data-search-exclude><strong>JavaScript er slået fra</strong>, så det, du skriver '
    "i felterne herunder, bliver ikke gemt og forsvinder, når siden lukkes eller genindlæses. Skriv "
    "i stedet på et print af siden, eller slå JavaScript til.</p></noscript>"
)


def render_exercise(ex: Exercise) -> str:
    """Markdown heading (so it is in the table of contents) + the exercise as HTML."""
    parts = [
        f'<section class="exercise" data-exercise="{ex.id}" data-module="{ex.module}" data-title="{attr(ex.title)}"'
        f' aria-labelledby="ovelse-{ex.id}">',
        f'<div class="exercise__intro"><p>{inline(ex.intro)}</p></div>',
    ]
    if ex.prompts:
        # Without JavaScript the fields take typing but cannot keep it: say so before anyone writes.
        parts.append(NO_SCRIPT)
    if ex.phases:
        parts.append(_phases(ex))
    if ex.scale:
        parts.append(_scale(ex))
    parts.extend(_prompt(ex, p) for p in ex.prompts)
    parts.append('<p class="exercise__status" role="status" aria-live="polite"></p>')
    parts.append("</section>")
    # The title is text: escape HTML and the braces that attr_list would read.
    title = attr(ex.title).replace("{", "&#123;").replace("}", "&#125;")
    heading = f"### Øvelse: {title} {{#ovelse-{ex.id} .exercise-title}}"
    return heading + "\n\n" + "".join(parts) + "\n"

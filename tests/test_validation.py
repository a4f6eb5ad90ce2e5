"""Broken data gives one clear error per problem: file:line: field: message."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, mkdocs_cli
from scripts.course import load_course
from scripts.markers import expand
from scripts.datafile import DataErrors

GOOD_BANK = """\
id: prove
module: 01-styring-og-ledelse
title: Prøvebank
questions:
  - id: en
    type: single
    prompt: Hvad er styring?
    options:
      - {text: Regulering gennem bindinger på autonomi, feedback: Ja.}
      - {text: Ansigt-til-ansigt-dialog, feedback: Nej; det er ledelse.}
    answer: 1
    explanation: Styring binder autonomien.
    see: "#det-laerer-du"
"""


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of quizzes/ without the numbered banks, so each test adds the bank it needs."""
    d = tmp_path / "quizzes"
    shutil.copytree(ROOT / "quizzes", d)
    for bank in d.glob("[0-9][0-9]-*.yml"):
        bank.unlink()
    return d


def errors_for(data: Path, files: dict[str, str | bytes], only: str | None = None) -> list[str]:
    """Write `files` into the data folder, load the course, return the errors (of file `only`)."""
    for name, content in files.items():
        target = data / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_course(ROOT / "docs", data, data.parent)
    return [str(e) for e in exc.value.errors if only is None or e.path == f"quizzes/{only}"]


def test_good_bank_loads(data):
    """The reference bank used below is valid, so each test's error comes from its own change."""
    (data / "01-prove.yml").write_text(GOOD_BANK, encoding="utf-8")
    course = load_course(ROOT / "docs", data, data.parent)
    assert [lb.bank.id for lb in course.banks] == ["prove"]


def test_yaml_syntax_error(data):
    """A YAML syntax error names the file and the line."""
    bad = GOOD_BANK.replace("    answer: 1", "    answer: [1")
    errs = errors_for(data, {"01-prove.yml": bad})
    assert len(errs) == 1
    assert errs[0].startswith("quizzes/01-prove.yml:")
    assert "YAML syntax error" in errs[0]


def test_empty_file(data):
    """An empty bank is an error, not an empty quiz."""
    assert errors_for(data, {"01-prove.yml": "\n# kun en kommentar\n"}) == ["quizzes/01-prove.yml:1: file is empty"]


def test_unknown_key(data):
    """A misspelt key is reported at its own line."""
    bad = GOOD_BANK.replace("    explanation:", "    explantion: x\n    explanation:")
    errs = errors_for(data, {"01-prove.yml": bad})
    assert "quizzes/01-prove.yml:12: questions[0].explantion: unknown field (check the spelling)" in errs


def test_missing_answer(data):
    """A question without an answer names the question's line and the field."""
    bad = GOOD_BANK.replace("    answer: 1\n", "")
    assert errors_for(data, {"01-prove.yml": bad}) == ["quizzes/01-prove.yml:5: questions[0].answer: field is required"]


def test_answer_out_of_range(data):
    """An answer number beyond the options says how many there are."""
    bad = GOOD_BANK.replace("answer: 1", "answer: 5")
    assert errors_for(data, {"01-prove.yml": bad}) == [
        "quizzes/01-prove.yml:11: questions[0].answer: 5 is not an option (there are 2)"
    ]


def test_multiple_without_right_option(data):
    """A 'multiple' question must have at least one right option."""
    bad = GOOD_BANK.replace("type: single", "type: multiple").replace("answer: 1", "answer: []")
    assert errors_for(data, {"01-prove.yml": bad}) == [
        "quizzes/01-prove.yml:11: questions[0].answer: a 'multiple' question needs at least one right option"
    ]


def test_duplicate_question_id(data):
    """Two questions with the same id in a bank are an error at the second one."""
    question = GOOD_BANK.split("questions:\n", 1)[1]
    errs = errors_for(data, {"01-prove.yml": GOOD_BANK + question})
    assert errs == ["quizzes/01-prove.yml:14: questions[1].id: duplicate question id 'en' in this bank"]


def test_duplicate_bank_id(data):
    """Two banks with the same id are an error naming the other file."""
    errs = errors_for(data, {"01-prove.yml": GOOD_BANK, "02-prove.yml": GOOD_BANK})
    assert errs == ["quizzes/02-prove.yml:1: id: bank id 'prove' is already used by quizzes/01-prove.yml"]


def test_option_without_feedback(data):
    """Every option needs its own feedback; a missing one is reported at the option's line."""
    bad = GOOD_BANK.replace("{text: Ansigt-til-ansigt-dialog, feedback: Nej; det er ledelse.}",
                            "{text: Ansigt-til-ansigt-dialog}")
    assert errors_for(data, {"01-prove.yml": bad}) == [
        "quizzes/01-prove.yml:10: questions[0].options[1].feedback: field is required"]


def test_truefalse_needs_feedback_for_both_answers(data):
    """A true/false question says why to those who answer Sandt and to those who answer Falsk."""
    bank = GOOD_BANK.split("questions:\n")[0] + textwrap.dedent("""\
        questions:
          - id: sf
            type: truefalse
            prompt: Styring er systembåret.
            answer: true
            feedback_true: Ja.
            explanation: Styring virker gennem systemer.
            see: "#det-laerer-du"
        """)
    assert errors_for(data, {"01-prove.yml": bank}) == [
        "quizzes/01-prove.yml:5: questions[0].feedback_false: field is required"]


def test_undeclared_category(data):
    """A categorize item must use one of the declared categories."""
    bank = GOOD_BANK.split("questions:\n")[0] + textwrap.dedent("""\
        questions:
          - id: sorter
            type: categorize
            prompt: Sortér
            categories: [Styring, Ledelse]
            items:
              - text: Regler
                category: Styring
              - text: Dialog
                category: Ledelsen
            explanation: Sådan.
            see: "#det-laerer-du"
        """)
    assert errors_for(data, {"01-prove.yml": bank}) == [
        "quizzes/01-prove.yml:13: questions[0].items[1].category: 'Ledelsen' is not one of the categories ['Styring', 'Ledelse']"
    ]


def test_missing_see_anchor(data):
    """`see` must name a heading id that exists on the module page."""
    bad = GOOD_BANK.replace('"#det-laerer-du"', '"#findes-ikke"')
    assert errors_for(data, {"01-prove.yml": bad}) == [
        "quizzes/01-prove.yml:13: questions[0].see: #findes-ikke is not a heading id on docs/moduler/01-styring-og-ledelse.md"
    ]


def test_not_utf8(data):
    """A file saved in another encoding says so, with the line of the first bad byte."""
    raw = GOOD_BANK.replace("Prøvebank", "Pr\u00f8vebank").encode("latin-1")
    assert errors_for(data, {"01-prove.yml": raw}) == [
        "quizzes/01-prove.yml:3: file is not UTF-8 encoded (save it as UTF-8)"
    ]


def test_wrong_type_in_union_member(data):
    """A field error inside a typed question drops pydantic's union tag from the field path."""
    bad = GOOD_BANK.replace("answer: 1", "answer: to")
    errs = errors_for(data, {"01-prove.yml": bad})
    assert len(errs) == 1 and errs[0].startswith("quizzes/01-prove.yml:11: questions[0].answer: ")


def test_all_errors_are_reported_together(data):
    """Errors in several files are all reported in one go, sorted by file and line."""
    errs = errors_for(data, {
        "01-prove.yml": GOOD_BANK.replace("answer: 1", "answer: 3"),
        "02-anden.yml": GOOD_BANK.replace("id: prove", "id: anden").replace("    explanation:", "    forklaring: x\n    explanation:"),
    })
    assert [e.split(":")[0] for e in errs] == ["quizzes/01-prove.yml", "quizzes/02-anden.yml"]


# --- Exercises ------------------------------------------------------------------------
# These replace the real exercises, so the lesson plans (which name them) report errors
# too; each test looks at the errors in ovelser.yml only.

EXERCISE = """\
exercises:
  - id: prove
    module: 06-tillid-og-kontrol
    title: Prøve
    intro: Tal sammen.
    prompts:
      - id: en
        text: Hvad er jeres erfaring?
    phases:
      - name: Alene
        minutes: 2
"""


def test_exercise_invalid_duration(data):
    """A phase needs a positive number of minutes."""
    errs = errors_for(data, {"ovelser.yml": EXERCISE.replace("minutes: 2", "minutes: -1")}, only="ovelser.yml")
    assert errs == ["quizzes/ovelser.yml:11: exercises[0].phases[0].minutes: Input should be greater than 0 (got -1)"]


def test_exercise_missing_duration(data):
    """A phase without minutes is an error at the phase."""
    errs = errors_for(data, {"ovelser.yml": EXERCISE.replace("        minutes: 2\n", "")}, only="ovelser.yml")
    assert errs == ["quizzes/ovelser.yml:10: exercises[0].phases[0].minutes: field is required"]


def test_exercise_empty_prompt(data):
    """An empty prompt text is an error."""
    errs = errors_for(data, {"ovelser.yml": EXERCISE.replace("text: Hvad er jeres erfaring?", 'text: ""')}, only="ovelser.yml")
    assert len(errs) == 1 and errs[0].startswith("quizzes/ovelser.yml:8: exercises[0].prompts[0].text: ")


def test_exercise_unknown_module(data):
    """An exercise must belong to an existing module page."""
    errs = errors_for(data, {"ovelser.yml": EXERCISE.replace("06-tillid-og-kontrol", "11-findes-ikke")}, only="ovelser.yml")
    assert errs == ["quizzes/ovelser.yml:3: exercises[0].module: no module page docs/moduler/11-findes-ikke.md"]


def test_exercise_duplicate_id(data):
    """Two exercises with one id are an error at the second."""
    second = EXERCISE.split("exercises:\n", 1)[1]
    errs = errors_for(data, {"ovelser.yml": EXERCISE + second}, only="ovelser.yml")
    assert errs == ["quizzes/ovelser.yml:12: exercises[1].id: duplicate exercise id 'prove'"]


# --- The build as a maintainer meets it -----------------------------------------------


def test_broken_data_stops_the_build_and_writes_nothing(tmp_path):
    """`mkdocs build` with a broken bank fails with file:line, no traceback, and leaves the site folder alone."""
    proj = copy_project(tmp_path)
    bank = next((proj / "quizzes").glob("0[1-9]-*.yml"))
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("explanation:", "explenation:", 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.html").write_text("previous build", encoding="utf-8")
    proc = mkdocs_cli(out, proj / "mkdocs.yml")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"quizzes/{bank.name}:" in output and "explenation: unknown field" in output
    assert "Traceback" not in output
    assert [p.name for p in out.iterdir()] == ["old.html"]


def test_bank_without_marker_fails_the_strict_build(tmp_path):
    """A module with a question bank but no <!-- kursus:quiz --> marker is a warning, so --strict fails and says why."""
    proj = copy_project(tmp_path)
    page = proj / "docs" / "moduler" / "03-tillidens-effekter.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- kursus:quiz -->", ""), encoding="utf-8")
    proc = mkdocs_build(tmp_path / "out", proj / "mkdocs.yml")
    assert proc.returncode != 0
    assert "quizzes/03-tillidens-effekter.yml is not shown" in proc.stdout + proc.stderr


@pytest.mark.parametrize("old, new, message", [
    ("<!-- kursus:øvelse summeoevelse -->", "<!-- kursus:ovelse summeoevelse -->",
     "unknown marker <!-- kursus:ovelse summeoevelse -->; did you mean <!-- kursus:øvelse summeoevelse -->?"),
    ("<!-- kursus:øvelse summeoevelse -->", "Se øvelsen <!-- kursus:øvelse summeoevelse --> her.",
     "<!-- kursus:øvelse summeoevelse --> is not a marker"),
    ("<!-- kursus:øvelse summeoevelse -->", "<!-- kursus:øvelse summeovelse -->",
     "unknown exercise 'summeovelse'"),
])
def test_a_wrong_marker_stops_the_build_with_page_and_line(tmp_path, old, new, message):
    """A typo in a marker never vanishes as an HTML comment: the build stops at its line."""
    proj = copy_project(tmp_path)
    page = proj / "docs" / "moduler" / "06-tillid-og-kontrol.md"
    text = page.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    page.write_text(text.replace(old, new), encoding="utf-8")
    proc = mkdocs_build(tmp_path / "out", proj / "mkdocs.yml")
    assert proc.returncode != 0
    assert f"docs/moduler/06-tillid-og-kontrol.md:{line}: {message}" in proc.stdout + proc.stderr


def test_a_notebook_marker_names_a_notebook_that_exists():
    """<!-- kursus:notebook x.ipynb --> links the file mkdocs-jupyter copies beside the notebook's
    page (its folder online, beside it offline); a name with no notebook stops at its line."""

    online = load_course(ROOT / "docs", ROOT / "quizzes", ROOT)
    offline = load_course(ROOT / "docs", ROOT / "quizzes", ROOT, directory_urls=False)
    text = "# Notebooks\n\n<!-- kursus:notebook mushrooming.ipynb -->\n"
    assert expand(online, text, "notebooks/index.md", "notebooks/").endswith(
        '- <a href="mushrooming/mushrooming.ipynb" download>Hent mushrooming.ipynb</a>\n')
    assert '<a href="mushrooming.ipynb" download>' in expand(offline, text, "notebooks/index.md", "notebooks/index.html")
    with pytest.raises(ValueError, match=r"^docs/notebooks/index\.md:3: .*no notebook docs/notebooks/nope\.ipynb"):
        expand(online, text.replace("mushrooming", "nope"), "notebooks/index.md", "notebooks/")

"""The course's data, loaded once per build.

`load_course(docs_dir, data_dir, root) -> Course` reads the module pages (scripts/modules.py),
the question banks (scripts/quiz.py), the exercises (scripts/exercises.py), the glossary
(scripts/glossary.py) and the lesson plans (scripts/lesson_plans.py), and checks all of them:
every loader returns what it read and every problem it found, and `load_course` raises one
`DataErrors` with all problems of all files.

A `Course` answers what the pages ask of the data: a module's bank, an exercise by id, a
page's URL as MkDocs makes it, the structure the browser reads (`summary`). The markers that
put the data into pages are in scripts/markers.py.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from scripts.datafile import DataError, DataErrors
from scripts.exercises import load_exercises
from scripts.glossary import load_glossary
from scripts.lesson_plans import load_lessons
from scripts.model import Exercise, LessonPlan, Term
from scripts.modules import Module, read_modules
from scripts.quiz import LoadedBank, load_banks

# The final test takes this many questions from the start of every bank (documented on the page).
FINAL_TEST_PER_BANK = 2

# A module's quiz counts as passed when at least this share of its questions is answered right.
PASS_MARK = 0.8


SLOT = re.compile(r'<div data-kursus-slot="(\d+)"></div>')


@dataclasses.dataclass
class Course:
    modules: list[Module]
    banks: list[LoadedBank]
    exercises: list[Exercise]
    glossary: list[Term]
    lessons: list[LessonPlan] = dataclasses.field(default_factory=list)
    directory_urls: bool = True  # MkDocs' use_directory_urls (the offline edition turns it off)
    edition: str = ""  # "Version 0.1.0, bygget 3. december 2026.": the build, for <!-- kursus:udgave -->
    docs_dir: Path | None = None
    # HTML put in after Markdown (see `defer`), by slot number; one build's worth.
    slots: list[str] = dataclasses.field(default_factory=list)

    def defer(self, html: str) -> str:
        """A placeholder for finished HTML (a quiz, an exercise, a worksheet): Python-Markdown
        would only parse it again to keep it as it is, at a cost of most of a module page's
        build time. `fill` puts the HTML in after Markdown (hooks.py, on_page_content)."""
        self.slots.append(html)
        return f'<div data-kursus-slot="{len(self.slots) - 1}"></div>'

    def fill(self, html: str) -> str:
        """The page's HTML with every placeholder replaced by its HTML."""
        return SLOT.sub(lambda m: self.slots[int(m.group(1))], html)

    def url(self, src_uri: str) -> str:
        """The built page's URL from the site root, as MkDocs names it: 'moduler/x.md' ->
        'moduler/x/' ('moduler/x.html' in the offline edition)."""
        url = File(src_uri, None, "", self.directory_urls).url
        return "" if url == "./" else url  # the front page, as MkDocs' Page.url gives it

    def module_url(self, stem: str) -> str:
        return self.url(f"moduler/{stem}.md")

    @functools.cached_property
    def module_by_stem(self) -> dict[str, Module]:
        return {m.stem: m for m in self.modules}

    def bank_for(self, stem: str) -> LoadedBank | None:
        return next((lb for lb in self.banks if lb.bank.module == stem), None)

    def exercise(self, ex_id: str) -> Exercise | None:
        return next((ex for ex in self.exercises if ex.id == ex_id), None)

    def summary(self) -> dict:
        """The course's structure for the browser (progress, reflections), in course order."""
        out = []
        for m in self.modules:
            lb = self.bank_for(m.stem)
            out.append({
                "stem": m.stem,
                "number": m.number,
                "title": m.title,
                "minutes": m.minutes,
                "url": self.module_url(m.stem),
                "bank": lb.bank.id if lb else None,
                "questions": [q.id for q in lb.bank.questions] if lb else [],
                "exercises": [
                    {
                        "id": ex.id,
                        "title": ex.title,
                        "prompts": [{"id": p.id, "text": p.text} for p in ex.prompts],
                        "scale": [{"id": s.id, "label": s.label} for s in ex.scale],
                    }
                    for ex in self.exercises
                    if ex.module == m.stem
                ],
            })
        # The pages the scripts link to, as this build names them (folders, or .html offline).
        pages = {"progress": "min-fremgang.md", "certificate": "kursusbevis.md", "reflections": "mine-refleksioner.md"}
        return {"version": 1, "passMark": PASS_MARK, "modules": out,
                "pages": {name: self.url(src) for name, src in pages.items()}}

    def see_url(self, page_url: str):
        """For a page: the link from it to the section a question of a bank is about."""
        def url(bank, anchor: str) -> str:
            target = self.module_url(bank.module)
            if page_url == target:
                return anchor
            return get_relative_url(target, page_url or ".") + anchor

        return url


def load_course(docs_dir: Path, data_dir: Path, root: Path, directory_urls: bool = True) -> Course:
    """Read and check all course data; raise DataErrors listing every problem in every file.
    `directory_urls` is MkDocs' `use_directory_urls` (the offline edition turns it off)."""
    modules = read_modules(docs_dir)
    anchors = {m.stem: set(m.anchors) for m in modules}
    errors: list[DataError] = []
    banks, bank_errors = load_banks(data_dir, anchors, root)
    errors += bank_errors
    exercises, ex_errors = load_exercises(data_dir, set(anchors), root)
    errors += ex_errors
    glossary, glossary_errors = load_glossary(data_dir, set(anchors), root)
    errors += glossary_errors
    plans, plan_errors = load_lessons(data_dir, modules, exercises, root)
    errors += plan_errors
    if errors:
        raise DataErrors(errors)
    return Course(modules, banks, exercises, glossary, lessons=plans, directory_urls=directory_urls, docs_dir=docs_dir)

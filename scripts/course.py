"""The course's data, loaded once per build, and the Markdown it puts into pages.

`load(docs_dir, data_dir, root) -> Course` reads the module pages, question banks,
exercises and glossary and checks all of them, raising `DataErrors` with every
problem found. `Course.page_markdown(markdown, src_uri, url)` fills a page's markers:

    <!-- kursus:moduler -->          the module table (front page)
    <!-- kursus:quiz -->             this module's question bank
    <!-- kursus:øvelse ID -->        one exercise
    <!-- kursus:lektionsplaner -->   the lesson plans (teacher guide; scripts/lessons.py)
    <!-- kursus:modulguide STEM -->  a module's heading, time and links (teacher guide)
    <!-- kursus:øvelseslink ID -->   a link to one exercise with its phases (teacher guide)
    <!-- kursus:tildeling moduler|ovelser -->  links to hand out, with »Kopiér link« buttons
    … and the others in MARKERS below. Every `<!-- kursus:… -->` is a marker: one alone on its
    line with a known name is replaced, any other (a typo, a missing argument) stops the build
    with file:line. Other HTML comments stay comments.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import html
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils import get_relative_url

from scripts.datafile import DataError, DataErrors, load
from scripts.exercises import load_exercises, render_exercise
from scripts.lessons import (LESSONS_FILE, LessonPlan, assignment_table, exercise_link, load_lessons,
                             module_guide_heading, render_plans)
from scripts.model import Exercise, Glossary, Term
from scripts.modules import Module, module_table, read_modules
from scripts.text import attr, danish_key, inline
from scripts.quiz import LoadedBank, load_banks, render_bank

MARKER = re.compile(r"^<!--[ \t]*kursus:([^\s>]*)(?:[ \t]+([^\s>]+))?[ \t]*-->[ \t]*$", re.M)
ANY_MARKER = re.compile(r"<!--[ \t]*kursus:.*?(?:-->|$)", re.M)


def marker(name: str, arg: str | None = None) -> str:
    """A marker as a page writes it: marker("øvelse", "fire-f") -> '<!-- kursus:øvelse fire-f -->'."""
    return f"<!-- kursus:{name}{' ' + arg if arg else ''} -->"
GLOSSARY_FILE = "ordliste.yml"

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
        """The built page's URL from the site root, as MkDocs makes it: 'moduler/x.md' -> 'moduler/x/'."""
        path = src_uri[: -len(".md")]
        if not self.directory_urls:
            return path + ".html"
        if path == "index" or path.endswith("/index"):
            return path[: -len("index")]
        return path + "/"

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

    # --- Markdown for pages ----------------------------------------------------------

    def see_url(self, page_url: str):
        def url(bank, anchor: str) -> str:
            target = self.module_url(bank.module)
            if page_url == target:
                return anchor
            return get_relative_url(target, page_url or ".") + anchor

        return url

    def page_markdown(self, markdown: str, src_uri: str, page_url: str, source: str | None = None) -> str:
        """Replace the markers in one page; raise ValueError naming docs/<page>:<line> for an
        unknown marker, one not alone on its line, or an unknown id. `source` is the whole file
        (with its front matter), so that line numbers are the file's."""
        ctx = PageContext(self, src_uri, page_url)
        offset = source[: len(source) - len(markdown)].count("\n") if source and source.endswith(markdown) else 0

        def where(pos: int) -> str:
            return f"docs/{src_uri}:{markdown.count(chr(10), 0, pos) + 1 + offset}"

        def replace(m: re.Match) -> str:
            name, arg = m.group(1), m.group(2)
            render = MARKERS.get(name)
            if render is None:
                close = difflib.get_close_matches(name, MARKERS, n=1)
                hint = f"; did you mean {marker(close[0], arg)}?" if close else ""
                raise ValueError(f"{where(m.start())}: unknown marker {m.group(0).strip()}{hint} "
                                 f"(markers: {', '.join(sorted(MARKERS))})")
            try:
                return render(ctx, arg)
            except ValueError as exc:
                raise ValueError(f"{where(m.start())}: {exc}") from None

        markdown = MARKER.sub(replace, markdown)
        stray = ANY_MARKER.search(markdown)
        if stray:
            raise ValueError(f"{where(stray.start())}: {stray.group(0).strip()} is not a marker: write "
                             "<!-- kursus:NAME --> or <!-- kursus:NAME ID --> alone on its line")
        return markdown

    def abbreviations(self) -> str:
        """Glossary terms as Markdown abbreviations (hover tooltips); longest forms first."""
        lines = []
        forms = [(form, t.definition) for t in self.glossary for form in t.forms]
        for form, definition in sorted(forms, key=lambda f: -len(f[0])):
            lines.append(f"*[{form}]: {' '.join(definition.split())}")
        # One per paragraph: Python-Markdown re-scans the rest of a block for every line.
        return "\n\n".join(lines)

    def glossary_page(self) -> str:
        mods = self.module_by_stem
        out = [
            "---",
            "title: Ordliste",
            "description: Kursets centrale begreber om styring, ledelse og tillid, forklaret kort og med henvisning til modulet.",
            "---",
            "",
            "# Ordliste",
            "",
            "Her er kursets begreber samlet ét sted. Holder du musen over et af ordene i modulerne,"
            " eller fokuserer du på det med tastaturet, vises den samme forklaring.",
            "",
        ]
        for t in self.glossary:
            m = mods.get(t.module)
            link = f" Se [modul {m.number}: {m.title}](moduler/{m.stem}.md)." if m else ""
            out += [f"{html.escape(t.term, quote=False)}", f":   {html.escape(' '.join(t.definition.split()), quote=False)}{link}", ""]
        return "\n".join(out)


@dataclasses.dataclass
class PageContext:
    """What a marker renderer knows about the page it renders into."""

    course: Course
    src_uri: str  # "moduler/06-tillid-og-kontrol.md"
    page_url: str  # "moduler/06-tillid-og-kontrol/"

    @property
    def module_stem(self) -> str | None:
        return Path(self.src_uri).stem if self.src_uri.startswith("moduler/") else None

    @property
    def docs_prefix(self) -> str:
        """Prefix that makes a docs-relative .md path relative to this page's source folder."""
        return "../" * self.src_uri.count("/")


def _modules_marker(ctx: PageContext, arg: str | None) -> str:
    return module_table(ctx.course.modules, ctx.docs_prefix)


def _quiz_marker(ctx: PageContext, arg: str | None) -> str:
    lb = ctx.course.bank_for(arg or ctx.module_stem or "")
    if lb is None:
        return ""
    see = ctx.course.see_url(ctx.page_url)
    return "## Test dig selv {#quiz}\n\n" + ctx.course.defer(render_bank(lb.bank, lambda q: see(lb.bank, q.see))) + "\n"


def _exercise_marker(ctx: PageContext, arg: str | None) -> str:
    ex = ctx.course.exercise(arg or "")
    if ex is None:
        raise ValueError(f"unknown exercise {arg!r} in {marker('øvelse', arg)}")
    return render_exercise(ex)  # not deferred: MkDocs checks links to its anchors


def _lesson_plans_marker(ctx: PageContext, arg: str | None) -> str:
    return render_plans(ctx.course, ctx.docs_prefix, arg)


def _module_guide_marker(ctx: PageContext, arg: str | None) -> str:
    return module_guide_heading(ctx.course, arg or "", ctx.docs_prefix)


def _exercise_link_marker(ctx: PageContext, arg: str | None) -> str:
    return exercise_link(ctx.course, arg or "", ctx.docs_prefix)


def _assignment_marker(ctx: PageContext, arg: str | None) -> str:
    return assignment_table(ctx.course, arg or "", ctx.page_url)


def _lms_downloads_marker(ctx: PageContext, arg: str | None) -> str:
    """The files `make lms` writes and the offline zip, as download links from this page
    (the publish workflow puts them in downloads/)."""
    from scripts.lms import package_names  # the packager names its files; no import at hook load

    names = package_names([m.number for m in ctx.course.modules])
    for m in ctx.course.modules:  # the module's title in its link
        names = {k: (f"Modul {m.number}: {m.title}, SCORM 1.2" if v == f"Modul {m.number}, SCORM 1.2" else v)
                 for k, v in names.items()}
    names["samskabt-styring-offline.zip"] = "Hele kurset til brug uden net (ikke til en platform)"
    rows = []
    for name, what in names.items():
        folder = "downloads/" if name.endswith("-offline.zip") else "downloads/lms/"
        if not ctx.course.directory_urls:  # the offline edition: the files are not in its zip
            rows.append(f"<li>{attr(what)} (<code>{name}</code>)</li>")
            continue
        href = get_relative_url(folder + name, ctx.page_url or ".")
        rows.append(f'<li><a href="{attr(href)}" download>{attr(what)}</a> (<code>{name}</code>)</li>')
    note = ("" if ctx.course.directory_urls else
            "<p><strong>Filerne er ikke med i offline-udgaven.</strong> Hent dem fra den side på kursets"
            " udgivne website, som svarer til denne.</p>\n")
    return note + '<ul class="lms-filer">\n' + "\n".join(rows) + "\n</ul>"


def _notebook_download_marker(ctx: PageContext, arg: str | None) -> str:
    """A list item with a download link to a notebook's .ipynb, which mkdocs-jupyter copies next to the
    notebook's page: `notebooks/x/x.ipynb` with folder URLs, `notebooks/x.ipynb` offline."""
    src = f"notebooks/{arg}"
    if not arg or not arg.endswith(".ipynb") or not (ctx.course.docs_dir and (ctx.course.docs_dir / src).is_file()):
        raise ValueError(f"{marker('notebook', arg)}: no notebook docs/{src}")
    page = ctx.course.url(src[: -len(".ipynb")] + ".md")
    folder = page if page.endswith("/") else page.rsplit("/", 1)[0] + "/"
    href = get_relative_url(folder + arg, ctx.page_url or ".")
    return f'- <a href="{attr(href)}" download>Hent {attr(arg)}</a>'  # an item of the page's list


# Markers a page may contain: `<!-- kursus:name -->` or `<!-- kursus:name argument -->` alone on a line.
# Each renderer takes (PageContext, argument or None) and returns Markdown.
MARKERS: dict[str, Callable[[PageContext, str | None], str]] = {
    "moduler": _modules_marker,
    "quiz": _quiz_marker,
    "øvelse": _exercise_marker,
    "lektionsplaner": _lesson_plans_marker,
    "modulguide": _module_guide_marker,
    "øvelseslink": _exercise_link_marker,
    "tildeling": _assignment_marker,
    "øvelser-oversigt": lambda ctx, arg: exercise_index(ctx),
    "udgave": lambda ctx, arg: ctx.course.edition,
    "lms-filer": _lms_downloads_marker,
    "notebook": _notebook_download_marker,
}


def exercise_index(ctx: PageContext) -> str:
    """All exercises in course order, with their prompts, for »Mine refleksioner« (reflections.js)."""
    course = ctx.course
    mods = course.module_by_stem
    order = {m.stem: i for i, m in enumerate(course.modules)}
    items = []
    for ex in sorted(course.exercises, key=lambda e: order[e.module]):
        m = mods[ex.module]
        href = get_relative_url(course.module_url(ex.module), ctx.page_url or ".") + f"#ovelse-{ex.id}"
        scale = "".join(f'<li data-item="{i.id}">{inline(i.label)}</li>' for i in ex.scale)
        prompts = "".join(f'<li data-prompt="{p.id}">{inline(p.text)}</li>' for p in ex.prompts)
        items.append(
            f'<li class="exercise-index__item" data-exercise="{ex.id}" data-module="{ex.module}" data-title="{attr(ex.title)}">\n'
            f'<a class="exercise-index__link" href="{attr(href)}">{inline(ex.title)}</a>\n'
            f'<span class="exercise-index__module">Modul {m.number}: {inline(m.title)}</span>\n'
            + (f'<ul class="exercise-index__scale">{scale}</ul>\n' if ex.scale else "")
            + f'<ul class="exercise-index__prompts">{prompts}</ul>\n</li>'
        )
    return '<ol class="exercise-index" data-exercise-index>\n' + "\n".join(items) + "\n</ol>"


def load_course(docs_dir: Path, data_dir: Path, root: Path) -> Course:
    """Read and check all course data; raise DataErrors listing every problem in every file."""
    modules = read_modules(docs_dir)
    anchors = {m.stem: set(m.anchors) for m in modules}
    errors: list[DataError] = []
    banks, bank_errors = load_banks(data_dir, anchors, root)
    errors += bank_errors
    exercises, ex_errors = load_exercises(data_dir, set(anchors), root)
    errors += ex_errors
    glossary: list[Term] = []
    gpath = data_dir / GLOSSARY_FILE
    try:
        gdata, gsource = load(gpath, Glossary, display=gpath.resolve().relative_to(root.resolve()).as_posix())
        glossary = sorted(gdata.terms, key=lambda t: danish_key(t.term))
        seen: dict[str, str] = {}
        for i, t in enumerate(gdata.terms):
            key = t.term.casefold()
            if key in seen:
                errors.append(gsource.error(("terms", i, "term"), f"{t.term!r} is defined twice"))
            seen[key] = t.term
            if t.module not in anchors:
                errors.append(gsource.error(("terms", i, "module"), f"no module page docs/moduler/{t.module}.md"))
    except DataErrors as exc:
        errors += exc.errors
    plans, plan_errors = load_lessons(data_dir / LESSONS_FILE, modules, exercises, root)
    errors += plan_errors
    if errors:
        raise DataErrors(errors)
    return Course(modules, banks, exercises, glossary, lessons=plans, docs_dir=docs_dir)

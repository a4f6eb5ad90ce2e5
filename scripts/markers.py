"""The markers: where a page asks for course data.

A marker is an HTML comment alone on its line, `<!-- kursus:NAME -->` or
`<!-- kursus:NAME ID -->`. `expand(course, markdown, src_uri, page_url)` replaces every marker
of one page with its Markdown or HTML:

    <!-- kursus:moduler -->          the module table (front page)
    <!-- kursus:quiz -->             this module's question bank
    <!-- kursus:øvelse ID -->        one exercise
    <!-- kursus:lektionsplaner -->   the lesson plans (teacher guide; scripts/teacher_guide.py)
    <!-- kursus:modulguide STEM -->  a module's heading, time and links (teacher guide)
    <!-- kursus:øvelseslink ID -->   a link to one exercise with its phases (teacher guide)
    <!-- kursus:tildeling moduler|ovelser -->  links to hand out, with »Kopiér link« buttons
    … and the others in MARKERS below.

Every `<!-- kursus:… -->` is a marker: an unknown name (a typo), one not alone on its line or
an unknown id stops the build with docs/<page>:<line>, and a close name is suggested, as
Material's shortcodes do. Other HTML comments stay comments.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils import get_relative_url

from scripts.course import Course
from scripts.exercises import render_exercise
from scripts.modules import module_table
from scripts.quiz import render_bank
from scripts.teacher_guide import assignment_table, exercise_link, module_guide_heading, render_plans
from scripts.text import attr, inline

MARKER = re.compile(r"^<!--[ \t]*kursus:([^\s>]*)(?:[ \t]+([^\s>]+))?[ \t]*-->[ \t]*$", re.M)
ANY_MARKER = re.compile(r"<!--[ \t]*kursus:.*?(?:-->|$)", re.M)


def marker(name: str, arg: str | None = None) -> str:
    """A marker as a page writes it: marker("øvelse", "fire-f") -> '<!-- kursus:øvelse fire-f -->'."""
    return f"<!-- kursus:{name}{' ' + arg if arg else ''} -->"


def expand(course: Course, markdown: str, src_uri: str, page_url: str, source: str | None = None) -> str:
    """Replace the markers in one page (`src_uri` as MkDocs names its file, `page_url` its URL); raise ValueError naming docs/<page>:<line> for an
    unknown marker, one not alone on its line, or an unknown id. `source` is the whole file
    (with its front matter), so that line numbers are the file's."""
    ctx = PageContext(course, src_uri, page_url)
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


@dataclasses.dataclass(frozen=True)
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
    return "## Test dig selv {#quiz}\n\n" + ctx.course.defer(render_bank(lb, lambda q: see(lb.bank, q.see))) + "\n"


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
    # Out of the search index: a search for a module's title leads to the module, not to its package.
    return note + '<ul class="lms-filer" data-search-exclude>\n' + "\n".join(rows) + "\n</ul>"


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
            # The prompts are found where they are asked, in the module (not in the search index here).
            + (f'<ul class="exercise-index__scale" data-search-exclude>{scale}</ul>\n' if ex.scale else "")
            + f'<ul class="exercise-index__prompts" data-search-exclude>{prompts}</ul>\n</li>'
        )
    return '<ol class="exercise-index" data-exercise-index>\n' + "\n".join(items) + "\n</ol>"



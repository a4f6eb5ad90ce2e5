"""Facts about the module pages, read from their front matter and headings.

The front page, the teacher guide and the lesson plans list modules from here,
so a module's title and time are written once: in its own front matter.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from mkdocs.utils.meta import get_data
from markdown.extensions.toc import slugify

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)
EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
BOX_ANCHOR = "det-laerer-du"  # the module box's heading (overrides/partials/modulboks.html)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


@dataclasses.dataclass(frozen=True)
class Module:
    stem: str  # "06-tillid-og-kontrol"
    number: int
    title: str
    description: str
    minutes: int
    anchors: frozenset[str]
    objectives: tuple[str, ...]  # front matter `maal:`, shown in the module box

    @property
    def src_uri(self) -> str:
        return f"moduler/{self.stem}.md"


def anchors_of(markdown_text: str) -> set[str]:
    """Heading ids of a page: explicit `{#id}` or the slug Python-Markdown's toc would make."""
    text = FENCE.sub("", markdown_text)
    ids = set()
    for _, title in HEADING.findall(text):
        m = EXPLICIT_ID.search(title)
        ids.add(m.group(1) if m else slugify(title, "-"))
    ids.update(re.findall(r'\bid="([A-Za-z0-9_-]+)"', text))
    return ids


def read_module(path: Path) -> Module:
    body, meta = get_data(path.read_text(encoding="utf-8"))
    stem = path.stem
    objectives = tuple(str(goal) for goal in meta.get("maal") or ())
    anchors = anchors_of(body) | ({BOX_ANCHOR} if objectives else set())
    return Module(
        stem=stem,
        number=int(stem[:2]),
        title=str(meta.get("title", stem)),
        description=str(meta.get("description", "")),
        minutes=int(meta.get("minutter", 0) or 0),
        anchors=frozenset(anchors),
        objectives=objectives,
    )


def read_modules(docs_dir: Path) -> list[Module]:
    return [read_module(p) for p in sorted((docs_dir / "moduler").glob("[0-9][0-9]-*.md"))]


def module_table(modules: list[Module], base: str = "") -> str:
    """Markdown table of all modules with their time, linking each (paths relative to `base`)."""
    rows = ["| Modul | Emne | Tid |", "| ---: | --- | ---: |"]
    for m in modules:
        rows.append(f"| {m.number} | [{m.title}]({base}{m.src_uri}) | {m.minutes} min |")
    total = sum(m.minutes for m in modules)
    rows.append(f"| | **I alt** | **{total} min** |")
    # The wrapper marks the table for the progress marks (docs/assets/js/progress.js).
    return '<div class="modultabel" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"

"""Our own scripts and stylesheets, as the site serves them.

Every page loads what `mkdocs.yml` lists (`extra_css`, `extra_javascript`): the store, the
progress marks and the theme fixes. The rest is loaded only where a page has a component that
uses it, from one table, `ON_DEMAND`:

- at build time (`page_assets`), the page's own `<link>` and `<script defer>` go into its HTML,
  so a first visit shows the component styled, without a flash, also without JavaScript;
- after Material's instant navigation, `store.js` reads the same table from the course
  manifest (`onDemand`) and loads what the new content needs and the page does not have yet.

A selector is kept simple enough to be checked on the HTML text at build time: a tag, classes
and attribute names (`section.exercise[data-exercise]`, `.quiz`, `[data-reflections]`).

`minify` shrinks our files as the build writes them (not under `mkdocs serve`, where a
maintainer reads them in the browser's developer tools).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import rcssmin
import rjsmin

# selector -> file (site-relative). Order matters where one file needs another first.
ON_DEMAND: tuple[tuple[str, str], ...] = (
    (".quiz", "assets/css/quiz.css"),
    (".copylink__link", "assets/css/quiz.css"),  # its »Kopiér link« is a quiz button
    (".quiz[data-quiz]", "assets/js/quiz.js"),
    ("section.exercise[data-exercise]", "assets/css/exercises.css"),
    (".exercise-index", "assets/css/exercises.css"),
    ("[data-reflections]", "assets/css/exercises.css"),
    ("section.exercise[data-exercise]", "assets/js/exercises.js"),
    ("[data-reflections]", "assets/js/reflections.js"),
    ("a.copylink__link", "assets/js/copylink.js"),
    ("[data-gather]", "assets/js/gather.js"),
)

_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?((?:\.[A-Za-z0-9_-]+)*)((?:\[[a-z0-9-]+\])*)$")
_CLASS = re.compile(r'\sclass="([^"]*)"')


@functools.lru_cache(maxsize=None)
def _matcher(selector: str):
    """A regex for the selector's first attribute (or class) as it stands in a start tag, and
    the full test for the start tag it stands in."""
    m = _SELECTOR.match(selector)
    if not m or not (m[2] or m[3]):
        raise ValueError(f"on-demand selector {selector!r} is not tag.class[attr]")
    tag = m[1]
    classes = set(re.findall(r"\.([A-Za-z0-9_-]+)", m[2]))
    attrs = re.findall(r"\[([a-z0-9-]+)\]", m[3])
    word = attrs[0] if attrs else next(iter(classes))
    if attrs:
        token = re.compile(rf"\s{re.escape(word)}(?=[=\s/>])")
    else:
        token = re.compile(rf'\sclass="[^"<>]*(?<![\w-]){re.escape(word)}(?![\w-])')
    name = re.compile(rf"<{re.escape(tag)}(?=[\s>/])" if tag else r"<[a-zA-Z]")

    def full(start_tag: str) -> bool:
        if not name.match(start_tag):
            return False
        if classes:
            cls = _CLASS.search(start_tag)
            if not cls or not classes <= set(cls[1].split()):
                return False
        return all(re.search(rf"\s{a}(?=[=\s/>])", start_tag) for a in attrs)

    return word, token, full


def uses(html: str, selector: str) -> bool:
    """Whether `html` has an element matching `selector` (tag, classes, attribute names). Each
    place the first attribute (or class) stands is checked in the start tag around it, so a
    page is read once per selector."""
    word, token, full = _matcher(selector)
    if word not in html:  # most pages: one fast scan, no regex
        return False
    for m in token.finditer(html):
        start = html.rfind("<", 0, m.start())
        end = html.find(">", m.end())
        if start < 0 or end < 0 or html.find(">", start, m.start()) >= 0:
            continue  # not inside a tag: text that happens to read like one
        if full(html[start:end + 1]):
            return True
    return False


def page_assets(html: str) -> list[str]:
    """The on-demand files a page's HTML needs, in table order, each once."""
    out: list[str] = []
    found: dict[str, bool] = {}
    for selector, path in ON_DEMAND:
        if path in out:
            continue
        if selector not in found:
            found[selector] = uses(html, selector)
        if found[selector]:
            out.append(path)
    return out


def with_assets(output: str, urls: dict[str, str]) -> str:
    """The page with its on-demand stylesheets at the end of <head> and its scripts, deferred,
    after the site's own (`urls`: site path -> URL relative to the page)."""
    links = "".join(f'<link rel="stylesheet" href="{urls[p]}">' for p in urls if p.endswith(".css"))
    scripts = "".join(f'<script src="{urls[p]}" defer></script>' for p in urls if p.endswith(".js"))
    if links:
        output = output.replace("</head>", links + "</head>", 1)
    if scripts:
        output = output.replace("</body>", scripts + "</body>", 1)
    return output


def is_own(src_uri: str) -> bool:
    return src_uri.startswith(("assets/js/", "assets/css/")) and src_uri.endswith((".js", ".css"))


def minify(files) -> None:
    """Minify our scripts and stylesheets in place (the files as MkDocs will write them)."""
    for f in files:
        if f.generated_by or not is_own(f.src_uri):
            continue
        text = f.content_string
        f.content_string = rjsmin.jsmin(text) if f.src_uri.endswith(".js") else rcssmin.cssmin(text)


def search_index_as_utf8(site_dir: Path) -> None:
    """Material's search plugin writes `search/search_index.json` with every æ, ø and å as an
    escape (`\\u00e6`); the same JSON in UTF-8 is about 2 % smaller gzipped, and Material's search
    reads it the same way. Run after the search plugin has written it (the offline edition's
    `search_index.js` is made from this file afterwards)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

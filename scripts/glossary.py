"""The glossary: `quizzes/ordliste.yml`, the page »Ordliste« and the tooltips in every module.

    terms:
      - term: Afbureaukratisering (afbureaukratiseringsspor)
        definition: …
        forms: [afbureaukratisering, Afbureaukratisering]  # words in the text that get the tooltip
        module: …                   # the module page that explains it

`load_glossary(folder, modules, root) -> (terms, errors)` reads and checks the file (a term
defined twice, a module page that does not exist); the terms come back in Danish
alphabetical order. `tooltips(terms)` gives the tooltips (Markdown abbreviations for every page), and
`glossary_page(terms, modules)` the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from scripts.datafile import DataError, load_all
from scripts.model import Glossary, Term
from scripts.modules import Module
from scripts.text import danish_key

FILE = "ordliste.yml"


def load_glossary(folder: Path, modules: set[str], root: Path) -> tuple[list[Term], list[DataError]]:
    loaded, errors = load_all([folder / FILE], Glossary, root)
    if not loaded:
        return [], errors
    data, source = loaded[0]
    seen: set[str] = set()
    for i, t in enumerate(data.terms):
        if t.term.casefold() in seen:
            errors.append(source.error(("terms", i, "term"), f"{t.term!r} is defined twice"))
        seen.add(t.term.casefold())
        if t.module not in modules:
            errors.append(source.error(("terms", i, "module"), f"no module page docs/moduler/{t.module}.md"))
    return sorted(data.terms, key=lambda t: danish_key(t.term)), errors


def tooltips(terms: Sequence[Term]) -> dict[str, str]:
    """Each word form with its term's definition: Python-Markdown's abbreviations (`abbr`), given
    to every page as the extension's `glossary` (hooks.py), so no page carries them as Markdown."""
    return {form: " ".join(t.definition.split()) for t in terms for form in t.forms}


def without_tooltips(terms: Sequence[Term]) -> str:
    """Markdown that takes the tooltips off one page (the glossary, which shows the definitions):
    an abbreviation defined as "" is removed. One per paragraph: Python-Markdown re-scans the rest
    of a block for every line."""
    return "\n\n".join(f'*[{form}]: ""' for form in tooltips(terms))


def glossary_page(terms: Sequence[Term], modules: Sequence[Module]) -> str:
    """The page »Ordliste« (ordliste.md): a definition list, each term linked to its module."""
    mods = {m.stem: m for m in modules}
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
        # Search finds the page by its title and this text; the definitions are where the
        # modules teach them, so a search for a concept leads there, and the index stays small.
        '<div markdown data-search-exclude>',
        "",
    ]
    for t in terms:
        m = mods.get(t.module)
        link = f" Se [modul {m.number}: {m.title}](moduler/{m.stem}.md)." if m else ""
        out += [html.escape(t.term, quote=False),
                f":   {html.escape(' '.join(t.definition.split()), quote=False)}{link}", ""]
    return "\n".join(out + ["</div>", ""])

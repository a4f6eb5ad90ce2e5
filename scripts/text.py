"""Inline Markdown for text fields in the data files, with raw HTML shown as text."""

from __future__ import annotations

import functools
import html
import re

import markdown

_md = markdown.Markdown(extensions=["pymdownx.smartsymbols"])
# Raw HTML in the data is shown as text, never passed through as markup.
_md.preprocessors.deregister("html_block")
_md.inlinePatterns.deregister("html")

_P = re.compile(r"^<p>(.*)</p>$", re.S)
# Text that starts like a list or a heading would become a block: escape the marker.
_BLOCK_START = re.compile(r"^(?:(\d+)([.)])|([-*+#>]))(?=\s|$)")


@functools.lru_cache(maxsize=16384)
def inline(text: str) -> str:
    """Render one line of inline Markdown (`**fed**`, `*kursiv*`, `` `kode` ``, links).

    Line breaks become spaces, so the result always fits inside a <p>, <label> or <legend>;
    `<script>` stays visible text. A build asks for the same snippet many times (a question on
    its page, in the final test, the print edition and the answer key), so each text is
    converted once.
    """
    text = " ".join(text.split())
    text = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    _md.reset()
    out = _md.convert(text).strip()
    m = _P.match(out)
    return m.group(1) if m else out


def visible(text: str) -> str:
    """Inline Markdown as the text a reader sees: no marks, no tags, links reduced to their text."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", inline(text))).split())


def plain(text: str) -> str:
    """Text without Markdown marks, for attributes and exports."""
    return re.sub(r"[*_`]", "", text)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def minutes(value: float) -> str:
    """Minutes as Danish text: 1.5 -> '1,5'."""
    return f"{value:g}".replace(".", ",")


_DANISH = (("aa", "å"), ("æ", "{"), ("ø", "|"), ("å", "}"))


def danish_key(word: str) -> str:
    """Sort key with æ, ø, å after z, as in a Danish dictionary."""
    w = word.casefold()
    for letter, after_z in _DANISH:
        w = w.replace(letter, after_z)
    return w

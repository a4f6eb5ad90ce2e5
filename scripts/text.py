"""Inline Markdown for text fields in the data files, with raw HTML shown as text."""

from __future__ import annotations

import html
import re

import markdown

_md = markdown.Markdown(extensions=["pymdownx.smartsymbols"])
_P = re.compile(r"^<p>(.*)</p>$", re.S)


def inline(text: str) -> str:
    """Render inline Markdown (`**fed**`, `*kursiv*`, links); `<script>` stays visible text."""
    _md.reset()
    out = _md.convert(html.escape(text, quote=False)).strip()
    m = _P.match(out)
    return m.group(1) if m and "<p>" not in m.group(1) else out


def plain(text: str) -> str:
    """Text without Markdown marks, for attributes and exports."""
    return re.sub(r"[*_`]", "", text)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)

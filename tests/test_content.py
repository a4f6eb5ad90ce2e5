"""The course text: modules in order, their required parts, citations, glossary, images."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT
from scripts.modules import read_modules

DOCS = ROOT / "docs"
MODULES = sorted((DOCS / "moduler").glob("[0-9][0-9]-*.md"))
CITATION = re.compile(r"\(([A-ZÆØÅ][^()]*?\d{4}[^()]*)\)")


def body_words(markdown: str) -> int:
    """Words of running text: no front matter, markers, HTML tags, tables' pipes or link targets."""
    body, _ = get_data(markdown)
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[^}]*\}", " ", body)
    return len(re.findall(r"[A-Za-zÆØÅæøå0-9][\wÆØÅæøå'’-]*", body))


def test_ten_modules_in_lecture_order_in_the_nav():
    """mkdocs.yml lists the ten module pages in lecture order."""
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    flat = re.findall(r"moduler/(\d\d-[a-z0-9-]+)\.md", str(nav))
    assert flat == [p.stem for p in MODULES]
    assert [int(s[:2]) for s in flat] == list(range(1, 11))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_has_its_parts(path: Path):
    """Front matter with title, description, minutter and 3–5 objectives; 'Nøglepointer'; the quiz marker."""
    text = path.read_text(encoding="utf-8")
    body, meta = get_data(text)
    assert meta.get("title") and meta.get("description") and int(meta["minutter"]) > 0
    assert 3 <= len(meta["maal"]) <= 5
    headings = re.findall(r"^## (.+?)(?: \{.*\})?$", body, re.M)
    assert "Nøglepointer" in headings
    points = re.search(r"^## Nøglepointer.*?\n(.*?)(?=^<!--|^## )", body, re.M | re.S).group(1)
    assert 3 <= len(re.findall(r"^- ", points, re.M)) <= 6
    assert "<!-- kursus:quiz -->" in body


@pytest.mark.parametrize("path", MODULES[:9], ids=lambda p: p.stem)
def test_modules_1_to_9_are_substantial(path: Path):
    """Modules 1–9 have at least 700 words of body text."""
    assert body_words(path.read_text(encoding="utf-8")) >= 700


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_page_opens_with_its_box(site, path: Path):
    """Right under the title: module number, time and 'Det lærer du' with the objectives from front matter."""
    _, meta = get_data(path.read_text(encoding="utf-8"))
    html = (site / "moduler" / path.stem / "index.html").read_text(encoding="utf-8")
    h1_end = html.index("</h1>")
    box = html[h1_end: html.index("</aside>", h1_end)]
    assert box.lstrip().startswith('</h1>\n    <aside class="modulboks"') or '<aside class="modulboks"' in box[:200]
    assert f"Modul {int(path.stem[:2])} af 10" in box and f"Ca. {meta['minutter']} minutter" in box
    assert 'id="det-laerer-du"' in box and box.count("<li>") == len(meta["maal"])


def test_lecture_tables_are_real_tables(site):
    """Modules 1, 6 and 8 render the lecture's tables as HTML tables with the expected rows."""
    def rows(stem):
        html = (site / "moduler" / stem / "index.html").read_text(encoding="utf-8")
        return html.count("<tr>"), html
    n1, h1 = rows("01-styring-og-ledelse")
    assert n1 >= 5 and "Systembåret" in h1 or "systembåret" in h1
    n6, h6 = rows("06-tillid-og-kontrol")
    assert n6 >= 5 and "Styringsdialog" in h6
    n8, h8 = rows("08-samskabt-styring")
    assert n8 >= 8 and "Public Service Motivation" in h8.replace("public service motivation", "Public Service Motivation")


def test_every_citation_is_on_the_sources_page():
    """Each (Author Year) cited in a module is listed on docs/kilder.md."""
    sources = (DOCS / "kilder.md").read_text(encoding="utf-8")
    missing = set()
    for path in MODULES:
        for cite in CITATION.findall(path.read_text(encoding="utf-8")):
            for part in re.split(r";\s*", cite):
                m = re.match(r"(?:jf\. |se )?([A-ZÆØÅ][\w&,.\s-]*?)\s*(\d{4})", part)
                if not m:
                    continue
                author = m.group(1).split(",")[0].split("&")[0].split(" og ")[0].strip()
                if author not in sources or m.group(2) not in sources:
                    missing.add(f"{path.stem}: {part}")
    assert not missing, sorted(missing)


def test_luhmann_is_cited_and_listed():
    """Luhmann's definition is in module 2 and on the sources page."""
    assert "Luhmann" in (DOCS / "moduler" / "02-hvad-er-tillid.md").read_text(encoding="utf-8")
    assert "Luhmann" in (DOCS / "kilder.md").read_text(encoding="utf-8")


def test_glossary_terms_are_defined_once_and_enough():
    """The glossary has at least 25 terms, each defined once, no word form in two terms."""
    terms = yaml.safe_load((ROOT / "quizzes" / "ordliste.yml").read_text(encoding="utf-8"))["terms"]
    names = [t["term"].casefold() for t in terms]
    assert len(names) >= 25 and len(names) == len(set(names))
    forms = [f for t in terms for f in t["forms"]]
    assert len(forms) == len(set(forms))


def test_glossary_page_and_tooltips(site):
    """The glossary page lists every term, and module pages (not the glossary) carry the definitions as tooltips."""
    terms = yaml.safe_load((ROOT / "quizzes" / "ordliste.yml").read_text(encoding="utf-8"))["terms"]
    page = (site / "ordliste" / "index.html").read_text(encoding="utf-8")
    for t in terms:
        assert f"<dt>{t['term']}" in page.replace("&#x27;", "'").replace("&#39;", "'"), t["term"]
    module7 = (site / "moduler" / "07-forenkling-i-praksis" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">(rammestyring|besøgsblokke|afvigelsesdokumentation)', module7)
    assert "<abbr" not in page, "the glossary shows the definitions itself, without tooltips"


def test_every_image_has_alt_text(site):
    """Every <img> in the built pages has non-empty alt text; every SVG drawing has title and desc."""
    for html in site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", html.read_text(encoding="utf-8")):
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and alt.group(1).strip(), f"{html.relative_to(site)}: {tag[:120]}"
    for svg in (DOCS / "assets" / "img").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert "<title" in text and "<desc" in text, svg.name


def test_front_page_lists_every_module_with_its_time(site):
    """The front page table is generated from the modules' front matter."""
    html = (site / "index.html").read_text(encoding="utf-8")
    for m in read_modules(DOCS):
        assert f'href="moduler/{m.stem}/"' in html
        assert re.search(rf'href="moduler/{m.stem}/">(?:(?!</td>).)*</a></td>\s*<td[^>]*>{m.minutes} min</td>', html), m.stem
    total = sum(m.minutes for m in read_modules(DOCS))
    assert f"{total} min" in html


def test_text_after_a_marker_stays_outside_the_table(site):
    """The paragraph after the module table on the front page is a paragraph, not table rows."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<p>Kurset er bygget til at fungere", html)

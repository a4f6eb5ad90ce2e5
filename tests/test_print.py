"""The print edition »Hele kurset«: all modules in order, printed to PDF by Chromium."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, normalize_text
from scripts.modules import read_modules


@pytest.fixture(scope="module")
def pdf_text(browser, base_url) -> str:
    page = browser.new_page()
    page.goto(base_url + "hele-kurset/")
    page.wait_for_load_state("load")
    data = page.pdf(format="A4")
    page.close()
    return normalize_text("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_every_module_title_is_in_the_pdf_in_order(pdf_text):
    """Each module's heading appears in the printed PDF, in lecture order."""
    positions = []
    for m in read_modules(ROOT / "docs"):
        heading = normalize_text(f"Modul {m.number}: {m.title}")
        pos = pdf_text.find(heading)
        assert pos >= 0, heading
        positions.append(pos)
    assert positions == sorted(positions)


def test_answer_key_comes_last(pdf_text):
    """Questions are printed without answers; the key follows the last module."""
    last_module = pdf_text.find("Modul 10:")
    key = pdf_text.rfind("Facitliste")
    assert 0 <= last_module < key
    assert "Rigtigt svar" not in pdf_text[:key]


def test_print_hides_the_site_chrome(page):
    """In print media the navigation, header and search are hidden."""
    page.open("hele-kurset/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector


def test_each_module_starts_on_a_new_page(page):
    """Print CSS breaks the page before every module heading."""
    page.open("hele-kurset/")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all("h2.modul-start", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert len(breaks) == 11 and set(breaks) == {"page"}


def test_print_edition_has_unique_ids(page):
    """Ids stay unique across the modules gathered on the long page (axe checks it in the site-wide test)."""
    page.open("hele-kurset/")
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, sorted(dupes)[:10]


def test_links_between_modules_stay_on_the_page(site):
    """A link from one module to another becomes a link to that module's section on the same page."""
    html = (site / "hele-kurset" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'href="[^"#]*moduler/\d\d-', html.split('<div class="md-content"', 1)[1].split("</article>")[0])

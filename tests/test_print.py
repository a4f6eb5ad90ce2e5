"""The print edition »Hele kurset«: all modules in order, printed to PDF by Chromium."""

from __future__ import annotations

import io
import re
import tomllib

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, normalize_text
from scripts.modules import read_modules
from scripts.quiz import load_banks
from scripts.publisher import build_date, danish_date


@pytest.fixture(scope="module")
def pdf_pages(browser, base_url) -> list[str]:
    """The participants' »Hele kurset« printed by Chromium: the text of each PDF page."""
    page = browser.new_page()
    page.goto(base_url + "hele-kurset/")
    page.wait_for_load_state("load")
    data = page.pdf(format="A4")
    page.close()
    return [normalize_text(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def pdf_text(pdf_pages) -> str:
    return " ".join(pdf_pages)


def test_every_module_title_is_in_the_pdf_in_order(pdf_text):
    """Each module's heading appears in the printed PDF, in lecture order."""
    positions = []
    for m in read_modules(ROOT / "docs"):
        heading = normalize_text(f"Modul {m.number}: {m.title}")
        pos = pdf_text.find(heading, positions[-1] + 1 if positions else 0)
        assert pos >= 0, heading
        positions.append(pos)
    assert positions == sorted(positions)


def test_the_pdf_opens_with_a_title_page(pdf_pages):
    """Page 1: the course, the lecture it is built on, version and date, and the contents; the first module starts on page 2."""
    first = pdf_pages[0]
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert "Samskabt styring" in first
    assert "Tina Øllgaard Bentzen" in first
    assert f"Version {version}, bygget {danish_date(build_date())}" in first
    assert "Indhold" in first
    for m in read_modules(ROOT / "docs"):
        assert normalize_text(f"Modul {m.number}: {m.title}") in first, m.title
    assert "Det lærer du" not in first
    assert "Det lærer du" in pdf_pages[1]


def test_participants_print_has_no_answers(pdf_text):
    """The participants' edition has the questions and no key: no answer, no explanation, no »Facitliste«."""
    assert "Test dig selv" in pdf_text
    for word in ("Facitliste", "facitlisten", "Rigtigt svar", "Svar:", "Vælg kategori", "Vælg plads", "Vælg …"):
        assert word not in pdf_text, word


def test_teachers_edition_has_the_key_last(site):
    """»Hele kurset med facit«: the modules as in the participants' edition, then every question with its answer."""
    html = (site / "underviser" / "hele-kurset-med-facit" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    body = soup.select_one("article.md-content__inner")
    starts = [h.get("id") for h in body.select("h2.modul-start")]
    assert starts == [f"m{m.number:02d}" for m in read_modules(ROOT / "docs")] + ["facitliste"]
    mods = read_modules(ROOT / "docs")
    banks, errors = load_banks(ROOT / "quizzes", {m.stem: set(m.anchors) for m in mods}, ROOT)
    assert not errors
    answers = body.select("h2#facitliste ~ ol.facitliste > li")
    assert len(answers) == sum(len(lb.bank.questions) for lb in banks)
    assert all("Rigtigt svar:" in a.get_text() and "Forklaring:" in a.get_text() for a in answers)
    first_key = str(body).index('id="facitliste"')
    assert "Rigtigt svar:" not in str(body)[:first_key]


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
    assert len(breaks) == len(read_modules(ROOT / "docs")) and set(breaks) == {"page"}


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


def test_the_printed_key_says_what_the_answer_key_page_says(site):
    """One renderer: each question in the print edition's »Facitliste« reads exactly as on
    »Svarnøgle til quizzerne«, less the link to the section (paper has none)."""
    def items(rel):
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        return {li["id"]: normalize_text(li.get_text(" ")) for li in soup.select("li.answer-key__q")}

    printed = items("underviser/hele-kurset-med-facit/index.html")
    page = items("underviser/svarnoegle/index.html")
    assert printed and sorted(printed) == sorted(page)
    for qid, text in page.items():
        assert text.endswith(" · Afsnittet i modulet"), qid
        assert printed[qid] == text.removesuffix(" · Afsnittet i modulet"), qid

"""The publisher's footer and the accessibility statement that every page links to."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, assert_accessible, mkdocs_build, normalize_text


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def footer(html_file: Path):
    return BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select_one(".md-footer .kursus-sidefod")


def statement_link(html_file: Path):
    return next((a for a in footer(html_file).select("a") if normalize_text(a.get_text()) == "Tilgængelighedserklæring"), None)


def resolve(site: Path, html_file: Path, href: str) -> Path:
    """The file a relative link of a built page leads to (a folder means its index.html)."""
    url = urljoin("http://x/" + html_file.relative_to(site).as_posix(), href)
    target = site / urlparse(url).path.lstrip("/")
    return target / "index.html" if url.endswith("/") else target


def test_every_page_links_the_accessibility_statement(site):
    """The footer of every page, the generated ones and the notebooks included, links
    «Tilgængelighedserklæring», and the link leads to the statement."""
    pages = html_pages(site)
    assert len(pages) > 30
    for html_file in pages:
        link = statement_link(html_file)
        assert link is not None, html_file
        target = resolve(site, html_file, link["href"])
        assert target.is_file(), (html_file, link["href"])
        heading = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
        assert normalize_text(heading.get_text()).startswith("Tilgængelighedserklæring"), html_file


def test_footer_names_licence_version_and_build_date(site):
    """In Danish: who publishes, under which licence, the version from pyproject.toml, the build date."""
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    text = normalize_text(footer(site / "index.html").get_text())
    assert "Udgivet af Kursusholdet bag Samskabt styring." in text
    assert "Teksten må bruges efter licensen CC BY 4.0." in text
    assert re.search(rf"Version {re.escape(version)}, bygget \d{{1,2}}\. (januar|februar|marts|april|maj|juni|juli|"
                     r"august|september|oktober|november|december) \d{4}\.", text), text
    assert "Made with" not in text


def test_the_statement_states_conformance_testing_limits_and_complaints(site):
    text = normalize_text(BeautifulSoup((site / "tilgaengelighed" / "index.html").read_text(encoding="utf-8"),
                                        "html.parser").select_one("article").get_text(" "))
    for part in ("WCAG 2.1 niveau AA", "WCAG 2.2 niveau AA", "lov nr. 692", "axe-core",
                 "Kendte begrænsninger", "Digitaliseringsstyrelsen", "Udgiveren har endnu ikke oplyst en kontakt."):
        assert part in text, part


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The course as a publisher builds it: name, contact, date and a WAS-Tool statement set."""
    dest = tmp_path_factory.mktemp("udgivet")
    result = mkdocs_build(dest, env={
        "UDGIVER_NAVN": "Eksempel Kommune", "UDGIVER_KONTAKT": "web@eksempel.dk",
        "UDGIVER_DATO": "2027-01-15", "UDGIVER_WAS_URL": "https://www.was.digst.dk/eksempel-dk",
        "SOURCE_DATE_EPOCH": "1780000000"})
    assert result.returncode == 0, result.stderr
    return dest


def test_a_publisher_sets_name_contact_date_and_was_statement(published):
    """With a WAS-Tool URL, every footer links the official statement; the course's page names it too."""
    for html_file in html_pages(published):
        assert statement_link(html_file)["href"] == "https://www.was.digst.dk/eksempel-dk", html_file
    text = normalize_text(footer(published / "index.html").get_text())
    assert "Udgivet af Eksempel Kommune." in text
    assert "bygget 28. maj 2026." in text  # SOURCE_DATE_EPOCH makes the date reproducible
    contact = footer(published / "index.html").select_one('a[href="mailto:web@eksempel.dk"]')
    assert contact is not None and normalize_text(contact.get_text()) == "web@eksempel.dk"
    facts = normalize_text(BeautifulSoup((published / "tilgaengelighed" / "index.html").read_text(encoding="utf-8"),
                                         "html.parser").select_one("dl.erklaering").get_text(" "))
    assert "Eksempel Kommune" in facts and "web@eksempel.dk" in facts and "15. januar 2027" in facts
    assert "Tilgængelighedserklæringen for kurset" in facts


@pytest.mark.parametrize(("env", "message"), [
    ({"UDGIVER_DATO": "15.01.2027"}, "extra.udgiver.dato: '15.01.2027' is not a date (YYYY-MM-DD)"),
    ({"UDGIVER_NAVN": " "}, "extra.udgiver.navn: the publisher's name is required"),
])
def test_a_bad_publisher_setting_stops_the_build_naming_the_field(tmp_path, env, message):
    result = mkdocs_build(tmp_path / "site", env=env)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_statement_is_accessible(page):
    page.open("tilgaengelighed/")
    assert_accessible(page)

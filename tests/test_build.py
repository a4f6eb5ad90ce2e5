"""The strict build and what every built page must carry."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class Refs(HTMLParser):
    """Collects what a browser would load from a page (not plain <a href> links)."""

    LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
             ("source", "srcset"), ("img", "srcset"), ("video", "src"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("input", "src"), ("video", "poster"), ("track", "src")}

    def __init__(self):
        super().__init__()
        self.lang = None
        self.description = None
        self.loads: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        if tag == "link" and not ({"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
                                  & set((a.get("rel") or "").split())):
            return  # e.g. rel=canonical or alternate: not loaded
        for t, attr in self.LOADS:
            if tag == t and a.get(attr):
                self.loads.extend(u.strip().split(" ")[0] for u in a[attr].split(","))
        if a.get("style"):
            self.styles.append(a["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


def parse(path: Path) -> Refs:
    r = Refs()
    r.feed(path.read_text(encoding="utf-8"))
    return r


def is_external(url: str) -> bool:
    p = urlparse(url)
    return bool(p.netloc) or p.scheme in ("http", "https") or url.startswith("//")


CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def test_strict_build_writes_every_page(site):
    """The strict build passes and writes the front page, the modules and the generated pages."""
    for rel in ["index.html", "moduler/01-styring-og-ledelse/index.html", "moduler/10-afslutning/index.html",
                "ordliste/index.html", "kilder/index.html", "quiz/index.html", "quiz/afsluttende-test/index.html",
                "search/search_index.json", "sitemap.xml"]:
        assert (site / rel).is_file(), rel


def test_every_page_is_danish_with_a_description(site):
    """Every built page has <html lang="da"> and a non-empty meta description."""
    for page in html_pages(site):
        refs = parse(page)
        assert refs.lang == "da", page
        assert refs.description and len(refs.description) >= 30, page


def test_descriptions_differ_between_pages(site):
    """Pages get their own description, not all the site's fallback."""
    descriptions = [parse(p).description for p in html_pages(site) if p.name == "index.html"]
    assert len(set(descriptions)) >= len(descriptions) - 2


def test_no_page_loads_anything_from_another_host(site):
    """No script, stylesheet, image, font, iframe or CSS url() points at another host."""
    offenders = []
    for page in html_pages(site):
        refs = parse(page)
        for url in refs.loads:
            if is_external(url):
                offenders.append(f"{page.relative_to(site)}: {url}")
        for css in refs.styles:
            offenders += [f"{page.relative_to(site)} (inline css): {u}" for u in CSS_URL.findall(css) if is_external(u)]
    for css in site.rglob("*.css"):
        offenders += [f"{css.relative_to(site)}: {u}" for u in CSS_URL.findall(css.read_text(encoding="utf-8"))
                      if is_external(u)]
    assert not offenders, "\n".join(offenders)


def test_no_google_fonts_in_built_site(site):
    """font: false keeps Google Fonts out of the pages."""
    for page in html_pages(site):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(
    ("link", "complaint"),
    [
        ("[brudt](findes-ikke.md)", "findes-ikke.md"),
        ("[brudt anker](01-styring-og-ledelse.md#findes-ikke)", "findes-ikke"),
    ],
)
def test_broken_link_fails_the_build(tmp_path, link, complaint):
    """A link to a missing page or anchor makes the strict build fail and names it."""
    proj = copy_project(tmp_path)
    page = proj / "docs" / "moduler" / "02-hvad-er-tillid.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nSe også {link}.\n", encoding="utf-8")
    proc = mkdocs_build(tmp_path / "out", proj / "mkdocs.yml")
    assert proc.returncode != 0
    assert complaint in proc.stderr + proc.stdout


def test_moodle_downloads_are_published(site):
    """The build publishes the GIFT and Moodle XML files with every question of every bank."""
    import xml.etree.ElementTree as ET

    from scripts.course import load_course

    course = load_course(ROOT / "docs", ROOT / "quizzes", ROOT)
    names = {f"{lb.bank.id}-{q.id}" for lb in course.banks for q in lb.bank.questions}
    gift_text = (site / "downloads" / "samskabt-styring-gift.txt").read_text(encoding="utf-8")
    assert {n for n in names if f"::{n}::" in gift_text} == names
    root = ET.parse(site / "downloads" / "samskabt-styring-moodle.xml").getroot()
    xml_names = {q.findtext("name/text") for q in root.iter("question") if q.get("type") != "category"}
    assert xml_names == names


def test_moodle_files_and_page_name_the_same_edition(site):
    """Both export files and the Moodle page say which version and build they are, the same one."""
    import tomllib

    from scripts.publisher import build_date, danish_date

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    stamp = f"Version {version}, bygget {build_date().isoformat()}."
    gift_head = (site / "downloads" / "samskabt-styring-gift.txt").read_text(encoding="utf-8").split("\n\n")[0]
    assert gift_head.splitlines()[-1] == f"// {stamp}"
    xml_text = (site / "downloads" / "samskabt-styring-moodle.xml").read_text(encoding="utf-8")
    assert stamp in xml_text.split("<question", 1)[0]
    page = (site / "underviser" / "moodle" / "index.html").read_text(encoding="utf-8")
    assert f"<p>Version {version}, bygget {danish_date(build_date())}.</p>" in page


def test_search_never_shows_an_answer(site):
    """No explanation and no option feedback is in the search index: a search cannot reveal a key."""
    from scripts.modules import read_modules
    from scripts.quiz import load_banks
    from scripts.text import plain

    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", json.loads(index).__repr__()).split())
    mods = read_modules(ROOT / "docs")
    banks, errors = load_banks(ROOT / "quizzes", {m.stem: set(m.anchors) for m in mods}, ROOT)
    assert not errors
    found = []
    for lb in banks:
        for q in lb.bank.questions:
            for said in [q.explanation, *(o.feedback for o in getattr(q, "options", []))]:
                words = " ".join(plain(said).split())
                if len(words) > 40 and words in text:
                    found.append(f"{lb.bank.id}/{q.id}: {words}")
    assert not found, found[:5]


def test_search_leads_to_the_teaching_not_to_the_questions(site):
    """No question text (prompt, option, row, choice) is in a module's quiz section of the search
    index: a search lands on the section that teaches a concept. The quiz is found by its heading."""
    from scripts.modules import read_modules
    from scripts.quiz import load_banks
    from scripts.text import plain

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    quiz = {d["location"].split("/#")[0]: d for d in docs if d["location"].endswith("/#quiz")}
    mods = read_modules(ROOT / "docs")
    banks, errors = load_banks(ROOT / "quizzes", {m.stem: set(m.anchors) for m in mods}, ROOT)
    assert not errors
    assert sorted(quiz) == sorted(f"moduler/{Path(lb.source.path).stem}" for lb in banks)
    assert {d["title"] for d in quiz.values()} == {"Test dig selv"}
    leaks = []
    for lb in banks:
        section = " ".join(re.sub(r"<[^>]+>", " ", quiz[f"moduler/{Path(lb.source.path).stem}"]["text"]).split())
        for q in lb.bank.questions:
            shown = [q.prompt] + [o.text for o in getattr(q, "options", [])] + list(getattr(q, "categories", []))
            shown += [getattr(i, "text", i) for i in getattr(q, "items", [])] + [p.right for p in getattr(q, "pairs", [])]
            leaks += [f"{lb.bank.id}/{q.id}: {t}" for t in shown if " ".join(plain(t).split()) in section]
    assert not leaks, leaks[:5]


def test_search_finds_the_glossary_by_name_and_the_concepts_in_the_modules(site):
    """The glossary is in the index by its title and introduction, not its definitions: a search
    for a concept leads to the module that teaches it, and every page loads a smaller index."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    glossary = [d for d in docs if d["location"].startswith("ordliste/")]
    assert [d["title"] for d in glossary] == ["Ordliste"]
    terms = yaml.safe_load((ROOT / "quizzes" / "ordliste.yml").read_text(encoding="utf-8"))["terms"]
    text = " ".join(d["text"] for d in glossary)
    assert not [t["term"] for t in terms if " ".join(t["definition"].split())[:60] in text]
    page = (site / "ordliste" / "index.html").read_text(encoding="utf-8")
    assert page.count("<dt>") == len(terms)  # the page itself shows them all

"""What each page loads of our own scripts and stylesheets (scripts/assets.py), and the byte
budget of it: sizes are deterministic, so they are asserted here; times are measured by
`make bench` and only reported."""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

import pytest

from scripts.assets import ON_DEMAND, page_assets, uses

OWN = re.compile(r'(?:src|href)="([^"]*assets/(?:js|css)/[^"]+\.(?:js|css))"')

# Gzip bytes of our own JS and CSS a page loads on a first visit (Material's bundle not counted).
# The front page carries only the store, the progress marks and the manifest; a module page adds
# its quiz and, with an exercise, the exercise script (the slides and the big-screen view,
# slides.js and presenter.js, come when they are opened).
BUDGET = {"index.html": 13.5 * 1024, "moduler/01-styring-og-ledelse/index.html": 18 * 1024,
          "moduler/06-tillid-og-kontrol/index.html": 24.5 * 1024}


def own_files(site: Path, rel: str) -> dict[str, int]:
    html = (site / rel).read_text(encoding="utf-8")
    out = {}
    for ref in OWN.findall(html):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), ref))
        out[path] = len(gzip.compress((site / path).read_bytes(), 6))
    return out


@pytest.mark.parametrize(("html", "selector", "expected"), [
    ('<div class="quiz" data-quiz="x">', ".quiz[data-quiz]", True),
    ('<div class="quiz-q">', ".quiz", False),  # a class that starts the same is not the class
    ('<div class="a quiz b">', ".quiz", True),
    ('<section class="exercise" data-exercise="s">', "section.exercise[data-exercise]", True),
    ('<div class="exercise" data-exercise="s">', "section.exercise[data-exercise]", False),
    ('<section class="exercise">', "section.exercise[data-exercise]", False),
    ('<p>data-slides is a word here</p>', "[data-slides]", False),
    ('<button data-slides type="button">', "[data-slides]", True),
])
def test_a_selector_matches_the_elements_it_names(html, selector, expected):
    assert uses(html, selector) is expected


def test_an_unsupported_selector_is_refused():
    with pytest.raises(ValueError, match="tag.class"):
        uses("<p>", ".quiz > li")


def test_a_file_is_listed_once_in_the_table_order():
    html = '<div class="quiz" data-quiz="m"></div><a class="copylink__link" href="x">x</a>'
    assert page_assets(html) == ["assets/css/quiz.css", "assets/js/quiz.js", "assets/js/copylink.js"]


def test_every_file_in_the_table_exists():
    docs = Path(__file__).resolve().parent.parent / "docs"
    assert [p for _, p in ON_DEMAND if not (docs / p).is_file()] == []


def test_the_front_page_loads_no_component_it_does_not_have(site):
    loaded = set(own_files(site, "index.html"))
    assert not loaded & {p for _, p in ON_DEMAND}, loaded


def test_a_module_page_loads_its_components_once(site):
    html = (site / "moduler/06-tillid-og-kontrol/index.html").read_text(encoding="utf-8")
    refs = OWN.findall(html)
    assert len(refs) == len(set(refs))
    names = {r.rsplit("/", 1)[1] for r in refs}
    assert {"quiz.js", "quiz.css", "exercises.js", "exercises.css"} <= names
    assert not names & {"reflections.js", "gather.js", "slides.js", "presenter.js"}  # these come when opened


def test_our_files_are_minified_in_the_site(site):
    """The site's copy has no comments or indentation left; the source keeps them."""
    root = Path(__file__).resolve().parent.parent / "docs"
    for rel in ("assets/js/store.js", "assets/css/quiz.css"):
        built, source = (site / rel).read_text(encoding="utf-8"), (root / rel).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in built, rel
        assert len(built) < 0.8 * len(source), rel


@pytest.mark.parametrize("page", sorted(BUDGET))
def test_own_scripts_and_styles_stay_in_budget(site, page):
    sizes = own_files(site, page)
    assert sum(sizes.values()) <= BUDGET[page], sizes


# Gzip bytes of the search index every page fetches: 1.15× stock Material's for the same
# Markdown (43.5 KB) is 50.0 KB; it holds no question, so it grows with the teaching text only.
SEARCH_INDEX_BUDGET = 50.0 * 1024


def test_the_search_index_stays_in_budget_and_is_utf8(site):
    """Material writes æ, ø and å as \\u escapes; the site serves the index in UTF-8 (scripts/assets.py)."""
    raw = (site / "search" / "search_index.json").read_bytes()
    assert b"\\u00e6" not in raw and "æ".encode() in raw
    size = len(gzip.compress(raw, 6))
    assert size <= SEARCH_INDEX_BUDGET, f"{size / 1024:.1f} KB"

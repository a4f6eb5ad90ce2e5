"""The whole built site in Chromium: no outside requests, no axe violations, Danish search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import assert_pages_accessible, page_url

MODULE_TERMS = {
    "01-styring-og-ledelse": "relationsbåret",
    "02-hvad-er-tillid": "forudydelse",
    "03-tillidens-effekter": "transaktionsomkostninger",
    "04-er-tillid-altid-godt": "kompetence",
    "05-metaltraethed": "mushrooming",
    "06-tillid-og-kontrol": "modstandere",
    "07-forenkling-i-praksis": "besøgsblokke",
    "08-samskabt-styring": "styringsløget",
    "09-rolleforandringer": "rolleforandringer",
    "10-afslutning": "afslutning",
}


def all_pages(site):
    return [page_url(site, p) for p in sorted(site.rglob("index.html"))] + ["404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_and_loads_nothing_from_outside(site, make_page, scheme):
    """Each page: zero axe violations (WCAG 2.0/2.1 A+AA) and no request outside 127.0.0.1."""
    assert_pages_accessible(make_page(color_scheme=scheme), all_pages(site))


def test_dark_palette_is_really_dark(make_page):
    """With a dark system preference Material renders the slate scheme (so the dark axe run means something)."""
    page = make_page(color_scheme="dark")
    page.open("")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


# What a participant would type, and the module that teaches it: names the lecture cites, its
# concepts and its cases. The glossary, the sources page, the notebooks, the teacher's pages and
# the summary in module 10 may list them too, but below the teaching.
PARTICIPANT_QUERIES = {
    "Luhmann": "02-hvad-er-tillid",
    "VIVE": "03-tillidens-effekter",
    "Dirks": "03-tillidens-effekter",
    "tillidsværdig": "04-er-tillid-altid-godt",
    "mushrooming": "05-metaltraethed",
    "medspillere": "06-tillid-og-kontrol",
    "meningssamlingen": "07-forenkling-i-praksis",
    "de fire F": "08-samskabt-styring",
    "samskabelse": "08-samskabt-styring",
    "kill your darlings": "09-rolleforandringer",
}


def open_search(page):
    """Open Material's search and wait until its index is loaded."""
    page.click(".md-search__input") if page.is_visible(".md-search__input") else page.click("label[for='__search']")
    page.wait_for_function(
        "() => (document.querySelector('.md-search-result__meta')?.textContent || '').includes('Indtast søgeord')"
    )


def search(page, word: str) -> list[str]:
    """Search for `word` as one query (not letter by letter); return the result links, best first."""
    open_search(page)
    box = page.locator(".md-search__input")
    box.fill(word)
    box.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item a")
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")


@pytest.mark.parametrize(("stem", "word"), MODULE_TERMS.items())
def test_search_finds_each_module_by_its_central_term(page, stem, word):
    """Danish search lists the module among the results for its central term."""
    page.open("")
    hrefs = search(page, word)
    assert any(f"/moduler/{stem}/" in h for h in hrefs), hrefs


def test_search_shows_the_teaching_module_first(page):
    """For each query a participant would type, the first hit is the module that teaches it."""
    misses = {}
    for word, stem in PARTICIPANT_QUERIES.items():
        page.open("")
        first = search(page, word)[0]
        if f"/moduler/{stem}/" not in first:
            misses[word] = first
    assert not misses, f"first hit is not the teaching module: {misses}"


# What a teacher preparing a class would type: each finds a page of the teacher's guide first.
TEACHER_QUERIES = ["facit", "svarnøgle", "lektionsplan", "slides"]


@pytest.mark.parametrize("word", TEACHER_QUERIES)
def test_search_finds_the_teachers_guide(page, word):
    page.open("")
    first = search(page, word)[0]
    assert "/underviser/" in first, first


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 360, "height": 640}])
def test_front_page_shows_the_way_in_for_teachers(make_page, viewport):
    """»For undervisere« is on the front page's first screen, next to »Start kurset«, on a projector and a phone."""
    page = make_page(viewport=viewport)
    page.open("")
    for name in ("Start kurset", "For undervisere"):
        link = page.get_by_role("link", name=name, exact=True)
        expect(link).to_be_in_viewport()
    page.get_by_role("link", name="For undervisere", exact=True).click()
    page.wait_for_url("**/underviser/")
    expect(page.locator("h1")).to_contain_text("Underviservejledning")


@pytest.mark.parametrize("code", ["default_rng", "csv.DictReader"])
def test_search_does_not_find_notebook_code(page, code):
    """A notebook's Python code is not search text: a word that only occurs in code finds nothing."""
    page.open("")
    open_search(page)
    box = page.locator(".md-search__input")
    box.fill(code)
    box.dispatch_event("keyup")
    page.wait_for_function(
        "() => (document.querySelector('.md-search-result__meta')?.textContent || '').includes('Ingen resultater')"
    )
    assert page.locator(".md-search-result__item").count() == 0


# All cookies blocked: reading either storage throws, as in Chromium with third-party and
# first-party cookies refused.
ALL_COOKIES_BLOCKED = """
for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException('Adgang nægtet', 'SecurityError'); },
  });
}
"""


def test_with_all_cookies_blocked_search_and_palette_still_work(make_page):
    """Without storage the theme works on memory: search answers, the palette toggles, no script fails."""
    page = make_page()
    page.add_init_script(ALL_COOKIES_BLOCKED)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.open("moduler/02-hvad-er-tillid/")
    toggle = page.get_by_title("Skift til mørkt tema")
    expect(toggle).to_be_visible()
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert "/moduler/02-hvad-er-tillid/" in search(page, "Luhmann")[0]
    expect(page.locator(".exercise__notice, .quiz__notice").first).to_be_attached()
    assert errors == []


def test_search_dialog_has_an_accessible_name(page):
    """The search dialog is named for screen readers."""
    page.open("")
    assert page.get_attribute(".md-search[role='dialog']", "aria-label") == "Søg i kurset"


def test_instant_navigation_keeps_the_page_working(page):
    """Clicking a nav link swaps the page without a reload (instant navigation is on)."""
    page.open("moduler/04-er-tillid-altid-godt/")
    page.evaluate("window.__marker = 1")
    page.click(".md-sidebar--primary a.md-nav__link[href$='moduler/05-metaltraethed/']")
    page.wait_for_url("**/moduler/05-metaltraethed/")
    page.wait_for_selector("h1:has-text('metaltræthed')")
    assert page.evaluate("window.__marker") == 1


FOCUS_UNDER_HEADER = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.closest('.md-header, .md-sidebar, .md-tabs, .md-skip')) return null;
  const r = el.getBoundingClientRect(), h = document.querySelector('.md-header').getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  return r.top < h.bottom - 1 ? (el.id || el.name || el.textContent.trim().slice(0, 40) || el.tagName) : null;
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 412, "height": 915}])
def test_focus_is_never_hidden_under_the_sticky_header(make_page, viewport):
    """WCAG 2.4.11: Tab forward through module 1 (text, quiz, exercise), then Shift+Tab back: no
    focused element in the content is even partly under the sticky header."""
    page = make_page(viewport=viewport)
    page.open("moduler/01-styring-og-ledelse/")
    hidden, steps = [], 0
    for key in ["Tab"] * 120 + ["Shift+Tab"] * 120:
        page.keyboard.press(key)
        steps += 1
        where = page.evaluate(FOCUS_UNDER_HEADER)
        if where:
            hidden.append(f"{key} #{steps}: {where}")
    assert not hidden, hidden


def test_nothing_needs_dragging(site, page):
    """WCAG 2.5.7: the order, match and categorize questions are answered with select boxes, so no
    element of any module page is draggable and every question works with a single pointer."""
    stems = sorted(p.parent.name for p in (site / "moduler").glob("*/index.html"))
    assert len(stems) == 10
    for stem in stems:
        page.open(f"moduler/{stem}/")
        assert page.locator("[draggable='true']").count() == 0, stem
        for kind in ("order", "match", "categorize"):
            for q in page.locator(f".quiz-q[data-type='{kind}']").all():
                assert q.locator("select").count() >= 2, (stem, kind)


def test_closed_drawer_takes_no_focus_on_a_phone(make_page):
    """On a phone the closed navigation drawer's links are out of the Tab order: a few Tabs from
    the top reach the module's text; opened with the menu button, the drawer's links take focus."""
    page = make_page(viewport={"width": 412, "height": 915})
    page.open("moduler/01-styring-og-ledelse/")
    for steps in range(1, 16):
        page.keyboard.press("Tab")
        where = page.evaluate("document.activeElement.closest('.md-sidebar--primary, article') ?.tagName || ''")
        assert where != "DIV", f"Tab {steps} went into the closed drawer"
        if where == "ARTICLE":
            break
    else:
        raise AssertionError("15 Tabs did not reach the module's text")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    link = page.locator(".md-sidebar--primary a.md-nav__link[href]").first
    link.focus()
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")

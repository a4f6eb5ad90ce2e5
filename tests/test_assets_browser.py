"""Scripts and stylesheets that only some pages use: in the page on a first visit, loaded by
store.js after instant navigation (scripts/assets.py)."""

from __future__ import annotations

from playwright.sync_api import expect

from conftest import answer_quiz, wait_until_ready

LOADED = """(name) => [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
  .filter(el => (el.src || el.href).endsWith('/assets/' + name)).length"""


def test_a_quiz_works_after_instant_navigation_from_a_page_without_one(page):
    """The front page has no quiz and loads neither quiz.js nor quiz.css; a click into a module
    (no reload) loads both once, and the quiz is styled and checks answers."""
    page.open("")
    wait_until_ready(page)
    assert page.evaluate(LOADED, "js/quiz.js") == 0 and page.evaluate(LOADED, "css/quiz.css") == 0
    page.evaluate("window.__marker = 1")
    page.locator("article a[href$='moduler/01-styring-og-ledelse/']").first.click()
    page.wait_for_url("**/moduler/01-styring-og-ledelse/")
    # The address changes before the new content is in: wait for the module's quiz to be set up.
    page.locator(".quiz[data-quiz][data-ready]").wait_for()
    wait_until_ready(page)
    assert page.evaluate("window.__marker") == 1  # the same document: instant navigation
    assert page.evaluate(LOADED, "js/quiz.js") == 1 and page.evaluate(LOADED, "css/quiz.css") == 1
    # quiz.css applies: the option list has no bullets
    expect(page.locator(".quiz__list")).to_have_css("list-style-type", "none")
    n = answer_quiz(page)
    expect(page.locator(".quiz__score")).to_have_text(f"{n} af {n} rigtige · {n} af {n} besvaret")


def test_the_big_screen_view_is_loaded_when_it_is_opened(page):
    """Module 6's timed exercise: presenter.js is not part of the page; »Vis på storskærm«
    loads it once, opens the view, and a second opening uses the same file."""
    page.open("moduler/06-tillid-og-kontrol/")
    assert page.evaluate(LOADED, "js/presenter.js") == 0
    show = page.get_by_role("button", name="Vis på storskærm").first
    for _ in range(2):
        show.click()
        dialog = page.locator(".exercise-present[data-ready]")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("button", name="Start")).to_be_focused()
        dialog.get_by_role("button", name="Luk").click()
        expect(dialog).to_have_count(0)
        expect(show).to_be_focused()
    assert page.evaluate(LOADED, "js/presenter.js") == 1

"""»Vis modulet som slides«: a module as a presentation, made from the page, in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import ROOT, assert_accessible, normalize_text
from scripts.modules import read_modules

MODULES = read_modules(ROOT / "docs")
M06 = next(m for m in MODULES if m.stem.startswith("06-"))
ROOMS = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


def open_slides(page, module, query: bool = True):
    page.open(f"moduler/{module.stem}/" + ("?slides" if query else ""))
    if not query:
        page.get_by_role("button", name="Vis modulet som slides").click()
    dialog = page.locator(".slides[data-ready]")
    expect(dialog).to_be_visible()
    return dialog


def current(page):
    return page.locator(".slides__slide:not([hidden])")


def slide_title(page) -> str:
    return normalize_text(current(page).locator("h2").inner_text())


def headings(page, module) -> list[str]:
    """The module's own section headings (h2), from the page behind the slides."""
    return [normalize_text(t).rstrip("¶").strip() for t in
            page.locator("article.md-content__inner > h2").all_inner_texts()]


@pytest.mark.parametrize("room", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_keyboard_walks_the_module_from_title_to_key_points(make_page, room):
    """Keys only: the title and objectives, a slide per section in order, the key points last; F for full screen; Esc closes."""
    page = make_page(viewport={"width": room[0], "height": room[1]})
    page.open(f"moduler/{M06.stem}/")
    opener = page.get_by_role("button", name="Vis modulet som slides")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(".slides[data-ready]")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("role", "dialog")
    total = page.locator(".slides__slide").count()
    expect(page.locator(".slides__counter")).to_have_text(f"1 / {total}")
    first = normalize_text(current(page).inner_text())
    assert normalize_text(M06.title) in first and f"Modul {M06.number} af" in first
    page.keyboard.press("ArrowRight")
    assert slide_title(page) == "Det lærer du"
    goals = normalize_text(current(page).inner_text())
    for goal in M06.objectives:
        assert normalize_text(re.sub(r"[*`]", "", goal))[:40] in goals, goal
    page.keyboard.press("Home")

    sections = ["Det lærer du"] + [h for h in headings(page, M06) if h not in ("Nøglepointer", "Test dig selv", "Videre")]
    seen = []
    for _ in range(total - 1):
        page.keyboard.press("ArrowRight")
        t = slide_title(page)
        if not t.endswith("(fortsat)"):
            seen.append(t)
    assert seen == sections + ["Nøglepointer"]
    expect(page.locator(".slides__counter")).to_have_text(f"{total} / {total}")
    points = page.locator("article.md-content__inner > h2#noeglepointer + ul > li").all_inner_texts()
    last = normalize_text(current(page).inner_text())
    for p in points:
        assert normalize_text(p)[:50] in last

    page.keyboard.press("Home")
    expect(page.locator(".slides__counter")).to_have_text(f"1 / {total}")
    page.keyboard.press(" ")
    expect(page.locator(".slides__counter")).to_have_text(f"2 / {total}")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".slides__counter")).to_have_text(f"1 / {total}")
    page.keyboard.press("End")
    expect(page.locator(".slides__counter")).to_have_text(f"{total} / {total}")
    expect(page.locator(".slides__live")).to_contain_text(f"Slide {total} af {total}: Nøglepointer")
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement && document.fullscreenElement.matches('.slides')")
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_slides_are_accessible(make_page, scheme):
    """axe (WCAG 2.2 AA) on the open presentation, on a text slide and on a table slide, light and dark."""
    page = make_page(viewport={"width": 1280, "height": 720}, color_scheme=scheme)
    open_slides(page, M06)
    assert_accessible(page, ".slides")
    while not current(page).locator(".slides__card, .slides__table").count():
        page.keyboard.press("ArrowRight")
    assert_accessible(page, ".slides")
    for button in page.locator(".slides__bar button").all():
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


@pytest.mark.parametrize("room", ROOMS, ids=[f"{w}x{h}" for w, h in ROOMS])
def test_every_slide_fits_the_screen(make_page, room):
    """From a 1024×768 projector to a 4K screen: no slide of any module is cut off, and text is at least 32 px."""
    width, height = room
    page = make_page(viewport={"width": width, "height": height})
    cut = []
    for m in MODULES:
        open_slides(page, m)
        cut += page.evaluate("""(stem) => [...document.querySelectorAll('.slides__slide')].flatMap((s, i) => {
            s.hidden = false;
            const b = s.querySelector('.slides__body');
            const over = b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1 ||
                         s.getBoundingClientRect().bottom > document.querySelector('.slides__bar').getBoundingClientRect().top + 1;
            const small = [...b.querySelectorAll('p, li, td, th')].some(e => parseFloat(getComputedStyle(e).fontSize) < 32);
            s.hidden = true;
            return over || small ? [`${stem} ${i + 1}: ${over ? 'cut off' : 'text under 32 px'}`] : [];
        })""", m.stem)
    assert not cut, cut


def test_timed_exercise_slide_starts_the_big_screen_timer(make_page):
    """The buzz exercise's slide starts the countdown on top of the slides; Esc returns to the same slide."""
    page = make_page(viewport={"width": 1280, "height": 720})
    open_slides(page, M06)
    while not current(page).get_by_role("button", name="Start nedtælling").count():
        page.keyboard.press("ArrowRight")
    counter = page.locator(".slides__counter").inner_text()
    start = current(page).get_by_role("button", name="Start nedtælling")
    start.click()
    timer = page.locator(".exercise-present")
    expect(timer).to_be_visible()
    expect(timer.locator('[role="timer"]')).to_have_text(re.compile(r"^\d\d:\d\d$"))
    page.keyboard.press("Escape")
    expect(timer).to_have_count(0)
    expect(start).to_be_focused()
    expect(page.locator(".slides__counter")).to_have_text(counter)


def test_big_screen_timer_returns_focus_after_the_slides_are_laid_out_anew(make_page):
    """The window changes size under the timer (its full screen, a projector): the slides are laid
    out again behind it, and Esc still returns to the new »Start nedtælling«."""
    page = make_page(viewport={"width": 1280, "height": 720})
    dialog = open_slides(page, M06)
    while not current(page).get_by_role("button", name="Start nedtælling").count():
        page.keyboard.press("ArrowRight")
    current(page).get_by_role("button", name="Start nedtælling").click()
    timer = page.locator(".exercise-present")
    expect(timer).to_be_visible()
    page.set_viewport_size({"width": 1024, "height": 640})
    expect(dialog).to_have_attribute("data-layout", re.compile(r"^\d+x\d+$"))
    page.keyboard.press("Escape")
    expect(timer).to_have_count(0)
    start = page.locator(".slides__slide:not([hidden]) .slides__timer")
    expect(start).to_be_focused()


def test_notes_follow_the_slides_in_a_second_window(make_page):
    """»Noter« opens the speaker notes (the section's whole text) in a window that follows the slides."""
    page = make_page(viewport={"width": 1280, "height": 720})
    open_slides(page, M06)
    while slide_title(page) != "Kan kontrol hjælpe?":
        page.keyboard.press("ArrowRight")
    with page.expect_popup() as info:
        page.get_by_role("button", name="Noter").click()
    notes = info.value
    paragraph = normalize_text(page.locator("article.md-content__inner > h2#kan-kontrol-hjaelpe + p").inner_text())
    expect(notes.locator("h1")).to_contain_text("Kan kontrol hjælpe?")
    assert paragraph in normalize_text(notes.locator("body").inner_text())
    page.locator(".slides").press("ArrowRight")
    expect(notes.locator("h1")).not_to_contain_text("Kan kontrol hjælpe? ·")
    expect(notes.locator("h1")).to_contain_text(slide_title(page))


def test_slides_print_as_a_handout_with_notes(make_page):
    """Printed while open: every slide on a page of its own with its notes, and nothing of the page behind."""
    page = make_page(viewport={"width": 1280, "height": 720})
    open_slides(page, M06)
    total = page.locator(".slides__slide").count()
    page.emulate_media(media="print")
    expect(page.locator(".slides__slide:visible")).to_have_count(total)
    expect(page.locator(".md-container")).to_be_hidden()
    expect(page.locator(".slides__bar")).to_be_hidden()
    expect(page.locator(".slides__notes:visible").first).to_contain_text("Noter")
    assert page.locator(".slides__slide").first.evaluate("s => getComputedStyle(s).breakAfter") == "page"


def test_lesson_plans_open_each_talk_as_slides(page):
    """Every module step of a lesson plan links the module as slides."""
    page.open("underviser/lektionsplaner/")
    links = page.locator("article a", has_text=re.compile("^slides$"))
    assert links.count() >= len(MODULES) - 1
    links.first.click()
    expect(page.locator(".slides[data-ready]")).to_be_visible()
    assert urlparse(page.url).query == "slides"

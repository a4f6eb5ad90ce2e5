"""Progress in a real browser: marks in the navigation and tables, Min fremgang, Fortsæt hvor du slap, Kursusbevis."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from pypdf import PdfReader

from conftest import answer_quiz, assert_accessible, normalize_text

pytestmark = pytest.mark.browser

MODULE4 = "04-er-tillid-altid-godt"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
NAME = "Karen Skovgaard Jensen"
TAKEAWAY = "Jeg vil spørge, hvem der bruger registreringen, før vi indfører en ny."


@pytest.fixture(scope="module")
def course(site) -> dict:
    """The course structure, as the site carries it in assets/js/kursus-data.js."""
    text = (site / "assets" / "js" / "kursus-data.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"window\.SamskabtKursus = (.*);\n", text, re.S).group(1))


def done_data(course: dict, stems=None) -> dict:
    """Stored values (keys without prefix) that complete the given modules (all when None)."""
    data = {}
    for m in course["modules"]:
        if stems is not None and m["stem"] not in stems:
            continue
        data[f"visit:{m['stem']}"] = {"v": 1, "first": "2025-03-01T09:00:00Z", "last": "2025-03-01T09:30:00Z"}
        if m["bank"]:
            data[f"quiz:{m['bank']}"] = {"v": 1, "answers": {q: {"value": "1", "correct": True, "checked": True}
                                                              for q in m["questions"]}}
        for ex in m["exercises"]:
            for p in ex["prompts"][: 2 if ex["id"] == "hvad-tager-i-med" else 1]:
                text = TAKEAWAY if p["id"] == "handling" else f"Mit svar til {p['id']}"
                data[f"note:{ex['id']}/{p['id']}"] = {"v": 1, "text": text, "saved": "2025-03-01T09:10:00Z"}
    return data


def seed(page, data: dict):
    """Write values into localStorage the way Samskabt.store does, then reload."""
    page.evaluate("""d => { for (const [k, v] of Object.entries(d))
                              localStorage.setItem("samskabt:v1:" + k, JSON.stringify(v)); }""", data)
    page.reload()
    page.wait_for_load_state("load")


def stored(page) -> dict:
    return page.evaluate("Samskabt.store.dump()")


def nav_state(page, stem: str) -> list[str]:
    """The screen-reader text of every status mark on the sidebar link to a module."""
    return page.evaluate(
        """stem => Array.from(document.querySelectorAll("a.md-nav__link"))
             .filter(a => !a.getAttribute("href").includes("#")
                          && new URL(a.href).pathname.endsWith("/moduler/" + stem + "/"))
             .map(a => Array.from(a.querySelectorAll(".progress-mark .progress-sr")).map(s => s.textContent).join("|"))""",
        stem,
    )


def wait_for_path(page, path: str):
    """Wait until the page shows `path` (Material's navigation.tracking may add a #section)."""
    page.wait_for_url(re.compile("^" + re.escape(page.base_url + path) + r"(#.*)?$"))


def row_text(page, selector: str, number: int) -> str:
    return " ".join(page.locator(selector).nth(number - 1).inner_text().split())


normalize = normalize_text


def test_fresh_visitor_sees_start_and_not_started(page):
    """Before anything is stored: "Start kurset" to module 1, and every module is "Ikke startet"."""
    page.open("")
    start = page.locator("[data-continue] a")
    assert start.count() == 1
    assert start.inner_text().strip() == "Start kurset"
    assert start.get_attribute("href").endswith("moduler/01-styring-og-ledelse/")
    page.open("moduler/")
    assert page.locator("table th.progress-col").inner_text() == "Status"
    cells = page.locator("table td.progress-col .progress-mark__text").all_inner_texts()
    assert cells == ["Ikke startet"] * 10
    assert nav_state(page, MODULE4) == [" – ikke startet"]


def test_working_through_a_module_updates_every_view(page):
    """Open module 4, pass its quiz and write its exercise: nav, Min fremgang and the front page follow."""
    page.open("")
    page.evaluate("window.__sameDocument = true")
    page.locator("table a[href$='moduler/04-er-tillid-altid-godt/']").click()
    wait_for_path(page, "moduler/04-er-tillid-altid-godt/")
    page.wait_for_function("() => Samskabt.store.get('lastModule', {}).stem === '04-er-tillid-altid-godt'")
    assert nav_state(page, MODULE4) == [" – i gang"]
    assert stored(page)[f"visit:{MODULE4}"]["first"]

    count = answer_quiz(page)
    saved = stored(page)["quiz:er-tillid-altid-godt"]["answers"]
    assert len(saved) == count and all(a["correct"] and a["checked"] for a in saved.values())
    assert nav_state(page, MODULE4) == [" – i gang"], "the exercise is still missing"

    page.locator("#ex-tillid-til-hvem-relation").fill("En kollega i visitationen, som jeg deler sager med.")
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll("a.md-nav__link .progress-sr"))
                   .some(s => s.textContent === " – fuldført")""", timeout=5000)
    assert nav_state(page, MODULE4) == [" – fuldført"]

    page.locator("a.md-nav__link[href$='min-fremgang/']").click()
    wait_for_path(page, "min-fremgang/")
    page.wait_for_selector(".progress-table tbody tr")
    assert page.locator(".progress-summary").inner_text() == \
        "1 af 10 moduler fuldført. Du mangler cirka 4 timer og 5 minutter."
    row = row_text(page, ".progress-table tbody tr", 4)
    assert row == f"Modul 4: Er tillid altid godt? ✓ Fuldført {count} af {count} rigtige 1 af 1 skrevet"
    assert "Ikke startet" in row_text(page, ".progress-table tbody tr", 1)
    assert nav_state(page, MODULE4) == [" – fuldført"]

    page.locator("a.md-nav__link", has_text="Forside").first.click()
    wait_for_path(page, "")
    page.wait_for_selector(".continue__title")
    assert page.locator(".continue__title").inner_text() == "Fortsæt hvor du slap"
    go = page.locator("[data-continue] a.md-button--primary")
    assert go.inner_text() == "Modul 1: Styring og ledelse – hvordan hænger de sammen?", \
        "module 4 is done, so the first unfinished module is next"
    assert "1 af 10 moduler fuldført" in page.locator("[data-continue]").inner_text()
    assert page.locator("table td.progress-col").nth(3).inner_text().strip().endswith("Fuldført")

    # Open module 2 and come back: the last module opened and not finished comes first.
    page.locator("table a[href$='moduler/02-hvad-er-tillid/']").click()
    wait_for_path(page, "moduler/02-hvad-er-tillid/")
    page.wait_for_function("() => Samskabt.store.get('lastModule', {}).stem === '02-hvad-er-tillid'")
    page.go_back()
    wait_for_path(page, "")
    page.wait_for_function("""() => (document.querySelector("[data-continue] a.md-button--primary") || {})
                                 .textContent === "Modul 2: Hvad er tillid?" """)
    assert page.locator("table td.progress-col").nth(1).inner_text().strip().endswith("I gang")

    # After all this instant navigation every module link carries exactly one mark.
    page.locator("[data-continue] a.md-button--primary").click()
    wait_for_path(page, "moduler/02-hvad-er-tillid/")
    page.wait_for_function("""() => document.querySelectorAll(
        ".md-sidebar--primary a.md-nav__link .progress-mark").length >= 10""")
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation was not used"
    marks = page.evaluate("""() => Array.from(document.querySelectorAll(".md-sidebar--primary a.md-nav__link"))
                               .map(a => a.querySelectorAll(".progress-mark").length).filter(n => n)""")
    assert marks == [1] * 10


def test_certificate_lists_what_is_missing(page, course):
    """Before all modules are done, Kursusbevis lists per module what is missing, and no summary."""
    page.open("kursusbevis/")
    m6 = next(m for m in course["modules"] if m["stem"] == "06-tillid-og-kontrol")
    data = done_data(course, {MODULE4})
    data["quiz:" + m6["bank"]] = {"v": 1, "answers": {q: {"value": "1", "correct": i < 2, "checked": True}
                                                      for i, q in enumerate(m6["questions"])}}
    seed(page, data)
    page.wait_for_selector(".certificate-missing li")
    items = [normalize(t) for t in page.locator(".certificate-missing li").all_inner_texts()]
    assert len(items) == 9
    assert not any(t.startswith("Modul 4:") for t in items)
    n = len(m6["questions"])
    need = -(-n * 4 // 5)
    assert (f"Modul 6: Tillid og kontrol – modstandere eller medspillere? – quiz: 2 af {n} rigtige, "
            f"mindst {need} skal være rigtige; øvelser: 0 af 2 skrevet") in items
    assert page.locator(".certificate").is_hidden()
    assert "Du mangler 9 moduler" in page.locator(".certificate-missing").inner_text()


def test_certificate_prints_name_and_modules_to_pdf(page, course, tmp_path):
    """All done: type a name, it is kept locally, and the PDF holds only the summary with name and modules."""
    page.open("kursusbevis/")
    seed(page, done_data(course))
    page.wait_for_selector(".certificate", state="visible")
    page.locator("#certificate-name").fill(NAME)
    assert stored(page)["name"] == {"v": 1, "name": NAME}
    page.reload()
    page.wait_for_selector(".certificate", state="visible")
    assert page.locator("#certificate-name").input_value() == NAME
    assert page.locator(".certificate__name").inner_text() == NAME
    today = datetime.date.today()
    date = f"{today.day}. {MONTHS[today.month - 1]} {today.year}"
    assert page.locator(".certificate__date").inner_text() == f"Dato: {date}"

    pdf = tmp_path / "kursusbevis.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(str(pdf))
    pages = [normalize(p.extract_text()) for p in reader.pages]
    text = " ".join(pages)
    assert NAME in text
    for m in course["modules"]:
        assert normalize(m["title"]) in text, m["title"]
    for expected in ["Egenerklæret kursusoversigt".upper(), "Samskabt styring", "ikke et officielt",
                     TAKEAWAY, f"Dato: {date}"]:
        assert normalize(expected) in text, expected
    for chrome in ["Udskriv eller gem som PDF", "Dit navn på oversigten", "Når du har gennemført alle kursets",
                   "Min fremgang", "Søg"]:
        assert chrome not in text, f"{chrome!r} should not be printed"
    # The summary is one sheet: name and every module on the first page, and no page after it
    # that is blank (page count alone would hang on the fonts the machine has).
    assert NAME in pages[0] and all(normalize(m["title"]) in pages[0] for m in course["modules"])
    assert all(pages), f"blank page in the PDF: {[i + 1 for i, t in enumerate(pages) if not t]}"


def tab_to(page, predicate: str, limit: int = 120):
    """Press Tab until the focused element satisfies the JS predicate `el => …`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"never reached {predicate} with Tab")


def test_keyboard_only(page, course):
    """Continue link, "Nulstil alt" and the name field with its print button all work with Tab and Enter."""
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.open("")
    seed(page, done_data(course, {"01-styring-og-ledelse"}))
    tab_to(page, "el => el.matches('[data-continue] a.md-button--primary')")
    assert page.evaluate("document.activeElement.textContent") == "Modul 2: Hvad er tillid?"
    page.keyboard.press("Enter")
    wait_for_path(page, "moduler/02-hvad-er-tillid/")

    page.open("min-fremgang/")
    page.wait_for_selector(".progress-table tbody tr")
    assert page.locator(".progress-summary").inner_text().startswith("1 af 10")
    page.once("dialog", lambda d: d.accept())
    tab_to(page, "el => el.textContent === 'Nulstil alt'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('progress-summary')")
    assert page.locator(".progress-summary").inner_text().startswith("0 af 10")
    assert page.locator(".progress-said").inner_text() == "Alt er slettet."
    assert stored(page) == {}

    page.open("kursusbevis/")
    seed(page, done_data(course))
    tab_to(page, "el => el.id === 'certificate-name'")
    page.keyboard.type("Ole")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Udskriv eller gem som PDF"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    assert page.locator(".certificate__name").inner_text() == "Ole"


def test_reset_asks_first(page, course):
    """Dismissing the confirmation keeps everything."""
    page.open("min-fremgang/")
    seed(page, done_data(course, {MODULE4}))
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Nulstil alt").click()
    assert f"visit:{MODULE4}" in stored(page)
    assert page.locator(".progress-summary").inner_text().startswith("1 af 10")


BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("Adgang nægtet", "SecurityError"); } });"""


def test_without_storage_a_notice_explains_it(make_page):
    """With localStorage blocked, Min fremgang and Kursusbevis say progress cannot be saved, and still work."""
    page = make_page()
    page.add_init_script(BLOCK_STORAGE)
    for path in ["min-fremgang/", "kursusbevis/"]:
        page.open(path)
        notice = page.locator(".progress-notice")
        assert notice.count() == 1
        assert "fremgang kan derfor ikke gemmes" in notice.inner_text()
    page.open("min-fremgang/")
    assert page.locator(".progress-summary").inner_text().startswith("0 af 10")
    page.open("")
    assert page.locator("[data-continue] a").inner_text().strip() == "Start kurset"


def test_with_storage_there_is_no_notice(page):
    """The notice only appears when storage is unavailable."""
    page.open("min-fremgang/")
    page.wait_for_selector(".progress-table")
    assert page.locator(".progress-notice").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_is_accessible(make_page, course, scheme):
    """axe finds no WCAG A/AA violations on any progress view, in the light and the dark palette."""
    page = make_page(color_scheme=scheme)
    page.open("")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    assert_accessible(page)  # "Start kurset"
    partial = done_data(course, {MODULE4})
    partial["visit:06-tillid-og-kontrol"] = partial[f"visit:{MODULE4}"]
    seed(page, partial)
    for path in ["", "moduler/", f"moduler/{MODULE4}/", "min-fremgang/", "kursusbevis/"]:
        page.open(path)
        if path != "kursusbevis/":
            page.locator(".progress-mark").first.wait_for(state="attached")
        assert_accessible(page)
    seed(page, done_data(course))
    for path in ["", "min-fremgang/", "kursusbevis/"]:
        page.open(path)
        if path == "kursusbevis/":
            page.locator("#certificate-name").fill(NAME)
            assert page.locator(".certificate").is_visible()
        assert_accessible(page)


@pytest.mark.parametrize("width", [412, 320])
def test_min_fremgang_reflows_on_a_phone(make_page, course, width):
    """WCAG 1.4.10: at 412 and 320 px «Min fremgang» scrolls only up and down, and no module
    name is broken inside a word."""
    page = make_page(viewport={"width": width, "height": 800})
    page.open("min-fremgang/")
    seed(page, done_data(course, {"01-styring-og-ledelse"}))
    page.wait_for_selector(".progress-table tbody tr")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("(() => { const t = document.querySelector('.progress-table');"
                         " return t.scrollWidth <= t.parentElement.clientWidth; })()")
    broken = page.evaluate("""() => [...document.querySelectorAll('.progress-table tbody td:first-child a')]
      .filter(a => { const words = a.textContent.split(/\\s+/);
        const probe = document.createElement('span'); probe.style.whiteSpace = 'nowrap';
        a.appendChild(probe);
        const bad = words.some(w => { probe.textContent = w; return probe.getBoundingClientRect().width > a.parentElement.clientWidth; });
        probe.remove(); return bad || a.scrollWidth > a.parentElement.clientWidth; })
      .map(a => a.textContent)""")
    assert not broken, broken
    rows = page.locator(".progress-table tbody tr")
    assert rows.count() == 10
    assert "1 af 10" in page.locator(".progress-summary").inner_text()

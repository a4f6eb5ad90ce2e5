"""The teacher guide: lesson plans, module guide, links to hand out, answer key, accessibility."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT
from scripts.exercises import load_exercises
from scripts.lesson_plans import load_lessons
from scripts.modules import read_modules
from scripts.quiz import load_banks

GUIDE = "underviser/"
PAGES = ["", "lektionsplaner/", "moduler/", "summeoevelse/", "tildeling/", "moodle/", "svarnoegle/"]
CLOCK = re.compile(r"^(\d+):(\d\d)–(\d+):(\d\d)$")


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str):
    return soup(site, url).select_one("article.md-content__inner")


def text(el) -> str:
    return " ".join(el.get_text(" ").split())


def modules():
    return read_modules(ROOT / "docs")


def exercises():
    found, errors = load_exercises(ROOT / "quizzes", {m.stem for m in modules()}, ROOT)
    assert not errors
    return found


def minutes_of(clock: str) -> tuple[int, int]:
    h1, m1, h2, m2 = map(int, CLOCK.match(clock).groups())
    return h1 * 60 + m1, h2 * 60 + m2


# --- Lesson plans ---------------------------------------------------------------------


def plan_sections(page) -> dict[str, list]:
    """Each plan's h2 id -> the elements up to the next h2."""
    sections: dict[str, list] = {}
    current = None
    for el in page.find_all(["h2", "h3", "p", "table", "ul"]):
        if el.name == "h2":
            current = el.get("id")
            sections[current] = [el]
        elif current:
            sections[current].append(el)
    return sections


def test_every_lesson_plan_adds_up_on_the_built_page(site):
    """Each timetable's clock runs without gaps, its rows add up to the session, and the sessions to the plan."""
    data = yaml.safe_load((ROOT / "quizzes" / "lektionsplaner.yml").read_text(encoding="utf-8"))
    sections = plan_sections(article(site, GUIDE + "lektionsplaner/"))
    assert len(data["plans"]) == 3
    for plan in data["plans"]:
        assert plan["id"] in sections, f"plan {plan['id']} is not on the page"
        els = sections[plan["id"]]
        stated = next(int(m.group(1)) for e in els if e.name == "p"
                      and (m := re.search(r"Samlet tid i undervisningen: (\d+) minutter", text(e))))
        assert stated == plan["total_minutes"]
        headings = [e for e in els if e.name == "h3"]
        tables = [e for e in els if e.name == "table"]
        assert len(headings) == len(tables) == len(plan["sessions"])
        sessions_sum = 0
        for heading, table in zip(headings, tables):
            session_minutes = int(re.search(r"\((\d+) min\)", text(heading)).group(1))
            rows = [[text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
            *timed, total_row = rows
            assert total_row[1] == "I alt"
            clock = 0
            for when, content, minutes in timed:
                start, end = minutes_of(when)
                assert start == clock, f"{plan['id']}: {content} starts at {when}, expected {clock} min"
                assert end - start == int(minutes), f"{plan['id']}: {content}: {when} is not {minutes} min"
                clock = end
            assert clock == sum(int(r[2]) for r in timed) == int(total_row[2]) == session_minutes
            sessions_sum += session_minutes
        assert sessions_sum == plan["total_minutes"], plan["id"]


def test_lesson_plan_rows_take_titles_from_the_modules_and_exercises(site):
    """A module row shows the module's front-matter title, a timed exercise its phases' total."""
    page = article(site, GUIDE + "lektionsplaner/")
    cells = [text(td) for td in page.select("table td")]
    for m in modules():
        if any(f"Modul {m.number}:" in c for c in cells):
            assert any(f"Modul {m.number}: {m.title}" in c for c in cells), m.stem
    summe = next(ex for ex in exercises() if ex.id == "summeoevelse")
    total = int(sum(p.minutes for p in summe.phases))
    rows = [[text(td) for td in tr.find_all("td")] for tr in page.select("table tbody tr")]
    summe_rows = [r for r in rows if summe.title in r[1]]
    assert summe_rows and all(int(r[2]) == total for r in summe_rows)
    link = page.find("a", string=re.compile(re.escape(summe.title)))
    assert link["href"] == "../../moduler/06-tillid-og-kontrol/#ovelse-summeoevelse"


PLAN = """\
plans:
  - id: proeve
    title: Prøveplan
    intro: En plan til testen.
    total_minutes: {total}
    sessions:
      - title: Første gang
        minutes: {session}
        rows:
          - minutes: 10
            activity: Velkomst
          - minutes: 20
            module: 01-styring-og-ledelse
          - exercise: summeoevelse
"""


def load_plan(tmp_path: Path, yaml_text: str):
    path = tmp_path / "lektionsplaner.yml"
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return load_lessons(tmp_path, modules(), exercises(), tmp_path)


def test_a_plan_that_adds_up_loads(tmp_path):
    """The reference plan is valid (10 + 20 + the summeøvelse's 15 = 45), so the next tests' errors are their own."""
    plans, errors = load_plan(tmp_path, PLAN.format(total=45, session=45))
    assert errors == []
    assert plans[0].id == "proeve"


def test_a_wrong_total_is_an_error_at_its_line(tmp_path):
    """A plan whose sessions do not add up to total_minutes names the file, the line and both numbers."""
    _, errors = load_plan(tmp_path, PLAN.format(total=60, session=45))
    assert [str(e) for e in errors] == [
        "lektionsplaner.yml:5: plans[0].total_minutes: the sessions add up to 45 minutes, but total_minutes is 60"
    ]


def test_a_session_that_does_not_add_up_is_an_error_at_its_line(tmp_path):
    """Rows that do not fill their session are reported at the session's minutes with both numbers."""
    _, errors = load_plan(tmp_path, PLAN.format(total=50, session=50))
    assert [str(e) for e in errors] == [
        "lektionsplaner.yml:8: plans[0].sessions[0].minutes: the rows add up to 45 minutes, but the session says 50"
    ]


def test_unknown_module_and_exercise_are_errors(tmp_path):
    """A row naming a module page or an exercise that does not exist is an error at that row."""
    bad = PLAN.format(total=45, session=45).replace("01-styring-og-ledelse", "01-findes-ikke").replace(
        "exercise: summeoevelse", "exercise: findes-ikke\n            minutes: 15")
    _, errors = load_plan(tmp_path, bad)
    messages = [str(e) for e in errors]
    assert "lektionsplaner.yml:13: plans[0].sessions[0].rows[1].module: no module page docs/moduler/01-findes-ikke.md" in messages
    assert "lektionsplaner.yml:14: plans[0].sessions[0].rows[2].exercise: no exercise 'findes-ikke' in quizzes/ovelser.yml" in messages


def test_a_row_with_two_kinds_is_an_error(tmp_path):
    """A row must say exactly one of module, exercise, quiz or activity."""
    bad = PLAN.format(total=45, session=45).replace("activity: Velkomst", "activity: Velkomst\n            quiz: 01-styring-og-ledelse")
    plans, errors = load_plan(tmp_path, bad)
    assert plans == []
    assert [str(e) for e in errors] == [
        "lektionsplaner.yml:10: plans[0].sessions[0].rows[0]: a row needs exactly one of module, exercise, quiz,"
        " activity (found: quiz, activity)"
    ]


def test_the_real_lesson_plans_have_no_errors():
    """quizzes/lektionsplaner.yml loads without a single error."""
    plans, errors = load_lessons(ROOT / "quizzes", modules(), exercises(), ROOT)
    assert errors == [], "\n".join(map(str, errors))
    assert {p.id for p in plans} == {"workshop", "to-gange-90", "flipped"}


# --- Module guide, links to hand out, answer key --------------------------------------


def test_module_guide_shows_every_module_with_title_and_minutes(site):
    """Each module has a heading »Modul N: <title> (M min)« from its front matter and a link to the module."""
    page = article(site, GUIDE + "moduler/")
    headings = {h.get("id"): text(h).rstrip("¶ ").strip() for h in page.find_all("h2")}
    for m in modules():
        assert headings.get(f"modul-{m.number}") == f"Modul {m.number}: {m.title} ({m.minutes} min)", m.stem
        assert page.find("a", href=f"../../moduler/{m.stem}/"), m.stem


def test_module_guide_links_every_exercise(site):
    """Every exercise is linked from the module guide at its anchor in its module."""
    page = article(site, GUIDE + "moduler/")
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    for ex in exercises():
        assert f"../../moduler/{ex.module}/#ovelse-{ex.id}" in hrefs, ex.id


def test_assignment_page_lists_every_module_and_exercise(site):
    """The links to hand out cover each module and each exercise, and work without JavaScript."""
    page = article(site, GUIDE + "tildeling/")
    links = {a["href"]: text(a) for a in page.select("a.copylink__link")}
    for m in modules():
        assert links.get(f"../../moduler/{m.stem}/") == f"moduler/{m.stem}/"
    for ex in exercises():
        assert links.get(f"../../moduler/{ex.module}/#ovelse-{ex.id}") == f"moduler/{ex.module}/#ovelse-{ex.id}"
    assert len(links) == len(modules()) + len(exercises())
    for href in links:  # every link leads to a page, and an exercise link to its heading
        path, _, anchor = href.partition("#")
        target = (site / GUIDE / "tildeling" / path / "index.html").resolve()
        assert target.is_file(), href
        if anchor:
            assert soup(site, target.parent.relative_to(site).as_posix()).find(id=anchor), href


def test_answer_key_lists_every_question_of_every_bank(site):
    """Every question of every bank appears with its id, under its module, after a teachers-only notice."""
    page = article(site, GUIDE + "svarnoegle/")
    warning = page.select_one(".admonition.warning")
    assert warning and "Til undervisere" in text(warning)
    mods = {m.stem: m for m in modules()}
    banks, errors = load_banks(ROOT / "quizzes", {m.stem: set(m.anchors) for m in mods.values()}, ROOT)
    assert not errors and banks
    for lb in banks:
        heading = page.find("h2", id=f"modul-{mods[lb.bank.module].number}")
        assert heading, lb.bank.module
        for q in lb.bank.questions:
            item = page.find("li", id=f"svar-{lb.bank.id}-{q.id}")
            assert item is not None, f"{lb.bank.id}/{q.id} is missing"
            assert q.id in text(item)
            assert "Rigtigt svar:" in text(item) and "Forklaring:" in text(item)
            assert item.find_previous("h2") is heading


def test_answer_key_stays_out_of_search(site):
    """Participants searching the course do not land on the answers; the guide's other pages are found."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert GUIDE + "lektionsplaner/" in locations
    assert GUIDE + "svarnoegle/" not in locations


TEACHERS_ONLY = ["svarnoegle/", "hele-kurset-med-facit/"]


@pytest.mark.parametrize("url", TEACHERS_ONLY)
def test_keys_are_for_teachers_only(site, url):
    """The answer key and the print with key: noindex, out of the sitemap and the participants' menu, linked from the guide."""
    page = soup(site, GUIDE + url)
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{GUIDE}{url}<" not in sitemap and f"/{GUIDE}lektionsplaner/<" in sitemap
    for other in ("", "moduler/01-styring-og-ledelse/", GUIDE):
        menu = soup(site, other).select_one("nav.md-nav--primary")
        hrefs = [a["href"] for a in menu.find_all("a", href=True)]
        assert not [h for h in hrefs if url.rstrip("/") in h], (other, hrefs)
    guide_links = [a["href"] for a in article(site, GUIDE).find_all("a", href=True)]
    assert any(h.split("#")[0] == url for h in guide_links), guide_links


def test_the_answer_key_links_each_module_with_its_key(site):
    """From the answer key the teacher opens any module »med facit« (quiz.js then prints the key)."""
    links = article(site, GUIDE + "svarnoegle/").select(".answer-key__prints a")
    assert [a["href"] for a in links] == [f"../../moduler/{m.stem}/?facit" for m in modules()
                                          if (ROOT / "quizzes" / f"{m.stem}.yml").exists()]
    assert all(text(a).endswith("med facit") for a in links)


def test_moodle_page_links_the_downloads(site):
    """The Moodle guide offers both export files and walks through the import."""
    page = article(site, GUIDE + "moodle/")
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert "../../downloads/samskabt-styring-gift.txt" in hrefs
    assert "../../downloads/samskabt-styring-moodle.xml" in hrefs
    steps = [text(li) for li in page.select("ol > li")]
    assert any("Importér" in s for s in steps) and any("Spørgsmålsbank" in s for s in steps)


# --- In the browser -------------------------------------------------------------------


@pytest.mark.browser
def test_copy_link_puts_the_absolute_url_on_the_clipboard(make_page, base_url):
    """»Kopiér link« copies the full address of the module or exercise and says so."""
    page = make_page(permissions=["clipboard-read", "clipboard-write"])
    page.open(GUIDE + "tildeling/")
    module_link = page.locator('a.copylink__link[data-label="modul 6"]')
    expected = base_url + "moduler/06-tillid-og-kontrol/"
    expect(module_link).to_have_text(expected)
    row = page.locator("tr", has=module_link)
    row.get_by_role("button", name="Kopiér link").click()
    expect(row.get_by_role("status")).to_have_text("Linket er kopieret")
    assert page.evaluate("navigator.clipboard.readText()") == expected

    ex_link = page.locator('a.copylink__link[href$="#ovelse-summeoevelse"]')
    ex_row = page.locator("tr", has=ex_link)
    ex_row.get_by_role("button", name="Kopiér link").click()
    expect(ex_row.get_by_role("status")).to_have_text("Linket er kopieret")
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "moduler/06-tillid-og-kontrol/#ovelse-summeoevelse"


@pytest.mark.browser
def test_copy_link_falls_back_without_the_clipboard_api(make_page, base_url):
    """Without navigator.clipboard the button still copies (execCommand) and confirms."""
    page = make_page(permissions=["clipboard-read", "clipboard-write"])
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    page.open(GUIDE + "tildeling/")
    link = page.locator('a.copylink__link[data-label="modul 2"]')
    row = page.locator("tr", has=link)
    row.get_by_role("button", name="Kopiér link").click()
    expect(row.get_by_role("status")).to_have_text("Linket er kopieret")


@pytest.mark.browser
def test_assignment_links_are_visible_without_javascript(make_page):
    """With JavaScript off the links are still there to read and select, without dead buttons."""
    page = make_page(java_script_enabled=False)
    page.open(GUIDE + "tildeling/")
    expect(page.locator("a.copylink__link").first).to_be_visible()
    expect(page.locator("a.copylink__link").first).to_have_text("moduler/01-styring-og-ledelse/")
    assert page.get_by_role("button", name="Kopiér link").count() == 0

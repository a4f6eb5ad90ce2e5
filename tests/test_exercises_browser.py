"""Reflection exercises, "Mine refleksioner" and the classroom timer, driven in Chromium.

Each test does what a participant or a teacher does (type, reload, navigate, download,
import, press keys) and checks what they would see on the page or in the file they get.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, assert_accessible, normalize_text

pytestmark = pytest.mark.browser

M04 = "moduler/04-er-tillid-altid-godt/"
M06 = "moduler/06-tillid-og-kontrol/"
M08 = "moduler/08-samskabt-styring/"
M09 = "moduler/09-rolleforandringer/"
M10 = "moduler/10-afslutning/"
EXERCISE_PAGES = [M04, M06, M08, M09, M10]
MINE = "mine-refleksioner/"
SAVED = re.compile(r"Gemt kl\. \d\d:\d\d")

QUOTA_SCRIPT = """
(() => {
  const original = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    // Let the store's start-up probe through, so this is a full disk, not private mode.
    if (String(key).endsWith(':probe')) return original.call(this, key, value);
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
})();
"""

PRIVATE_SCRIPT = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""


def note(page, ex_id: str, prompt_id: str):
    return page.locator(f'textarea[data-note="{ex_id}/{prompt_id}"]')


def exercise(page, ex_id: str):
    return page.locator(f'section.exercise[data-exercise="{ex_id}"]')


def write(page, ex_id: str, prompt_id: str, text: str):
    """Type into a prompt and wait until the exercise says it is saved."""
    box = note(page, ex_id, prompt_id)
    box.fill("")
    box.press_sequentially(text)
    page.wait_for_function(
        """([key, text]) => { try { return JSON.parse(localStorage.getItem(key)).text === text; } catch (e) { return false; } }""",
        arg=[f"samskabt:v1:note:{ex_id}/{prompt_id}", text],
    )
    expect(exercise(page, ex_id).locator(".exercise__status")).to_have_text(SAVED)


def meta(page, ex_id: str) -> dict:
    """What the module page shows of an exercise: title, prompt labels, scale labels, phases."""
    return page.evaluate(
        """id => {
          const s = document.querySelector(`section.exercise[data-exercise="${id}"]`);
          const text = el => el.textContent.trim();
          return {
            title: s.dataset.title,
            prompts: Object.fromEntries([...s.querySelectorAll('textarea[data-note]')].map(
              t => [t.dataset.note.split('/')[1], text(s.querySelector(`label[for="${t.id}"]`))])),
            scale: Object.fromEntries([...s.querySelectorAll('fieldset[data-item]')].map(
              f => [f.dataset.item, text(f.querySelector('legend'))])),
            phases: [...s.querySelectorAll('.exercise__phases li')].map(
              li => ({name: li.dataset.name, ms: Math.round(parseFloat(li.dataset.minutes) * 60000)})),
          };
        }""",
        ex_id,
    )


def mmss(ms: int) -> str:
    s = -(-ms // 1000)
    return f"{s // 60:02d}:{s % 60:02d}"


def course_data(page) -> dict:
    """Everything the course keeps in localStorage, as {key: parsed value}."""
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith('samskabt:v1:'))
             .map(k => [k.slice(12), JSON.parse(localStorage.getItem(k))]))"""
    )


def click_nav(page, href_part: str):
    """Follow a link in the site navigation (Material's instant navigation, no reload)."""
    page.evaluate("window.__samePageView = true")
    page.locator(f'.md-nav--primary a.md-nav__link[href*="{href_part}"]').first.click()
    page.wait_for_url(re.compile(re.escape(href_part)))
    page.wait_for_load_state("load")
    assert page.evaluate("window.__samePageView === true"), "the link reloaded the page instead of instant navigation"


# --- Notes ----------------------------------------------------------------------------


def test_note_is_saved_while_typing_and_restored_after_reload(page):
    """A note typed into a prompt is saved, announced, and back after a reload."""
    page.open(M04)
    write(page, "tillid-til-hvem", "relation", "Min nærmeste leder i jobcentret")
    status = exercise(page, "tillid-til-hvem").locator(".exercise__status")
    expect(status).to_have_attribute("role", "status")
    stored = course_data(page)["note:tillid-til-hvem/relation"]
    assert stored["v"] == 1 and stored["text"] == "Min nærmeste leder i jobcentret"
    assert re.match(r"\d{4}-\d\d-\d\dT", stored["saved"])
    page.reload()
    expect(note(page, "tillid-til-hvem", "relation")).to_have_value("Min nærmeste leder i jobcentret")
    expect(note(page, "tillid-til-hvem", "kompetence")).to_have_value("")


def test_note_survives_instant_navigation_away_and_back(page):
    """Leaving right after typing (no pause) keeps the note when you come back via the menu."""
    page.open(M08)
    box = note(page, "styringsloeget", "krav")
    box.fill("Ugentlig indberetning af fremmøde")
    click_nav(page, "09-rolleforandringer/")
    expect(page.locator("h1")).to_contain_text("Rolleforandringer")
    click_nav(page, "08-samskabt-styring/")
    expect(note(page, "styringsloeget", "krav")).to_have_value("Ugentlig indberetning af fremmøde")
    expect(page.locator(".exercise__tools")).to_have_count(2)  # initialised once per exercise


def test_corrupt_entry_is_ignored_and_leaves_other_notes_alone(page):
    """One unreadable stored note does not stop the others from coming back."""
    page.open(M08)
    page.evaluate("""() => {
      localStorage.setItem('samskabt:v1:note:fire-f/fjerne', '{not json');
      localStorage.setItem('samskabt:v1:note:fire-f/forandre', JSON.stringify({v: 1, text: 'Dobbeltregistrering', saved: '2025-01-02T10:00:00Z'}));
    }""")
    page.reload()
    expect(note(page, "fire-f", "forandre")).to_have_value("Dobbeltregistrering")
    expect(note(page, "fire-f", "fjerne")).to_have_value("")
    assert page.evaluate("localStorage.getItem('samskabt:v1:note:fire-f/fjerne')") == "{not json"


def test_clearing_a_note_removes_it(page):
    """Emptying a textarea removes the saved note instead of keeping an empty one."""
    page.open(M10)
    write(page, "hvad-tager-i-med", "indsigt", "Spørg, hvor kravet kommer fra")
    note(page, "hvad-tager-i-med", "indsigt").fill("")
    note(page, "hvad-tager-i-med", "indsigt").blur()
    page.wait_for_function("!localStorage.getItem('samskabt:v1:note:hvad-tager-i-med/indsigt')")
    assert "note:hvad-tager-i-med/indsigt" not in course_data(page)


# --- Mine refleksioner ------------------------------------------------------------------


# --- Two tabs ---------------------------------------------------------------------------


def test_a_tab_showing_an_old_note_never_deletes_the_newer_one(page):
    """Tab B shows the empty field while tab A saves a note; clicking in and out of B keeps A's note."""
    tab_b = page.new_tab()
    tab_b.open(M04)
    page.open(M04)
    write(page, "tillid-til-hvem", "relation", "Skrevet i fane A")
    page.locator("h1").click()  # leave the field
    box_b = note(tab_b, "tillid-til-hvem", "relation")
    expect(box_b).to_have_value("Skrevet i fane A")
    expect(exercise(tab_b, "tillid-til-hvem").locator(".exercise__status")).to_have_text(
        re.compile(r"Opdateret fra en anden fane kl\. \d\d:\d\d"))
    box_b.click()
    tab_b.locator("h1").click()
    assert course_data(tab_b)["note:tillid-til-hvem/relation"]["text"] == "Skrevet i fane A"
    tab_b.reload()
    expect(note(tab_b, "tillid-til-hvem", "relation")).to_have_value("Skrevet i fane A")


def test_unsaved_edits_in_one_tab_and_a_save_in_the_other_keep_both_texts(page):
    """B is still typing (not yet saved) when A saves the same note: B keeps both texts, says so, and A follows."""
    tab_b = page.new_tab()
    tab_b.open(M04)
    tab_b.clock.install()  # from here on, B's save timer waits until the test lets time pass
    tab_b.clock.pause_at(datetime.now() + timedelta(seconds=1))
    page.open(M04)
    note(tab_b, "tillid-til-hvem", "relation").press_sequentially("Noten fra fane B")
    assert "note:tillid-til-hvem/relation" not in course_data(page)
    box_a = note(page, "tillid-til-hvem", "relation")
    box_a.fill("Min nærmeste leder, skrevet i fane A")
    box_a.blur()
    box_b = note(tab_b, "tillid-til-hvem", "relation")
    expect(box_b).to_have_value(re.compile(r"^Noten fra fane B\n\n.*\nMin nærmeste leder, skrevet i fane A$"))
    expect(exercise(tab_b, "tillid-til-hvem").locator(".exercise__status")).to_contain_text("Begge tekster")
    both = box_b.input_value()
    expect(box_a).to_have_value(both)
    assert course_data(page)["note:tillid-til-hvem/relation"]["text"] == both
    tab_b.clock.run_for(2000)
    tab_b.locator("h1").click()
    assert course_data(page)["note:tillid-til-hvem/relation"]["text"] == both


def test_scale_answers_follow_the_other_tab(page):
    """A factor rated in one tab shows in the other, profile included, and ratings in both tabs add up."""
    tab_b = page.new_tab()
    tab_b.open(M06)
    page.open(M06)
    labels = meta(page, "fire-faktorer")["scale"]
    motivation, relation = labels["motivation"], labels["relation"]
    exercise(page, "fire-faktorer").get_by_role("group", name=motivation).get_by_role("radio", name="4").click()
    ex_b = exercise(tab_b, "fire-faktorer")
    expect(ex_b.get_by_role("group", name=motivation).get_by_role("radio", name="4")).to_be_checked()
    expect(ex_b.locator(".exercise-scale__profile svg[role=img]")).to_have_attribute(
        "aria-label", re.compile(re.escape(f"{motivation}: 4 af 5")))
    ex_b.get_by_role("group", name=relation).get_by_role("radio", name="2").click()
    ex_a = exercise(page, "fire-faktorer")
    expect(ex_a.get_by_role("group", name=relation).get_by_role("radio", name="2")).to_be_checked()
    expect(ex_a.get_by_role("group", name=motivation).get_by_role("radio", name="4")).to_be_checked()
    assert course_data(page)["scale:fire-faktorer"] == {"v": 1, "values": {"motivation": 4, "relation": 2}}


def test_mine_refleksioner_gathers_notes_in_course_order_and_downloads_markdown(page):
    """Notes from several modules appear in course order and in the downloaded Markdown."""
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url + " " + (r.post_data or "")))
    page.open(M08)
    fire_f = meta(page, "fire-f")
    write(page, "fire-f", "forankre", "Faste tavlemøder hver mandag")
    page.open(M04)
    tillid = meta(page, "tillid-til-hvem")
    write(page, "tillid-til-hvem", "relation", "Kollega i visitationen")
    write(page, "tillid-til-hvem", "konklusion", "Mere råderum\npå de små sager")
    page.open(M06)
    faktorer = meta(page, "fire-faktorer")
    dialog = faktorer["scale"]["dialog"]
    exercise(page, "fire-faktorer").get_by_role("group", name=dialog).get_by_text("4", exact=True).click()
    click_nav(page, "mine-refleksioner/")

    notes = page.locator(".reflections__exercise")
    expect(notes).to_have_count(3)
    expect(notes.locator("h3")).to_have_text([tillid["title"], faktorer["title"], fire_f["title"]])
    first = notes.nth(0)
    expect(first.locator("h4")).to_have_text([tillid["prompts"]["relation"], tillid["prompts"]["konklusion"]])
    expect(first.locator(".reflections__note").nth(1)).to_have_text("Mere råderum\npå de små sager")
    expect(notes.nth(1)).to_contain_text(f"{dialog}: 4 af 5")
    expect(page.locator('[data-exercise="fire-f"] .exercise-index__count')).to_have_text(
        f"1 af {len(fire_f['prompts'])} spørgsmål besvaret")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download som Markdown").click()
    download = info.value
    assert download.suggested_filename == "mine-refleksioner.md"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("# Mine refleksioner\n")
    order = [text.index(s) for s in (
        f"## {tillid['title']}",
        f"### {tillid['prompts']['relation']}\n\nKollega i visitationen",
        f"### {tillid['prompts']['konklusion']}\n\nMere råderum\npå de små sager",
        f"## {faktorer['title']}",
        f"- {dialog}: 4 af 5",
        f"## {fire_f['title']}",
        f"### {fire_f['prompts']['forankre']}\n\nFaste tavlemøder hver mandag",
    )]
    assert order == sorted(order)
    assert tillid["prompts"]["kompetence"] not in text  # unanswered prompts are left out

    with page.expect_download() as info:
        page.get_by_role("button", name="Download som tekst").click()
    plain = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename == "mine-refleksioner.txt"
    assert "Kollega i visitationen" in plain and "##" not in plain

    page.emulate_media(media="print")  # "Udskriv": the notes, without buttons or the data section
    expect(page.locator(".reflections__note").first).to_be_visible()
    expect(page.get_by_role("button", name="Download som Markdown")).to_be_hidden()
    expect(page.locator(".exercise-index")).to_be_hidden()
    expect(page.get_by_role("button", name="Slet alt")).to_be_hidden()
    page.emulate_media(media="screen")

    secret = ("Kollega i visitationen", "tavlem%C3%B8der", "Faste tavlemøder", "visitationen")
    assert not [s for s in sent if any(x in s for x in secret)], "a note left the browser"
    assert page.external == []


def test_copy_to_clipboard_confirms_and_copies_the_notes(make_page, base_url):
    """"Kopiér til udklipsholder" puts the notes on the clipboard and says so."""
    page = make_page(permissions=["clipboard-read", "clipboard-write"])
    page.open(M09)
    write(page, "rolleforandringer", "behov", "Lederen skal spørge mere og styre mindre")
    page.open(MINE)
    page.get_by_role("button", name="Kopiér til udklipsholder").click()
    expect(page.locator("[data-reflections] [role=status]")).to_have_text("Dine noter er kopieret til udklipsholderen.")
    assert "Lederen skal spørge mere og styre mindre" in page.evaluate("navigator.clipboard.readText()")


def test_empty_mine_refleksioner_says_so_and_disables_downloads(page):
    """With nothing written, the page says so instead of offering empty files."""
    page.open(MINE)
    expect(page.locator(".reflections__empty")).to_be_visible()
    expect(page.get_by_role("button", name="Download som Markdown")).to_be_disabled()
    exercises = yaml.safe_load((ROOT / "quizzes" / "ovelser.yml").read_text(encoding="utf-8"))["exercises"]
    expect(page.locator(".exercise-index li[data-exercise]")).to_have_count(len(exercises))


def test_export_delete_and_import_bring_everything_back(page, tmp_path):
    """Export all data, delete everything, import the file: notes and scales are back."""
    page.open(M06)
    write(page, "summeoevelse", "erfaring", "Tjeklister på medicin gav tryghed")
    relation = meta(page, "fire-faktorer")["scale"]["relation"]
    exercise(page, "fire-faktorer").get_by_role("group", name=relation).get_by_text("2", exact=True).click()
    page.evaluate("""() => {
      const course = window.SamskabtKursus;
      const qid = course.modules.find(m => m.bank === 'tillid-og-kontrol').questions[0];
      const answers = {[qid]: {value: 'a', correct: false, checked: true}};
      localStorage.setItem('samskabt:v1:quiz:tillid-og-kontrol', JSON.stringify({v: 1, answers}));
    }""")
    page.open(MINE)
    before = course_data(page)
    assert {"note:summeoevelse/erfaring", "scale:fire-faktorer", "quiz:tillid-og-kontrol"} <= set(before)
    with page.expect_download() as info:
        page.get_by_role("button", name="Eksportér alle kursusdata (JSON)").click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert info.value.suggested_filename.endswith(".json")
    assert exported["format"] == "samskabt-styring" and exported["version"] == 1
    assert re.match(r"\d{4}-\d\d-\d\dT", exported["exported"])
    assert exported["data"] == before
    saved = tmp_path / "eksport.json"
    saved.write_text(json.dumps(exported), encoding="utf-8")

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slet alt").click()
    expect(page.locator(".reflections-data [role=status]")).to_contain_text("slettet")
    expect(page.locator(".reflections__empty")).to_be_visible()
    assert course_data(page) == {}

    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(saved))
    expect(page.locator(".reflections-data [role=status]")).to_have_text(
        f"Importen lykkedes: {len(before)} elementer er importeret.")
    expect(page.locator(".reflections__note")).to_have_text(["Tjeklister på medicin gav tryghed"])
    assert course_data(page) == before
    page.open(M06)
    expect(note(page, "summeoevelse", "erfaring")).to_have_value("Tjeklister på medicin gav tryghed")
    expect(exercise(page, "fire-faktorer").get_by_role("group", name=relation).get_by_role("radio", name="2")).to_be_checked()


def test_slet_alt_asks_first_and_keeps_everything_when_cancelled(page):
    """Cancelling the confirmation deletes nothing."""
    page.open(M10)
    write(page, "hvad-tager-i-med", "handling", "Ryd op i mine egne skabeloner")
    page.open(MINE)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Slet alt").click()
    expect(page.locator(".reflections-data [role=status]")).to_have_text("Intet er slettet.")
    assert asked and "slette" in asked[0]
    assert "note:hvad-tager-i-med/handling" in course_data(page)


@pytest.mark.parametrize("content, message", [
    ("{dette er ikke json", "ikke en gyldig JSON-fil"),
    (json.dumps({"format": "et-andet-kursus", "version": 1, "data": {}}), "ikke en eksport fra kurset"),
    (json.dumps({"name": "Bo", "notes": ["a"]}), "ikke en eksport fra kurset"),
    (json.dumps({"format": "samskabt-styring", "version": 2, "data": {}}), "anden version"),
    (json.dumps({"format": "samskabt-styring", "version": 1, "data": []}), "mangler kursusdata"),
    (json.dumps({"format": "samskabt-styring", "version": 1,
                 "data": {f"quiz:x{i}": {"v": 1, "answers": {}} for i in range(1001)}}), "højst 1000"),
    (json.dumps({"format": "samskabt-styring", "version": 1,
                 "data": {"scale:fire-faktorer": {"v": 1, "values": {"dialog": 9}}}}), "uden for 1–5"),
    (json.dumps({"format": "samskabt-styring", "version": 1,
                 "data": {"note:fire-f/fjerne": "bare tekst"}}), "er ikke en note"),
    (json.dumps({"format": "samskabt-styring", "version": 1,
                 "data": {"quiz:tillid-og-kontrol": [1, 2]}}), "er ikke quizsvar"),
])
def test_bad_import_file_is_refused_and_changes_nothing(page, tmp_path, content, message):
    """A malformed or foreign file gives a clear alert, and stored data stays exactly as it was."""
    page.open(M08)
    write(page, "fire-f", "fjerne", "Den dobbelte kvalitetsrapport")
    page.open(MINE)
    before = course_data(page)
    bad = tmp_path / "fil.json"
    bad.write_text(content, encoding="utf-8")
    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(bad))
    alert = page.locator(".reflections-data [role=alert]")
    expect(alert).to_contain_text(message)
    expect(alert).to_contain_text("Intet er ændret.")
    expect(alert).to_be_visible()
    assert course_data(page) == before
    expect(page.locator(".reflections__note")).to_have_text(["Den dobbelte kvalitetsrapport"])


def test_import_takes_what_the_course_knows_and_lists_the_rest(page, tmp_path):
    """A file with good and bad entries: the good ones are imported, the others named; nothing is half-written."""
    long_note = "Lang note. " * 20000  # 220,000 characters: what the course saves, it restores
    data = {
        "note:fire-f/fjerne": {"v": 1, "text": long_note, "saved": "2026-11-30T10:00:00.000Z"},
        "note:fire-f/findes-ikke": {"v": 1, "text": "et spørgsmål, kurset ikke har"},
        "theme:mørk": 1,
        "quiz:tillid-og-kontrol": {"v": 1, "answers": {f"opdigtet-{i}": {"value": "1", "correct": True,
                                                                        "checked": True} for i in range(3)}},
        "scale:fire-faktorer": {"v": 1, "values": {"motivation": 4}},
    }
    f = tmp_path / "eksport.json"
    f.write_text(json.dumps({"format": "samskabt-styring", "version": 1, "data": data}), encoding="utf-8")
    page.open(MINE)
    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(f))
    alert = page.locator(".reflections-data [role=alert]")
    expect(alert).to_contain_text("Importen lykkedes delvist: 2 elementer er importeret. 3 elementer blev ikke importeret")
    for named in ("»note:fire-f/findes-ikke« hører ikke til en øvelse", "»theme:mørk«",
                  "»quiz:tillid-og-kontrol« har svar på spørgsmål, som quizzen ikke har"):
        expect(alert).to_contain_text(named)
    stored = course_data(page)
    assert stored["note:fire-f/fjerne"]["text"] == long_note
    assert stored["scale:fire-faktorer"] == {"v": 1, "values": {"motivation": 4}}
    assert not {"note:fire-f/findes-ikke", "theme:mørk", "quiz:tillid-og-kontrol"} & set(stored)


def test_an_export_with_a_very_long_note_comes_back(page, tmp_path):
    """Export, delete everything, import: a 200,000-character note is restored exactly."""
    text = "Æble 🍏 og שלום – " * 12000
    page.open(M08)
    page.evaluate("t => localStorage.setItem('samskabt:v1:note:fire-f/fjerne', JSON.stringify({v: 1, text: t}))", text)
    page.open(MINE)
    with page.expect_download() as info:
        page.get_by_role("button", name="Eksportér alle kursusdata (JSON)").click()
    path = tmp_path / "eksport.json"
    info.value.save_as(path)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slet alt").click()
    assert course_data(page) == {}
    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(path))
    expect(page.locator(".reflections-data [role=status]")).to_contain_text("Importen lykkedes")
    assert course_data(page)["note:fire-f/fjerne"]["text"] == text


# --- Storage trouble --------------------------------------------------------------------


def test_full_storage_warns_keeps_the_text_and_offers_a_download(make_page):
    """When writing fails (quota), a warning shows, the text stays, and it can be downloaded."""
    page = make_page()
    page.add_init_script(QUOTA_SCRIPT)
    page.open(M09)
    ex = exercise(page, "rolleforandringer")
    expect(ex.locator(".exercise__notice")).to_have_count(0)  # storage works, it is just full
    note(page, "rolleforandringer", "bidrag").fill("Jeg kan tage dialogen om formålet")
    note(page, "rolleforandringer", "bidrag").blur()
    status = ex.locator(".exercise__status")
    expect(status).to_contain_text("kunne ikke gemmes")
    expect(status).to_be_visible()
    expect(note(page, "rolleforandringer", "bidrag")).to_have_value("Jeg kan tage dialogen om formålet")
    button = ex.get_by_role("button", name="Download mine noter")
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    assert_accessible(page)
    text = open(info.value.path(), encoding="utf-8").read()
    shown = meta(page, "rolleforandringer")
    assert f"# Øvelse: {shown['title']}" in text
    assert f"## {shown['prompts']['bidrag']}\n\nJeg kan tage dialogen om formålet" in text


def test_private_mode_shows_a_notice_and_still_works(make_page):
    """Without localStorage the page says notes are not kept, and still saves for this visit."""
    page = make_page()
    page.add_init_script(PRIVATE_SCRIPT)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.open(M08)
    notices = page.locator(".exercise__notice")
    expect(notices).to_have_count(2)
    expect(notices.first).to_be_visible()
    expect(notices.first).to_contain_text("forsvinder, når du lukker siden, genindlæser den eller går til en anden side")
    expect(notices.first.get_by_role("link")).to_have_count(0)  # no advice to go elsewhere: that loses the notes
    note(page, "styringsloeget", "lag").fill("Fra kommunens kvalitetsstandard")
    note(page, "styringsloeget", "lag").blur()
    expect(exercise(page, "styringsloeget").locator(".exercise__status")).to_contain_text("kun indtil siden lukkes")
    assert_accessible(page)
    with page.expect_download() as info:
        exercise(page, "styringsloeget").locator(".exercise__notice").get_by_role(
            "button", name="Download noterne fra denne øvelse").click()
    assert "Fra kommunens kvalitetsstandard" in open(info.value.path(), encoding="utf-8").read()
    with page.expect_download() as info:
        exercise(page, "styringsloeget").get_by_role("button", name="Download mine noter").click()
    assert "Fra kommunens kvalitetsstandard" in open(info.value.path(), encoding="utf-8").read()
    own = [e for e in errors if "exercises.js" in e or "reflections.js" in e or "Samskabt" in e]
    assert own == []


# --- Self-assessment ----------------------------------------------------------------------


def test_scale_is_chosen_with_the_keyboard_drawn_and_remembered(page):
    """Arrow keys choose a value; the profile's text alternative updates; a reload keeps it."""
    page.open(M06)
    ex = exercise(page, "fire-faktorer")
    labels = meta(page, "fire-faktorer")["scale"]
    motivation, relation = labels["motivation"], labels["relation"]
    profile = ex.locator(".exercise-scale__profile svg[role=img]")
    expect(profile).to_have_attribute("aria-label", re.compile(re.escape(f"{motivation}: ikke vurderet")))
    group = ex.get_by_role("group", name=motivation)
    group.get_by_role("radio", name="1").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(group.get_by_role("radio", name="3")).to_be_checked()
    expect(profile).to_have_attribute("aria-label", re.compile(re.escape(f"{motivation}: 3 af 5")))
    expect(profile.locator("title")).to_have_text(re.compile(re.escape(f"{motivation}: 3 af 5")))
    expect(profile.locator(".exercise-profile__bar")).to_have_count(1)
    assert profile.locator(".exercise-profile__bar").get_attribute("width") == str(3 * 60)
    page.keyboard.press("Tab")  # on to the next factor
    page.keyboard.press("Space")
    expect(profile).to_have_attribute("aria-label", re.compile(re.escape(f"{relation}: 1 af 5")))
    assert course_data(page)["scale:fire-faktorer"] == {"v": 1, "values": {"motivation": 3, "relation": 1}}
    page.reload()
    expect(group.get_by_role("radio", name="3")).to_be_checked()
    expect(profile).to_have_attribute("aria-label", re.compile(re.escape(f"{motivation}: 3 af 5; {relation}: 1 af 5")))
    expect(profile.locator(".exercise-profile__bar")).to_have_count(2)


# --- Printing -----------------------------------------------------------------------------


def test_udskriv_oevelsen_prints_one_exercise_as_a_worksheet(page):
    """"Udskriv øvelsen" prints that exercise alone, with the answer and ruled lines."""
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.open(M08)
    write(page, "fire-f", "fjerne", "Den ugentlige statusmail")
    exercise(page, "fire-f").get_by_role("button", name="Udskriv øvelsen").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("#ovelse-fire-f")).to_be_visible()
    expect(exercise(page, "fire-f").locator(".exercise-prompt__label").first).to_be_visible()
    expect(exercise(page, "styringsloeget")).to_be_hidden()
    expect(page.locator(".md-content h1")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(exercise(page, "fire-f").locator(".exercise__tools")).to_be_hidden()
    expect(note(page, "fire-f", "fjerne")).to_be_hidden()
    printed = exercise(page, "fire-f").locator(".exercise-prompt__print")
    expect(printed.first).to_have_text("Den ugentlige statusmail")
    lines = exercise(page, "fire-f").locator(".exercise-prompt__lines")
    expect(lines.first.locator("span:visible")).to_have_count(3)  # room to add to a written answer
    empty = lines.nth(1).locator("span:visible")
    expect(empty).to_have_count(8)  # an empty prompt prints eight ruled lines, evenly spaced
    tops = [line.bounding_box()["y"] for line in empty.all()]
    gaps = {round(b - a, 1) for a, b in zip(tops, tops[1:])}
    assert len(gaps) == 1 and gaps.pop() >= 24, tops
    assert empty.first.evaluate("s => getComputedStyle(s).borderBottomStyle") == "solid"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(exercise(page, "styringsloeget")).to_be_visible()  # whole page prints again


# --- Presentation view --------------------------------------------------------------------


def tab_to(page, name: str, limit: int = 15):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_presentation_timer_runs_through_its_phases_with_the_keyboard(page):
    """Keyboard only: open, start, skip, auto-advance, go back, reset, close; focus returns."""
    page.clock.install()
    page.open(M06)
    shown = meta(page, "summeoevelse")
    ph, n = shown["phases"], len(shown["phases"])
    assert n >= 3 and ph[0]["ms"] > 30_000, "this test needs a timed exercise with at least three phases"
    note(page, "summeoevelse", "forskellen").focus()
    tab_to(page, "Vis på storskærm")
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name=shown["title"])
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    phase = dialog.locator(".exercise-present__phase")
    clock = dialog.locator(".exercise-present__clock")
    live = dialog.locator("[aria-live=polite]")
    expect(dialog).to_contain_text(shown["prompts"]["erfaring"])
    expect(phase).to_have_text(f"Fase 1 af {n}: {ph[0]['name']}")
    expect(clock).to_have_text(mmss(ph[0]["ms"]))
    box = clock.bounding_box()
    assert box["height"] >= 0.2 * min(page.viewport_size.values()) * 0.9

    page.keyboard.press("Space")
    expect(dialog.get_by_role("button", name="Pause")).to_be_visible()
    page.clock.run_for(30_000)
    expect(clock).to_have_text(mmss(ph[0]["ms"] - 30_000))
    page.keyboard.press("Space")  # pause
    expect(dialog.get_by_role("button", name="Start")).to_be_visible()
    page.clock.run_for(60_000)
    expect(clock).to_have_text(mmss(ph[0]["ms"] - 30_000))
    page.keyboard.press("Space")

    page.keyboard.press("ArrowRight")
    expect(phase).to_have_text(f"Fase 2 af {n}: {ph[1]['name']}")
    expect(clock).to_have_text(mmss(ph[1]["ms"]))
    page.clock.run_for(ph[1]["ms"] + 1_000)  # the phase ends by itself
    expect(phase).to_have_text(f"Fase 3 af {n}: {ph[2]['name']}")
    expect(clock).to_have_text(mmss(ph[2]["ms"] - 1_000))
    expect(live).to_contain_text(f"Ny fase. Fase 3 af {n}: {ph[2]['name']}")
    expect(dialog.locator('li[aria-current="step"]')).to_have_text(re.compile("^" + re.escape(ph[2]["name"]) + ", "))

    page.keyboard.press("ArrowLeft")
    expect(phase).to_have_text(f"Fase 2 af {n}: {ph[1]['name']}")
    page.keyboard.press("r")
    expect(phase).to_have_text(f"Fase 1 af {n}: {ph[0]['name']}")
    expect(clock).to_have_text(mmss(ph[0]["ms"]))
    expect(dialog.get_by_role("button", name="Start")).to_be_visible()

    page.keyboard.press("Space")
    page.clock.run_for(sum(p["ms"] for p in ph) + 1_000)  # through every phase
    expect(phase).to_have_text("Tiden er gået")
    expect(clock).to_have_text("+00:01")  # then it counts the time over
    expect(live).to_contain_text("Tiden er gået")

    for _ in range(12):  # focus stays inside the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('[role=dialog]')")
    expect(page.locator(".md-container")).to_have_attribute("inert", "")

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.locator(":focus")).to_have_text("Vis på storskærm")
    expect(page.locator(".md-container")).not_to_have_attribute("inert", "")


def test_presentation_buttons_and_sound_option(page):
    """The buttons work with a mouse too; the sound is off until its checkbox is ticked."""
    page.clock.install()
    page.open(M10)
    shown = meta(page, "hvad-tager-i-med")
    ph, n = shown["phases"], len(shown["phases"])
    assert n >= 2
    exercise(page, "hvad-tager-i-med").get_by_role("button", name="Vis på storskærm").click()
    dialog = page.get_by_role("dialog", name=shown["title"])
    phase = dialog.locator(".exercise-present__phase")
    sound = dialog.get_by_label("Lydsignal ved fasens slut")
    expect(sound).not_to_be_checked()
    sound.check()
    expect(dialog.get_by_role("button", name="Forrige fase")).to_be_disabled()
    for i in range(1, n):
        dialog.get_by_role("button", name="Næste fase").click()
    expect(phase).to_have_text(f"Fase {n} af {n}: {ph[-1]['name']}")
    expect(dialog.get_by_role("button", name="Næste fase")).to_be_disabled()
    dialog.get_by_role("button", name="Nulstil").click()
    expect(phase).to_have_text(f"Fase 1 af {n}: {ph[0]['name']}")
    dialog.get_by_role("button", name="Start").click()
    page.clock.run_for(ph[0]["ms"] + 500)
    expect(phase).to_have_text(f"Fase 2 af {n}: {ph[1]['name']}")
    dialog.get_by_role("button", name="Luk").click()
    expect(dialog).to_have_count(0)


def test_presentation_works_when_fullscreen_is_refused(make_page):
    """A browser that refuses full screen still gets the full-window view."""
    page = make_page()
    page.add_init_script("Element.prototype.requestFullscreen = function () { return Promise.reject(new TypeError('no')); };")
    page.open(M09)
    exercise(page, "rolleforandringer").get_by_role("button", name="Vis på storskærm").click()
    dialog = page.get_by_role("dialog", name=meta(page, "rolleforandringer")["title"])
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert (box["width"], box["height"]) == (page.viewport_size["width"], page.viewport_size["height"])
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)


def test_presentation_view_respects_reduced_motion(make_page):
    """With prefers-reduced-motion the view appears without animation or moving bar."""
    page = make_page(reduced_motion="reduce")
    page.open(M06)
    exercise(page, "summeoevelse").get_by_role("button", name="Vis på storskærm").click()
    dialog = page.get_by_role("dialog", name=meta(page, "summeoevelse")["title"])
    expect(dialog).to_be_visible()
    assert dialog.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert dialog.locator(".exercise-present__bar span").evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    other = make_page()
    other.open(M06)
    exercise(other, "summeoevelse").get_by_role("button", name="Vis på storskærm").click()
    assert other.locator(".exercise-present").evaluate("el => getComputedStyle(el).animationName") != "none"


def test_only_timed_exercises_offer_the_presentation_view(page):
    """Exercises without phases have no "Vis på storskærm" button."""
    page.open(M08)
    expect(page.get_by_role("button", name="Vis på storskærm")).to_have_count(0)
    expect(page.get_by_role("button", name="Udskriv øvelsen")).to_have_count(2)


# --- Accessibility ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", EXERCISE_PAGES)
def test_exercise_pages_are_accessible(make_page, path, scheme):
    """axe finds no WCAG A/AA violations on exercise pages, with a note and a scale filled in."""
    page = make_page(color_scheme=scheme)
    page.open(path)
    first = page.locator("textarea[data-note]").first
    first.fill("En note")
    first.blur()
    if page.locator("input[data-scale]").count():
        page.locator("input[data-scale]").nth(2).check()
    expect(page.locator(".exercise__status").first).to_have_text(SAVED)
    assert_accessible(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mine_refleksioner_is_accessible(make_page, scheme, tmp_path):
    """axe finds no violations on Mine refleksioner with notes, a message and an alert shown."""
    page = make_page(color_scheme=scheme)
    page.open(M06)
    write(page, "summeoevelse", "erfaring", "Kontrol gav ro")
    exercise(page, "fire-faktorer").locator('input[data-scale="fire-faktorer/dialog"][value="5"]').check()
    page.open(MINE)
    expect(page.locator(".reflections__exercise")).to_have_count(2)
    bad = tmp_path / "x.json"
    bad.write_text("nej", encoding="utf-8")
    page.get_by_label("Importér kursusdata fra en fil (JSON)").set_input_files(str(bad))
    expect(page.locator("[role=alert]")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_presentation_view_is_accessible(make_page, scheme):
    """axe finds no violations while the presentation view is open and running."""
    page = make_page(color_scheme=scheme)
    page.clock.install()
    page.open(M06)
    exercise(page, "summeoevelse").get_by_role("button", name="Vis på storskærm").click()
    dialog = page.get_by_role("dialog", name=meta(page, "summeoevelse")["title"])
    expect(dialog).to_be_visible()
    page.keyboard.press("Space")
    page.clock.run_for(3_000)
    first = meta(page, "summeoevelse")["phases"][0]["ms"]
    expect(dialog.locator(".exercise-present__clock")).to_have_text(mmss(first - 3_000))
    assert_accessible(page)


def test_without_javascript_the_note_fields_say_they_keep_nothing(make_page, page):
    """Without JavaScript a participant is told before writing that the fields do not save; with
    JavaScript the notice is not there."""
    nojs = make_page(java_script_enabled=False)
    nojs.open("moduler/04-er-tillid-altid-godt/")
    notice = nojs.locator(".exercise__noscript").first
    expect(notice).to_be_visible()
    assert "bliver ikke gemt" in normalize_text(notice.inner_text())
    assert nojs.locator(".exercise textarea").count() >= 1
    page.open("moduler/04-er-tillid-altid-godt/")
    expect(page.locator(".exercise__noscript")).to_have_count(0)


# --- The big screen in a classroom ----------------------------------------------------------


def big_screen_links(page) -> list[str]:
    page.open("underviser/lektionsplaner/")
    hrefs = page.locator("article a", has_text=re.compile("^storskærm$")).evaluate_all("els => els.map(a => a.href)")
    return sorted({h for h in hrefs if "storskaerm=" in h})


ROOMS = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize("room", ROOMS, ids=[f"{w}x{h}" for w, h in ROOMS])
def test_big_screen_from_the_lesson_plans_fits_every_projector(make_page, room):
    """Each lesson plan's »storskærm« link opens that exercise's timer at once; all of it, down to the
    key help, fits on the screen from 1024×768 to 4K."""
    page = make_page(viewport={"width": room[0], "height": room[1]})
    links = big_screen_links(page)
    assert len(links) >= 5, links
    for href in links:
        page.goto(href)
        dialog = page.locator(".exercise-present[data-ready]")
        expect(dialog).to_be_visible()
        exid = re.search(r"storskaerm=([a-z0-9-]+)", href).group(1)
        assert dialog.get_attribute("data-exercise") == exid
        over = dialog.evaluate("""d => d.scrollHeight > d.clientHeight + 1 || d.scrollWidth > d.clientWidth + 1 ||
            [...d.querySelectorAll('button, label, .exercise-present__keys')].some(e => {
              const r = e.getBoundingClientRect();
              return r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.left < -1 || r.top < -1;
            })""")
        assert not over, f"{href} does not fit {room}"
        clock = dialog.locator('[role="timer"]')
        assert clock.bounding_box()["height"] >= 0.1 * room[1], href


def test_exercise_without_phases_counts_down_the_plans_minutes(make_page):
    """From the plan, an exercise without phases of its own counts down the minutes the plan gives it."""
    page = make_page(viewport={"width": 1280, "height": 720})
    link = next(h for h in big_screen_links(page) if "minutter=" in h)
    minutes = int(re.search(r"minutter=(\d+)", link).group(1))
    page.goto(link)
    dialog = page.locator(".exercise-present[data-ready]")
    expect(dialog.locator('[role="timer"]')).to_have_text(f"{minutes:02d}:00")


def test_time_up_is_seen_and_heard_and_counts_the_time_over(page):
    """At zero: the screen flashes, the tone sounds when ticked, and the clock counts the overtime in red."""
    page.add_init_script("""
      window.__beeps = 0;
      const Real = window.AudioContext;
      window.AudioContext = class extends Real {
        createOscillator() { const o = super.createOscillator(); const start = o.start.bind(o);
          o.start = (...a) => { window.__beeps++; return start(...a); }; return o; }
      };
    """)
    page.clock.install()
    page.open(M10)
    shown = meta(page, "hvad-tager-i-med")
    total = sum(p["ms"] for p in shown["phases"])
    exercise(page, "hvad-tager-i-med").get_by_role("button", name="Vis på storskærm").click()
    dialog = page.get_by_role("dialog", name=shown["title"])
    dialog.get_by_label("Lydsignal ved fasens slut").check()
    dialog.get_by_role("button", name="Start").click()
    clock = dialog.locator('[role="timer"]')
    page.clock.run_for(total + 65_000)
    expect(dialog.locator(".exercise-present__phase")).to_have_text("Tiden er gået")
    expect(clock).to_have_text("+01:05")
    expect(dialog).to_have_class(re.compile("exercise-present--over"))
    assert clock.evaluate("c => getComputedStyle(c).color") == "rgb(255, 138, 128)"
    assert page.evaluate("window.__beeps") == len(shown["phases"])  # one tone at the end of each phase
    expect(dialog.locator(".exercise-present__live")).to_contain_text("overtiden")
    dialog.get_by_role("button", name="Nulstil").click()
    expect(clock).to_have_text(mmss(shown["phases"][0]["ms"]))
    expect(dialog).not_to_have_class(re.compile("exercise-present--over"))

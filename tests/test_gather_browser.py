"""»Saml deltagernes refleksioner«: the teacher merges real exports from participants, in Chromium."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from playwright.sync_api import expect

from conftest import assert_accessible, normalize_text

M06 = "moduler/06-tillid-og-kontrol/"
M09 = "moduler/09-rolleforandringer/"


def give_name(page, name: str):
    page.open("mine-refleksioner/")
    page.get_by_label("Dit navn eller din kode").fill(name)
    page.wait_for_function("n => (JSON.parse(localStorage.getItem('samskabt:v1:name') || 'null') || {}).name === n", arg=name)


def write(page, key: str, text: str):
    box = page.locator(f'textarea[data-note="{key}"]')
    box.fill(text)
    box.blur()
    page.wait_for_function("([k, t]) => (JSON.parse(localStorage.getItem('samskabt:v1:note:' + k) || 'null') || {}).text === t",
                           arg=[key, text])


def export_json(page, dest: Path) -> Path:
    page.open("mine-refleksioner/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Eksportér alle kursusdata (JSON)").click()
    info.value.save_as(dest)
    return dest


def first_prompt(page, ex_id: str) -> tuple[str, str]:
    box = page.locator(f'textarea[data-note^="{ex_id}/"]').first
    label = page.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
    return box.get_attribute("data-note"), normalize_text(label)


def test_teacher_merges_two_participants_exports(make_page, tmp_path):
    """Anna hands in her JSON export, Bo the four-factor CSV: one overview with both names, and one CSV."""
    anna = make_page()
    give_name(anna, "Anna Jensen")
    anna.open(M09)
    key, prompt = first_prompt(anna, "rolleforandringer")
    write(anna, key, "Vi skal spørge mere og styre mindre.\nOg lytte.")
    anna_file = export_json(anna, tmp_path / "anna.json")
    assert json.loads(anna_file.read_text(encoding="utf-8"))["data"]["name"]["name"] == "Anna Jensen"

    bo = make_page()
    give_name(bo, "Bo; Hansen")
    bo.open(M06)
    items = bo.locator('section.exercise[data-exercise="fire-faktorer"] fieldset[data-item]')
    labels, values = [], {}
    for i in range(items.count()):
        item = items.nth(i)
        item.locator(f"input[value='{i % 5 + 1}']").check()
        labels.append(normalize_text(item.locator("legend").inner_text()))
        values[labels[-1]] = str(i % 5 + 1)
    with bo.expect_download() as info:
        bo.get_by_role("button", name="Download som CSV").click()
    bo_file = tmp_path / "fire-faktorer.csv"
    info.value.save_as(bo_file)
    assert list(csv.reader(io.StringIO(bo_file.read_text(encoding="utf-8"))))[1][0] == "Bo; Hansen"
    bad = tmp_path / "noter.txt"
    bad.write_text("Mine noter", encoding="utf-8")

    teacher = make_page()
    teacher.open("underviser/saml-refleksioner/")
    teacher.get_by_label("Vælg deltagernes filer").set_input_files([anna_file, bo_file, bad])
    status = teacher.locator(".gather__status")
    expect(status).to_contain_text("2 deltagere fra 2 af 3 filer")
    expect(teacher.locator(".gather__problems li")).to_have_count(1)
    expect(teacher.locator(".gather__problems li")).to_contain_text("noter.txt")
    view = teacher.locator(".gather__overview")
    answer = view.locator("li", has_text="Anna Jensen:")
    expect(answer).to_contain_text("Vi skal spørge mere og styre mindre.")
    assert prompt in normalize_text(answer.locator("xpath=../preceding-sibling::h4[1]").inner_text())
    table = view.locator("table", has=teacher.locator("th", has_text="Bo; Hansen"))
    row = table.locator("tr", has=teacher.locator("th", has_text="Bo; Hansen")).locator("td")
    assert [normalize_text(t) for t in row.all_inner_texts()] == [values[label] for label in labels]
    assert_accessible(teacher)

    with teacher.expect_download() as info:
        teacher.get_by_role("button", name="Download samlet CSV").click()
    merged = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert merged[0] == ["deltager", "modul", "øvelse", "spørgsmål", "svar"]
    assert any(r[0] == "Anna Jensen" and normalize_text(r[3]) == prompt and r[4] == "Vi skal spørge mere og styre mindre.\nOg lytte."
               for r in merged[1:])
    bo_rows = {normalize_text(r[3]): r[4] for r in merged[1:] if r[0] == "Bo; Hansen"}
    assert bo_rows == values

    teacher.emulate_media(media="print")
    expect(view).to_be_visible()
    expect(teacher.locator(".gather__pick")).to_be_hidden()
    expect(teacher.locator("article h1")).to_be_hidden()
    assert not teacher.external

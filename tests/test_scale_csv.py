"""The four-factor self-assessment exports the CSV row that the notebook »Klassens profil« reads."""

from __future__ import annotations

import csv
import io

from conftest import ROOT


def test_self_assessment_downloads_a_csv_row_for_the_class_profile(page):
    """Choosing 1–5 per factor and clicking »Download som CSV« gives the notebook's header and the chosen values."""
    page.open("moduler/06-tillid-og-kontrol/")
    section = page.locator("section.exercise[data-exercise='fire-faktorer']")
    items = section.locator("fieldset[data-item]")
    chosen = {}
    for i in range(items.count()):
        item = items.nth(i)
        value = (i % 5) + 1
        item.locator(f"input[value='{value}']").check()
        chosen[item.get_attribute("data-item")] = str(value)
    with page.expect_download() as info:
        section.get_by_role("button", name="Download som CSV").click()
    text = open(info.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    example_header = (ROOT / "docs" / "notebooks" / "klassens-profil-eksempel.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert text.splitlines()[0] == example_header.replace(";", ",")
    assert len(rows) == 1
    assert {k: v for k, v in rows[0].items() if k != "deltager"} == chosen

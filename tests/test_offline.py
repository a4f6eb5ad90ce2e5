"""The offline edition (make offline): a zip that works from disk (file://) with no network."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect

from conftest import ROOT, Page
from scripts import offline

MODULE_06 = "moduler/06-tillid-og-kontrol.html"


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline zip, built once with the code `make offline` runs (strict build)."""
    path = tmp_path_factory.mktemp("dist") / "samskabt-styring-offline.zip"
    try:
        return offline.build_zip(path)
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    """The zip unpacked the way a teacher would: one folder with index.html in it."""
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(dest)
    return dest / offline.ZIP_FOLDER


@pytest.fixture
def disk_page(browser):
    """Factory for pages in fresh contexts that record every request leaving the machine."""
    contexts = []

    def make(**options) -> Page:
        ctx = browser.new_context(locale="da-DK", **options)
        contexts.append(ctx)
        return Page(ctx, base_url="")

    yield make
    for ctx in contexts:
        ctx.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


# --- Configuration ------------------------------------------------------------------------


def raw_config(name: str) -> dict:
    with open(ROOT / name, "rb") as fd:
        return yaml_load(fd)


def test_offline_config_is_the_online_config_with_only_the_offline_changes():
    """mkdocs-offline.yml differs from mkdocs.yml only by the offline plugin, hook and settings."""
    online, offline_cfg = raw_config("mkdocs.yml"), raw_config("mkdocs-offline.yml")
    assert offline_cfg.pop("plugins") == online.pop("plugins") + ["offline"], (
        "INHERIT replaces lists: copy mkdocs.yml's plugins into mkdocs-offline.yml (plus `offline`)")
    assert offline_cfg.pop("hooks") == online.pop("hooks", []) + ["scripts/offline.py"], (
        "INHERIT replaces lists: copy mkdocs.yml's hooks into mkdocs-offline.yml (plus scripts/offline.py)")
    assert offline_cfg.pop("use_directory_urls") is False
    assert offline_cfg.pop("site_url") == ""
    online.pop("site_url")
    assert offline_cfg.pop("extra")["polyfills"] == ["assets/vendor/iframe-worker/shim.js"]
    online.pop("extra", None)
    assert offline_cfg == online


def test_hook_refuses_a_shim_from_another_host():
    """A polyfill list that would fetch iframe-worker from a CDN stops the build."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.extra["polyfills"] = ["https://unpkg.com/iframe-worker/shim"]
    with pytest.raises(PluginError, match="local copy of the iframe-worker shim"):
        offline.on_config(config)


def test_external_resources_finds_scripts_styles_and_images_from_other_hosts(tmp_path):
    """The build check reports loaded resources from other hosts, not plain links or local files."""
    (tmp_path / "a.html").write_text(
        '<link rel="canonical" href="https://example.org/a.html">\n'
        '<a href="https://example.org/">et link</a>\n'
        '<script src="assets/x.js"></script>\n'
        '<script src="https://unpkg.com/iframe-worker/shim"></script>\n'
        '<link rel="stylesheet" href="//fonts.example/x.css">\n'
        '<img srcset="a.png 1x, https://img.example/b.png 2x">\n', encoding="utf-8")
    (tmp_path / "b.css").write_text("body { background: url('https://img.example/c.png'); }\n", encoding="utf-8")
    assert offline.external_resources(tmp_path) == [
        "a.html:4: <script src> https://unpkg.com/iframe-worker/shim",
        "a.html:5: <link href> //fonts.example/x.css",
        "a.html:6: <img srcset> https://img.example/b.png",
        "b.css:1: url() https://img.example/c.png",
    ]


# --- The built zip ----------------------------------------------------------------------------


def test_zip_holds_one_folder_with_index_html(offline_zip):
    """Unpacking the zip gives one folder with the front page, the search index as a script and the shim."""
    with zipfile.ZipFile(offline_zip) as zf:
        names = zf.namelist()
    assert {n.split("/", 1)[0] for n in names} == {offline.ZIP_FOLDER}
    for needed in ("index.html", MODULE_06, "search/search_index.js", "assets/vendor/iframe-worker/shim.js",
                   "assets/vendor/iframe-worker/LICENSE.txt"):
        assert f"{offline.ZIP_FOLDER}/{needed}" in names
    assert not [n for n in names if n.endswith(".map")], "source maps do not belong in the classroom zip"


def test_no_page_loads_anything_from_another_host(unzipped):
    """No built HTML or CSS loads a resource from another host, and no HTML names unpkg.com,
    where Material's offline plugin would fetch the iframe-worker shim."""
    assert offline.external_resources(unzipped) == []
    cdn = [p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*.html") if "unpkg.com" in p.read_text("utf-8")]
    assert cdn == []


def test_pages_load_the_local_shim_and_no_instant_navigation(unzipped):
    """Every page loads the shim by a relative path, and instant navigation is off."""
    for path in sorted(unzipped.rglob("*.html")):
        if path.name == "404.html":
            continue
        html = path.read_text("utf-8")
        depth = len(path.relative_to(unzipped).parts) - 1
        assert f'<script src="{"../" * depth}assets/vendor/iframe-worker/shim.js"></script>' in html, path
        assert '"navigation.instant' not in html, path
        assert 'rel="canonical"' not in html, path


def test_shim_is_the_npm_package_file(unzipped):
    """The shim in the site is node_modules/iframe-worker/shim/index.js, unchanged."""
    built = (unzipped / "assets/vendor/iframe-worker/shim.js").read_bytes()
    assert built == offline.SHIM_SOURCE.read_bytes()
    assert b'location.protocol==="file:"&&(window.Worker=' in built


# --- In Chromium, from file:// ------------------------------------------------------------------


@pytest.mark.browser
def test_course_works_from_disk_without_network(unzipped, disk_page):
    """From file://: the nav, Danish search, a quiz question and a saved note all work, offline."""
    page = disk_page()
    page.goto(file_url(unzipped / "index.html"))
    page.wait_for_load_state("load")

    # From the front page (no sidebar) into module 01, then through the sidebar to module 06:
    # real page loads from file://, as instant navigation is off.
    page.locator("article").get_by_role("link", name=re.compile("^Styring og ledelse")).first.click()
    page.wait_for_load_state("load")
    assert page.url == file_url(unzipped / "moduler/01-styring-og-ledelse.html")
    page.locator(".md-sidebar--primary").get_by_role("link", name=re.compile("^Tillid og kontrol")).click()
    page.wait_for_load_state("load")
    assert page.url == file_url(unzipped / MODULE_06)
    expect(page.locator("h1").first).to_contain_text("kontrol")

    # Search: the worker runs in an iframe (the local shim) and reads search_index.js.
    page.click(".md-search__input") if page.is_visible(".md-search__input") else page.click("label[for='__search']")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("Indtast søgeord", timeout=15_000)
    page.locator(".md-search__input").press_sequentially("mushrooming", delay=20)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(a => a.href)")
    assert any(h.startswith("file://") and "05-metaltraethed.html" in h for h in hrefs), hrefs
    # A word with ø: the index is UTF-8 (scripts/assets.py), read by a script from disk.
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially("besøgsblokke", delay=20)
    expect(results.first).to_have_attribute("href", re.compile(r"07-forenkling-i-praksis\.html"))
    page.keyboard.press("Escape")

    # A quiz question: choose the right option, press "Tjek svar".
    question = page.locator('li.quiz-q[data-type="single"]').first
    question.locator('input[data-correct="true"]').check()
    question.get_by_role("button", name="Tjek svar").click()
    expect(question.locator(".quiz-q__result")).to_have_text("Rigtigt!")

    # A note in an exercise, kept in localStorage across a reload of the file.
    note = "Vi prøver tillidsbaserede besøgsblokke i hjemmeplejen."
    textarea = page.locator("textarea[data-note]").first
    textarea.fill(note)
    textarea.blur()
    page.reload()
    page.wait_for_load_state("load")
    expect(page.locator("textarea[data-note]").first).to_have_value(note)
    expect(page.locator('li.quiz-q[data-type="single"]').first.locator(".quiz-q__result")).to_have_text("Rigtigt!")

    assert page.external == []


@pytest.mark.browser
def test_quiz_answer_is_readable_without_javascript(unzipped, disk_page):
    """With JavaScript off, a quiz answer still opens in its <details> from disk."""
    page = disk_page(java_script_enabled=False)
    page.goto(file_url(unzipped / MODULE_06))
    key = page.locator("details.quiz-q__key").first
    expect(key.locator(".quiz-q__answer")).to_be_hidden()
    key.locator("summary").click()
    expect(key.locator(".quiz-q__answer")).to_be_visible()
    assert page.external == []


@pytest.mark.browser
def test_every_page_opens_from_disk_without_requests_to_other_hosts(unzipped, disk_page):
    """Each page, opened from file://, renders its heading and asks no other host for anything."""
    page = disk_page()
    pages = sorted(p for p in unzipped.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 20
    for path in pages:
        page.goto(file_url(path))
        page.wait_for_load_state("load")
        expect(page.locator("h1").first).to_be_visible()
    assert page.external == []



@pytest.mark.browser
def test_progress_views_link_to_pages_that_exist_on_disk(unzipped, disk_page):
    """Offline (.html names, no folders): every link the progress views and notices write leads to a file."""
    page = disk_page()
    page.goto(file_url(unzipped / MODULE_06))
    page.wait_for_load_state("load")
    question = page.locator('li.quiz-q[data-type="single"]').first
    question.locator('input[data-correct="true"]').check()
    question.get_by_role("button", name="Tjek svar").click()
    manifest = page.evaluate("window.SamskabtKursus.pages")
    assert set(manifest) == {"progress", "certificate", "reflections"}
    for name, url in manifest.items():
        assert (unzipped / url).is_file(), (name, url)

    hrefs = []
    for html, box in (("index.html", "[data-continue]"), ("min-fremgang.html", "[data-progress-page]"),
                      ("kursusbevis.html", "[data-certificate]"), ("mine-refleksioner.html", "[data-reflections]"),
                      (MODULE_06, ".exercise")):
        page.goto(file_url(unzipped / html))
        page.wait_for_load_state("load")
        found = page.locator(box).first.locator("a[href]").evaluate_all("els => els.map(a => a.href)")
        hrefs += [h for h in found if h.startswith("file://")]
    assert any("min-fremgang.html" in h for h in hrefs), hrefs
    for href in hrefs:
        path = Path(unquote(urlparse(href).path))
        assert path.is_file(), href

    page.goto(file_url(unzipped / "index.html"))
    page.wait_for_load_state("load")
    page.locator("[data-continue]").get_by_role("link", name=re.compile("^Min fremgang")).click()
    page.wait_for_load_state("load")
    assert page.url == file_url(unzipped / "min-fremgang.html")
    expect(page.locator("h1").first).to_contain_text("Min fremgang")
    assert page.external == []


@pytest.mark.browser
def test_slides_work_from_disk(unzipped, disk_page):
    """A module opens as slides from file:// (the link the lesson plans use), with its stylesheet, offline."""
    page = disk_page(viewport={"width": 1280, "height": 720})
    page.goto(file_url(unzipped / MODULE_06) + "?slides")
    dialog = page.locator(".slides[data-ready]")
    expect(dialog).to_be_visible()
    assert page.locator(".slides__point").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") >= 32
    page.keyboard.press("ArrowRight")
    expect(page.locator(".slides__counter")).to_have_text(re.compile(r"^2 / \d+$"))
    assert page.external == []


def test_big_screen_view_opens_from_disk(unzipped, disk_page):
    """»Vis på storskærm« loads its script from file:// (the link the lesson plans use), offline."""
    page = disk_page()
    page.goto(file_url(unzipped / MODULE_06) + "?storskaerm=summeoevelse")
    dialog = page.locator(".exercise-present[data-ready]")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Start")).to_be_focused()
    assert page.external == []


_HREF = re.compile(r'<a\s[^>]*?href="([^"#][^"]*)"')


def test_every_link_in_the_zip_leads_to_a_file_in_it(unzipped):
    """Offline there is no server to answer: each page's links to pages and downloads of the
    course are files in the zip (a link to the published site is written as a full address)."""
    broken = []
    for html in sorted(unzipped.rglob("*.html")):
        if html.name == "404.html":  # a web server's answer to a wrong address; its links start at /
            continue
        for href in _HREF.findall(html.read_text(encoding="utf-8")):
            parts = urlparse(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (html.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or unzipped.resolve() not in target.parents:
                broken.append(f"{html.relative_to(unzipped)}: {href}")
    assert not broken, broken[:10]

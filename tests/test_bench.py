"""Smoke tests for bench/: the benchmark code runs on tiny input (no timings are judged)."""

from __future__ import annotations

import cProfile
import gzip
import json
import urllib.request
from pathlib import Path

import pytest

from bench import report
from bench.generator import bank_yaml, scaling
from bench.run import measure_rebuild, parse_args, profile_lines, resource_type, weigh_page
from bench.server import serve
from bench.stock import read_config, write_stock_config
from conftest import ROOT, mkdocs_build

OUR_CONFIG = """\
site_name: Lille kursus
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: da
  custom_dir: overrides
  features: [navigation.instant]
plugins:
  - search:
      lang: da
  - mkdocs-jupyter
hooks:
  - scripts/hooks.py
extra_css: [assets/css/kursus.css]
extra_javascript: [assets/js/kursus.js]
markdown_extensions:
  - admonition
  - toc:
      permalink: true
nav:
  - Forside: index.md
  - Moduler:
      - a.md
  - Genereret: ordliste.md
"""


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory) -> Path:
    """A project whose config uses hooks, custom_dir and a generated page that stock cannot have."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "mkdocs.yml").write_text(OUR_CONFIG, encoding="utf-8")
    docs = root / "docs"
    (docs / "assets" / "css").mkdir(parents=True)
    (docs / "assets" / "js").mkdir(parents=True)
    (docs / "assets" / "css" / "kursus.css").write_text("body { color: red }\n")
    (docs / "assets" / "js" / "kursus.js").write_text("(() => {})();\n")
    (docs / "index.md").write_text("# Forside\n\nVelkommen til et lille kursus om tillid.\n\n<!-- kursus:moduler -->\n")
    (docs / "a.md").write_text("# Modul A\n\n## Afsnit {#afsnit}\n\nTekst om styring.\n\n<!-- kursus:quiz -->\n")
    (docs / "b.md").write_text("---\ntemplate: egen.html\n---\n\n# Egen skabelon\n\nEn side med sin egen skabelon.\n")
    return root


@pytest.fixture(scope="module")
def stock_site(tiny_project, tmp_path_factory) -> Path:
    """The tiny project built strictly with the generated stock configuration."""
    config = write_stock_config(tiny_project, tiny_project / "mkdocs.stock.yml")
    dest = tmp_path_factory.mktemp("stock-site")
    proc = mkdocs_build(dest, config=config, strict=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest


def test_stock_config_is_plain_material(tiny_project):
    """The stock config keeps content settings and drops hooks, custom_dir, extra assets and plugins."""
    write_stock_config(tiny_project, tiny_project / "mkdocs.stock.yml")
    stock = read_config(tiny_project / "mkdocs.stock.yml")
    assert stock["theme"] == {"name": "material", "language": "da", "font": False, "custom_dir": "stock-templates"}
    # the only template there is the stub for the page that names one of ours
    stubs = tiny_project / "stock-templates"
    assert sorted(p.name for p in stubs.iterdir()) == ["egen.html"]
    assert (stubs / "egen.html").read_text() == '{% extends "main.html" %}\n'
    assert stock["plugins"] == [{"search": {"lang": "da"}}]
    for key in ("hooks", "extra_css", "extra_javascript", "watch"):
        assert key not in stock
    assert stock["markdown_extensions"] == ["admonition", {"toc": {"permalink": True}}]
    assert stock["nav"] == [{"Forside": "index.md"}, {"Moduler": ["a.md"]}]


def test_stock_config_builds(stock_site):
    """`mkdocs build --strict` of the stock config makes a Danish Material site without our assets."""
    html = (stock_site / "a" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in html
    assert "<!-- kursus:quiz -->" in html
    assert "kursus.css" not in html and "kursus.js" not in html
    assert not (stock_site / "assets" / "js" / "kursus.js").exists()
    own = (stock_site / "b" / "index.html").read_text(encoding="utf-8")
    assert "En side med sin egen skabelon." in own and 'class="md-content"' in own


def test_gzip_server_compresses_text(tmp_path):
    """The bench server gzips HTML and CSS for clients that accept it, and not images."""
    (tmp_path / "sub").mkdir()
    page = "<!doctype html><title>x</title>" + "<p>tillid</p>" * 200
    (tmp_path / "sub" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(300))
    httpd = serve(tmp_path)
    try:
        req = urllib.request.Request(httpd.url + "sub/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as resp:
            body = resp.read()
            assert resp.headers["Content-Encoding"] == "gzip"
            assert int(resp.headers["Content-Length"]) == len(body) < len(page)
            assert gzip.decompress(body).decode() == page
        with urllib.request.urlopen(httpd.url + "sub/") as resp:
            assert resp.headers.get("Content-Encoding") is None and resp.read().decode() == page
        req = urllib.request.Request(httpd.url + "a.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as resp:
            assert resp.headers.get("Content-Encoding") is None and resp.headers["Content-Type"] == "image/png"
        with urllib.request.urlopen(httpd.url + "sub") as resp:  # redirected to sub/
            assert resp.url.endswith("/sub/")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(httpd.url + "missing/")
        assert err.value.code == 404
    finally:
        httpd.shutdown()


def test_generator_scaling_small():
    """Generated banks of 10 and 20 questions validate and render, with positive times."""
    out = scaling((10, 20), repeats=1)
    assert out["seconds"]["10"] > 0 and out["seconds"]["20"] > 0
    assert out["html_bytes"]["20"] > out["html_bytes"]["10"] > 0
    assert out["growth"]["20"] > 0 and out["factor"]["20"] == 2
    assert bank_yaml(6).count("type: ") == 6


def test_resource_types():
    """Requests are sorted into html/css/js/img/font/data by extension first."""
    assert resource_type("http://h/assets/javascripts/lunr/min/lunr.da.min.js", "other") == "js"
    assert resource_type("http://h/search/search_index.json", "fetch") == "data"
    assert resource_type("http://h/assets/favicon.svg", "other") == "img"
    assert resource_type("http://h/moduler/", "document") == "html"


def test_profile_lines_name_hot_spots(tmp_path):
    """A profile is summarised as its total, hook events and largest self times."""
    def on_page_markdown():
        return sorted(range(200_000), key=lambda i: -i)

    prof = tmp_path / "p.prof"
    cProfile.runctx("on_page_markdown()", globals(), {"on_page_markdown": on_page_markdown}, str(prof))
    lines = profile_lines(prof, tmp_path)
    assert lines[0].startswith("one build of ours under cProfile")
    assert "largest self times: `" in lines[-1] and "calls" in lines[-1]


def test_options():
    """--quick means one run and no Lighthouse; --only picks sections."""
    args = parse_args(["--quick"])
    assert args.runs == 1 and "lighthouse" not in args.sections and "build" in args.sections
    assert parse_args(["--only", "weight,generator", "--runs", "5"]).sections == ["weight", "generator"]
    with pytest.raises(SystemExit):
        parse_args(["--only", "speed"])


RESULTS = {
    "meta": {"date": "2026-01-01T00:00:00", "cpus": 2, "load": "0.5", "runs": 3},
    "notes": [],
    "build": {"ours": {"times": [3, 3, 3], "median": 3.0, "cpu_median": 2.5},
              "stock": {"times": [1, 1, 1], "median": 1.0, "cpu_median": 1.0}, "ratio": 3.0, "cpu_ratio": 2.5,
              "explain": ["loading the course data takes 1 s"]},
    "rebuild": {"startup": 4.0, "changes": {
        "quiz": {"label": "quiz YAML change", "times": [1.0, 1.2, 1.1], "median": 1.1, "cpu_median": 0.9}}},
    "weight": {
        "own_assets": {"files": {"assets/js/quiz.js": {"raw": 9000, "gzip": 3000}}, "total": 3000},
        "search_index": {"ours": 60 * 1024, "stock": 50 * 1024, "ratio": 1.2, "answer_texts": 0},
        "pages": {"": {"label": "Forside", "ratio": 1.5, "only_ours": [{"path": "/assets/js/quiz.js", "bytes": 3000}],
                       "grown": [],
                       "ours": {"total": 150 * 1024, "all": 160 * 1024, "requests": 9, "by_type": {"js": 100 * 1024}},
                       "stock": {"total": 100 * 1024, "all": 110 * 1024, "requests": 7, "by_type": {"js": 70 * 1024}}}},
    },
    "lighthouse": {"runs": 1, "pages": {"": {
        "label": "Forside",
        "ours": {"scores": {"performance": 0.99, "accessibility": 0.96, "best-practices": 1, "seo": 1},
                 "lcp_ms": 1500, "tbt_ms": 40, "cls": 0.1,
                 "failed": [{"category": "accessibility", "id": "link-in-text-block", "score": 0, "weight": 7}]},
        "stock": {"scores": {"performance": 0.97, "accessibility": 1, "best-practices": 1, "seo": 1},
                  "lcp_ms": 1400, "tbt_ms": 0}}}},
    "generator": {"sizes": [10, 100, 1000], "seconds": {"10": 0.01, "100": 0.1, "1000": 1.0},
                  "cpu_seconds": {"10": 0.01, "100": 0.1, "1000": 1.3}, "html_bytes": {"10": 1, "100": 10, "1000": 100},
                  "growth": {"100": 10.0, "1000": 13.0}, "factor": {"100": 10, "1000": 10}},
}


def test_targets_judge_each_figure():
    """Each target is met or missed as the figures say."""
    marks = {t.name: t.ok for t in report.targets(RESULTS)}
    assert marks["Build time"] is False
    assert marks["Rebuild after quiz YAML change"] is False  # 1.1 s, the target is 1 s
    assert marks["Search index (gzip)"] is False
    assert marks["Explanations and feedback in the search index"] is True
    assert marks["TBT · Forside"] is False  # 40 ms against stock's 0 + 30
    assert marks["LCP · Forside"] is True  # 1.5 s against stock's 1.4 + 0.2
    assert marks["CLS · Forside"] is False
    assert marks["Own JS+CSS beyond Material (gzip)"] is True
    assert marks["Page weight · Forside"] is False
    assert marks["Lighthouse A11y · Forside"] is False
    assert marks["Lighthouse SEO · Forside"] is True
    assert marks["Lighthouse Perf · Forside"] is True
    assert marks["Generator growth per ×10 (from 100 questions)"] is False


def test_report_renders():
    """The report is Markdown tables with the figures, the marks and the reasons for misses."""
    text = report.render(json.loads(json.dumps(RESULTS)))
    assert "| Full build (median of 3) | 3.00 s | 1.00 s | 3.00× | ≤ 2.0× stock | ✗ |" in text
    assert "| Forside | ours | 0.99 | 0.96 | 1.00 | 1.00 | 1.50 s | 40 ms |" in text
    assert "| Search index (gzip) | 60.0 KB | 50.0 KB | 1.20× | ≤ 1.15× stock | ✗ |" in text
    assert "accessibility/link-in-text-block 0.00" in text
    assert "`/assets/js/quiz.js` 2.9 KB" in text
    assert "| 1,000 | 1.00 s | 1.30 s | 13.0× | 0.1 KB |" in text
    assert report.render({}).startswith("# Benchmark")


@pytest.mark.browser
def test_weigh_page_counts_gzip_bytes(browser, stock_site):
    """Weighing a page in Chromium sums the gzipped responses of the page and its assets."""
    httpd = serve(stock_site)
    try:
        result = weigh_page(browser, httpd.url + "a/")
    finally:
        httpd.shutdown()
    html = next(r for r in result["resources"] if r["path"] == "/a/")
    assert html["encoding"] == "gzip" and 0 < html["bytes"] < len((stock_site / "a" / "index.html").read_bytes())
    assert result["by_type"]["css"] > 0 and result["by_type"]["js"] > 0
    assert result["total"] >= result["by_type"]["css"] + result["by_type"]["js"] + html["bytes"]


def test_rebuild_measures_a_page_change(tiny_project, tmp_path):
    """Under `mkdocs serve` an edit to a page is timed until the served page shows it."""
    import shutil

    project = tmp_path / "p"
    shutil.copytree(tiny_project / "docs", project / "docs")
    write_stock_config(tiny_project, project / "mkdocs.yml")
    result = measure_rebuild(project, repeats=1, page="a", timeout=60, settle=0.2)
    assert result["startup"] > 0
    assert result["changes"]["page"]["median"] > 0
    assert "Modul A" in (project / "docs" / "a.md").read_text()  # the edit was undone


def test_every_module_page_is_weighed():
    """The weight section weighs the Lighthouse pages and each module page, each once."""
    from bench.run import PAGES, weighed_pages

    pages = weighed_pages(ROOT / "docs")
    modules = sorted((ROOT / "docs" / "moduler").glob("[0-9][0-9]-*.md"))
    assert pages[:len(PAGES)] == PAGES
    assert {f"moduler/{md.stem}/" for md in modules} <= {path for path, _ in pages}
    assert len({path for path, _ in pages}) == len(pages)


def test_search_index_counts_an_explanation_that_leaks(tmp_path):
    """An index that holds a question's explanation is counted; the size is gzip bytes."""
    import yaml

    from bench.run import search_index

    bank = yaml.safe_load((ROOT / "quizzes" / "06-tillid-og-kontrol.yml").read_text(encoding="utf-8"))
    leaked = bank["questions"][0]["explanation"]
    for name, text in (("ours", "Tillid " + leaked), ("stock", "Tillid")):
        (tmp_path / name / "search").mkdir(parents=True)
        (tmp_path / name / "search" / "search_index.json").write_text(
            json.dumps({"docs": [{"location": "", "title": "x", "text": text}]}), encoding="utf-8")
    result = search_index({"ours": tmp_path / "ours", "stock": tmp_path / "stock"}, ROOT)
    assert result["answer_texts"] == 1
    assert result["ours"] > result["stock"] > 0 and result["ratio"] == result["ours"] / result["stock"]

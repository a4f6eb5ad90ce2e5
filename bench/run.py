"""`python -m bench.run`: build and measure our site against a stock Material build.

Everything runs on a snapshot of the project in a temporary folder; the repository's
files are only read. See bench/README.md for what each figure means.

    python -m bench.run                      # everything, 3 runs each
    python -m bench.run --quick              # 1 run, no Lighthouse
    python -m bench.run --only build,weight  # some sections
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import yaml

from bench import report
from bench.server import GZIP_LEVEL, serve
from bench.stock import write_stock_config

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
SECTIONS = ("build", "rebuild", "weight", "lighthouse", "generator")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]

# The pages Lighthouse scores: (path under the site root, label). Lighthouse takes a minute a
# page; the weight section weighs these and every other module page (`weighed_pages`).
PAGES = [
    ("", "Forside"),
    ("moduler/06-tillid-og-kontrol/", "Modul 6 (quiz)"),
    ("mine-refleksioner/", "Mine refleksioner"),
]


def weighed_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """The Lighthouse pages and every module page (`docs/moduler/NN-*.md`), in that order."""
    paths = {path for path, _ in PAGES}
    modules = [(f"moduler/{md.stem}/", f"Modul {int(md.stem[:2])}")
               for md in sorted((docs_dir / "moduler").glob("[0-9][0-9]-*.md"))]
    return PAGES + [m for m in modules if m[0] not in paths]


SEARCH_INDEX = "search/search_index.json"


def search_index(sites: dict[str, Path], project: Path) -> dict:
    """The search index of each site, gzipped as the server sends it, and how many questions'
    explanations or option feedback of our banks can be read in ours (there should be none)."""
    out: dict = {}
    for name, site in sites.items():
        path = site / SEARCH_INDEX
        if path.is_file():
            out[name] = len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))
    out["ratio"] = out["ours"] / out["stock"] if out.get("ours") and out.get("stock") else None
    index = sites.get("ours", Path("-")) / SEARCH_INDEX
    if index.is_file():
        text = " ".join(" ".join(d.get("text", "").split()) for d in json.loads(index.read_text("utf-8"))["docs"])
        # 120 characters: an explanation may open with the words of the section it points to.
        out["answer_texts"] = len([t for t in _answer_texts(project) if t[:120] in text])
    return out


def _answer_texts(project: Path) -> list[str]:
    """Every explanation and option feedback of the banks in `project/quizzes`, as a reader sees it."""
    from scripts.modules import read_modules
    from scripts.quiz import load_banks
    from scripts.text import visible

    anchors = {m.stem: set(m.anchors) for m in read_modules(project / "docs")}
    banks, _ = load_banks(project / "quizzes", anchors, project)
    texts = []
    for lb in banks:
        for q in lb.bank.questions:
            texts.append(q.explanation)
            texts += [o.feedback for o in getattr(q, "options", [])]
    return [v for v in (visible(t) for t in texts) if len(v) >= 20]
# The module page and bank the rebuild measurement edits (in the temporary copy).
REBUILD_PAGE = "moduler/06-tillid-og-kontrol"

TOP_IGNORE = {".git", ".venv", "node_modules", "site", "build", "bench", ".pytest_cache", "tests"}
ANY_IGNORE = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def snapshot(src: Path, dest: Path) -> Path:
    """Copy the project (without .venv, node_modules, site …) so both builds see the same files."""
    top = Path(src)

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = set(ANY_IGNORE(folder, names))
        if Path(folder) == top:
            skip |= TOP_IGNORE & set(names)
        return skip

    shutil.copytree(src, dest, ignore=ignore, symlinks=True)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- 1. Build time ---------------------------------------------------------------------


def mkdocs_build(project: Path, config: str, dest: Path, strict: bool) -> tuple[float, subprocess.CompletedProcess]:
    """One `mkdocs build` as a subprocess (what a maintainer waits for); wall seconds and the process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(dest)]
    if strict:
        cmd.append("--strict")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env())
    return time.perf_counter() - t0, proc


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _tail(proc: subprocess.CompletedProcess, n: int = 12) -> str:
    return "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-n:])


def measure_builds(project: Path, out: Path, runs: int, notes: list[str]) -> dict:
    """Median wall time of `runs` full builds of ours (strict if it passes) and of stock, interleaved."""
    sites = {"ours": out / "site-ours", "stock": out / "site-stock"}
    configs = {"ours": "mkdocs.yml", "stock": "mkdocs.stock.yml"}
    result: dict = {"strict": True}
    strict = {"ours": True, "stock": False}
    # First build of each: also decides strict or not, and warms the disk cache (not timed).
    for name in ("ours", "stock"):
        _, proc = mkdocs_build(project, configs[name], sites[name], strict[name])
        if proc.returncode != 0 and strict[name]:
            notes.append("Strict build of our site failed, so the bench builds it non-strict:\n\n    "
                         + _tail(proc).replace("\n", "\n    "))
            strict[name] = False
            result["strict"] = False
            _, proc = mkdocs_build(project, configs[name], sites[name], False)
        if proc.returncode != 0:
            raise RuntimeError(f"{name} build failed:\n{_tail(proc, 30)}")
    times: dict[str, list[float]] = {"ours": [], "stock": []}
    cpu: dict[str, list[float]] = {"ours": [], "stock": []}
    for i in range(runs):
        for name in ("ours", "stock"):
            c0 = children_cpu()
            t, proc = mkdocs_build(project, configs[name], sites[name], strict[name])
            cpu[name].append(children_cpu() - c0)
            if proc.returncode != 0:
                raise RuntimeError(f"{name} build failed on run {i + 1}:\n{_tail(proc, 30)}")
            times[name].append(t)
        log(f"build run {i + 1}/{runs}: ours {times['ours'][-1]:.2f} s, stock {times['stock'][-1]:.2f} s")
    for name in ("ours", "stock"):
        result[name] = {"times": times[name], "median": statistics.median(times[name]),
                        "cpu": cpu[name], "cpu_median": statistics.median(cpu[name])}
    result["ratio"] = result["ours"]["median"] / result["stock"]["median"]
    result["cpu_ratio"] = (result["ours"]["cpu_median"] / result["stock"]["cpu_median"]
                           if result["stock"]["cpu_median"] else None)
    result["explain"] = explain_build(project)
    return result


def built_sites(project: Path, out: Path, notes: list[str]) -> dict[str, Path]:
    """One build of each site, for the weight and Lighthouse sections when build times are not wanted."""
    sites = {"ours": out / "site-ours", "stock": out / "site-stock"}
    for name, config in (("ours", "mkdocs.yml"), ("stock", "mkdocs.stock.yml")):
        _, proc = mkdocs_build(project, config, sites[name], strict=name == "ours")
        if proc.returncode != 0 and name == "ours":
            notes.append("Strict build of our site failed, so the bench builds it non-strict:\n\n    "
                         + _tail(proc).replace("\n", "\n    "))
            _, proc = mkdocs_build(project, config, sites[name], strict=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{name} build failed:\n{_tail(proc, 30)}")
    return sites


def explain_build(project: Path) -> list[str]:
    """Where our extra build time goes: one build of ours under cProfile, and the course data."""
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-prof-") as tmp:
        prof = Path(tmp) / "build.prof"
        proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q",
                               "-f", "mkdocs.yml", "-d", str(Path(tmp) / "site")],
                              cwd=project, capture_output=True, text=True, env=env())
        if proc.returncode == 0 and prof.exists():
            lines += profile_lines(prof, project)
    code = ("import sys, time; from pathlib import Path; p=Path.cwd(); sys.path.insert(0, str(p)); "
            "from scripts.course import load_course; t=time.process_time(); "
            "load_course(p/'docs', p/'quizzes', p); print(time.process_time()-t)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), cwd=project)
    if proc.returncode == 0:
        lines.append(f"loading and checking the course data (`load_course`) alone takes "
                     f"{report.sec(float(proc.stdout.strip().splitlines()[-1]))} CPU")
    return lines


def _where(func: tuple, project: Path) -> str:
    filename, line, name = func
    if filename == "~":
        return name.strip("<>")
    path = Path(filename)
    for base in sorted({project, *map(Path, filter(None, sys.path))}, key=lambda b: -len(str(b))):
        try:
            rel = path.relative_to(base)
            return f"{rel.as_posix()}:{line} {name}"
        except ValueError:
            continue
    return f"{path.name}:{line} {name}"


def profile_lines(prof: Path, project: Path, n: int = 5) -> list[str]:
    """The profiled build's total, the hook and plugin events' cumulative times, the top self times."""
    import pstats

    stats = pstats.Stats(str(prof)).stats
    total = max(ct for (_, _, ct, _c, _callers) in ((v[0], v[1], v[3], v[2], v[4]) for v in stats.values()))
    lines = [f"one build of ours under cProfile: {report.sec(total)} (profiling slows it down; compare shares)"]
    events = []
    for func, (cc, nc, tt, ct, callers) in stats.items():
        filename, _, name = func
        if name.startswith("on_") and ("/scripts/" in filename or "mkdocs_jupyter" in filename
                                       or "/material/plugins/search" in filename):
            events.append((ct, _where(func, project)))
    if events:
        lines.append("hook and plugin events (cumulative): " + ", ".join(
            f"`{w}` {report.sec(ct)} ({ct / total:.0%})" for ct, w in sorted(events, reverse=True)[:6]))
    top = sorted(stats.items(), key=lambda kv: -kv[1][2])[:n]
    parts = []
    for func, (cc, nc, tt, ct, callers) in top:
        caller = max(callers.items(), key=lambda kv: kv[1][3])[0] if callers else None
        via = f", mostly from `{_where(caller, project)}`" if caller else ""
        parts.append(f"`{_where(func, project)}` {report.sec(tt)} in {nc:,} calls{via}")
    lines.append("largest self times: " + "; ".join(parts))
    return lines


# --- 2. Rebuild under mkdocs serve -----------------------------------------------------


def _get(url: str, timeout: float = 5.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, token: str | None, timeout: float, poll: float = 0.05) -> float | None:
    """Seconds until `url` answers (and contains `token`), or None after `timeout`."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        body = _get(url)
        if body is not None and (token is None or token in body):
            return time.perf_counter() - t0
        time.sleep(poll)
    return None


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) that process `pid` has used so far."""
    import psutil

    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


def bank_for_module(quizzes: Path, stem: str) -> Path | None:
    for path in sorted(quizzes.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("module") == stem:
            return path
    return None


def change_quiz(path: Path, original: str, token: str) -> None:
    """Put `token` into the first question's prompt of the bank at `path`."""
    data = yaml.safe_load(original)
    data["questions"][0]["prompt"] = f"{data['questions'][0]['prompt']} {token}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def change_page(path: Path, original: str, token: str) -> None:
    """Append a paragraph with `token` to the Markdown page at `path`."""
    path.write_text(original.rstrip("\n") + f"\n\nMåling {token}.\n", encoding="utf-8")


def measure_rebuild(project: Path, repeats: int, page: str = REBUILD_PAGE, timeout: float = 120.0,
                    settle: float = 1.5) -> dict:
    """Start `mkdocs serve --livereload` on `project` (a copy!) and time edits until the page shows them."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}/"
    log_path = project / "serve.log"
    result: dict = {"page": page + "/", "changes": {}}
    changes = []
    bank = bank_for_module(project / "quizzes", Path(page).name)
    if bank is not None:
        changes.append(("quiz", f"quiz YAML change (`quizzes/{bank.name}`)", bank, change_quiz))
    md = project / "docs" / f"{page}.md"
    if md.is_file():
        changes.append(("page", f"module page change (`docs/{page}.md`)", md, change_page))
    with open(log_path, "w") as logf:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload", "-f", "mkdocs.yml"],
            cwd=project, stdout=logf, stderr=subprocess.STDOUT, env=env())
        try:
            startup = wait_for(url, None, timeout)
            if startup is None:
                raise RuntimeError("mkdocs serve did not serve the page:\n" + log_path.read_text()[-3000:])
            result["startup"] = startup
            time.sleep(settle)
            for kind, label, path, change in changes:
                original = path.read_text(encoding="utf-8")
                times = []
                cpus = []
                for _ in range(repeats):
                    token = "bench" + uuid.uuid4().hex[:12]
                    c0 = process_cpu(proc.pid)
                    change(path, original, token)
                    t0 = time.perf_counter()
                    took = wait_for(url, token, timeout)
                    if took is None:
                        raise RuntimeError(f"{label}: the page never showed the change:\n"
                                           + log_path.read_text()[-3000:])
                    times.append(time.perf_counter() - t0)
                    cpus.append(process_cpu(proc.pid) - c0)
                    log(f"rebuild after {kind} change: {times[-1]:.2f} s (server CPU {cpus[-1]:.2f} s)")
                    time.sleep(settle)  # let any follow-up build finish before the next edit
                path.write_text(original, encoding="utf-8")
                time.sleep(settle)
                result["changes"][kind] = {"label": label, "times": times, "median": statistics.median(times),
                                           "cpu": cpus, "cpu_median": statistics.median(cpus)}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return result


# --- 3. Page weight ---------------------------------------------------------------------

TYPE_OF = {"document": "html", "stylesheet": "css", "script": "js", "image": "img", "font": "font",
           "fetch": "data", "xhr": "data", "manifest": "data"}
TYPE_OF_SUFFIX = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".json": "data", ".xml": "data",
                  ".svg": "img", ".png": "img", ".jpg": "img", ".jpeg": "img", ".gif": "img", ".webp": "img",
                  ".avif": "img", ".ico": "img", ".woff": "font", ".woff2": "font", ".ttf": "font"}
# Page weight (the target) counts these; "data" (search index, sitemap) is shown beside it.
PAGE_TYPES = ("html", "css", "js", "img", "font", "other")


def resource_type(url: str, resource_type: str) -> str:
    """html/css/js/img/font/data/other, by the URL's extension first (worker scripts count as js)."""
    suffix = Path(urlparse(url).path).suffix.lower()
    return TYPE_OF_SUFFIX.get(suffix) or TYPE_OF.get(resource_type, "other")


def own_assets(docs_dir: Path, site_dir: Path | None = None) -> dict:
    """Our JS and CSS in docs/assets (what Material does not ship), each gzipped at the server's
    level; as the built site serves them (minified) when `site_dir` is given."""
    files = {}
    for path in sorted(docs_dir.glob("assets/**/*")):
        if path.suffix in (".js", ".css") and path.is_file():
            built = site_dir / path.relative_to(docs_dir) if site_dir else path
            raw = (built if built.is_file() else path).read_bytes()
            files[path.relative_to(docs_dir).as_posix()] = {
                "raw": len(raw), "gzip": len(gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0))}
    return {"files": files, "total": sum(f["gzip"] for f in files.values())}


def launch_browser(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS[1:])


def weigh_page(browser, url: str) -> dict:
    """Load `url` in a fresh context; sum the gzip body bytes (Content-Length) of every response."""
    ctx = browser.new_context(locale="da-DK", service_workers="block")
    records = []
    page = ctx.new_page()

    def on_finished(request):
        response = request.response()
        if response is None:
            return
        headers = response.headers
        length = headers.get("content-length")
        if length is None:
            try:
                length = request.sizes()["responseBodySize"]
            except Exception:  # noqa: BLE001 - the request may be gone; then count its body
                length = len(response.body())
        records.append({"url": request.url, "type": resource_type(request.url, request.resource_type),
                        "status": response.status, "bytes": int(length),
                        "encoding": headers.get("content-encoding", "")})

    page.on("requestfinished", on_finished)
    try:
        resp = page.goto(url, wait_until="load")
        if resp is None or resp.status != 200:
            return {"error": f"HTTP {resp.status if resp else '?'}"}
        try:
            page.wait_for_load_state("networkidle", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page that never idles is still weighed
            pass
        page.wait_for_timeout(500)
    finally:
        ctx.close()
    base = url.split("://", 1)[1].split("/", 1)[0]
    by_type: dict[str, int] = {}
    for r in records:
        by_type[r["type"]] = by_type.get(r["type"], 0) + r["bytes"]
        u = urlparse(r["url"])
        r["path"] = u.path if u.netloc == base else r["url"]
    return {"total": sum(by_type.get(t, 0) for t in PAGE_TYPES), "all": sum(r["bytes"] for r in records),
            "requests": len(records), "by_type": by_type,
            "resources": sorted(records, key=lambda r: -r["bytes"])}


def measure_weight(urls: dict[str, str], sites: dict[str, Path], project: Path) -> dict:
    from playwright.sync_api import sync_playwright

    docs_dir = project / "docs"
    result: dict = {"pages": {}, "own_assets": own_assets(docs_dir, sites.get("ours")),
                    "search_index": search_index(sites, project)}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        try:
            for path, label in weighed_pages(docs_dir):
                page: dict = {"label": label}
                for name in ("ours", "stock"):
                    if not (sites[name] / path / "index.html").is_file():
                        page[name] = {"error": "page not in this site"}
                        continue
                    page[name] = weigh_page(browser, urls[name] + path)
                o, s = page["ours"].get("total"), page["stock"].get("total")
                page["ratio"] = o / s if o is not None and s else None
                page.update(compare_resources(page["ours"], page["stock"]))
                result["pages"][path] = page
                log(f"weight {label}: ours {report.kb(o)}, stock {report.kb(s)}")
        finally:
            browser.close()
    return result


def compare_resources(ours: dict, stock: dict) -> dict:
    """Requests only our page makes, and the ones that are heavier in ours (by path)."""
    o = {r["path"]: r["bytes"] for r in ours.get("resources", [])}
    s = {r["path"]: r["bytes"] for r in stock.get("resources", [])}
    only = [{"path": p, "bytes": b} for p, b in o.items() if p not in s]
    grown = [{"path": p, "delta": b - s[p]} for p, b in o.items() if p in s and b > s[p]]
    return {"only_ours": sorted(only, key=lambda r: -r["bytes"]),
            "grown": sorted(grown, key=lambda r: -r["delta"])}


# --- 4. Lighthouse ------------------------------------------------------------------------


def lighthouse_once(url: str, out: Path) -> dict:
    cmd = ["npx", "--no-install", "lighthouse", url, "--output=json", f"--output-path={out}", "--quiet",
           f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
           "--only-categories=performance,accessibility,best-practices,seo"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    if proc.returncode != 0 or not out.exists():
        return {"error": "lighthouse failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return summarize_lighthouse(json.loads(out.read_text()))


def summarize_lighthouse(lhr: dict) -> dict:
    """Scores, LCP, TBT, the audits that cost points and the biggest opportunities of one report."""
    audits = lhr["audits"]
    failed = []
    for cid, cat in lhr["categories"].items():
        for ref in cat["auditRefs"]:
            a = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and a.get("score") is not None and a["score"] < 1:
                failed.append({"category": cid, "id": ref["id"], "score": a["score"],
                               "display": a.get("displayValue", ""), "weight": ref["weight"]})
    opportunities = []
    for aid, a in audits.items():
        details = a.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        if details.get("type") == "opportunity" and saving > 0:
            opportunities.append({"id": aid, "title": a.get("title", ""), "display": a.get("displayValue", ""),
                                  "savings_ms": saving})
    weight = audits.get("total-byte-weight", {})
    heaviest = [{"url": i.get("url"), "bytes": i.get("totalBytes")}
                for i in (weight.get("details") or {}).get("items", [])[:6]]
    lcp_node = _first_node(audits.get("largest-contentful-paint-element", {}).get("details"))
    return {
        "scores": {cid: cat["score"] for cid, cat in lhr["categories"].items()},
        "lcp_ms": audits.get("largest-contentful-paint", {}).get("numericValue"),
        "fcp_ms": audits.get("first-contentful-paint", {}).get("numericValue"),
        "tbt_ms": audits.get("total-blocking-time", {}).get("numericValue"),
        "cls": audits.get("cumulative-layout-shift", {}).get("numericValue"),
        "total_bytes": weight.get("numericValue"),
        "heaviest": heaviest,
        "lcp_element": (lcp_node.get("snippet") or lcp_node.get("selector", ""))[:300] if lcp_node else None,
        "failed": sorted(failed, key=lambda f: (-f["weight"], f["score"])),
        "opportunities": sorted(opportunities, key=lambda o: -o["savings_ms"]),
        "lighthouse": lhr.get("lighthouseVersion"),
        "warnings": lhr.get("runWarnings", []),
    }


def _first_node(details) -> dict | None:
    """The first `node` (selector, snippet) in an audit's details, however deeply nested."""
    if isinstance(details, dict):
        if details.get("type") == "node":
            return details
        if isinstance(details.get("node"), dict):
            return details["node"]
        details = list(details.values())
    if isinstance(details, list):
        for item in details:
            found = _first_node(item)
            if found:
                return found
    return None


def measure_lighthouse(urls: dict[str, str], sites: dict[str, Path], runs: int, tmp: Path) -> dict:
    result: dict = {"runs": runs, "pages": {}}
    for path, label in PAGES:
        page: dict = {"label": label}
        for name in ("ours", "stock"):
            if not (sites[name] / path / "index.html").is_file():
                page[name] = {"error": "page not in this site"}
                continue
            reports = []
            for i in range(runs):
                r = lighthouse_once(urls[name] + path, tmp / f"lh-{name}-{len(result['pages'])}-{i}.json")
                if "error" in r:
                    reports = [r]
                    break
                reports.append(r)
                log(f"lighthouse {label} ({name}) run {i + 1}/{runs}: "
                    + " ".join(f"{k}={v}" for k, v in r["scores"].items()))
            ok = [r for r in reports if "scores" in r]
            if ok:
                ok.sort(key=lambda r: r["scores"].get("performance") or 0)
                chosen = dict(ok[len(ok) // 2])
                chosen["performance_runs"] = [r["scores"].get("performance") for r in reports]
                page[name] = chosen
            else:
                page[name] = reports[0]
        result["pages"][path] = page
    return result


# --- Main -----------------------------------------------------------------------------------


def load() -> str | None:
    """The 1-minute load average: above the number of CPUs, other work stretches the timings."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return None


def versions() -> dict:
    meta = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "host": platform.node(),
            "cpus": os.cpu_count(), "load": load(), "python": platform.python_version()}
    try:
        from importlib.metadata import version

        meta["mkdocs"] = version("mkdocs")
        meta["material"] = version("mkdocs-material")
    except Exception:  # noqa: BLE001 - versions are information only
        pass
    try:
        meta["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                                          timeout=20).stdout.strip().split("\n")[0]
    except (OSError, subprocess.TimeoutExpired):
        pass
    lh_pkg = ROOT / "node_modules" / "lighthouse" / "package.json"
    if lh_pkg.exists():
        meta["lighthouse"] = json.loads(lh_pkg.read_text())["version"]
    return meta


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3, help="runs per figure (median); default 3")
    p.add_argument("--quick", action="store_true", help="1 run, no Lighthouse")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}")
    p.add_argument("--output", type=Path, default=RESULTS, help="where to write the results (JSON)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (sites, logs, reports)")
    args = p.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        p.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if args.quick:
        args.runs = 1
        args.sections = [s for s in args.sections if s != "lighthouse"]
    args.runs = max(1, args.runs)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    results: dict = {"meta": {**versions(), "runs": args.runs, "sections": args.sections}, "notes": []}
    notes = results["notes"]
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    failed = False
    try:
        project = snapshot(ROOT, tmp / "project")
        write_stock_config(project, project / "mkdocs.stock.yml")
        shutil.copy(project / "mkdocs.stock.yml", tmp / "mkdocs.stock.yml")
        sites: dict[str, Path] = {}

        def run(section: str, fn):
            nonlocal failed
            if section not in args.sections:
                return
            log(f"--- {section}")
            try:
                results[section] = fn()
            except Exception as exc:  # noqa: BLE001 - one broken section must not hide the others
                failed = True
                notes.append(f"{section}: {type(exc).__name__}: {exc}")
                log(f"{section} failed: {exc}")

        def build():
            r = measure_builds(project, tmp, args.runs, notes)
            sites.update({"ours": tmp / "site-ours", "stock": tmp / "site-stock"})
            return r

        run("build", build)
        if not sites and {"weight", "lighthouse"} & set(args.sections):
            log("--- building both sites once")
            sites.update(built_sites(project, tmp, notes))
        servers = {name: serve(path) for name, path in sites.items()}
        urls = {name: srv.url for name, srv in servers.items()}
        try:
            run("weight", lambda: measure_weight(urls, sites, project))
            run("lighthouse", lambda: measure_lighthouse(urls, sites, args.runs, tmp))
        finally:
            for srv in servers.values():
                srv.shutdown()
        run("rebuild", lambda: measure_rebuild(snapshot(project, tmp / "serve-project"), args.runs))

        def generator():
            from bench.generator import scaling

            return scaling(repeats=args.runs)

        run("generator", generator)
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    results["meta"]["load_end"] = load()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report.render(results))
    log(f"results written to {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

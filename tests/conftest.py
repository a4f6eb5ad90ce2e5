"""Shared fixtures: one strict build, one local server and one Chromium per test session."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def normalize_text(text: str) -> str:
    """Text as a reader sees it, for comparing text extracted from pages and PDFs on any machine.

    NFKC turns the ligatures a font may bring into a PDF ("eﬀekter") and no-break spaces into
    plain letters and spaces; soft hyphens and zero-width characters go; whitespace runs become
    one space.
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return " ".join(text.split())


@dataclasses.dataclass
class BuildResult:
    """What a maintainer would see of a build: 0 or 1, and everything MkDocs logged."""

    returncode: int
    stdout: str
    stderr: str


def mkdocs_build(dest: Path, config: Path = ROOT / "mkdocs.yml", strict: bool = True,
                 env: dict | None = None) -> BuildResult:
    """Build a site in this process, as `mkdocs build [--strict]` would, and return the outcome.

    In-process saves starting a Python with MkDocs for every build. The working directory is
    the config's folder (pymdownx.snippets reads paths from there), `env` is set for the build
    (`!ENV` in mkdocs.yml is read when the config loads) and every log record of MkDocs and its
    plugins is collected in `stderr`, with the error that stopped the build, if any.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    saved_env, saved_cwd, saved_level = dict(os.environ), os.getcwd(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    os.chdir(config.parent)
    code = 0
    try:
        build(load_config(config_file=str(config), site_dir=str(dest), strict=strict))
    except MkDocsException as exc:
        code = 1
        stream.write(f"{exc.__class__.__name__}: {exc.format_message()}\n")
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.removeHandler(handler)
        logger.setLevel(saved_level)
    return BuildResult(code, "", stream.getvalue())


def mkdocs_cli(dest: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a command, for what only the command line shows (no traceback)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True, env=env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def port() -> int:
    """The port the site is served on, chosen before the build: Material's instant navigation
    only treats links as internal when scheme, host *and port* match the built site_url."""
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory, port) -> Path:
    """The whole course, built once with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(dest, env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, port: int = 0):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


@pytest.fixture(scope="session")
def base_url(site, port) -> str:
    """The built site served on 127.0.0.1 on the port it was built for."""
    httpd = serve(site, port)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, started once."""
    path = find_chromium()
    if path is None:
        msg = ("Chromium was not found. Install it with `apt-get install chromium` "
               "(or set CHROMIUM=/path/to/chromium) and run the tests again.")
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A Playwright page that records every request to a host other than 127.0.0.1."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.base_url = base_url
        self.external: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1",) or url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def __getattr__(self, name):
        if name == "page":
            raise AttributeError(name)
        return getattr(self.page, name)

    def new_tab(self) -> "Page":
        """A second tab in the same browser (same storage), as a participant opens one."""
        tab = object.__new__(Page)
        tab.context, tab.base_url, tab.external = self.context, self.base_url, self.external
        tab.page = self.context.new_page()
        return tab

    def open(self, path: str = ""):
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        wait_until_ready(self.page)
        return self.page


# The course's components, as our scripts name them: each `S.each(root, "selector", …)` gives the
# element data-ready="1" once it has set it up.
COMPONENTS = ", ".join(sorted(
    f"{sel}:not([data-ready])"
    for script in (ROOT / "docs" / "assets" / "js").glob("*.js")
    for sel in re.findall(r'S\.each\(root, "([^"]+)"', script.read_text(encoding="utf-8"))))


def _real_options(select) -> list[str]:
    """The values of a <select>'s real options (not the blank "Vælg …")."""
    return [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]


def answer_quiz(root, wrong: int = 0) -> int:
    """In a page or frame: answer every question of the quiz by clicking, all right except the
    first `wrong` (a wrong option chosen), and press each "Tjek svar"; return how many."""
    questions = root.locator(".quiz li.quiz-q")
    for i in range(questions.count()):
        q = questions.nth(i)
        if i < wrong and q.locator("select[data-correct]").count():
            for sel in q.locator("select[data-correct]").all():  # every row on the same, wrong for most
                sel.select_option(_real_options(sel)[0])
        elif i < wrong:
            q.locator("input[data-correct='false']").first.check()
        else:
            for box in q.locator("input[data-correct='true']").all():
                box.check()
            for sel in q.locator("select[data-correct]").all():
                sel.select_option(sel.get_attribute("data-correct"))
        q.get_by_role("button", name="Tjek svar").click()
    return questions.count()


def wait_until_ready(page) -> None:
    """Wait until every course component on the page has been set up by its script (if scripts run)."""
    page.wait_for_function(f"() => document.readyState === 'complete' && "
                           f"(!window.Samskabt || !document.querySelector({COMPONENTS!r}))")


@pytest.fixture
def make_page(browser, base_url):
    """Factory for fresh pages (own context, so own localStorage); `make_page(**context_options)`."""
    contexts = []

    def make(**options) -> Page:
        ctx = browser.new_context(locale="da-DK", **options)
        contexts.append(ctx)
        return Page(ctx, base_url)

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(make_page) -> Page:
    return make_page()


def axe_violations(page, context: str | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in the page and return its violations."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does it).")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async ([ctx, tags]) => (await axe.run(ctx || document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        [context, WCAG_TAGS],
    )
    return result


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project (sources only) that a test may break without touching the repo."""
    dest = tmp_path / "proj"
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", "site", "dist", ".git", ".cache", "__pycache__", ".pytest_cache"))
    return dest


def assert_pages_accessible(page, urls) -> None:
    """Open each URL: axe finds no WCAG violation, and nothing is requested from another host."""
    failures = []
    for url in urls:
        page.open(url)
        try:
            assert_accessible(page)
        except AssertionError as exc:
            failures.append(f"/{url}: {exc}")
    assert not page.external, f"requests to other hosts: {page.external}"
    assert not failures, "\n\n".join(failures)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page, context: str | None = None):
    violations = axe_violations(page, context)
    assert not violations, "axe found WCAG violations:\n" + format_violations(violations)


def page_url(site: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


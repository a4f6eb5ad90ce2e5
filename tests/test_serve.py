"""`mkdocs serve` (make serve) rebuilds with the new code after an edit in scripts/."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project, free_port


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def fetch(url: str) -> str | None:
    try:
        with _DIRECT.open(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen, log, seconds: float = 60) -> str:
    """Poll `url` until its body contains `text` (the server's own readiness is the signal)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8")[-3000:]
        body = fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.25)
    raise AssertionError(f"{url} never contained {text!r}; got {(fetch(url) or '')[:80]!r}; server log:\n{log.read_text(encoding='utf-8')[-3000:]}")


def test_serve_rebuilds_with_the_edited_python(tmp_path):
    """Change the pass mark in scripts/course.py while serving: the course manifest follows."""
    project = copy_project(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)  # served at the root, as `make serve` does
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would stall the server
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/assets/js/kursus-data.js"
        wait_for(url, '"passMark":0.8,', proc, log)
        course = project / "scripts" / "course.py"
        text = course.read_text(encoding="utf-8")
        assert "PASS_MARK = 0.8\n" in text
        course.write_text(text.replace("PASS_MARK = 0.8\n", "PASS_MARK = 0.75\n"), encoding="utf-8")
        wait_for(url, '"passMark":0.75,', proc, log)
    finally:
        proc.terminate()
        proc.wait(timeout=20)

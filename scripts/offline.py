"""The offline edition: the course as a zip that works from disk (file://) without a network.

Two roles in one small file:

* `python -m scripts.offline` (what `make offline` runs) builds the site strictly with
  `mkdocs-offline.yml` and zips it to `dist/samskabt-styring-offline.zip`.
* `mkdocs-offline.yml` loads this file as a hook. It switches instant navigation off,
  serves Material's Worker shim (npm package `iframe-worker`, MIT) from the site itself
  instead of unpkg.com, and warns about every page that would load something from another
  host (`--strict` turns those warnings into a failed build).
"""

from __future__ import annotations

import argparse
import logging
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs-offline.yml"
ZIP_PATH = ROOT / "dist" / "samskabt-styring-offline.zip"
ZIP_FOLDER = "samskabt-styring"  # everything in the zip lives in this folder
SHIM_PACKAGE = ROOT / "node_modules" / "iframe-worker"
SHIM_SOURCE = SHIM_PACKAGE / "shim" / "index.js"
INSTANT = "navigation.instant"

log = get_plugin_logger(__name__)


# --- Finding resources that would be loaded from another host -------------------------

# <link rel=...> values that only point somewhere; every other rel makes the browser load.
_LINK_RELS_NOT_LOADED = {"alternate", "author", "bookmark", "canonical", "help", "license",
                         "me", "next", "prev", "search", "tag"}
_RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "input": ("src",),
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def is_remote(url: str) -> bool:
    """True for a URL that names a host (http://x, https://x, //x), not for a path."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob", "about", "file")


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css)]


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


class _ResourceParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[int, str, str]] = []  # (line, what, url)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        names = _RESOURCE_ATTRS.get(tag, ())
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            names = () if rels and rels <= _LINK_RELS_NOT_LOADED else ("href", "imagesrcset")
        for name in names:
            if name in values:
                urls = _srcset(values[name]) if name.endswith("srcset") else [values[name]]
                self.urls += [(line, f"<{tag} {name}>", url) for url in urls]
        if "style" in values:
            self.urls += [(line, f"<{tag} style>", url) for url in css_urls(values["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += [(self.getpos()[0], "<style>", url) for url in css_urls(data)]


def external_resources(site_dir: Path) -> list[str]:
    """Every resource in the built HTML and CSS that a browser would fetch from another host,
    as `path:line: <tag attr> url`."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _ResourceParser()
            parser.feed(path.read_text(encoding="utf-8"))
            found += [f"{rel}:{line}: {what} {url}" for line, what, url in parser.urls if is_remote(url)]
        elif path.suffix == ".css":
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found += [f"{rel}:{number}: url() {url}" for url in css_urls(text) if is_remote(url)]
    return found


# --- Hook events (mkdocs-offline.yml) -------------------------------------------------


def local_shims(config) -> list[str]:
    """The site paths where `extra.polyfills` expects a local copy of the iframe-worker shim."""
    shims = [str(url) for url in config.extra.get("polyfills", []) if "iframe-worker" in str(url)]
    remote = [url for url in shims if is_remote(url)]
    if remote or not shims:
        raise PluginError(
            f"{Path(config.config_file_path).name}: extra.polyfills must name a local copy of the "
            f"iframe-worker shim (e.g. assets/vendor/iframe-worker/shim.js), not {remote or 'nothing'}: "
            "without a network the offline edition would lose its search."
        )
    return shims


def without_instant(config) -> None:
    """Switch Material's instant navigation off: it fetches pages with XHR, which file:// refuses."""
    features = list(config.theme["features"]) if "features" in config.theme else []
    config.theme["features"] = [f for f in features if f != INSTANT and not f.startswith(INSTANT + ".")]


def on_config(config, **kwargs):
    without_instant(config)
    local_shims(config)
    if not SHIM_SOURCE.is_file():
        raise PluginError(f"{SHIM_SOURCE.relative_to(ROOT)} is missing: run `npm ci` (make offline does it).")
    return config


def on_files(files, config, **kwargs):
    for uri in local_shims(config):
        files.append(File.generated(config, uri, abs_src_path=str(SHIM_SOURCE)))
        # MIT: the licence travels with the copy.
        license_uri = posixpath.join(posixpath.dirname(uri), "LICENSE.txt")
        files.append(File.generated(config, license_uri, abs_src_path=str(SHIM_PACKAGE / "LICENSE")))
    return files


def on_post_build(config, **kwargs):
    for problem in external_resources(Path(config.site_dir)):
        log.warning(f"loads from another host, which fails without a network: {problem}")


# --- Build and zip (make offline) -----------------------------------------------------


def build_site(site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build -f mkdocs-offline.yml` into site_dir; return the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(CONFIG), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)


def zip_site(site_dir: Path, zip_path: Path) -> Path:
    """Zip site_dir into zip_path, all files inside one folder (ZIP_FOLDER), without the
    theme's source maps (a third of the size, only for debugging the theme)."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file() and path.suffix != ".map":
                zf.write(path, f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}")
    tmp.replace(zip_path)
    return zip_path


def build_zip(zip_path: Path = ZIP_PATH, strict: bool = True) -> Path:
    """Build the offline edition and zip it; raise RuntimeError with mkdocs' output on failure."""
    with tempfile.TemporaryDirectory(prefix="offline-site-") as tmp:
        site_dir = Path(tmp) / "site"
        proc = build_site(site_dir, strict=strict)
        if proc.returncode != 0:
            raise RuntimeError(f"offline build failed:\n{proc.stdout}{proc.stderr}")
        return zip_site(site_dir, zip_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline edition of the course as a zip.")
    parser.add_argument("-o", "--output", type=Path, default=ZIP_PATH, help=f"default: {ZIP_PATH.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    cli = logging.getLogger("offline")
    try:
        path = build_zip(args.output.resolve())
    except RuntimeError as exc:
        cli.error(str(exc))
        return 1
    size = path.stat().st_size / 1_000_000
    cli.info(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({size:.1f} MB): "
             f"pak den ud og åbn {ZIP_FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The course for learning platforms: SCORM 1.2 and 2004 packages and an IMS Common Cartridge.

Two roles in one file, like `scripts/offline.py`:

* `mkdocs-lms.yml` loads this file as a hook. It builds the pages the packages are made of:
  the offline edition (relative links, no site URL) without search and without the site's
  navigation, with `assets/js/lms.js` right after `store.js` (the SCORM adapter: it does
  nothing without an LMS), and it checks that no page loads anything from another host.
* `python -m scripts.lms` (what `make lms` runs) builds those pages strictly and writes
  `dist/lms/`:
    - `samskabt-styring-modul-NN-scorm12.zip`: one module, one SCO, only the files it uses;
    - `samskabt-styring-scorm12.zip` and `samskabt-styring-scorm2004.zip`: the whole course,
      one SCO per module in lecture order;
    - `samskabt-styring.imscc`: IMS Common Cartridge 1.3 (scripts/cartridge.py).
  The teachers' pages (answer key, teachers' edition) are in no package: participants see
  the packages.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # loaded by MkDocs as a hook, by path
    sys.path.insert(0, str(ROOT))

from mkdocs.config.config_options import ExtraScriptValue  # noqa: E402

from scripts import offline  # noqa: E402
CONFIG = ROOT / "mkdocs-lms.yml"
DIST = ROOT / "dist" / "lms"
NAME = "samskabt-styring"
ADAPTER = "assets/js/lms.js"
AFTER = "assets/js/store.js"  # the adapter must run before quiz.js and exercises.js read the store
MANIFEST_JS = "assets/js/kursus-data.js"
# Files no package carries: debugging maps, the site map, the 404 page, and the teachers' pages.
LEFT_OUT = re.compile(r"(\.map$|^sitemap\.xml|^404\.html$|^underviser/)")
SCHEMAS = ROOT / "scripts" / "scorm-schemas"  # ADL's XSDs, at the root of each package (README there)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # a fixed time in the zip, so the same pages give the same bytes

log = logging.getLogger("lms")


# --- Hook events (mkdocs-lms.yml) -------------------------------------------------------


def on_config(config, **kwargs):
    offline.without_instant(config)
    scripts = list(config.extra_javascript)
    paths = [str(getattr(s, "path", s)) for s in scripts]
    if AFTER not in paths:
        raise ValueError(f"{Path(config.config_file_path).name}: extra_javascript has no {AFTER}")
    adapter = ExtraScriptValue(ADAPTER)
    adapter.defer = True
    scripts.insert(paths.index(AFTER) + 1, adapter)
    config.extra_javascript = scripts
    return config


def on_page_markdown(markdown, page, **kwargs):
    # The platform shows the course's structure; a module page is one SCO.
    hide = list(page.meta.get("hide", []))
    page.meta["hide"] = hide + [h for h in ("navigation",) if h not in hide]
    return markdown


def on_post_build(config, **kwargs):
    offline.on_post_build(config)


# --- Which files a page needs ---------------------------------------------------------------


class _Links(HTMLParser):
    """The targets of a page's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def _local(url: str) -> str | None:
    """The path part of a URL that names a file of the site, or None (remote, mailto:, #x)."""
    parts = urlsplit(url)
    if offline.is_remote(url) or parts.scheme or not parts.path:
        return None
    return unquote(parts.path)


def _resolve(from_file: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_file), path))


_STRING_FILE = re.compile(r"""["']([A-Za-z0-9_./-]+\.(?:js|css))["']""")


def needed_files(site: Path, start: str) -> set[str]:
    """Every file `start` (a page) loads or links to, followed through HTML, CSS and the file
    names our scripts load (the presenter, slides.js's stylesheet); each page links its own
    on-demand assets (`assets.with_assets`), and other pages are not followed."""
    todo, seen = [start], set()
    while todo:
        rel = todo.pop()
        if rel in seen or not (site / rel).is_file():
            continue
        seen.add(rel)
        text = (site / rel).read_text(encoding="utf-8", errors="replace") if rel.endswith((".html", ".css", ".js")) else ""
        refs: list[str] = []
        if rel.endswith(".html"):
            resources = offline._ResourceParser()
            resources.feed(text)
            refs += [url for _, _, url in resources.urls]
            links = _Links()
            links.feed(text)
            refs += [url for url in links.links if not _local(url) or not _local(url).endswith(".html")]
        elif rel.endswith(".css"):
            refs += offline.css_urls(text)
        elif rel.endswith(".js") and rel.startswith("assets/js/") and rel != MANIFEST_JS:
            # Our scripts name the files they load by their path from the site root (Samskabt.url);
            # the manifest's table of on-demand files serves instant navigation, which packages lack.
            todo += [name for name in _STRING_FILE.findall(text) if (site / name).is_file()]
        for url in refs:
            path = _local(url)
            if path:
                todo.append(_resolve(rel, path))
    return seen


def course_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not LEFT_OUT.search(p.relative_to(site).as_posix())}


_A_HREF = re.compile(r'(<a\b[^>]*?)\s+href="([^"]*)"')


def unlink_missing(html: str, page: str, files: set[str]) -> str:
    """Links to files the package does not hold (other modules' pages, the teachers' pages)
    lose their href; the text stays."""
    def fix(m: re.Match) -> str:
        path = _local(m.group(2))
        return m.group(0) if path is None or _resolve(page, path) in files else m.group(1)
    return _A_HREF.sub(fix, html)


def module_ident(number: int) -> str:
    return f"modul-{number:02d}"


def package_names(numbers: list[int]) -> dict[str, str]:
    """{file name: what it is} of every file `make lms` writes, whole-course files first;
    the teachers' page »Brug kurset i jeres LMS« lists these."""
    names = {f"{NAME}-scorm12.zip": "Hele kurset, SCORM 1.2",
             f"{NAME}-scorm2004.zip": "Hele kurset, SCORM 2004",
             f"{NAME}.imscc": "Hele kurset, IMS Common Cartridge 1.3"}
    names.update({f"{NAME}-{module_ident(n)}-scorm12.zip": f"Modul {n}, SCORM 1.2" for n in numbers})
    return names


# --- Manifests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    """A module as the built site's manifest (kursus-data.js) describes it."""

    stem: str
    number: int
    title: str
    url: str
    bank: str | None
    questions: tuple[str, ...]

    @property
    def ident(self) -> str:
        return module_ident(self.number)

    @property
    def label(self) -> str:
        return f"Modul {self.number}: {self.title}"


def site_manifest(site: Path) -> dict:
    text = (site / MANIFEST_JS).read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:].strip().rstrip(";"))


def modules_of(site: Path) -> list[Module]:
    return [Module(m["stem"], m["number"], m["title"], m["url"], m["bank"], tuple(m["questions"]))
            for m in site_manifest(site)["modules"]]


NS12 = {"": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
NS2004 = {"": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
          "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3", "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
          "imsss": "http://www.imsglobal.org/xsd/imsss"}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LOCATIONS = {
    "1.2": "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
           "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
    "2004": "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
            "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
}


def _q(ns: dict, name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{ns[prefix]}}}{local}"


def _el(parent, ns, name, text=None, **attrib):
    el = ET.SubElement(parent, _q(ns, name), {(_q(ns, k.replace("__", ":")) if "__" in k else k): v
                                              for k, v in attrib.items()})
    if text is not None:
        el.text = text
    return el


def scorm_manifest(version: str, ident: str, title: str, modules: list[Module], files: set[str],
                   pass_mark: float) -> str:
    """imsmanifest.xml: one SCO per module (its page), every other file in one shared asset."""
    ns = NS12 if version == "1.2" else NS2004
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q(ns, "manifest"), {"identifier": ident, "version": "1",
                                           f"{{{XSI}}}schemaLocation": LOCATIONS[version]})
    meta = _el(root, ns, "metadata")
    _el(meta, ns, "schema", "ADL SCORM")
    _el(meta, ns, "schemaversion", "1.2" if version == "1.2" else "2004 4th Edition")
    orgs = _el(root, ns, "organizations", default="kursus")
    org = _el(orgs, ns, "organization", identifier="kursus")
    _el(org, ns, "title", title)
    for m in modules:
        item = _el(org, ns, "item", identifier=m.ident, identifierref=f"res-{m.ident}")
        _el(item, ns, "title", m.label)
        if version == "1.2":
            if m.questions:
                _el(item, ns, "adlcp:masteryscore", str(round(pass_mark * 100)))
        elif m.questions:
            seq = _el(item, ns, "imsss:sequencing")
            objectives = _el(seq, ns, "imsss:objectives")
            primary = _el(objectives, ns, "imsss:primaryObjective", objectiveID=f"{m.ident}-quiz",
                          satisfiedByMeasure="true")
            _el(primary, ns, "imsss:minNormalizedMeasure", f"{pass_mark:g}")
    if version != "1.2":
        seq = _el(org, ns, "imsss:sequencing")
        _el(seq, ns, "imsss:controlMode", choice="true", flow="true")
    resources = _el(root, ns, "resources")
    kind = "adlcp__scormtype" if version == "1.2" else "adlcp__scormType"
    pages = {m.url for m in modules}
    for m in modules:
        res = _el(resources, ns, "resource", identifier=f"res-{m.ident}", type="webcontent", href=m.url,
                  **{kind: "sco"})
        _el(res, ns, "file", href=m.url)
        _el(res, ns, "dependency", identifierref="res-filer")
    shared = _el(resources, ns, "resource", identifier="res-filer", type="webcontent", **{kind: "asset"})
    for rel in sorted(files - pages):
        _el(shared, ns, "file", href=rel)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- Packages ---------------------------------------------------------------------------------


def schema_files(version: str) -> dict[str, bytes]:
    """ADL's schema files for a SCORM version, {name: bytes}, for the package's root."""
    return {p.name: p.read_bytes() for p in sorted((SCHEMAS / version).iterdir())}


def write_zip(path: Path, site: Path, files: set[str], extra: dict[str, str | bytes], folder: str = "") -> Path:
    """A zip of `files` from `site` (pages with links to missing pages unlinked), inside
    `folder` if given, plus `extra` ({name: text}, e.g. imsmanifest.xml) at its root.
    Written next to `path` and then moved."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in extra.items():
            zf.writestr(zipfile.ZipInfo(name, ZIP_DATE), text, compress_type=zipfile.ZIP_DEFLATED)
        for rel in sorted(files):
            data = (site / rel).read_bytes()
            if rel.endswith(".html"):
                data = unlink_missing(data.decode("utf-8"), rel, files).encode("utf-8")
            zf.writestr(zipfile.ZipInfo(folder + rel, ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(path)
    return path


def module_package(site: Path, module: Module, out: Path, pass_mark: float) -> Path:
    files = needed_files(site, module.url)
    manifest = scorm_manifest("1.2", f"{NAME}-{module.ident}", module.label, [module], files, pass_mark)
    return write_zip(out / f"{NAME}-{module.ident}-scorm12.zip", site, files,
                     {"imsmanifest.xml": manifest, **schema_files("1.2")})


def course_package(site: Path, version: str, out: Path, title: str, pass_mark: float) -> Path:
    files = course_files(site)
    manifest = scorm_manifest(version, f"{NAME}-scorm{version.replace('.', '')}", title, modules_of(site),
                              files, pass_mark)
    return write_zip(out / f"{NAME}-scorm{version.replace('.', '')}.zip", site, files,
                     {"imsmanifest.xml": manifest, **schema_files(version)})


def build_site(site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict -f mkdocs-lms.yml` into site_dir."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(CONFIG), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=CONFIG.parent, capture_output=True, text=True, env=env)


def build_all(out: Path = DIST, site_dir: Path | None = None) -> list[Path]:
    """Build the LMS pages and write every package to `out`; raise RuntimeError with mkdocs'
    own messages (a broken question bank names its file, line and field) when the build fails."""
    from scripts import cartridge  # the cartridge reads the banks too; only needed here

    with tempfile.TemporaryDirectory(prefix="lms-site-") as tmp:
        site = site_dir or Path(tmp) / "site"
        proc = build_site(site)
        if proc.returncode != 0:
            errors = [line for line in (proc.stdout + proc.stderr).splitlines()
                      if line.startswith(("ERROR", "WARNING", "Aborted")) or re.match(r"^\S+\.ya?ml:\d+:", line)]
            raise RuntimeError("the LMS pages could not be built:\n" + "\n".join(errors or [proc.stderr]))
        data = site_manifest(site)
        pass_mark = data["passMark"]
        title = "Samskabt styring"
        # All or nothing: the packages are written beside the site and moved when all are done.
        new = Path(tmp) / "lms"
        new.mkdir()
        made = [module_package(site, m, new, pass_mark) for m in modules_of(site)]
        made.append(course_package(site, "1.2", new, title, pass_mark))
        made.append(course_package(site, "2004", new, title, pass_mark))
        files = course_files(site)
        made.append(write_zip(new / f"{NAME}.imscc", site, files,
                              cartridge.contents(modules_of(site), files, title, ROOT), folder=f"{cartridge.WEB}/"))
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob(f"{NAME}*"):
            old.unlink()
        return [Path(shutil.move(str(path), out / path.name)) for path in made]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.lms",
                                     description="Byg kurset som SCORM-pakker og Common Cartridge til dist/lms/.")
    parser.add_argument("-o", "--output", type=Path, default=DIST, help="default: dist/lms")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    try:
        made = build_all(args.output.resolve())
    except RuntimeError as exc:
        log.error(str(exc))
        return 1
    for path in made:
        log.info(f"{path.name:45} {path.stat().st_size / 1000:8.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

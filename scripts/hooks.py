"""MkDocs hooks: wire the build's events to the functions in `scripts/`.

Data is read in `on_pre_build` (every build, also under `mkdocs serve`), never at import.
A problem in any data file stops the build before anything is written to the site folder.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from scripts import assets, course, datafile, glossary, markers, pages, publisher, text  # noqa: E402

log = get_plugin_logger(__name__)
MANIFEST = "assets/js/kursus-data.js"  # generated; listed first in mkdocs.yml's extra_javascript
_course: course.Course | None = None
_files = None  # the build's files, for the URLs of the scripts and stylesheets a page loads
_serving = False


def on_startup(command: str, **kwargs) -> None:
    global _serving
    _serving = command == "serve"


def _reload_code() -> None:
    """`mkdocs serve` keeps this hook loaded from one rebuild to the next, and Python keeps the
    modules it imported: forget them and import them again, so that an edit in scripts/
    rebuilds with the new code."""
    global assets, course, datafile, glossary, markers, pages, publisher, text
    for name in [n for n in sys.modules if (n == "scripts" or n.startswith("scripts.")) and n != __name__]:
        del sys.modules[name]
    from scripts import assets, course, datafile, glossary, markers, pages, publisher, text


def on_pre_build(config, **kwargs) -> None:
    global _course
    _course = None
    if _serving:
        _reload_code()
    docs_dir = Path(config.docs_dir)
    try:
        _course = course.load_course(docs_dir, Path(config.config_file_path).parent / "quizzes", ROOT,
                                     directory_urls=config.use_directory_urls)
    except datafile.DataErrors as exc:
        count = len(exc.errors)
        raise PluginError(f"{count} error{'s' if count != 1 else ''} in the course data:\n{exc}") from None
    # The glossary's tooltips, for Python-Markdown's `abbr` on every page (read when a page renders).
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary.tooltips(_course.glossary)}
    # The footer and the accessibility statement (overrides/partials/copyright.html); the raw
    # `extra.udgiver` stays as written, so a rebuild checks it again.
    config.extra["sidefod"] = publisher.publisher(config.extra.get("udgiver"), ROOT)
    facts = config.extra["sidefod"]
    _course.edition = f"Version {facts['version']}, bygget {facts['bygget']}."


def on_files(files, config, **kwargs):
    facts = {**config.extra["sidefod"], "kursus": config.site_name, "kilde": config.copyright or ""}
    for src_uri, content in pages.generated_pages(_course, Path(config.docs_dir), facts).items():
        files.append(File.generated(config, src_uri, content=content))
    if _course is not None:
        # The course's structure for the browser scripts: one file, loaded once and cached,
        # not repeated in every page (like Material's offline search index).
        # With it, store.js's table of the files only some pages load (scripts/assets.py).
        summary = {**_course.summary(), "onDemand": assets.ON_DEMAND}
        data = json.dumps(summary, ensure_ascii=False, separators=(",", ":"))
        files.append(File.generated(config, MANIFEST, content=f"window.SamskabtKursus = {data};\n"))
    statement = files.get_file_from_path(publisher.STATEMENT_PAGE)
    if statement is None:
        raise PluginError(f"docs/{publisher.STATEMENT_PAGE} is missing: every page links the accessibility statement")
    # Site-relative; the template's `url` filter makes it relative to each page.
    config.extra["sidefod"]["erklaering_side"] = statement.url
    if not _serving:
        assets.minify(files)
    global _files
    _files = files
    return files


# Search ranks the teaching first: a module outranks the pages that only name a concept or a
# source (the glossary and the sources page carry names as headings, which Material weighs
# 1000 times a word in the text), the notebooks, the teacher's pages and the summary in
# module 10. Material multiplies every section's score by its page's boost; the first
# matching prefix decides.
SEARCH_BOOST = (
    ("index.md", 0.3),  # the front page names the teacher's tools only to point to them
    ("moduler/10-", 0.3),
    ("moduler/index.md", 1.0),
    ("moduler/", 3.0),
    ("ordliste.md", 0.001),
    ("kilder.md", 0.001),
    ("notebooks/", 0.5),
    ("underviser/index.md", 1.0),  # the teacher's way in: first for »facit«, »svarnøgle«, »slides«
    ("underviser/", 0.3),
)


def search_boost(src_uri: str) -> float | None:
    return next((boost for prefix, boost in SEARCH_BOOST if src_uri.startswith(prefix)), None)


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    boost = search_boost(page.file.src_uri)
    if boost is not None:
        page.meta.setdefault("search", {}).setdefault("boost", boost)
    if page.file.src_uri.endswith(".ipynb"):
        # mkdocs-jupyter hands over the notebook's JSON: no markers there, and the
        # description comes from the notebook's own metadata.
        meta = json.loads(markdown).get("metadata", {})
        page.meta.setdefault("description", meta.get("description") or config.site_description)
        return markdown
    stem = page.file.src_uri[len("moduler/"):-len(".md")] if page.file.src_uri.startswith("moduler/") else None
    if stem and _course.bank_for(stem) and markers.marker("quiz") not in markdown:
        log.warning(f"docs/{page.file.src_uri}: quizzes/{stem}.yml is not shown: "
                    f"the page has no {markers.marker('quiz')} marker")
    try:
        source = page.file.content_string if not page.file.generated_by else None
        markdown = markers.expand(_course, markdown, page.file.src_uri, page.url, source)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    _module_facts(page, _course.module_by_stem.get(stem) if stem else None)
    if not page.meta.get("description"):
        page.meta["description"] = pages.meta_description(markdown, config.site_description)
    # Tooltips everywhere (on_pre_build) but on the glossary itself, which shows the same definitions.
    if page.file.src_uri == "ordliste.md":
        markdown += "\n\n" + glossary.without_tooltips(_course.glossary) + "\n"
    return markdown


def _module_facts(page, module) -> None:
    """Prepare a module page's front matter for the theme's module box (overrides/partials/modulboks.html)."""
    if module is None:
        return
    if not module.objectives:
        raise PluginError(f"docs/{page.file.src_uri}: front matter needs 'maal:', a list of learning objectives")
    page.meta["modulnummer"] = module.number
    page.meta["modulantal"] = len(_course.modules)
    page.meta["maal_html"] = [text.inline(goal) for goal in module.objectives]


# mkdocs-jupyter's page template carries scripts that would reach other hosts (mermaid from a
# CDN, imported when a page has a diagram) or do nothing here (MathJax without a URL).
_NOTEBOOK_SCRIPTS = re.compile(
    r'<script src=""> </script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?mermaid.*?</script>',
    re.S,
)


# A notebook's Python code is for running, not for finding: search indexes its prose, and
# neither the code nor the text it prints (numbers of a run, which the prose explains). The mark
# goes on elements that hold no element of their own kind: Material's search parser ends a
# skipped element at the first closing tag of its name.
_NOTEBOOK_CODE = re.compile(
    r'<div class="highlight-ipynb hl-python"><pre'  # the code
    r'|<div class="clipboard-copy-txt"'  # the code again, for the copy button
    r'|<span class="notice"'  # the copy button's »Copied!«
    r'|<div class="jp-(?:In|Out)putPrompt[^"]*"'  # In [1]:
    r'|<div class="jp-RenderedText[^"]*"'  # what the code prints (a <pre>)
)


# A link to another host, marked at build time: printed, its address is written out after it
# (docs/assets/css/kursus.css). In the browser every href is absolute, so CSS cannot tell.
_OUTSIDE_LINK = re.compile(r'<a href="https?://')


# A notebook's Markdown cells link to the modules as `../moduler/x.md#anchor`, as pages do;
# MkDocs does not see those links (nbconvert renders them), so the hook asks MkDocs for the URL.
_NOTEBOOK_MD_LINK = re.compile(r'href="([^":#]+\.md)(#[^"]*)?"')


def _notebook_links(html: str, page, files) -> str:
    def url(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), m.group(1)))
        f = files.get_file_from_path(target)
        if f is None:
            raise PluginError(f"docs/{page.file.src_uri}: a link to {m.group(1)}, which is no page of the course")
        return f'href="{f.url_relative_to(page.file)}{m.group(2) or ""}"'

    return _NOTEBOOK_MD_LINK.sub(url, html)


def on_page_content(html: str, page, config, files, **kwargs) -> str:
    html = _course.fill(html)  # the quizzes, exercises and worksheets (Course.defer)
    if page.file.src_uri.endswith(".ipynb"):
        html = _NOTEBOOK_CODE.sub(lambda m: m.group(0) + " data-search-exclude", html)
        html = _notebook_links(html, page, files)
    return _OUTSIDE_LINK.sub(lambda m: '<a class="link-ud" ' + m.group(0)[3:], html)


def on_post_page(output: str, page, config, **kwargs) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        output = _NOTEBOOK_SCRIPTS.sub("", output)
    # The scripts and stylesheets only this page's components use (scripts/assets.py).
    urls = {}
    for path in assets.page_assets(output):
        f = _files.get_file_from_path(path)
        if f is None:
            raise PluginError(f"docs/{path} is missing: {page.file.src_uri} has a component that loads it")
        urls[path] = f.url_relative_to(page.file)
    return assets.with_assets(output, urls)


def on_post_build(config, **kwargs) -> None:
    assets.search_index_as_utf8(config.site_dir)

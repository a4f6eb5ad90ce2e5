"""The hook wired into MkDocs, called with real MkDocs objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, File
from mkdocs.structure.pages import Page

from conftest import ROOT
from scripts import hooks


def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_hook_is_wired_in_mkdocs_yml():
    """mkdocs.yml loads scripts/hooks.py as a plugin with our events."""
    cfg = config()
    hook = cfg.plugins["scripts/hooks.py"]
    assert Path(hook.__file__).resolve() == Path(hooks.__file__).resolve()
    for event in ("on_pre_build", "on_files", "on_page_markdown"):
        assert callable(getattr(hook, event))


def test_generated_pages_exist_only_in_memory():
    """on_files adds the glossary and quiz pages as generated files, not files in docs/."""
    cfg = config()
    cfg.plugins.on_pre_build(config=cfg)
    statement = File("tilgaengelighed.md", cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls)
    files = cfg.plugins.on_files(Files([statement]), config=cfg)
    uris = {f.src_uri for f in files}
    assert {"ordliste.md", "quiz/index.md", "quiz/afsluttende-test.md"} <= uris
    for f in files:
        if f is statement:
            continue
        assert f.generated_by is not None
        assert not (ROOT / "docs" / f.src_uri).exists()


def test_a_missing_accessibility_statement_stops_the_build():
    """Every page's footer links docs/tilgaengelighed.md: without it the build stops and says so."""
    cfg = config()
    cfg.plugins.on_pre_build(config=cfg)
    with pytest.raises(PluginError, match="docs/tilgaengelighed.md is missing"):
        cfg.plugins.on_files(Files([]), config=cfg)


def test_page_markdown_inserts_the_module_table_and_a_description():
    """The front page marker becomes a table of every module, and a page without a description gets one."""
    cfg = config()
    hooks.on_pre_build(cfg)
    file = File("index.md", cfg["docs_dir"], cfg["site_dir"], cfg["use_directory_urls"])
    page = Page(None, file, cfg)
    page.meta = {}
    md = hooks.on_page_markdown("Et kort afsnit om kurset, som er langt nok til at blive brugt.\n\n<!-- kursus:moduler -->\n",
                                page, cfg, Files([file]))
    assert md.count("](moduler/") == 10
    assert "<!--" not in md.split("*[")[0]
    assert page.meta["description"].startswith("Et kort afsnit om kurset")

"""The JSON Schemas that editors use are current and referenced from every data file."""

from __future__ import annotations

import json

from conftest import ROOT
from scripts import schema


def test_committed_schemas_are_current():
    """quizzes/*.schema.json match the pydantic models (run `python -m scripts.schema` after a model change)."""
    for path, text in schema.expected(ROOT / "quizzes").items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python -m scripts.schema"


def test_check_mode_reports_a_stale_schema(tmp_path, monkeypatch, capsys):
    """`--check` fails and names the file when a schema differs from the models."""
    folder = tmp_path / "quizzes"
    folder.mkdir()
    for path, text in schema.expected(ROOT / "quizzes").items():
        (folder / path.name).write_text(text, encoding="utf-8")
    (folder / "schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(schema, "ROOT", tmp_path)
    assert schema.main(["--check"]) == 1
    assert "quizzes/schema.json is out of date" in capsys.readouterr().err


def test_schema_forbids_unknown_keys():
    """The bank schema tells editors that a misspelt key is not allowed."""
    data = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    assert data["additionalProperties"] is False
    assert data["$defs"]["Single"]["additionalProperties"] is False


def test_every_data_file_points_to_its_schema():
    """Each YAML file starts with the yaml-language-server line naming an existing schema."""
    expected = {"ovelser.yml": "ovelser.schema.json", "ordliste.yml": "ordliste.schema.json",
                "lektionsplaner.yml": "lektionsplaner.schema.json"}
    for path in sorted((ROOT / "quizzes").glob("[0-9][0-9]-*.yml")):
        expected[path.name] = "schema.json"
    for name, target in expected.items():
        first = (ROOT / "quizzes" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={target}", name
        assert (ROOT / "quizzes" / target).exists()

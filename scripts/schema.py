"""JSON Schemas for the YAML files in `quizzes/`, generated from the pydantic models.

Editors with YAML support read them through the first line of each file
(`# yaml-language-server: $schema=schema.json`) and then suggest keys and flag mistakes.

    python -m scripts.schema          # write quizzes/*.schema.json
    python -m scripts.schema --check  # exit 1 if a committed schema is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from scripts.model import Bank, ExerciseSet, Glossary, LessonPlans

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "schema.json": (Bank, "Spørgsmålsbank (quizzes/NN-modul.yml)"),
    "ovelser.schema.json": (ExerciseSet, "Refleksionsøvelser (quizzes/ovelser.yml)"),
    "ordliste.schema.json": (Glossary, "Ordliste (quizzes/ordliste.yml)"),
    "lektionsplaner.schema.json": (LessonPlans, "Lektionsplaner (quizzes/lektionsplaner.yml)"),
}


def schema_text(model: type[BaseModel], title: str) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    schema["title"] = title
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def expected(folder: Path) -> dict[Path, str]:
    return {folder / name: schema_text(model, title) for name, (model, title) in SCHEMAS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected(ROOT / "quizzes").items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python -m scripts.schema", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

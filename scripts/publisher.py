"""The publisher's facts for the footer and the accessibility statement (`extra.udgiver` in mkdocs.yml).

A Danish public body that publishes the course must link an accessibility statement from every
page (lov nr. 692 af 08/06/2018). The publisher names itself, its contact and the statement's date
in mkdocs.yml; with `was_url` (their statement made in the WAS-Tool) the footer links there, and
otherwise to the course's own page «Tilgængelighedserklæring».
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

from mkdocs.exceptions import PluginError

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")
FIELDS = {"navn", "kontakt", "licens", "licens_url", "dato", "was_url"}
STATEMENT_PAGE = "tilgaengelighed.md"


def danish_date(day: dt.date) -> str:
    """2. december 2026."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def build_date() -> dt.date:
    """Today in UTC, or the date of SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date()


def project_version(root: Path) -> str:
    with (root / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def publisher(raw: dict | None, root: Path) -> dict:
    """The checked `extra.udgiver` plus what the footer shows of the build (version, date)."""
    raw = dict(raw or {})
    unknown = set(raw) - FIELDS
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.udgiver.{sorted(unknown)[0]}: unknown field "
                                 f"(known: {', '.join(sorted(FIELDS))})")
    if not str(raw.get("navn") or "").strip():
        raise PluginError("mkdocs.yml: extra.udgiver.navn: the publisher's name is required")
    when = raw.get("dato")
    if isinstance(when, str):
        try:
            when = dt.date.fromisoformat(when)
        except ValueError:
            raise PluginError(f"mkdocs.yml: extra.udgiver.dato: {when!r} is not a date (YYYY-MM-DD)") from None
    if not isinstance(when, dt.date):
        raise PluginError("mkdocs.yml: extra.udgiver.dato: the statement's date is required (YYYY-MM-DD)")
    built = build_date()
    return {
        "navn": str(raw["navn"]).strip(),
        "kontakt": (contact := str(raw.get("kontakt") or "").strip()),
        "kontakt_href": contact_href(contact) if contact else "",
        "licens": str(raw.get("licens") or "").strip(),
        "licens_url": str(raw.get("licens_url") or "").strip(),
        "was_url": str(raw.get("was_url") or "").strip(),
        "dato": danish_date(when),
        "dato_iso": when.isoformat(),
        "version": project_version(root),
        "bygget": danish_date(built),
        "bygget_iso": built.isoformat(),
    }


def contact_href(contact: str) -> str:
    """A mailto: link for an e-mail address, the address itself for a URL."""
    return contact if "://" in contact else f"mailto:{contact}"

"""`pkc new` writes valid, commented starter files and never overwrites."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pkc.cli import main

from .conftest import overlay_site

KINDS = {"service": "content/services", "place": "content/meeting-places", "municipality": "municipalities",
         "organisation": "content/organisations", "contact": "content/contacts", "page": "content/pages",
         "location": "content/locations", "region": "content/regions", "event": "content/events",
         "news": "content/news", "material": "content/materials", "topic": "content/topics",
         "question": "content/questions", "life-situation": "content/life-situations"}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_starter_file_is_valid_content(tmp_path: Path) -> None:
    site = overlay_site("multilingual", None, tmp_path / "site")
    for kind, folder in KINDS.items():
        result = run("new", kind, f"uusi-{kind}", "--site", str(site))
        assert result.exit_code == 0, result.output
        suffix = ".md" if kind in ("page", "news") else ".yaml"
        written = site / folder / f"uusi-{kind}{suffix}"
        assert result.stdout.startswith(f"Wrote {written}.")
        text = written.read_text(encoding="utf-8")
        schema_line = [line for line in text.splitlines() if "yaml-language-server" in line][0]
        schema = (written.parent / schema_line.split("$schema=")[1]).resolve()
        assert schema == (site / "schemas" / f"{kind}.schema.json").resolve()
        assert "# " in text  # commented for editors
    (site / "content/media/uusi-material.pdf").write_bytes(b"%PDF-1.4\n")  # the document the starter names
    checked = run("check", "--site", str(site), "--today", "2026-11-23")
    assert checked.exit_code == 0, checked.stderr
    # the starters name existing entries, so nothing is an unknown reference
    assert "unknown" not in checked.stderr


def test_new_never_overwrites(tmp_path: Path) -> None:
    site = overlay_site("multilingual", None, tmp_path / "site")
    before = (site / "content/services/perheneuvola.md").read_bytes()
    result = run("new", "service", "perheneuvola", "--site", str(site))
    assert result.exit_code == 1
    assert "content/services/perheneuvola.md already exists; pkc new never overwrites a file" in result.stderr
    assert (site / "content/services/perheneuvola.md").read_bytes() == before


@pytest.mark.parametrize("slug, message", [
    ("Uusi Palvelu", "'Uusi Palvelu' cannot be a file name: use lowercase a-z, digits and hyphens, e.g. 'uusi-palvelu'"),
    ("../etc", "'../etc' cannot be a file name"),
    ("nul", "'nul' cannot be a file name"),
])
def test_bad_names_are_refused(tmp_path: Path, slug: str, message: str) -> None:
    site = overlay_site("minimal", None, tmp_path / "site")
    result = run("new", "service", slug, "--site", str(site))
    assert result.exit_code == 1
    assert message in result.stderr
    assert sorted(p.name for p in (site / "content" / "services").iterdir()) == ["lastenneuvola.yaml"]

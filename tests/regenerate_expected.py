"""Rewrite sites/invalid/*/expected.txt from the current output: `python -m tests.regenerate_expected`.

Only for a deliberate change of messages; read the diff before committing it.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner

from pkc.cli import main

from .conftest import SITES, overlay_site

if __name__ == "__main__":
    for case in sorted((SITES / "invalid").iterdir()):
        tmp = Path(tempfile.mkdtemp())
        try:
            site = overlay_site("multilingual", case, tmp / "site")
            result = CliRunner().invoke(main, ["check", "--strict", "--today", "2026-11-23", "--site", str(site)])
            (case / "expected.txt").write_text(result.stderr, encoding="utf-8")
        finally:
            shutil.rmtree(tmp)

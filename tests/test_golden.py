"""One small golden output: the minimal site's service page, byte for byte.

After a deliberate change to templates or views: PKC_UPDATE_GOLDEN=1 pytest tests/test_golden.py, then read the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

from pkc.build import BuildOptions, build

from .conftest import SITES, TESTS, TODAY

GOLDEN = TESTS / "golden"
PAGES = ["fi/palvelut/lastenneuvola/index.html", "fi/kunnat/pikkula/index.html"]


def test_minimal_site_pages_match_the_golden_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(BuildOptions(site_dir=SITES / "minimal", out_dir=out, today=TODAY))
    for rel in PAGES:
        golden = GOLDEN / "minimal" / rel
        actual = (out / rel).read_text(encoding="utf-8")
        if os.environ.get("PKC_UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
        assert actual == golden.read_text(encoding="utf-8"), rel

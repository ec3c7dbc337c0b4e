"""Each folder under sites/invalid/ breaks the multilingual site one way; `pkc check` must say exactly where and what."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pkc.cli import main

from .conftest import SITES, overlay_site

CASES = sorted(path for path in (SITES / "invalid").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_every_problem_with_its_location(case: Path, tmp_path: Path) -> None:
    site = overlay_site("multilingual", case, tmp_path / "site")
    result = CliRunner().invoke(main, ["check", "--strict", "--today", "2026-11-23", "--site", str(site)])
    assert result.exit_code == 1
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == expected
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_of_invalid_site_writes_nothing(case: Path, tmp_path: Path) -> None:
    site = overlay_site("multilingual", case, tmp_path / "site")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--strict", "--today", "2026-11-23", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert not out.exists()

"""The interface texts exist for every language with the same keys."""
from __future__ import annotations

import yaml

from .conftest import REPO


def test_every_language_has_every_interface_text() -> None:
    files = sorted((REPO / "templates" / "i18n").glob("*.yaml"))
    assert [f.stem for f in files] == ["en", "fi", "sv"]
    keys = {f.stem: set(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files}
    assert keys["fi"] == keys["sv"] == keys["en"]

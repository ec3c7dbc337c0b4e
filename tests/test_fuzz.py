"""Property-based tests: whatever an editor (or an import) writes, pkc succeeds or says what is wrong.

Never an unexpected exception: the build either succeeds or raises one of pkc's own errors.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkc.build import BuildOptions, build, check
from pkc.errors import ContentErrors, PkcError
from pkc.model.kinds import Municipality, Organisation, Page, Region, Service, Site

from .conftest import SITES, TODAY

FILES = {
    "site.yaml": Site,
    "municipalities/pikkula.yaml": Municipality,
    "content/regions/pohjola.yaml": Region,
    "content/organisations/pikkulan-kunta.yaml": Organisation,
    "content/services/lastenneuvola.yaml": Service,
    "content/pages/tietoa.md": Page,
}

# Any character at all, controls, line separators and lone surrogates too (yaml.safe_dump writes them as escapes).
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
scalars = (st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats()
           | st.text(max_size=40) | any_text | st.sampled_from(["fi", "sv", "P5.2", "pikkula", "pohjola", "2026-02-30",
                                                     "ma-pe", "9:30", "+358 40 000 0000", "free", "parents"]))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(["fi", "sv", "en", "min", "max", "days", "opens", "closes",
                                                         "weekly", "street", "postal_code", "lat", "lon", "x"])
                                        | st.text(max_size=8), children, max_size=4), max_leaves=10)

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _site_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="pkc-fuzz-"))
    shutil.copytree(SITES / "minimal", root / "site")
    return root


def _build(root: Path) -> None:
    try:
        build(BuildOptions(site_dir=root / "site", out_dir=root / "out", today=TODAY))
    except ContentErrors as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert all(p.location.file for p in exc.problems)
    except PkcError:
        pass
    else:
        # what was published, strict clients read: every feed and sitemap is XML, every data file JSON
        for path in (root / "out").rglob("*.xml"):
            ET.parse(path)
        for path in (root / "out").rglob("*.json"):
            json.loads(path.read_bytes())


def _front_matter(text: str) -> str:
    return f"---\n{text}---\nTeksti.\n"


@SETTINGS
@given(file=st.sampled_from(sorted(FILES)), data=st.data())
def test_one_field_changed_to_anything(file: str, data) -> None:
    root = _site_copy()
    try:
        path = root / "site" / file
        raw = path.read_text(encoding="utf-8")
        body = raw.split("---\n")[1] if file.endswith(".md") else raw
        document = yaml.safe_load(body)
        fields = sorted(field.alias or name for name, field in FILES[file].model_fields.items())
        key = data.draw(st.sampled_from(fields + ["unknown_key"]), label="key")
        if data.draw(st.booleans(), label="delete") and key in document:
            del document[key]
        else:
            document[key] = data.draw(values, label="value")
        text = yaml.safe_dump(document, allow_unicode=True)
        path.write_text(_front_matter(text) if file.endswith(".md") else text, encoding="utf-8")
        _build(root)
    finally:
        shutil.rmtree(root)


@SETTINGS
@given(file=st.sampled_from(sorted(FILES)), content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_a_file_replaced_by_arbitrary_bytes(file: str, content: bytes) -> None:
    root = _site_copy()
    try:
        (root / "site" / file).write_bytes(content)
        try:
            check(BuildOptions(site_dir=root / "site", today=dt.date(2026, 11, 23)))
        except ContentErrors as exc:
            assert all(p.message for p in exc.problems)
    finally:
        shutil.rmtree(root)


entries = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=30) | st.fixed_dictionaries({"fi": st.text(min_size=1, max_size=20)}),
     "description": st.text(max_size=200),
     "categories": st.lists(st.sampled_from(["P5.2", "P3.4", "P3.6", "P3.7", "P99"]), max_size=3),
     "audiences": st.lists(st.sampled_from(["expecting", "parents", "youth", "adults"]), max_size=3),
     "provider": st.sampled_from(["pikkulan-kunta", "Pikkulan kunta", "../etc"]),
     "municipalities": st.lists(st.sampled_from(["pikkula", "muu"]), max_size=2),
     "access": st.lists(st.sampled_from(["appointment", "drop-in", "phone"]), min_size=1, max_size=2),
     "languages": st.lists(st.sampled_from(["fi", "sv", "en", "xx"]), min_size=1, max_size=3),
     "last_reviewed": st.dates().map(str)},
    optional={"ages": st.fixed_dictionaries({"min": st.integers(-2, 30), "max": st.integers(-2, 30)}),
              "hours": st.fixed_dictionaries({"weekly": st.lists(st.fixed_dictionaries(
                  {"days": st.sampled_from(["ma", "ti-to", "pe-ma", "xx"]),
                   "opens": st.sampled_from(["8:00", "12:30", "25:00"]),
                   "closes": st.sampled_from(["7:00", "16:00", "9.30"])}), max_size=2)}),
              "booking_url": st.sampled_from(["https://a.example/", "javascript:x", "www.a.fi"]),
              "summary": st.text(max_size=80)})


@SETTINGS
@given(entry=entries, slug=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True) | st.text(max_size=12))
def test_a_new_service_valid_or_broken(entry: dict, slug: str) -> None:
    root = _site_copy()
    try:
        name = "".join(ch for ch in slug if ch not in "/\\\0") or "x"
        (root / "site" / "content" / "services" / f"{name}.yaml").write_text(
            yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
        _build(root)
    except OSError:
        pass  # a name the file system itself refuses (too long, reserved): not pkc's to handle
    finally:
        shutil.rmtree(root)


# YAML as an attacker writes it, not as a dumper would: numbers past every limit, escapes of every kind of
# character no output can hold, raw control characters, and any text as a double-quoted (JSON-escaped) scalar.
hostile_literals = st.sampled_from([
    "9" * 5000, "-" + "9" * 4301, "1" + "0" * 20, "1.0e400", "-1.0e400", "1e400", ".nan", ".inf", "-.inf", "nan",
    '"\\0"', '"a\\x1b[2Jb"', '"\\N"', '"\\L"', '"\\P"', '"\\uFFFE"', '"\\ud800"', '"\\U0010FFFF"', '"\\x7f"',
    "x\x85y", "a\x00b", "a\u2028b", "a\x1b]0;x\x07", '"https://x.fi/\\0"', '"javascript:alert(1)//"', "9999-12-31",
    "0001-01-01", "[" * 200, "{" * 200,
]) | any_text.map(lambda text: json.dumps(text, ensure_ascii=bool(text) and text[0] < "m"))


@SETTINGS
@given(file=st.sampled_from(sorted(FILES)), literal=hostile_literals, data=st.data())
def test_a_hostile_literal_in_any_field_is_a_content_error(file: str, literal: str, data) -> None:
    root = _site_copy()
    try:
        path = root / "site" / file
        lines = path.read_text(encoding="utf-8").split("\n")
        # a top-level key's line (in a .md file, one of the front matter's)
        candidates = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
        index = data.draw(st.sampled_from(candidates), label="line")
        key = lines[index].split(":", 1)[0]
        lines[index] = f"{key}: {literal}"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        _build(root)
    finally:
        shutil.rmtree(root)

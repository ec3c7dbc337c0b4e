"""Reading YAML the way editors write it, and refusing what could hurt."""
from __future__ import annotations

from pathlib import Path

from pkc.sourcefile import load_file, parse_markdown, parse_yaml


def test_plain_scalars_follow_yaml_1_2_so_codes_and_times_stay_text() -> None:
    doc, problems = parse_yaml("postal_code: 06100\nopens: 10:30\nanswer: no\ncount: 12\nlat: 60.5\nflag: true\n", "f.yaml")
    assert problems == []
    assert doc.data == {"postal_code": "06100", "opens": "10:30", "answer": "no", "count": 12, "lat": 60.5,
                        "flag": True}


def test_every_value_and_key_remembers_its_line_and_column() -> None:
    doc, _ = parse_yaml("name:\n  fi: Porvoo\n  sv: Borgå\nlist:\n  - a\n  - b\n", "m.yaml")
    assert str(doc.where(("name", "sv"))) == "m.yaml:3:7"
    assert str(doc.key_where(("name", "sv"))) == "m.yaml:3:3"
    assert str(doc.where(("list", 1))) == "m.yaml:6:5"
    # a path that does not exist points at its nearest existing ancestor
    assert str(doc.where(("name", "en"))) == "m.yaml:2:3"


def test_aliases_are_refused_before_they_can_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    doc, problems = parse_yaml(bomb, "bomb.yaml")
    assert doc is None
    assert [str(p.location) for p in problems] == ["bomb.yaml:1:4"]
    assert "anchors" in problems[0].message


def test_python_tags_are_refused() -> None:
    doc, problems = parse_yaml("x: !!python/object/apply:os.system ['true']\n", "t.yaml")
    assert doc is None
    assert problems[0].message == "YAML tags such as '!!python/object/apply:os.system' are not allowed in content"


def test_duplicate_keys_name_both_lines() -> None:
    _, problems = parse_yaml("name: A\ntype: ngo\nname: B\n", "d.yaml")
    assert [(str(p.location), p.message) for p in problems] == [
        ("d.yaml:3:1", "duplicate key 'name' (first given on line 1)")]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Porvoo\r\nregion: ita-uusimaa\r\n")
    doc, problems = load_file(path, "x.yaml")
    assert problems == []
    assert doc.data == {"name": "Porvoo", "region": "ita-uusimaa"}
    assert str(doc.where(("region",))) == "x.yaml:2:9"


def test_a_file_that_is_not_utf8_is_named_with_the_position_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("name: ok\ncity: Hyvink\xe4\xe4\n".encode("latin-1"))
    doc, problems = load_file(path, "x.yaml")
    assert doc is None
    assert str(problems[0].location) == "x.yaml:2:13"
    assert "UTF-8" in problems[0].message


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024))
    doc, problems = load_file(path, "big.yaml")
    assert doc is None
    assert "too large" in problems[0].message


def test_markdown_front_matter_lines_are_counted_in_the_file() -> None:
    doc, problems = parse_markdown("---\ntitle: Tietoa\norder: 2\n---\n# Otsikko\n\nTeksti.\n", "p.md")
    assert problems == []
    assert doc.data == {"title": "Tietoa", "order": 2}
    assert str(doc.where(("order",))) == "p.md:3:8"
    assert doc.body == "# Otsikko\n\nTeksti.\n"


def test_unclosed_front_matter_is_explained() -> None:
    doc, problems = parse_markdown("---\ntitle: Tietoa\n# Otsikko\n", "p.md")
    assert doc is None
    assert problems[0].message == "the front matter is not closed"

"""The JSON Schemas and the content reference come from the models and stay in step with them."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pkc.model.kinds import Site
from pkc.model.registry import KIND_BY_NAME, KINDS
from pkc.scaffold import MARKDOWN_KINDS, example_entry, schema_comment
from pkc.schema import DOCS_FILE, _models, content_reference, field_docs, json_schema, schema_files
from pkc.sourcefile import load_file, parse_markdown, parse_yaml

from .conftest import REPO, SITES


def test_the_committed_schemas_and_reference_are_up_to_date() -> None:
    for rel, text in schema_files().items():
        assert (REPO / rel).read_text(encoding="utf-8") == text, f"{rel} is out of date: run pkc schema"
    assert (REPO / DOCS_FILE).read_text(encoding="utf-8") == content_reference(), \
        f"{DOCS_FILE} is out of date: run pkc schema"


def test_every_model_and_field_is_documented_in_finnish_and_english() -> None:
    docs = field_docs()
    models = _models()
    assert set(docs) == set(models)
    for name, model in models.items():
        keys = {info.alias or field for field, info in model.model_fields.items()}
        assert set(docs[name]) == keys | {"_"}, name
        for key, entry in docs[name].items():
            assert all(entry[part] and "TODO" not in entry[part]
                       for part in ("title_fi", "title_en", "description_fi")), (name, key)


def content_files() -> list[tuple[Path, str]]:
    files = [(REPO / "site.yaml", "site")]
    for kind in KINDS:
        files += [(path, kind.name) for path in sorted((REPO / kind.folder).glob("*.yaml"))]
    return files


def test_every_example_file_names_its_schema_on_its_first_line() -> None:
    for path, kind in content_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_comment(kind, path, REPO), path


@pytest.mark.parametrize("kind", ["site"] + [kind.name for kind in KINDS])
def test_example_content_is_valid_under_its_json_schema(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    files = [path for path, file_kind in content_files() if file_kind == kind]
    if kind in MARKDOWN_KINDS:
        # the main files; translations (name.sv.md) hold only the texts of one language
        files = sorted(p for p in (REPO / KIND_BY_NAME[kind].folder).glob("*.md") if p.name.count(".") == 1)
    assert files
    for path in files:
        doc, problems = load_file(path, path.name)
        assert not problems
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc.data)]
        assert errors == [], path


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_the_reference_examples_are_valid_under_the_schema(kind: str) -> None:
    text = example_entry(kind)
    doc, problems = (parse_markdown if kind in MARKDOWN_KINDS else parse_yaml)(text, "example")
    assert not problems
    assert list(jsonschema.Draft202012Validator(json_schema(kind)).iter_errors(doc.data)) == []


def test_the_schema_flags_what_pkc_check_flags() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("municipality"))
    doc, _ = load_file(SITES / "invalid" / "unknown-key" / "municipalities" / "yksila.yaml", "yksila.yaml")
    messages = [e.message for e in validator.iter_errors(doc.data)]
    assert any("'introductoin' was unexpected" in m for m in messages)
    service = jsonschema.Draft202012Validator(json_schema("service"))
    doc, _ = load_file(SITES / "invalid" / "unknown-references" / "content/services/kerho-yksila.yaml", "x")
    assert any("'P3.44' is not one of" in e.message for e in service.iter_errors(doc.data))


def test_schemas_have_finnish_and_english_titles() -> None:
    schema = json.loads((REPO / "schemas" / "service.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Palvelu / Service"
    assert schema["properties"]["last_reviewed"]["title"].endswith(" / Last reviewed")
    assert "\n\nWhen an editor last checked this entry" in schema["properties"]["last_reviewed"]["description"]
    assert Site.__name__ in _models()

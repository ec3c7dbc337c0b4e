"""JSON Schemas for editors' autocompletion and the content reference, both from the content models."""
from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel

from .codelists import VOCABULARIES
from .model.kinds import Site
from .model.registry import KIND_BY_NAME, KINDS
from .scaffold import MARKDOWN_KINDS, SCHEMA_FOLDER, example_entry

DOCS_FILE = "docs/content.md"
SITE_SCHEMA = "site"

# How an editor marks an item for professionals and where it then appears (a section of the content reference).
FOR_PROFESSIONALS = [
    "## Perheille vai ammattilaisille / For families or professionals", "",
    "Tapahtuma, uutinen, kysymys ja materiaali on perheille, ellei sille kirjoiteta `audience: professionals`. "
    "Merkitse ammattilaisille se, mikä on kirjoitettu perhekeskusten työntekijöille, järjestöille, seurakunnille "
    "tai vapaaehtoisille: foorumit, koulutukset, työryhmien kokoukset, niiden uutiset ja muistiot sekä työntekijöiden "
    "kysymykset. Ammattilaisille merkitty näkyy vain Ammattilaisille-sivulla (fi/ammattilaisille/, "
    "sv/for-yrkesverksamma/, en/for-professionals/), jonka linkki on sivuston alalaidassa, sekä sen omassa haussa, "
    "uutissyötteessä ja tapahtumakalenterissa. Sitä ei näytetä etusivulla, kuntien, alueiden, kohtaamispaikkojen ja "
    "elämäntilanteiden sivuilla, tapahtumien, uutisten, materiaalien tai kysymysten listoissa, perheiden "
    "uutissyötteessä ja kalentereissa eikä perheiden haussa. Tapahtuman ja uutisen oma sivu on edelleen olemassa: "
    "siinä lukee, että se on tarkoitettu ammattilaisille, ja murupolku kulkee Ammattilaisille-sivun kautta. Aihe, "
    "jonka jokainen kysymys on ammattilaisille, on ammattilaisten aihe: sen sivu on merkitty samoin, ja se on "
    "Ammattilaisille-sivulla eikä perheiden kysymysten listassa.", "",
    "Tapahtuman kohderyhmät (`audiences`) ovat eri asia: ne kertovat, keille perheille perheiden tapahtuma on "
    "(vauvaa odottavat, vanhemmat …). `audience_details` kertoo saman omin sanoin tapahtuman sivulla.", "",
    "Päättynyt tapahtuma siirtyy tapahtuma-arkistoon (fi/tapahtumat/arkisto/; ammattilaisten tapahtumat "
    "fi/ammattilaisille/arkisto/) eikä näy enää muissa listoissa; sen oma sivu kertoo, että tapahtuma on päättynyt.",
    "",
    "Events, news items, questions and materials are for families unless they say `audience: professionals`. An item "
    "for professionals is listed only on the page for professionals (linked from every page's footer), its own "
    "search, news feed and event calendar; never on the home page, municipality, region, meeting place or life "
    "situation pages, in the lists of events, news, materials or questions, in families' feeds and calendars or in "
    "families' search. `audiences` (target groups) says which families a family event is for. A past event leaves "
    "every list but the archive of past events.", "",
]


@cache
def field_docs() -> dict:
    """Finnish titles and descriptions and English titles of every model and field (pkc/data/field-docs.yaml)."""
    text = resources.files("pkc.data").joinpath("field-docs.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _models() -> dict[str, type[BaseModel]]:
    """Every model reachable from site.yaml and the content kinds, by class name."""
    found: dict[str, type[BaseModel]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = model
        from .model.walk import nested_model
        for info in model.model_fields.values():
            nested = nested_model(info.annotation)
            if nested is not None:
                visit(nested)

    visit(Site)
    for kind in KINDS:
        visit(kind.model)
    return found


def _document(schema: dict, model: type[BaseModel]) -> None:
    """Give a model's schema and its properties Finnish and English titles and descriptions."""
    docs = field_docs()[model.__name__]
    own = docs["_"]
    schema["title"] = f"{own['title_fi']} / {own['title_en']}"
    english = (model.__doc__ or "").strip().splitlines()[0]
    schema["description"] = f"{own['description_fi']}\n\n{english}"
    for name, info in model.model_fields.items():
        key = info.alias or name
        prop = schema["properties"][key]
        field = docs[key]
        prop["title"] = f"{field['title_fi']} / {field['title_en']}"
        prop["description"] = f"{field['description_fi']}\n\n{info.description or ''}".strip()


def json_schema(kind: str) -> dict:
    """The JSON Schema of one content kind ('site' for site.yaml), documented in Finnish and English."""
    model = Site if kind == SITE_SCHEMA else KIND_BY_NAME[kind].model
    schema = copy.deepcopy(model.model_json_schema(by_alias=True))
    models = _models()
    _document(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        if name in models:
            _document(definition, models[name])
    if kind in MARKDOWN_KINDS:
        # the text is the body of the Markdown file, not a key of its front matter
        body = KIND_BY_NAME[kind].body_field
        schema["required"] = [key for key in schema.get("required", []) if key != body]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    return schema


def schema_kinds() -> list[str]:
    return [SITE_SCHEMA] + [kind.name for kind in KINDS]


def schema_files() -> dict[str, str]:
    """Every schema file by its path in the site repository."""
    return {f"{SCHEMA_FOLDER}/{kind}.schema.json": json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
            for kind in schema_kinds()}


# --- the content reference --------------------------------------------------------------------------

def _type_of(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return f"[{defs[name]['title'].split(' / ')[1]}](#{name.lower()})"
    if "anyOf" in prop:
        options = [_type_of(option, defs) for option in prop["anyOf"] if option.get("type") != "null"]
        if len(options) == 2 and "text" in options and "texts per language" in options:
            return "text, or texts per language"
        return " or ".join(dict.fromkeys(options))
    kind = prop.get("type")
    if prop.get("format") == "markdown" or kind == "object" and "patternProperties" in prop:
        return "texts per language"
    if "enum" in prop:
        values = prop["enum"]
        return "one of: " + ", ".join(f"`{v}`" for v in values) if len(values) <= 8 else "a code (see below)"
    if kind == "array":
        return f"list of {_type_of(prop.get('items', {}), defs)}"
    names = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
             "object": "mapping"}
    fmt = {"date": "date YYYY-MM-DD", "email": "email address", "uri": "web address"}.get(prop.get("format", ""))
    return fmt or names.get(kind, "value")


def _table(schema: dict, defs: dict) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| Key | Type | Required | Kuvaus / Description |", "| --- | --- | --- | --- |"]
    for key, prop in schema["properties"].items():
        description = prop.get("description", "").replace("\n\n", "<br>").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{key}` | {_type_of(prop, defs)} | {'yes' if key in required else ''} | {description} |")
    return rows


def content_reference(guide: bool = True) -> str:
    """docs/content.md: every kind and field, with an example file of each kind; `guide` links docs/editing.md."""
    lines = [
        "# Sisällön kuvaus / Content reference",
        "",
        "<!-- Generated by `pkc schema` from pkc/model/ and pkc/data/field-docs.yaml: do not edit by hand. -->",
        "",
        "Every content file of a pkc site, kind by kind: where it lives, every key, and an example.",
        "Texts a person reads can be given once (in the site's first language) or per language (`fi:`, `sv:`,",
        "`en:`)." + (" Editors' guide: [editing.md](editing.md)." if guide else ""),
        "",
    ]
    nested: dict[str, dict] = {}
    for kind in schema_kinds():
        schema = json_schema(kind)
        defs = schema.get("$defs", {})
        nested.update(defs)
        folder = "site.yaml" if kind == SITE_SCHEMA else f"{KIND_BY_NAME[kind].folder}/<name>" + (
            ".md" if kind in MARKDOWN_KINDS else ".yaml")
        lines += [f"## {schema['title']}", "", f"`{folder}` · schema `{SCHEMA_FOLDER}/{kind}.schema.json`", "",
                  schema["description"].replace("\n\n", "\n\n"), ""]
        lines += _table(schema, defs) + [""]
        example = example_entry(kind)
        if example:
            fence = "```markdown" if kind in MARKDOWN_KINDS else "```yaml"
            lines += ["Example:", "", fence, example.rstrip(), "```", ""]
    lines += ["## Parts used by several kinds", ""]
    for name in sorted(nested):
        schema = nested[name]
        lines += [f'### {schema["title"]}', "", f'<a id="{name.lower()}"></a>', "", schema["description"], ""]
        lines += _table(schema, nested) + [""]
    lines += FOR_PROFESSIONALS
    lines += ["## Codes", ""]
    for title, codelist in [("Target groups (`audiences`)", VOCABULARIES.audiences),
                            ("Families or professionals (`audience`)", VOCABULARIES.readers),
                            ("Meeting place types (`type`)", VOCABULARIES.place_types),
                            ("Ways to get a service (`access`)", VOCABULARIES.access_channels),
                            ("Organisation types (`type`)", VOCABULARIES.organisation_types),
                            ("Costs (`cost`)", VOCABULARIES.costs)]:
        lines += [f"### {title}", "", "| Code | fi | sv | en |", "| --- | --- | --- | --- |"]
        lines += [f"| `{c.code}` | {c.name('fi')} | {c.name('sv')} | {c.name('en')} |" for c in codelist]
        lines += [""]
    lines += ["### Service classes (`categories`)", "",
              "National service classes of the Suomi.fi service catalogue (PTV); those for families:", "",
              "| Code | fi | sv | en |", "| --- | --- | --- | --- |"]
    lines += [f"| `{c.code}` | {c.name('fi')} | {c.name('sv')} | {c.name('en')} |"
              for c in VOCABULARIES.service_classes if c.code.split(".")[0] in ("P3", "P5")]
    lines += ["", "### Life events (`life_events`)", "", "| Code | fi | sv | en |", "| --- | --- | --- | --- |"]
    lines += [f"| `{c.code}` | {c.name('fi')} | {c.name('sv')} | {c.name('en')} |" for c in VOCABULARIES.life_events]
    return "\n".join(lines) + "\n"


def write_schemas(site_dir: Path) -> list[Path]:
    """Write the JSON Schemas and the content reference into the site repository; return what was written."""
    files = schema_files()
    # a site started with `pkc init` has no docs/editing.md (its README.md is the editors' guide): no dead link
    files[DOCS_FILE] = content_reference(guide=(site_dir / "docs" / "editing.md").is_file())
    written = []
    for rel, text in files.items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

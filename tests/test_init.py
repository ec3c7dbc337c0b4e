"""`pkc init` starts a new site repository that checks strictly, builds, and installs pkc from requirements.txt."""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

import pkc.cli
import pkc.newsite.files
from pkc.cli import main
from pkc.newsite.pins import pkc_requirement

from .site_checks import shown

CONTENT_FILES = {"site.yaml": "site", "content/regions/esimerkkimaa.yaml": "region",
                 "content/meeting-places/perhekahvila-nuppu.yaml": "place"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("languages, municipality, slug, pages", [
    ("fi", None, "esimerkkikunta", {"fi": ("kunnat", "palvelut", "Lastenneuvola")}),
    ("fi,sv,en", "Pedersören kunta", "pedersoren-kunta",
     {"fi": ("kunnat", "palvelut", "Lastenneuvola"), "sv": ("kommuner", "tjanster", "Barnrådgivning"),
      "en": ("municipalities", "services", "Child health clinic")}),
    ("sv,fi", "Närpes", "narpes", {"sv": ("kommuner", "tjanster", "Barnrådgivning"),
                                   "fi": ("kunnat", "palvelut", "Lastenneuvola")}),
])
def test_a_new_site_passes_the_strict_check_and_builds(tmp_path: Path, languages: str, municipality: str | None,
                                                        slug: str, pages: dict) -> None:
    site = tmp_path / "perhekeskus"
    args = ["init", str(site), "--languages", languages] + (["--municipality", municipality] if municipality else [])
    created = run(*args)
    assert created.exit_code == 0, created.output
    assert created.stderr == ""

    checked = run("check", "--site", str(site), "--strict")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stderr == ""  # not one warning
    assert checked.stdout.startswith("The content is valid: 1 region, 1 municipality, 1 organisation, 1 contact, "
                                     "0 locations, 1 meeting place, 1 service,")

    out = tmp_path / "public"
    built = run("build", "--site", str(site), "--out", str(out), "--strict", "--quiet",
                "--today", dt.date.today().isoformat())
    assert built.exit_code == 0, built.stderr
    assert built.output == ""
    for lang, (municipalities, services, service_name) in pages.items():
        municipality_page = html(out / lang / municipalities / slug / "index.html")
        assert municipality_page.html["lang"] == lang
        assert shown(municipality_page.h1.get_text(strip=True)) == (municipality or "Esimerkkikunta")
        service_page = html(out / lang / services / f"{slug}-lastenneuvola" / "index.html")
        assert shown(service_page.h1.get_text(strip=True)) == service_name
        phone = service_page.select_one('main .contact a[href^="tel:"]')
        assert (phone["href"], phone.get_text(strip=True)) == ("tel:+358401234567", "040 123 4567")
        # the example is said to be one on every page until the editors turn the notice off
        assert service_page.select_one(".example-notice") is not None


def test_a_bilingual_municipality_has_every_text_in_finnish_and_swedish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site), "--languages", "fi,sv", "--municipality", "Porvoo").exit_code == 0
    settings = read_yaml(site / "site.yaml")
    assert settings["languages"] == ["fi", "sv"] and settings["required_translations"] == ["fi", "sv"]
    assert settings["name"] == {"fi": "Perhekeskus", "sv": "Familjecentret"}  # no --name: a Swedish name of its own
    assert read_yaml(site / "municipalities" / "porvoo.yaml")["languages"] == ["fi", "sv"]
    service = read_yaml(site / "content" / "services" / "porvoo-lastenneuvola.yaml")
    for key in ("name", "summary", "description", "booking"):
        assert set(service[key]) == {"fi", "sv"}, key
    assert service["categories"] == ["P5.2"] and service["contacts"] == ["porvoo-neuvolan-ajanvaraus"]
    contact = read_yaml(site / "content" / "contacts" / "porvoo-neuvolan-ajanvaraus.yaml")
    assert contact["phone"] == "040 123 4567" and contact["organisation"] == "porvoo"
    assert "ESIMERKKINUMERO" in (site / "content" / "contacts" / "porvoo-neuvolan-ajanvaraus.yaml").read_text()
    # English, when it is a language, is written but not required: later entries may leave it out
    both = tmp_path / "both"
    assert run("init", str(both), "--languages", "fi,sv,en", "--name", "Porvoon perhekeskus").exit_code == 0
    settings = read_yaml(both / "site.yaml")
    assert settings["required_translations"] == ["fi", "sv"]
    assert settings["name"] == {lang: "Porvoon perhekeskus" for lang in ("fi", "sv", "en")}


def test_every_content_file_starts_with_a_schema_line_that_resolves(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site)).exit_code == 0
    files = sorted([site / "site.yaml", *(site / "municipalities").glob("*.yaml"), *(site / "content").rglob("*.yaml")])
    assert len(files) == 7
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / lines[0].split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), schema
        assert json.loads(schema.read_text(encoding="utf-8"))["$id"] == schema.name
        assert lines[1].startswith("# ESIMERKKI: pkc init kirjoitti tämän tiedoston"), path  # an example, in Finnish
    for rel, kind in CONTENT_FILES.items():
        assert (site / rel).read_text(encoding="utf-8").splitlines()[0].endswith(f"schemas/{kind}.schema.json")
    assert (site / "docs" / "content.md").read_text(encoding="utf-8").startswith("# Sisällön kuvaus")


def test_the_accessibility_statement_is_dated_today_and_asks_for_the_truth(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site)).exit_code == 0
    facts = read_yaml(site / "site.yaml")["accessibility"]
    assert facts["prepared"] == facts["reviewed"] == dt.date.today()
    assert facts["method"] == "self-assessment"
    assert "Täytä ne totuudenmukaisesti" in (site / "site.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", ["muistiinpanot.txt", ".hidden", ".git/"])
def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path: Path, entry: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    if entry.endswith("/"):
        (site / entry).mkdir()
        (site / entry / "HEAD").write_text("ref: refs/heads/main\n")
    else:
        (site / entry).write_text("tärkeä\n")
    before = snapshot(site)
    result = run("init", str(site), "--name", "Perhekeskus", "--languages", "fi")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pkc: error: {site} is not empty (it has {entry.rstrip('/')}); "
                                    "pkc init never writes into a folder that has anything in it")
    assert "Traceback" not in result.output and result.stdout == ""
    assert snapshot(site) == before


def test_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("x")
    result = run("init", str(target))
    assert result.exit_code == 1
    assert "is a file" in result.stderr and target.read_text() == "x"


def test_an_empty_folder_and_missing_parents_are_fine(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty)).exit_code == 0
    assert (empty / "site.yaml").is_file()
    deep = tmp_path / "a" / "b" / "site"
    assert run("init", str(deep)).exit_code == 0
    assert (deep / "site.yaml").is_file()


@pytest.mark.parametrize("languages, message", [
    ("fi,de", "'de' is not a language pkc supports: use fi, sv, en"),
    ("fi,sv,fi", "the language 'fi' is given twice"),
    (",", "give at least one language"),
])
def test_bad_languages_are_refused_and_nothing_is_written(tmp_path: Path, languages: str, message: str) -> None:
    site = tmp_path / "site"
    result = run("init", str(site), "--languages", languages)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pkc: error: {message}")
    assert "Traceback" not in result.output
    assert not site.exists()


def test_a_municipality_name_that_gives_no_file_name_is_refused(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "site"), "--municipality", "???")
    assert result.exit_code == 1
    assert result.stderr.startswith("pkc: error: '???' cannot be a municipality's name")
    assert not (tmp_path / "site").exists()


def test_requirements_pin_the_installed_pkc_and_its_dependencies(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site)).exit_code == 0
    lines = [line for line in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[0] == f"pkc=={metadata.version('pkc')}"  # an editable install can only travel as its version
    pins = dict(line.split("==") for line in lines[1:])
    assert list(pins) == sorted(pins)
    for name in ("click", "pydantic", "pydantic-core", "jinja2", "markupsafe", "pagefind", "pagefind-bin",
                 "annotated-types"):  # direct and transitive, and the extra that pagefind[bin] asks for
        assert pins[name] == metadata.version(name), name
    assert not {"pytest", "playwright", "hugo", "pkc"} & set(pins)  # pkc's test and bench extras are not pinned
    assert "luotiin ja testattiin" in (site / "requirements.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("direct_url, expected", [
    (None, "pkc==0.2.0"),
    ({"url": "file:///work/pkc", "dir_info": {"editable": True}}, "pkc==0.2.0"),
    ({"url": "file:///tmp/dist/pkc-0.2.0-py3-none-any.whl", "archive_info": {}}, "pkc==0.2.0"),
    ({"url": "https://github.com/kunta/pkc.git",
      "vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "main"}},
     "pkc @ git+https://github.com/kunta/pkc.git@0123abcd"),
    ({"url": "https://github.com/kunta/tools.git", "subdirectory": "pkc",
      "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}},
     "pkc @ git+https://github.com/kunta/tools.git@0123abcd#subdirectory=pkc"),
    ({"url": "file:///work/pkc", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}, "pkc==0.2.0"),
    ({"url": "https://files.example/pkc-0.2.0-py3-none-any.whl", "archive_info": {"hash": "sha256=ab"}},
     "pkc @ https://files.example/pkc-0.2.0-py3-none-any.whl"),
    ("not json", "pkc==0.2.0"),
])
def test_how_requirements_name_pkc_follows_how_it_was_installed(direct_url, expected: str) -> None:
    raw = direct_url if direct_url is None or isinstance(direct_url, str) else json.dumps(direct_url)
    assert pkc_requirement("0.2.0", raw) == expected


def test_the_workflows_install_from_requirements_and_check_and_publish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site)).exit_code == 0
    version = metadata.version("pkc")
    check_text = (site / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    publish_text = (site / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    for text in (check_text, publish_text):
        assert text.startswith(f"# Luotu pkc {version}:lla")

    check = yaml.safe_load(check_text)
    assert "pull_request" in check[True]  # YAML 1.1 reads the key 'on' as true
    steps = check["jobs"]["check"]["steps"]
    assert {"python-version": "3.11", "cache": "pip"} == next(s["with"] for s in steps if "setup-python" in
                                                              s.get("uses", ""))
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == ["python -m pip install -r requirements.txt", "pkc check --strict", "pkc report"]

    publish = yaml.safe_load(publish_text)
    assert publish[True]["push"]["branches"] == ["main"]
    build_steps = publish["jobs"]["build"]["steps"]
    runs = [step["run"] for step in build_steps if "run" in step]
    assert runs[0] == "python -m pip install -r requirements.txt"
    assert runs[1].startswith("pkc build --strict --base-url ")
    assert runs[1].endswith("/\" --out public --cache .pkc-cache")
    cache = next(s["with"] for s in build_steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["path"] == ".pkc-cache" and cache["key"].startswith(cache["restore-keys"])
    assert "${{ github.run_id }}" in cache["key"]  # a cache is never overwritten: each run saves its own
    assert {"path": "public"} in [s.get("with") for s in build_steps if "upload-pages-artifact" in s.get("uses", "")]
    assert publish["jobs"]["deploy"]["needs"] == "build"
    assert publish["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_editors_guide_and_gitignore(tmp_path: Path) -> None:
    finnish, bilingual = tmp_path / "fi", tmp_path / "fisv"
    assert run("init", str(finnish), "--name", "Kaksilan perhekeskus").exit_code == 0
    assert run("init", str(bilingual), "--languages", "fi,sv").exit_code == 0
    guide = (finnish / "README.md").read_text(encoding="utf-8")
    assert guide.startswith("# Kaksilan perhekeskus\n")
    for text in ("pkc new service", "pkc check", "pkc serve", "check.yml", "publish.yml", "requirements.txt",
                 "templates/static/style.css", "templates/i18n/fi.yaml",
                 'python -c "import pkc.theme as t; print(t.DEFAULT_TEMPLATES)"'):
        assert text in guide, text
    assert "## På svenska" not in guide
    assert "## På svenska" in (bilingual / "README.md").read_text(encoding="utf-8")
    ignored = (finnish / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"public/", "hsds/", ".pkc-cache/", "__pycache__/", ".venv/"} <= set(ignored)


def test_what_it_prints(tmp_path: Path) -> None:
    site = tmp_path / "uusi sivusto"
    result = run("init", str(site))
    assert result.exit_code == 0
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    for rel in ("site.yaml", "municipalities/esimerkkikunta.yaml", "content/contacts/esimerkkikunta-neuvolan-ajanvaraus.yaml",
                "requirements.txt", ".github/workflows/publish.yml", "README.md", "docs/content.md"):
        assert rel in listed and (site / rel).is_file(), rel
    assert f"cd '{site}'" in listed  # quoted, so it can be pasted
    assert any(line.startswith("pkc check --strict") for line in listed)
    assert any(line.startswith("pkc serve") for line in listed)
    assert any(line.startswith("git init") for line in listed)


def test_pkc_new_names_the_new_sites_entries(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site), "--municipality", "Kaksila").exit_code == 0
    assert run("new", "service", "perheneuvola-kaksila", "--site", str(site)).exit_code == 0
    starter = read_yaml(site / "content" / "services" / "perheneuvola-kaksila.yaml")
    assert starter["provider"] == "kaksila" and starter["municipalities"] == ["kaksila"]
    checked = run("check", "--site", str(site), "--strict")
    assert checked.exit_code == 0, checked.stderr


def test_on_a_terminal_it_asks_for_what_is_missing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pkc.cli, "_stdin_is_terminal", lambda: True)
    site = tmp_path / "site"
    result = run("init", str(site), input="Kaksilan perhekeskus\nfi,de\nfi,sv\nKaksila\n")
    assert result.exit_code == 0, result.output
    assert "Name of the site [Perhekeskus]: " in result.output
    assert "Error: 'de' is not a language pkc supports" in result.output  # asked again, not a failure
    settings = read_yaml(site / "site.yaml")
    assert settings["name"] == {"fi": "Kaksilan perhekeskus", "sv": "Kaksilan perhekeskus"}
    assert settings["languages"] == ["fi", "sv"]
    assert (site / "municipalities" / "kaksila.yaml").is_file()


def test_on_a_terminal_the_defaults_are_one_enter_away(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pkc.cli, "_stdin_is_terminal", lambda: True)
    site = tmp_path / "site"
    result = run("init", str(site), "--languages", "fi,sv", input="\n\n")
    assert result.exit_code == 0, result.output
    assert "Languages" not in result.output  # given as an option, so not asked
    assert read_yaml(site / "site.yaml")["name"] == {"fi": "Perhekeskus", "sv": "Familjecentret"}
    assert (site / "municipalities" / "esimerkkikunta.yaml").is_file()


def test_without_a_terminal_it_asks_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("init", str(site))
    assert result.exit_code == 0
    assert "[Perhekeskus]" not in result.output
    settings = read_yaml(site / "site.yaml")
    assert settings["name"] == {"fi": "Perhekeskus"} and settings["languages"] == ["fi"]


@pytest.mark.parametrize("exists", [False, True])
def test_a_failure_half_way_removes_what_was_written(tmp_path: Path, monkeypatch, exists: bool) -> None:
    def fail_after_one(site_dir: Path) -> list[Path]:
        (site_dir / "schemas").mkdir()
        (site_dir / "schemas" / "site.schema.json").write_text("{}")
        raise OSError(errno.ENOSPC, "No space left on device", str(site_dir / "schemas" / "region.schema.json"))

    monkeypatch.setattr(pkc.newsite.files, "write_schemas", fail_after_one)
    site = tmp_path / "parent" / "site"
    if exists:
        site.mkdir(parents=True)
    result = run("init", str(site))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pkc: error: cannot write {site}/schemas/region.schema.json: "
                                    "No space left on device; what was written is removed")
    assert "Traceback" not in result.output
    if exists:
        assert site.is_dir() and list(site.iterdir()) == []
    else:
        assert not (tmp_path / "parent").exists()  # the parents it created go too

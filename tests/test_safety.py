"""Hostile content never reaches the published site as something that runs; a failed build changes nothing."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from pkc import build as build_module
from pkc.build import BuildOptions, build
from pkc.catalog import build_catalog
from pkc.cli import main
from pkc.errors import BuildError, Problems
from pkc.loader import load_sources
from pkc.model.registry import KIND_BY_NAME
from pkc.model.walk import texts
from pkc.output import safe_target

from .conftest import REPO, SITES, TODAY
from .site_checks import html_pages

PAYLOAD = "\n\n".join([
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)></iframe>",
    "[klikkaa](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)",
    "<a href=\"javascript:alert(1)\">linkki</a>",
    "<style>body{display:none}</style>",
    "<div style=\"position:fixed;inset:0\">peitto</div>",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "![kuva](https://tracker.example/pixel.png)",
    "<object data=x></object><embed src=x><form action=https://evil.example>",
])
SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


# the scripts pkc itself ships; content can add none
PKC_SCRIPTS = tuple(f"assets/{name}.js" for name in (
    "search", "site", "open-now", "quick-exit", "my-municipality", "near-me"))


def _set(data, path, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def hostile_site(target: Path) -> Path:
    """The multilingual fixture with every text a person reads replaced by an XSS corpus."""
    source = SITES / "multilingual"
    sources = load_sources(source)
    problems = Problems()
    catalog = build_catalog(sources, problems)
    assert catalog is not None and not problems.errors
    target.mkdir()
    site_data = sources.site.data
    for text, path, _ in texts(catalog.site):
        _set(site_data, path, {lang: PAYLOAD for lang in text.values})
    (target / "site.yaml").write_text(yaml.safe_dump(site_data, allow_unicode=True), encoding="utf-8")
    replaced = 0
    for kind, entries in catalog.entries.items():
        folder = target / KIND_BY_NAME[kind].folder
        folder.mkdir(parents=True, exist_ok=True)
        for slug, entry in entries.items():
            data = sources.docs[kind][slug].data
            for text, path, _ in texts(entry):
                _set(data, path, {lang: PAYLOAD for lang in text.values})
                replaced += 1
            (folder / f"{slug}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert replaced > 30
    shutil.copytree(source / "content" / "media", target / "content" / "media")
    return target


def test_an_xss_corpus_in_every_text_field_is_shown_as_text_and_never_runs(tmp_path: Path) -> None:
    site = hostile_site(tmp_path / "site")
    out = tmp_path / "public"
    build(BuildOptions(site_dir=site, out_dir=out, today=TODAY))
    pages = html_pages(out)
    assert len(pages) > 80
    for path in pages:
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(out)
        for script in document.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, never run: it must stay one JSON value
                assert "<" not in script.string and isinstance(json.loads(script.string), dict), where
            else:
                assert script.get("src", "").endswith(PKC_SCRIPTS), where
        for tag in document.find_all(True):
            assert tag.name not in ("iframe", "object", "embed", "style", "svg", "img"), (where, tag.name)
            assert not (tag.name == "form" and tag.get("action", "").startswith("http")), where
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (where, tag.name, name)
                assert name != "style", (where, tag.name)
                if name in ("href", "src", "action", "data", "formaction"):
                    assert not SCHEMES.match(value), (where, tag.name, value)
    # the editor's text is still there, as text
    service = BeautifulSoup((out / "fi/palvelut/lastenneuvola-kaksila/index.html").read_text(), "html.parser")
    assert "<script>alert('x')</script>" in service.find("main").get_text()
    assert "{{ 7*7 }}" in service.find("main").get_text()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                                 "vbscript:x", "file:///etc/passwd", "//evil.example/x", "ftp://example.org/"])
def test_url_fields_accept_only_web_addresses(scratch_site, url: str) -> None:
    site = scratch_site({"content/organisations/pikkulan-kunta.yaml": {
        "name": "Pikkulan kunta", "type": "municipality", "municipality": "pikkula", "website": url}})
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "is not a valid web address" in result.stderr


def test_no_page_loads_anything_from_another_site(example_out: Path) -> None:
    resource = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
                "embed": "src", "object": "data", "track": "src", "input": "src"}
    external = []
    for path in html_pages(example_out):
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in document.find_all(True):
            urls = []
            if tag.name in resource and tag.get(resource[tag.name]):
                urls.append(tag[resource[tag.name]])
            if tag.name == "link" and not set(tag.get("rel", [])) <= {"canonical", "alternate"}:
                urls.append(tag.get("href", ""))
            urls += [tag[attr] for attr in ("srcset", "poster") if tag.get(attr)]
            external += [(path.relative_to(example_out), u) for u in urls if re.match(r"^\s*(\w+:|//)", u)]
    for css in (example_out / "assets").glob("*.css"):
        external += [(css.name, u) for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text())
                     if re.match(r"^\s*(\w+:|//)", u)]
        assert "@import" not in css.read_text()
    assert external == []


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../x", "", ".", "a\\b"])
def test_output_paths_never_leave_the_output_directory(tmp_path: Path, rel: str) -> None:
    with pytest.raises(BuildError):
        safe_target(tmp_path, rel)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_output(tmp_path: Path):
    out = tmp_path / "public"
    build(BuildOptions(site_dir=SITES / "multilingual", out_dir=out, today=TODAY))
    return out, snapshot(out)


def assert_untouched(out: Path, before: dict[str, str]) -> None:
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".public.")] == []  # no staging left


def test_a_failing_search_stage_leaves_the_previous_output(previous_output, monkeypatch, tmp_path) -> None:
    out, before = previous_output
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'index broken' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    result = CliRunner().invoke(main, ["build", "--site", str(SITES / "multilingual"), "--out", str(out)])
    assert result.exit_code == 1
    assert "Pagefind failed to index the site (exit status 3): index broken" in result.stderr
    assert "Traceback" not in result.output
    assert_untouched(out, before)


def test_a_failing_write_leaves_the_previous_output(previous_output, monkeypatch) -> None:
    out, before = previous_output
    real_write = build_module.write_files

    def write_then_fail(root, files):
        real_write(root, dict(list(files.items())[:10]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_files", write_then_fail)
    result = CliRunner().invoke(main, ["build", "--site", str(SITES / "multilingual"), "--out", str(out)])
    assert result.exit_code == 1
    assert "could not write the site" in result.stderr and "No space left on device" in result.stderr
    assert_untouched(out, before)


def test_failing_validation_and_rendering_leave_the_previous_output(previous_output, tmp_path) -> None:
    out, before = previous_output
    broken = tmp_path / "broken"
    import shutil
    shutil.copytree(SITES / "multilingual", broken)
    (broken / "municipalities" / "yksila.yaml").write_text("name: [\n")
    assert CliRunner().invoke(main, ["build", "--site", str(broken), "--out", str(out)]).exit_code == 1
    assert_untouched(out, before)
    (broken / "municipalities" / "yksila.yaml").write_text("name: Yksilä\nregion: testimaa\nlanguages: [fi]\n")
    (broken / "templates").mkdir()
    (broken / "templates" / "page.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}")
    result = CliRunner().invoke(main, ["build", "--site", str(broken), "--out", str(out)])
    assert result.exit_code == 1 and "'nope' is undefined" in result.stderr
    assert_untouched(out, before)


def test_the_example_builds_to_identical_bytes_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(BuildOptions(site_dir=REPO, out_dir=first, today=TODAY))
    build(BuildOptions(site_dir=REPO, out_dir=second, today=TODAY))
    assert snapshot(first) == snapshot(second)

"""`pkc build --cache DIR`: a cached build writes exactly what a cold build writes, after any change to the content.

Each step changes the site the way an editor's pull request would (an edit, a new entry, a deleted one, a renamed
file, a translation, a template), then builds it twice: cold, and with the cache the earlier steps filled. The two
sites must be the same files with the same bytes, search index included; and the cached build must have made
only part of the site again.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pkc.build import BuildOptions, BuildReport, build
from pkc.cli import main
from pkc.errors import BuildError
from pkc.incremental.store import MANIFEST

from .conftest import REPO, SITES, TODAY


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def assert_same_site(cold: Path, cached: Path) -> None:
    one, other = _files(cold), _files(cached)
    assert sorted(one) == sorted(other), f"only in the cold build: {sorted(set(one) - set(other))[:5]}; " \
                                         f"only in the cached build: {sorted(set(other) - set(one))[:5]}"
    differ = [rel for rel in one if one[rel] != other[rel]]
    assert not differ, f"{len(differ)} files differ from a cold build, e.g. {differ[:5]}"


class Builds:
    """A site built cold and with a cache, step after step: the cached build into the same output each time
    (as on a machine that keeps its output: only changes are written into it), or into a new one each time
    (as in CI, where only the cache is kept)."""

    def __init__(self, site: Path, work: Path, same_output: bool = True):
        self.site, self.work, self.cache, self.step = site, work, work / "cache", 0
        self.same_output = same_output

    def output(self) -> Path:
        return self.work / ("cached" if self.same_output else f"cached-{self.step}")

    def both(self) -> BuildReport:
        self.step += 1
        cold, cached = self.work / f"cold-{self.step}", self.output()
        build(BuildOptions(site_dir=self.site, out_dir=cold, today=TODAY))
        report = build(BuildOptions(site_dir=self.site, out_dir=cached, today=TODAY, cache_dir=self.cache))
        assert_same_site(cold, cached)
        return report


def _copy_site(source: Path, target: Path) -> Path:
    target.mkdir()
    for name in ("site.yaml", "municipalities", "content"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copyfile(source / name, target / name)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("same_output", [True, False], ids=["output-kept", "new-output"])
def test_every_kind_of_change_builds_what_a_cold_build_builds(tmp_path, same_output):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    builds = Builds(site, tmp_path, same_output)
    first = builds.both()
    assert first.reused == 0 and first.made > 0
    total = first.made

    again = builds.both()  # nothing changed: nothing is made
    assert (again.reused, again.made) == (total, 0)
    assert again.search.bytes == first.search.bytes > 0 and again.search.pages == first.search.pages

    services = site / "content" / "services"
    _edit(services / "kerho-yksila.yaml", "name: Kerho", "name: Satukerho")  # an edit
    edited = builds.both()
    assert 0 < edited.made < total / 2, edited

    # a keyword: indexed with the page, never shown, so the page is the same and its search input is not
    page = builds.output() / "fi" / "palvelut" / "kerho-yksila" / "index.html"
    published, bundle = page.read_bytes(), _files(builds.output() / "pagefind" / "fi")
    _edit(services / "kerho-yksila.yaml", "cost: fee", "keywords: lorupiiri\ncost: fee")
    keyword = builds.both()
    assert page.read_bytes() == published and b"lorupiiri" not in published
    assert 0 < keyword.made < total / 2 and _files(builds.output() / "pagefind" / "fi") != bundle, keyword

    shutil.copyfile(services / "kerho-yksila.yaml", services / "kerho-kaksila.yaml")  # a new entry
    _edit(services / "kerho-kaksila.yaml", "name: Satukerho", "name: Muskari")
    added = builds.both()
    assert 0 < added.made < total, added

    location = site / "content" / "locations" / "kaksilan-perhekeskus.yaml"  # read by services, events, calendars
    _edit(location, "street: {fi: Koulukatu 1, sv: Skolgatan 1}", "street: {fi: Koulukatu 3, sv: Skolgatan 3}")
    assert 0 < builds.both().made < total

    # read by the frame of every page: the footer's pages and the publisher
    _edit(site / "content" / "pages" / "tietoa.en.md", "title: About", "title: About us")
    assert builds.both().made > 0
    _edit(site / "content" / "organisations" / "kaksilan-kaupunki.yaml", "Tvåby stad", "Staden Tvåby")
    assert builds.both().made > 0

    news = site / "content" / "news"
    (news / "uusi-perhekeskus.sv.md").unlink()  # a translation removed
    assert 0 < builds.both().made < total

    (services / "kerho-kaksila.yaml").rename(services / "muskari-kaksila.yaml")  # a file renamed
    renamed = builds.both()
    assert 0 < renamed.made < total, renamed

    (services / "muskari-kaksila.yaml").unlink()  # an entry deleted
    assert 0 < builds.both().made < total

    templates = site / "templates"  # the site's own template: every page may change
    templates.mkdir()
    shutil.copyfile(REPO / "templates" / "base.html", templates / "base.html")
    _edit(templates / "base.html", "</footer>", "<p>Oma alatunniste</p></footer>")
    themed = builds.both()
    assert themed.reused == 0, "a template changed: nothing may be reused"


def test_the_example_after_one_edit(tmp_path):
    site = _copy_site(REPO, tmp_path / "site")
    builds = Builds(site, tmp_path)
    first = builds.both()
    service = site / "content" / "services" / "hanko-lastenneuvola.yaml"
    _edit(service, "fi: Lastenneuvola Hangossa", "fi: Lasten ja perheiden neuvola Hangossa")
    edited = builds.both()
    assert 0 < edited.made < first.made / 10, f"{edited.made} of {first.made} outputs were made again"
    assert edited.reused + edited.made == first.made


def test_a_broken_cache_means_a_cold_build(tmp_path):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    builds = Builds(site, tmp_path)
    builds.both()
    (builds.cache / MANIFEST).write_text("{not json", encoding="utf-8")
    report = builds.both()
    assert report.reused == 0 and "could not be read" in (report.cache_note or "")
    assert builds.both().made == 0  # and the cache works again afterwards


def test_a_file_changed_in_the_cache_is_not_used(tmp_path):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    builds = Builds(site, tmp_path)
    builds.both()
    # the published files are hard links to the cache's: a tool that edits the site in place changes both
    page = builds.output() / "fi" / "index.html"
    with page.open("ab") as file:
        file.write(b"<!-- changed in place -->")
    report = builds.both()  # compares with a cold build: the changed file was made again, not copied
    assert report.made >= 1


def test_an_older_cache_format_is_ignored(tmp_path):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    builds = Builds(site, tmp_path)
    builds.both()
    manifest = json.loads((builds.cache / MANIFEST).read_text(encoding="utf-8"))
    manifest["format"] = 0
    (builds.cache / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    report = builds.both()
    assert report.reused == 0 and "another version of pkc" in (report.cache_note or "")


@pytest.mark.parametrize("place", ["public", "public/.cache", "content/.cache", "."])
def test_the_cache_never_lies_in_the_site_output_or_sources(tmp_path, place):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    with pytest.raises(BuildError, match="refusing to keep the build cache"):
        build(BuildOptions(site_dir=site, today=TODAY, cache_dir=site / place))
    assert not (site / "public").exists()


def test_the_command_line_says_what_the_cache_saved(tmp_path):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    args = ["build", "--site", str(site), "--today", TODAY.isoformat(), "--cache", str(site / ".pkc-cache")]
    assert CliRunner().invoke(main, args).exit_code == 0
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "outputs unchanged, 0 made again" in result.output


def test_dependencies_nothing_reads_any_more_are_dropped(tmp_path):
    site = _copy_site(SITES / "multilingual", tmp_path / "site")
    builds = Builds(site, tmp_path)
    builds.both()
    path = builds.cache / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    used = len(manifest["deps"])
    # what deleted entries leave behind: dependencies that no output reads any more
    manifest["deps"] += [["e", "service", f"poistettu-{n}"] for n in range(used)]
    manifest["hashes"] += ["00"] * used
    path.write_text(json.dumps(manifest), encoding="utf-8")
    report = builds.both()
    assert report.made == 0
    assert len(json.loads(path.read_text(encoding="utf-8"))["deps"]) == used
    _edit(site / "content" / "services" / "kerho-yksila.yaml", "name: Kerho", "name: Satukerho")
    assert builds.both().made > 0  # the renumbered table still says what each output read

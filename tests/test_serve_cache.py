"""`pkc serve` reloads read and validate only the entries whose files changed, and still see every change."""
from __future__ import annotations

from pathlib import Path

import pytest

import pkc.catalog
import pkc.loader
from pkc.build import BuildOptions
from pkc.serve import DevSite

from .conftest import TODAY, overlay_site


@pytest.fixture
def dev(tmp_path: Path, monkeypatch):
    site = overlay_site("multilingual", None, tmp_path / "site")
    events: list[str] = []
    dev_site = DevSite(BuildOptions(site_dir=site, today=TODAY), "http://localhost:8000/", on_event=events.append)
    dev_site._schedule_search = lambda: None  # the background search build is not what these tests are about
    read: list[str] = []
    validated: list[str] = []
    load_file, validate = pkc.loader.load_file, pkc.catalog.validate

    def counting_load(path, rel, root=None):
        read.append(rel)
        return load_file(path, rel, root)

    def counting_validate(model, doc, context):
        validated.append(doc.file)
        return validate(model, doc, context)

    monkeypatch.setattr(pkc.loader, "load_file", counting_load)
    monkeypatch.setattr(pkc.catalog, "validate", counting_validate)
    dev_site.reload()
    assert dev_site.good is not None and not dev_site.problems
    yield site, dev_site, read, validated, events
    dev_site.close()


def page(dev_site: DevSite, path: str) -> str:
    status, body, _ = dev_site.respond(path)
    assert status == 200
    return body.decode()


def test_one_edit_reads_and_validates_one_entry(dev) -> None:
    site, dev_site, read, validated, _ = dev
    assert len(read) > 20  # the first load reads everything
    service = site / "content/services/kerho-yksila.yaml"
    service.write_text(service.read_text().replace("name: Kerho", "name: Satukerho"), encoding="utf-8")
    read.clear()
    validated.clear()
    dev_site.reload()
    # site.yaml, one short file that decides the languages of everything, is read on every reload
    assert read == ["site.yaml", "content/services/kerho-yksila.yaml"]
    assert validated == ["site.yaml", "content/services/kerho-yksila.yaml"]
    assert "<h1>Satukerho</h1>" in page(dev_site, "/fi/palvelut/kerho-yksila/")


def test_an_edited_translation_file_is_read_again_with_its_entry(dev) -> None:
    site, dev_site, read, _, _ = dev
    translation = site / "content/services/perheneuvola.sv.md"
    translation.write_text("Familjerådgivningen hjälper när **sömnen** oroar.\n", encoding="utf-8")
    read.clear()
    dev_site.reload()
    assert sorted(read) == ["content/services/perheneuvola.md", "content/services/perheneuvola.sv.md", "site.yaml"]
    assert "<strong>sömnen</strong>" in page(dev_site, "/sv/tjanster/perheneuvola/")


def test_an_unchanged_reload_reads_nothing_and_builds_the_same_pages(dev) -> None:
    _, dev_site, read, validated, _ = dev
    before = page(dev_site, "/fi/palvelut/kerho-yksila/")
    read.clear()
    validated.clear()
    dev_site.reload()
    assert read == validated == ["site.yaml"]
    assert page(dev_site, "/fi/palvelut/kerho-yksila/") == before


def test_a_deleted_entry_is_gone_and_references_to_it_are_errors(dev) -> None:
    site, dev_site, _, _, _ = dev
    (site / "content/services/kerho-yksila.yaml").unlink()
    dev_site.reload()
    assert dev_site.respond("/fi/palvelut/kerho-yksila/")[0] == 404
    (site / "municipalities/yksila.yaml").unlink()
    dev_site.reload()
    assert any("unknown municipality 'yksila'" in p.message for p in dev_site.problems)


def test_an_error_found_once_is_reported_again_while_the_file_is_unchanged(dev) -> None:
    site, dev_site, _, _, _ = dev
    service = site / "content/services/kerho-yksila.yaml"
    service.write_text(service.read_text().replace("cost: fee", "cost: expensive"), encoding="utf-8")
    for _ in range(2):  # the second reload takes the entry from the cache, with its error
        dev_site.reload()
        assert [(p.location.file, p.location.line) for p in dev_site.problems] == [
            ("content/services/kerho-yksila.yaml", 8)]


def test_calendars_feeds_sitemap_and_open_data_come_from_the_background_build(tmp_path: Path) -> None:
    site = overlay_site("multilingual", None, tmp_path / "site")
    dev_site = DevSite(BuildOptions(site_dir=site, today=TODAY), "http://localhost:8000/", on_event=lambda _: None)
    try:
        dev_site.reload()
        dev_site.wait_for_search(120)
        status, body, content_type = dev_site.respond("/fi/tapahtumat/tapahtumat.ics")
        assert (status, content_type) == (200, "text/calendar; charset=utf-8")
        assert body.startswith(b"BEGIN:VCALENDAR")
        status, body, content_type = dev_site.respond("/data/hsds/sv/services.json")
        assert (status, content_type) == (200, "application/json")
        assert "Familjerådgivning" in body.decode()
        assert dev_site.respond("/sitemap.xml")[0] == 200
        # pages always come from the latest reload, never from the background build
        (site / "content/services/kerho-yksila.yaml").unlink()
        dev_site._schedule_search = lambda: None
        dev_site.reload()
        assert dev_site.respond("/fi/palvelut/kerho-yksila/index.html")[0] == 404
    finally:
        dev_site.close()


def test_what_a_reload_leaves_is_kept_from_the_collector_until_the_editor_pauses(dev) -> None:
    import gc

    _, dev_site, _, _, _ = dev
    dev_site.reload()
    assert gc.get_freeze_count() > 10_000  # the content, validated models and views of the reload
    assert dev_site._collector is not None and dev_site._collector.is_alive()  # the collection that follows
    dev_site._collect()
    assert gc.get_freeze_count() > 10_000
    dev_site.close()
    assert gc.get_freeze_count() == 0 and not dev_site._collector.is_alive()


def test_an_unchanged_entry_is_told_of_translations_its_area_now_needs(tmp_path: Path) -> None:
    """The missing translations found in an entry are kept while it is unchanged, but not when a municipality of
    its area becomes bilingual: the same file then lacks a language it did not need before."""
    site = overlay_site("multilingual", None, tmp_path / "site")
    dev_site = DevSite(BuildOptions(site_dir=site, today=TODAY, strict=True), "http://localhost:8000/",
                       on_event=lambda message: None)
    dev_site._schedule_search = lambda: None
    try:
        dev_site.reload()
        assert dev_site.good is not None and not dev_site.problems
        municipality = site / "municipalities/yksila.yaml"
        municipality.write_text(municipality.read_text().replace("languages: [fi]", "languages: [fi, sv]"),
                                encoding="utf-8")
        dev_site.reload()
        missing = {(p.location.file, p.message) for p in dev_site.problems}
        assert ("content/services/kerho-yksila.yaml", "'name' has no Swedish (sv) text (Yksilä is bilingual)") \
            in missing
        municipality.write_text(municipality.read_text().replace("languages: [fi, sv]", "languages: [fi]"),
                                encoding="utf-8")
        dev_site.reload()
        assert not dev_site.problems
    finally:
        dev_site.close()


def test_a_page_that_takes_another_pages_address_is_an_error_on_every_reload_until_renamed(dev) -> None:
    """The pages' files are found again only when the pages change; a clash is looked for again every time."""
    site, dev_site, _, _, _ = dev
    clash = site / "content/pages/palvelut.md"
    clash.write_text("---\ntitle: Palvelut\n---\nTämä sivu menisi palveluluettelon päälle.\n", encoding="utf-8")
    for _ in range(2):
        dev_site.reload()
        assert [(p.location.file, p.message) for p in dev_site.problems] == [
            ("content/pages/palvelut.md",
             "this page would be written to fi/palvelut/index.html, like pkc's own service index page")]
    clash.rename(site / "content/pages/kaikki-palvelut.md")
    dev_site.reload()
    assert not dev_site.problems
    assert "Tämä sivu menisi" in page(dev_site, "/fi/kaikki-palvelut/")

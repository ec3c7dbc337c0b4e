"""The bundled example family centre: valid under --strict, complete in every language, no broken link."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pkc.build import BuildOptions, check
from pkc.cli import main
from pkc.urls import PageKey, page_path

from .conftest import REPO
from .site_checks import broken_links, page

PAGE_KINDS = {
    "fi": ["", "kunnat/", "kunnat/porvoo/", "alueet/ita-uusimaa/", "palvelut/", "kohtaamispaikat/", "toimipisteet/",
           "toimijat/", "aiheet/", "aiheet/neuvolapalvelut/", "kenelle/", "kenelle/vauvaa-odottavat/",
           "elamantilanteet/", "elamantilanteet/odotamme-vauvaa/", "tapahtumat/", "ajankohtaista/", "ajankohtaista/sivu/2/", "materiaalit/", "kysymykset/", "tietoa/", "tietosuoja/", "saavutettavuusseloste/", "haku/"],
    "sv": ["", "kommuner/", "kommuner/porvoo/", "omraden/ita-uusimaa/", "tjanster/", "motesplatser/",
           "verksamhetsstallen/", "aktorer/", "amnen/", "amnen/radgivningstjanster/", "for-vem/",
           "for-vem/vantande-familjer/", "livssituationer/odotamme-vauvaa/", "evenemang/", "aktuellt/", "material/", "fragor/", "om-familjecentret/", "dataskydd/",
           "tillganglighetsutlatande/", "sok/"],
    "en": ["", "municipalities/", "municipalities/porvoo/", "regions/ita-uusimaa/", "services/", "meeting-places/",
           "locations/", "organisations/", "topics/", "topics/health-clinic-services/", "for-whom/",
           "for-whom/expecting-a-baby/", "life-situations/odotamme-vauvaa/", "events/", "news/", "materials/", "questions/", "about/", "privacy/",
           "accessibility-statement/", "search/"],
}


def test_the_example_is_valid_even_with_strict() -> None:
    result = CliRunner().invoke(main, ["check", "--site", str(REPO), "--strict", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_the_example_is_large_enough_to_be_realistic(example_out: Path) -> None:
    services = [p for p in (example_out / "fi" / "palvelut").iterdir() if p.is_dir()]
    places = [p for p in (example_out / "fi" / "kohtaamispaikat").iterdir() if p.is_dir()]
    municipalities = [p for p in (example_out / "fi" / "kunnat").iterdir() if p.is_dir()]
    assert len(services) >= 60
    assert len(places) >= 20
    assert {p.name for p in municipalities} >= {
        "jyvaskyla", "petajavesi", "kannonkoski", "muurame", "laukaa", "hyvinkaa", "jarvenpaa", "lohja", "loviisa",
        "mantsala", "porvoo", "sipoo", "raasepori", "hanko", "salo", "somero"}


def test_every_page_kind_in_every_language(example_out: Path) -> None:
    for lang, paths in PAGE_KINDS.items():
        for rel in paths:
            document = page(example_out, f"{lang}/{rel}")
            assert document.html["lang"] == lang, rel
            assert document.find("h1").get_text(strip=True), rel


def test_bilingual_municipalities_are_served_in_swedish(example_out: Path) -> None:
    """Swedish pages of bilingual municipalities never fall back to Finnish (Language Act 423/2003)."""
    catalog = check(BuildOptions(site_dir=REPO)).catalog
    bilingual = {slug for slug, m in catalog.municipalities.items() if "sv" in m.languages}
    assert bilingual == {"porvoo", "loviisa", "sipoo", "raasepori", "hanko"}
    pages = [PageKey("municipality", slug) for slug in bilingual]
    pages += [PageKey("place", slug) for slug, p in catalog.places.items() if p.municipality in bilingual]
    pages += [PageKey("service", slug) for slug in catalog.services if set(catalog.service_area(slug)) <= bilingual]
    assert len(pages) > 40
    for key in pages:
        document = page(example_out, page_path(key, "sv"))
        finnish = [tag.get_text()[:60] for tag in document.find("main").find_all(attrs={"lang": "fi"})]
        assert finnish == [], (key, finnish)


def test_no_broken_internal_link_in_the_example(example_out: Path) -> None:
    assert broken_links(example_out) == []

"""A content pull request's file-system tricks and unsafe file types: each is refused with its file named,
nothing from outside the site is read or quoted, the build never hangs, and the previous output stays."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from pkc.build import BuildOptions, build
from pkc.cli import main
from pkc.errors import Location, Problem, format_problem
from pkc.render import environment
from pkc.sitefiles import UnsafeFile, read_site_file
from pkc.theme import DEFAULT_TEMPLATES

from .conftest import SITES, TODAY
from .test_safety import assert_untouched, snapshot

SECRET = "root:x:0:0:SALAINEN-RIVI:/root:/bin/bash"  # what a linked /etc/passwd would leak
CLEAN_SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
             '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"\n'
             '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
             '     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 32 32">\n'
             '  <sodipodi:namedview inkscape:zoom="8"/>\n'
             '  <defs><linearGradient id="g"><stop offset="0" stop-color="#1d5a8a"/></linearGradient></defs>\n'
             '  <style>.a { fill: url(#g); }</style>\n'
             '  <g inkscape:groupmode="layer"><rect class="a" width="32" height="32" rx="6"/>\n'
             '  <use xlink:href="#g"/><circle cx="11" cy="11" r="4" style="fill:#fff"/></g>\n'
             '</svg>\n')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The multilingual fixture built once: every test's previous output is a copy of it."""
    out = tmp_path_factory.mktemp("previous") / "public"
    build(BuildOptions(site_dir=SITES / "multilingual", out_dir=out, today=TODAY, search=False))
    return out


@pytest.fixture
def case(tmp_path: Path, built: Path):
    """A copy of the multilingual site, a copy of its previous output, and a secret file outside the site."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "multilingual", site)
    out = tmp_path / "public"
    shutil.copytree(built, out)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    return site, out, outside


@pytest.fixture(autouse=True)
def no_hang():
    """A build that waits on a pipe fails the test after 60 s instead of hanging the suite."""
    def stop(*_):
        raise TimeoutError("the build hung")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def link(path: Path, target: Path | str) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def refused(site: Path, out: Path, *expected: str) -> str:
    """Build with the CLI: exit 1, every expected text in the messages, no traceback, the secret nowhere,
    and the previous output as it was."""
    before = snapshot(out)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "SALAINEN" not in result.output
    assert_untouched(out, before)
    return result.stderr


# --- links leading outside the site ------------------------------------------------------------------

def test_a_translation_linked_to_a_file_outside_is_refused(case) -> None:
    site, out, outside = case
    (outside / "passwd").write_text(f"---\ntitle: About\n---\n{SECRET}\n", encoding="utf-8")  # would build
    link(site / "content/pages/tietoa.en.md", outside / "passwd")
    refused(site, out, f"content/pages/tietoa.en.md: this is a symbolic link to '{outside / 'passwd'}', "
                       "outside the site directory", "copy the file into the site instead of linking to it")


def test_a_news_translation_linked_to_the_build_environment_is_refused(case) -> None:
    site, out, _ = case
    link(site / "content/news/uusi-perhekeskus.sv.md", "/proc/self/environ")
    refused(site, out, "content/news/uusi-perhekeskus.sv.md: this is a symbolic link to '/proc/self/environ', "
                       "outside the site directory")


def test_a_primary_content_file_linked_outside_is_refused_though_it_is_valid(case) -> None:
    site, out, outside = case
    shutil.copyfile(site / "content/services/kerho-yksila.yaml", outside / "kerho.yaml")
    link(site / "content/services/kerho-yksila.yaml", outside / "kerho.yaml")
    refused(site, out, "content/services/kerho-yksila.yaml: this is a symbolic link to", "outside the site")


def test_site_yaml_linked_outside_is_refused(case) -> None:
    site, out, outside = case
    shutil.copyfile(site / "site.yaml", outside / "site.yaml")
    link(site / "site.yaml", outside / "site.yaml")
    refused(site, out, f"site.yaml: this is a symbolic link to '{outside / 'site.yaml'}', outside the site")


def test_a_content_folder_linked_outside_is_refused_and_not_listed(case) -> None:
    site, out, outside = case
    shutil.rmtree(site / "content/pages")
    (outside / "pages").mkdir()
    (outside / "pages" / "salainen.md").write_text(f"---\ntitle: {{fi: x, sv: x}}\n---\n{SECRET}\n")
    link(site / "content/pages", outside / "pages")
    stderr = refused(site, out, f"content/pages: this folder is a symbolic link to '{outside / 'pages'}'")
    assert "salainen" not in stderr


def test_a_material_linked_outside_is_refused_at_its_file_line(case) -> None:
    site, out, outside = case
    shutil.copyfile(site / "content/media/opas.pdf", outside / "opas.pdf")  # a real PDF: only the link is wrong
    link(site / "content/media/opas.pdf", outside / "opas.pdf")
    refused(site, out, "content/materials/opas.yaml:3:7: 'content/media/opas.pdf': this is a symbolic link to "
                       f"'{outside / 'opas.pdf'}', outside the site directory")


def test_a_media_file_no_material_names_is_not_published_and_is_pointed_out(case) -> None:
    """A link added to content/media on its own is never read; the editor reviewing the pull request is told."""
    site, _, outside = case
    link(site / "content/media/esite.pdf", outside / "passwd")
    out = site.parent / "new-public"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert (f"content/media/esite.pdf: warning: this is a symbolic link to '{outside / 'passwd'}', outside the site "
            "directory; it is not published") in result.stderr
    assert not (out / "media" / "esite.pdf").exists()
    assert all("SALAINEN" not in path.read_text(encoding="utf-8", errors="replace")
               for path in out.rglob("*") if path.is_file())
    strict = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--strict",
                                       "--today", TODAY.isoformat()])
    assert strict.exit_code == 1 and "content/media/esite.pdf: this is a symbolic link" in strict.stderr


def test_a_site_template_linked_outside_is_refused(case) -> None:
    site, out, outside = case
    shutil.copyfile(DEFAULT_TEMPLATES / "page.html", outside / "page.html")
    link(site / "templates/page.html", outside / "page.html")
    refused(site, out, "templates/page.html: this is a symbolic link to", "outside the site directory")


def test_a_static_asset_linked_outside_is_refused(case) -> None:
    site, out, outside = case
    link(site / "templates/static/x.txt", outside / "passwd")
    refused(site, out, f"templates/static/x.txt: this is a symbolic link to '{outside / 'passwd'}'")


def test_interface_texts_linked_outside_are_refused(case) -> None:
    site, out, outside = case
    shutil.copyfile(DEFAULT_TEMPLATES / "i18n" / "fi.yaml", outside / "fi.yaml")
    link(site / "templates/i18n/fi.yaml", outside / "fi.yaml")
    refused(site, out, "templates/i18n/fi.yaml: this is a symbolic link to", "outside the site directory")


def test_a_template_folder_linked_outside_is_refused(case) -> None:
    site, out, outside = case
    (outside / "osat").mkdir()
    (outside / "osat" / "x.html").write_text(SECRET)
    link(site / "templates/osat", outside / "osat")
    refused(site, out, f"templates/osat: this is a symbolic link to '{outside / 'osat'}', outside the site")


def test_a_file_reached_through_a_linked_folder_is_not_read(case) -> None:
    site, _, outside = case
    link(site / "content/linkki", outside)
    with pytest.raises(UnsafeFile, match=f"leads outside the site directory, to '{outside / 'passwd'}', through a "
                                         "linked folder"):
        read_site_file(site / "content/linkki/passwd", site, 1024)


def test_a_link_to_another_file_inside_the_site_still_builds(case) -> None:
    site, out, _ = case
    (site / "docs").mkdir()
    shutil.move(site / "content/pages/tietoa.en.md", site / "docs/tietoa.en.md")
    link(site / "content/pages/tietoa.en.md", Path("../../docs/tietoa.en.md"))
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--today",
                                       TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "This is a test site." in (out / "en" / "tietoa" / "index.html").read_text(encoding="utf-8")


# --- devices, pipes and sockets ----------------------------------------------------------------------

def test_a_link_to_dev_zero_is_refused_without_reading_it(case) -> None:
    site, out, _ = case
    link(site / "content/services/nolla.yaml", "/dev/zero")
    refused(site, out, "content/services/nolla.yaml: this is a symbolic link to '/dev/zero', outside the site")


def test_a_device_inside_the_site_is_refused_without_opening_it(case) -> None:
    site, out, _ = case
    try:
        os.mknod(site / "content/services/laite.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("creating a device needs CAP_MKNOD")
    refused(site, out, "content/services/laite.yaml: this is a device, not a regular file")


def test_a_named_pipe_is_refused_without_waiting_on_it(case) -> None:
    site, out, _ = case
    os.mkfifo(site / "content/services/putki.yaml")
    refused(site, out, "content/services/putki.yaml: this is a named pipe (FIFO), not a regular file",
            "replace it with a file saved by an editor")


def test_a_named_pipe_as_site_yaml_is_refused(case) -> None:
    site, out, _ = case
    (site / "site.yaml").unlink()
    os.mkfifo(site / "site.yaml")
    refused(site, out, "site.yaml: this is a named pipe (FIFO), not a regular file")


def test_a_socket_is_refused(case, monkeypatch) -> None:
    site, out, _ = case
    monkeypatch.chdir(site / "content/services")  # a socket's path must be short: bind it by its name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("pistoke.yaml")
        monkeypatch.undo()
        refused(site, out, "content/services/pistoke.yaml: this is a socket, not a regular file")


def test_a_pipe_among_the_static_assets_is_refused(case) -> None:
    site, out, _ = case
    (site / "templates/static").mkdir(parents=True)
    os.mkfifo(site / "templates/static/putki.css")
    refused(site, out, "templates/static/putki.css: this is a named pipe (FIFO)")


# --- what error messages quote -----------------------------------------------------------------------

def test_an_error_never_quotes_a_line_of_a_file_outside_the_site(case) -> None:
    site, _, outside = case
    link(site / "content/services/vuoto.yaml", outside / "passwd")
    message = format_problem(Problem(Location("content/services/vuoto.yaml", 1, 1), "anything"), site)
    assert message == "content/services/vuoto.yaml:1:1: anything"
    inside = format_problem(Problem(Location("content/services/kerho-yksila.yaml", 1, 1), "anything"), site)
    assert " 1 | " in inside  # a file of the site is still quoted


def test_the_template_loader_reads_no_linked_template_even_if_the_check_was_passed(case) -> None:
    site, _, outside = case
    (outside / "page.html").write_text(SECRET)
    link(site / "templates/page.html", outside / "page.html")
    with pytest.raises(jinja2.TemplateError) as raised:
        environment(site).get_template("page.html")
    assert "symbolic link" in str(raised.value) and "SALAINEN" not in str(raised.value)


# --- materials and logos that could run script -------------------------------------------------------

def material(site: Path, slug: str, file: str, data: bytes | str) -> None:
    (site / "content/materials" / f"{slug}.yaml").write_text(
        f"title: {{fi: {slug}, sv: {slug}}}\nfile: {file}\nlanguage: fi\n", encoding="utf-8")
    path = site / file
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def test_an_html_material_and_its_script_are_refused_at_their_file_lines(case) -> None:
    site, out, _ = case
    material(site, "ohje", "content/media/ohje.html", '<html><script src="ohje.js"></script></html>')
    material(site, "ohje-skripti", "content/media/ohje.js", "alert(document.cookie)")
    refused(site, out,
            "content/materials/ohje.yaml:2:7: 'content/media/ohje.html' is an HTML page: published on the site it "
            "could run script as the site",
            "content/materials/ohje-skripti.yaml:2:7: 'content/media/ohje.js' is a JavaScript file",
            "publish the document as PDF")


@pytest.mark.parametrize("name", ["kartta.xhtml", "tiedot.xml", "tyyli.xsl", "vanha.swf", "moduuli.mjs", "x.htm"])
def test_other_script_capable_materials_are_refused(case, name: str) -> None:
    site, out, _ = case
    material(site, "vaarallinen", f"content/media/{name}", "<x/>")
    refused(site, out, f"content/materials/vaarallinen.yaml:2:7: 'content/media/{name}' is ")


def test_a_pdf_that_is_an_html_page_is_refused(case) -> None:
    site, out, _ = case
    material(site, "esite", "content/media/esite.pdf", "<!DOCTYPE html><script>alert(1)</script>")
    refused(site, out, "content/materials/esite.yaml:2:7: 'content/media/esite.pdf' is not a PDF document: it does "
                       "not start the way one does (it looks like an HTML or XML page)")


def test_a_material_larger_than_the_limit_is_refused_without_reading_it(case) -> None:
    site, out, _ = case
    material(site, "iso", "content/media/iso.pdf", b"%PDF-1.7\n")
    with (site / "content/media/iso.pdf").open("r+b") as pdf:
        pdf.truncate(51 * 1024 * 1024)  # sparse: nothing is written, only the size says it
    refused(site, out, "content/materials/iso.yaml:2:7: 'content/media/iso.pdf' is too large (51 MiB; the limit is "
                       "50 MiB)", "publish it elsewhere and link to it")


def test_a_text_material_that_is_markup_is_refused(case) -> None:
    site, out, _ = case
    material(site, "lista", "content/media/lista.csv", "\ufeff  <svg onload=alert(1)>")
    refused(site, out, "'content/media/lista.csv' looks like an HTML or XML page, not a CSV table")


def test_a_material_of_an_unknown_type_is_refused_with_the_types_that_can(case) -> None:
    site, out, _ = case
    material(site, "ohjelma", "content/media/ohjelma.exe", b"MZ\x90\x00")
    refused(site, out, "files of type '.exe' cannot be published here", "the types that can: .csv, .doc, .docx")


def test_an_svg_logo_with_script_is_refused_naming_the_element(case) -> None:
    site, out, _ = case
    (site / "content/media/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1" height="1"/>\n<script>alert(1)</script>\n</svg>')
    with (site / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("  logo: content/media/logo.svg\n")
    refused(site, out, "site.yaml:", "'content/media/logo.svg' cannot be published: the element <script> is not "
                       "allowed in a published SVG (it can run script) (line 3 of the SVG)", "Optimized SVG")


@pytest.mark.parametrize("svg, named", [
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "the attribute 'onload' on <svg>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml"/>'
     '</foreignObject></svg>', "the element <foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="'
     'javascript:alert(1)"/></svg>', "<use> refers to 'javascript:alert(1)'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://seuranta.example/p.png"/></svg>',
     "<image> refers to 'https://seuranta.example/p.png'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import "x.css";</style></svg>', "contains '@import'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/a)"/></svg>',
     "loads 'https://x.example/a'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url( \'https://x.example/a\')"/></svg>',
     "loads 'https://x.example/a'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="\\75rl(https://x.example/a)"/></svg>', "contains '\\'"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "the DOCTYPE declares entities of its own"),
    ('<?xml-stylesheet href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>', "'<?xml-stylesheet'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
     "the element <set>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml"/></svg>',
     "the element <script> of http://www.w3.org/1999/xhtml"),
])
def test_an_svg_material_that_could_run_or_load_something_is_refused(case, svg: str, named: str) -> None:
    site, out, _ = case
    material(site, "kuva", "content/media/kuva.svg", svg)
    refused(site, out, "content/materials/kuva.yaml:2:7: 'content/media/kuva.svg' cannot be published: " , named)


def test_a_clean_svg_logo_and_material_and_the_pdf_are_published(case) -> None:
    site, out, _ = case
    (site / "content/media/logo.svg").write_text(CLEAN_SVG, encoding="utf-8")
    with (site / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("  logo: content/media/logo.svg\n")
    material(site, "kuva", "content/media/kuva.svg", CLEAN_SVG)
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out), "--today",
                                       TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert (out / "assets/logo.svg").read_text(encoding="utf-8") == CLEAN_SVG
    assert (out / "media/kuva.svg").read_text(encoding="utf-8") == CLEAN_SVG
    assert (out / "media/opas.pdf").read_bytes() == (site / "content/media/opas.pdf").read_bytes()
    assert "/media/*\n  Content-Security-Policy: default-src 'none'; sandbox\n  Content-Disposition: attachment" \
        in (out / "_headers").read_text(encoding="utf-8")

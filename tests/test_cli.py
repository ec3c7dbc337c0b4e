"""The command line as editors and CI use it."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pkc.cli import main

from .conftest import REPO, SITES


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_valid_site() -> None:
    result = run("check", "--site", str(SITES / "multilingual"), "--strict")
    assert result.exit_code == 0
    assert result.stdout.startswith("The content is valid: 1 region, 2 municipalities,")
    assert result.stderr == ""


def test_build_writes_the_site_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = run("build", "--site", str(SITES / "minimal"), "--out", str(out), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Built 29 pages \(74 files\) into {re.escape(str(out))} in \d+\.\d s\.\n", result.stdout)
    stages = [line.split(":")[0].strip() for line in result.stderr.splitlines()]
    assert stages == ["Loading the content", "Checking the content", "Rendering pages and calendars",
                      "Writing feeds, open data and assets", "Finishing the search index"]
    assert "Finishing the search index: indexed 5 fi pages" in result.stderr
    assert re.search(r"Rendering pages and calendars: rendered 29 pages and 2 calendars in 1 language \(\d+\.\d\d s\)", result.stderr)
    assert (out / "fi" / "palvelut" / "lastenneuvola" / "index.html").is_file()
    assert (out / "pagefind" / "fi" / "pagefind.js").is_file()


def test_quiet_and_verbose(tmp_path: Path) -> None:
    quiet = run("build", "--site", str(SITES / "minimal"), "--out", str(tmp_path / "a"), "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run("build", "--site", str(SITES / "minimal"), "--out", str(tmp_path / "b"), "--verbose")
    assert "Rendering pages and calendars…" in verbose.stderr and "  23/23" not in verbose.stdout
    assert "\n  29/29\n" in verbose.stderr  # progress lines in logs, where no terminal redraws a counter


def test_a_failed_build_leaves_the_previous_output_untouched(scratch_site, tmp_path: Path) -> None:
    site = scratch_site()
    out = tmp_path / "public"
    assert run("build", "--site", str(site), "--out", str(out)).exit_code == 0
    before = snapshot(out)
    (site / "municipalities" / "pikkula.yaml").write_text("name: Pikkula\nregion: [\n", encoding="utf-8")
    result = run("build", "--site", str(site), "--out", str(out))
    assert result.exit_code == 1
    assert "municipalities/pikkula.yaml:3:1:" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(out) == before


def test_a_broken_template_fails_without_touching_the_output(scratch_site, tmp_path: Path) -> None:
    site = scratch_site()
    out = tmp_path / "public"
    assert run("build", "--site", str(site), "--out", str(out)).exit_code == 0
    before = snapshot(out)
    (site / "templates").mkdir()
    (site / "templates" / "service.html").write_text("{% extends 'base.html' %}{% block content %}{{ page.nope }}{% endblock %}")
    result = run("build", "--site", str(site), "--out", str(out))
    assert result.exit_code == 1
    assert "service.html" in result.stderr and "nope" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(out) == before


def test_build_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "important"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete")
    result = run("build", "--site", str(SITES / "minimal"), "--out", str(out))
    assert result.exit_code == 1
    assert "was not written by pkc" in result.stderr
    assert (out / "thesis.txt").read_text() == "do not delete"


def test_missing_translations_warn_and_fail_with_strict(scratch_site) -> None:
    site = scratch_site({"site.yaml": (SITES / "minimal" / "site.yaml").read_text().replace(
        "languages: [fi]", "languages: [fi, sv]\nrequired_translations: [fi, sv]")})
    relaxed = run("check", "--site", str(site))
    assert relaxed.exit_code == 0
    assert "municipalities/pikkula.yaml:1:1: warning: 'name' has no Swedish (sv) text (the site)" not in relaxed.stderr
    assert "content/pages/tietoa.md:2:1: warning: 'title' has no Swedish (sv) text (the site)" in relaxed.stderr
    strict = run("check", "--site", str(site), "--strict")
    assert strict.exit_code == 1
    assert "content/pages/tietoa.md:2:1: 'title' has no Swedish (sv) text (the site)" in strict.stderr


def test_a_directory_without_site_yaml(tmp_path: Path) -> None:
    result = run("check", "--site", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("site.yaml: no site.yaml in")


def test_bad_date_option() -> None:
    result = run("build", "--site", str(SITES / "minimal"), "--today", "23.11.2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_python_m_pkc_build_builds_the_example_from_the_repository(tmp_path: Path) -> None:
    """The README's first command: `python3 -m pkc build` in the repository builds the bundled example."""
    out = tmp_path / "public"
    completed = subprocess.run([sys.executable, "-m", "pkc", "build", "--out", str(out), "--today", "2026-11-23",
                                "--quiet"], capture_output=True, text=True, cwd=REPO, check=False)
    assert completed.returncode == 0, completed.stderr
    assert (out / "fi" / "index.html").is_file() and (out / "sv" / "index.html").is_file()


def test_version_names_the_installed_release() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"pkc {version('pkc')}\n"


def test_a_statement_not_reviewed_for_a_year_is_a_warning(scratch_site) -> None:
    site = scratch_site()
    relaxed = run("check", "--site", str(site), "--today", "2027-06-02")
    assert relaxed.exit_code == 0
    assert relaxed.stderr.startswith(
        "site.yaml:12:13: warning: the accessibility statement was last reviewed on 2026-06-01, more than a year ago")
    assert run("check", "--site", str(site), "--today", "2027-06-01").stderr == ""
    assert run("check", "--site", str(site), "--today", "2027-06-02", "--strict").exit_code == 1


def test_github_actions_get_annotations_on_the_changed_lines(tmp_path: Path, monkeypatch) -> None:
    from .conftest import overlay_site
    site = overlay_site("multilingual", SITES / "invalid" / "unknown-references", tmp_path / "repo" / "site")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    result = run("check", "--site", str(site))
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations[0] == ("::error file=site/content/services/kerho-yksila.yaml,line=3,col=14::unknown service "
                              "class 'P3.44' (did you mean 'P3.4'?) (hint: use a code from the national list, e.g. 'P5.2')")
    assert len(annotations) == 6
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::error" not in run("check", "--site", str(site)).stdout

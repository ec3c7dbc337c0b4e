"""`pkc import ptv`: plan the files of an import, refuse to overwrite an editor's work, write, and report."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PkcError
from ..loader import RESERVED_NAMES
from ..model.registry import KIND_BY_NAME
from ..scaffold import schema_comment
from ..sourcefile import parse_yaml
from ..validate import validate
from .mapping import Entry, Mapper
from .read import CHANNEL_LABELS, read_ptv_files
from .site import MARKER, SiteContext, digest, existing_file, load_site, make_slug
from .texts import Note, name_of
from .yamltext import dump


@dataclass
class PlannedFile:
    """A file the import writes, and whether it is new, updated, unchanged or replaces an edited one."""

    rel: str
    path: Path
    text: str
    status: str  # "new", "updated", "unchanged" or "replaced"
    label: str


@dataclass
class ObjectReport:
    """What became of one PTV object: its files and every note about it."""

    file: str
    base: str
    label: str
    targets: list[str]
    notes: list[Note] = field(default_factory=list)


@dataclass
class ImportResult:
    files: list[PlannedFile]
    reports: list[ObjectReport]
    conflicts: list[str]
    written: bool

    def count(self, status: str) -> int:
        return sum(1 for planned in self.files if planned.status == status)


class ImportConflicts(PkcError):
    """Some files would overwrite an editor's work; nothing was written."""

    def __init__(self, result: ImportResult):
        self.result = result
        super().__init__(f"{len(result.conflicts)} file(s) would overwrite an editor's work")


def import_ptv(paths: Iterable[Path], site_dir: Path, force: bool = False, dry_run: bool = False,
               today: dt.date | None = None) -> ImportResult:
    """Import PTV JSON files into the site; raise PtvInputError (bad input) or ImportConflicts, writing nothing."""
    ptv = read_ptv_files(paths)
    site = load_site(site_dir)
    mapper = Mapper(site, ptv, today or dt.date.today())
    entries = mapper.entries()
    conflicts: list[str] = []
    blocking: list[str] = []  # not even --force writes these
    planned: list[PlannedFile] = []
    claims = {entry.ref + entry.kind: _claim(entry, site, mapper, conflicts, blocking) for entry in entries}
    for entry in entries:
        mapper.build(entry)
        planned.append(_plan(entry, site, claims[entry.ref + entry.kind]))
    reports = _reports(entries, planned, mapper)
    result = ImportResult(planned, reports, blocking + ([] if force else conflicts), written=False)
    if result.conflicts:
        raise ImportConflicts(result)
    if not dry_run:
        for item in planned:
            if item.status != "unchanged":
                _write(item.path, item.text)
        result.written = True
    return result


def _claim(entry: Entry, site: SiteContext, mapper: Mapper, conflicts: list[str], blocking: list[str]) -> bool:
    """Give `entry` its file name; return True when that file is an editor's or was edited (needs --force)."""
    folder = KIND_BY_NAME[entry.kind].folder
    known = site.imported.get(entry.kind, {}).get(entry.ref)
    if known is not None:
        entry.slug = known
        mapper.slugs[(entry.kind, entry.ref)] = known
        path = site.site_dir / folder / f"{known}.yaml"
        if not path.is_file():
            blocking.append(f"{folder}/{known}: the earlier import of {entry.label} is no longer a .yaml file: "
                            "rename it back to .yaml, or remove its '# ptv:' line to keep it as yours")
            return False
        if existing_file(path).edited:
            conflicts.append(f"{folder}/{known}.yaml has been edited since {entry.label} was imported: "
                             "--force replaces it with PTV's data, or remove its '# ptv:' line to keep it as yours")
            return True
        return False
    base = make_slug(entry.fi_name) or f"ptv-{entry.ref[:8]}"
    if entry.kind == "organisation" and entry.named_by is None:
        # the site's own organisation of the same name is the one this JSON describes: replace it only with --force
        same = site.organisation("", entry.fi_name)
        base = same.slug if same is not None and same.ptv_id is None else base
    taken = {slug for (kind, _), slug in mapper.slugs.items() if kind == entry.kind}
    candidate, number = base, 2
    while True:
        files = site.existing(entry.kind, candidate)
        primary = next((p for p in files if p.name.count(".") == 1), None)
        ref = existing_file(primary).ref if primary is not None else None
        # an organisation known only by name never takes the name of a file that is someone else's
        other_import = primary is not None and (ref not in (None, entry.ref) or entry.named_by is not None)
        if candidate in taken or candidate in RESERVED_NAMES or other_import or (files and primary is None):
            candidate, number = f"{base}-{number}", number + 1
            continue
        break
    entry.slug = candidate
    mapper.slugs[(entry.kind, entry.ref)] = candidate
    if primary is None:
        return False
    rel = primary.relative_to(site.site_dir).as_posix()
    if primary.suffix != ".yaml":
        blocking.append(f"{rel} is an editor's file with the name {entry.label} would get: rename it (--force "
                        "replaces only .yaml files)")
        return False
    conflicts.append(f"{rel} exists and was not imported from PTV: --force replaces it with {entry.label}, "
                     "or rename the file")
    return True


def _plan(entry: Entry, site: SiteContext, needs_force: bool) -> PlannedFile:
    kind = KIND_BY_NAME[entry.kind]
    path = site.site_dir / kind.folder / f"{entry.slug}.yaml"
    rel = path.relative_to(site.site_dir).as_posix()
    body = dump(entry.data)
    schema = schema_comment(entry.kind, path, site.site_dir)
    marker = (f"{MARKER} {entry.ref} sha256:{digest(schema + chr(10) + body)} (tuotu PTV:stä: pkc import ptv "
              "päivittää tiedoston, kunnes sitä muokataan)")
    text = f"{schema}\n{marker}\n{body}"
    _validate(entry, rel, text, site)
    if not path.exists():
        status = "new"
    elif needs_force:
        status = "replaced"
    else:
        status = "unchanged" if existing_file(path).text == text else "updated"
    return PlannedFile(rel, path, text, status, entry.label)


def _validate(entry: Entry, rel: str, text: str, site: SiteContext) -> None:
    """Note what `pkc check` will say about the file's own content (references are checked by pkc check)."""
    doc, problems = parse_yaml(text, rel)
    if doc is not None:
        _, problems = validate(KIND_BY_NAME[entry.kind].model, doc, {"languages": site.languages,
                                                                      "default_language": site.languages[0]})
    for problem in problems:
        entry.notes.check("", f"{problem.location}: {problem.message} — fix it before pkc check passes")


def _reports(entries: list[Entry], planned: list[PlannedFile], mapper: Mapper) -> list[ObjectReport]:
    reports: dict[str, ObjectReport] = {}
    for entry, item in zip(entries, planned, strict=True):
        report = reports.setdefault(entry.obj.id, ObjectReport(entry.obj.file, entry.obj.base, entry.label, []))
        report.targets.append(item.rel)
        for note in entry.notes.finish(mapper.languages):
            if note not in report.notes:
                report.notes.append(note)
    for obj in mapper.ptv.objects:
        if obj.id in reports:
            continue
        name = name_of(obj.data.get("serviceChannelNames"), mapper.languages) or obj.id
        label = f"{CHANNEL_LABELS.get(obj.kind, obj.kind)} '{name}' ({obj.id})"
        notes = mapper.channel_report(obj).finish(mapper.languages)
        reports[obj.id] = ObjectReport(obj.file, obj.base, label, list(mapper.channels.uses.get(obj.id, [])), notes)
    return list(reports.values())


def _write(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.ptv-tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temporary, path)

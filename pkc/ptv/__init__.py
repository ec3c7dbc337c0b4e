"""Import from Suomi.fi Palvelutietovaranto (PTV), Finland's national service catalogue (Open API v11 JSON)."""
from __future__ import annotations

from .importer import ImportResult, import_ptv

__all__ = ["ImportResult", "format_result", "import_ptv"]

_CATEGORY = {"missing": "missing from the site", "unmapped": "not imported", "check": "check"}


def format_result(result: ImportResult, dry_run: bool = False) -> str:
    """The import's outcome for a terminal: the files, then per PTV object what did not fit."""
    lines: list[str] = []
    verb = {"new": "new", "updated": "update", "unchanged": "unchanged", "replaced": "replace"}
    for item in result.files:
        lines.append(f"{verb[item.status]:<10} {item.rel}")
        if dry_run and item.status != "unchanged":
            lines.extend(f"    {line}" if line else "" for line in item.text.rstrip("\n").split("\n"))
    reported = [report for report in result.reports if report.notes]
    if reported:
        lines.append("")
        lines.append("What could not be imported, and what to check:")
    for report in reported:
        where = f"{report.file} {report.base}" if report.base != "$" else report.file
        target = f" -> {', '.join(report.targets)}" if report.targets else ""
        lines.append(f"{where}: {report.label}{target}")
        for note in report.notes:
            lines.append(f"  {_CATEGORY[note.category]}: {note.path}: {note.message}")
    counts = {status: result.count(status) for status in ("new", "updated", "replaced", "unchanged")}
    summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    notes = [note for report in result.reports for note in report.notes]
    unmapped = sum(1 for note in notes if note.category == "unmapped")
    missing = sum(1 for note in notes if note.category == "missing")
    lines.append("")
    action = "Would write" if dry_run else "Imported"
    lines.append(f"{action} {len(result.reports)} PTV object(s) into {len(result.files)} file(s) ({summary}); "
                 f"{unmapped} value(s) not imported, {missing} reference(s) missing from the site."
                 + ("" if dry_run else " Next: pkc check"))
    return "\n".join(lines) + "\n"

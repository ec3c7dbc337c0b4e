"""`pkc report`: what needs an editor's attention, as a table for people and as JSON for tools."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from .catalog import Catalog
from .model.registry import KIND_BY_NAME
from .model.walk import references, texts
from .translations import required_languages

REVIEW_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class Item:
    """One entry that needs attention: its kind, name (file) and the file it is in."""

    kind: str
    slug: str
    file: str
    detail: str = ""


@dataclass
class Report:
    """Everything an editor should look at, section by section."""

    today: str
    missing_translations: dict[str, dict[str, list[Item]]] = field(default_factory=dict)  # municipality -> lang
    not_reviewed: list[Item] = field(default_factory=list)
    services_without_contact: list[Item] = field(default_factory=list)
    places_without_schedule: list[Item] = field(default_factory=list)
    orphans: list[Item] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def empty(self) -> bool:
        return not (self.missing_translations or self.not_reviewed or self.services_without_contact
                    or self.places_without_schedule or self.orphans)


def _area(catalog: Catalog, kind: str, slug: str) -> list[str]:
    entry = catalog.entries[kind][slug]
    if kind == "municipality":
        return [slug]
    if kind == "service":
        return list(catalog.service_area(slug))
    municipality = getattr(entry, "municipality", None)
    return [municipality] if municipality else []


def build_report(catalog: Catalog, today: dt.date) -> Report:
    """Look through the whole catalog once and collect what needs attention."""
    report = Report(today.isoformat())
    referenced: set[tuple[str, str]] = {("organisation", catalog.site.publisher)}
    for entries in catalog.entries.values():
        for entry in entries.values():
            referenced.update((ref_kind, ref) for ref_kind, ref, _ in references(entry))
    for kind, entries in catalog.entries.items():
        for slug, entry in entries.items():
            item = Item(kind, slug, catalog.source(kind, slug).file)
            _translations(catalog, report, kind, slug, item)
            reviewed = getattr(entry, "last_reviewed", None)
            if reviewed is not None and (today - reviewed).days > REVIEW_INTERVAL_DAYS:
                report.not_reviewed.append(Item(kind, slug, item.file, f"last reviewed {reviewed}"))
            if kind == "service" and not entry.contacts:  # type: ignore[attr-defined]
                report.services_without_contact.append(item)
            if kind == "place" and entry.schedule is None:  # type: ignore[attr-defined]
                report.places_without_schedule.append(item)
            if kind in ("contact", "location", "organisation") and (kind, slug) not in referenced:
                why = "shown nowhere: no service, place or municipality names it" if kind == "contact" \
                    else "no service, place or municipality refers to it"
                report.orphans.append(Item(kind, slug, item.file, why))
    report.not_reviewed.sort(key=lambda i: i.detail)
    return report


def _translations(catalog: Catalog, report: Report, kind: str, slug: str, item: Item) -> None:
    required, _ = required_languages(catalog, kind, slug)
    entry = catalog.entries[kind][slug]
    missing: dict[str, list[str]] = {}
    for text, path, _ in texts(entry):
        for lang in sorted(required - set(text.values)):
            missing.setdefault(lang, []).append(str(path[-1] if isinstance(path[-1], str) else path[-2]))
    if not missing:
        return
    for municipality in _area(catalog, kind, slug) or ["(whole site)"]:
        for lang, fields in missing.items():
            report.missing_translations.setdefault(municipality, {}).setdefault(lang, []).append(
                Item(kind, slug, item.file, ", ".join(dict.fromkeys(fields))))


def format_report(report: Report, catalog: Catalog) -> str:
    """The report as plain-text tables."""
    lines = [f"What needs attention on {report.today}", ""]

    def section(title: str, items: list[Item], note: str = "") -> None:
        lines.append(f"{title}: {len(items)}" + (f" ({note})" if note else ""))
        if items:
            width = max(len(i.file) for i in items)
            lines.extend(f"  {i.file.ljust(width)}  {i.detail}".rstrip() for i in items)
        lines.append("")

    lines.append("Missing translations")
    if not report.missing_translations:
        lines.append("  none")
    for municipality in sorted(report.missing_translations):
        name = catalog.municipalities[municipality].name.pick("fi", ("sv", "en"))[0] \
            if municipality in catalog.municipalities else municipality
        for lang, items in sorted(report.missing_translations[municipality].items()):
            lines.append(f"  {name} · {lang}: {len(items)} entries")
            width = max(len(i.file) for i in items)
            lines.extend(f"    {i.file.ljust(width)}  {i.detail}" for i in items)
    lines.append("")
    section("Not reviewed for 12 months", report.not_reviewed)
    section("Services without a contact", report.services_without_contact)
    section("Meeting places without a schedule", report.places_without_schedule)
    section("Orphans", report.orphans, "entries nothing links to")
    kinds = ", ".join(KIND_BY_NAME[k].plural for k in ("contact", "location", "organisation"))
    lines.append(f"(Orphans are {kinds} that no other entry names.)")
    return "\n".join(lines) + "\n"

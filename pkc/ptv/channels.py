"""Which service channels each PTV service links to, and what they become: locations, contacts, addresses."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .read import CHANNEL_LABELS, PtvInput, PtvObject, ptv_id
from .texts import Notes, inner, items, name_of
from .values import pick_url, web_addresses

# The field each kind of web channel fills on a service, and what the report calls that field.
_FIELD = {"EChannel": ("booking_url", "booking address"), "WebPage": ("website", "website")}
_CONNECTION_DETAILS = ("description", "serviceHours", "contactDetails", "extraTypes", "digitalAuthorizations",
                       "serviceChargeType")


@dataclass
class Linked:
    """What a service's channels come to: its locations, contacts, ways in, booking address and website."""

    locations: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    booking_url: str | None = None
    website: str | None = None


@dataclass
class ChannelLinks:
    """The links between the services and channels of one import, and the report of each channel without a file."""

    languages: list[str]
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # service id -> [(channel id, path)]
    channels: dict[str, PtvObject] = field(default_factory=dict)
    notes: dict[str, Notes] = field(default_factory=dict)  # e-service, web page and form channels
    uses: dict[str, list[str]] = field(default_factory=dict)  # channel id -> ["booking_url of <slug>"]
    passed_over: dict[str, list[str]] = field(default_factory=dict)  # channel id -> services that kept another
    linked: set[str] = field(default_factory=set)  # channels some imported service links to

    def collect(self, ptv: PtvInput) -> None:
        """Every link, from a service's `serviceChannels` or a channel's `services`, once, in PTV's order."""
        for obj in ptv.objects:
            if obj.kind not in ("service", "organisation"):
                self.channels[obj.id] = obj
        services = {obj.id for obj in ptv.of_kind("service")}
        for obj in ptv.of_kind("service"):
            self.links.setdefault(obj.id, [])
            for index, link in enumerate(items(obj.data.get("serviceChannels"))):
                channel_id = ptv_id(inner(link, "serviceChannel").get("id"))
                if channel_id:
                    self.links[obj.id].append((channel_id, f".serviceChannels[{index}]"))
        for channel in self.channels.values():
            for link in items(channel.data.get("services")):
                service_id = ptv_id(inner(link, "service").get("id"))
                known = {channel_id for channel_id, _ in self.links.get(service_id, [])}
                if service_id in services and channel.id not in known:
                    self.links[service_id].append((channel.id, ""))

    def for_service(self, service: PtvObject, slug: str, notes: Notes,
                    slug_of: Callable[[str, str], str | None]) -> Linked:
        """The service's channels as pkc values; a channel with no place in pkc is reported on the service."""
        result = Linked()
        kept: dict[str, tuple[str, str]] = {}  # field -> (URL, channel name)
        for channel_id, path in self.links.get(service.id, []):
            channel = self.channels.get(channel_id)
            kind = channel.kind if channel is not None else None
            self.linked.add(channel_id)
            if kind == "ServiceLocation" or kind is None and slug_of("location", channel_id):
                result.locations.append(slug_of("location", channel_id))  # type: ignore[arg-type]
                result.access.append("appointment")
            elif kind == "Phone" or kind is None and slug_of("contact", channel_id):
                result.contacts.append(slug_of("contact", channel_id))  # type: ignore[arg-type]
                result.access.append("phone")
            elif channel is not None and kind in _FIELD:
                self._web_channel(channel, path, slug, notes, kept)
            elif channel is not None:
                name = name_of(channel.data.get("serviceChannelNames"), self.languages)
                notes.unmapped(path, f"{CHANNEL_LABELS[channel.kind]} '{name}' not linked: pkc has no place for it")
            else:
                name = next((str(inner(item, "serviceChannel").get("name") or "")
                             for item in items(service.data.get("serviceChannels"))
                             if ptv_id(inner(item, "serviceChannel").get("id")) == channel_id), "")
                notes.missing(path, f"service channel '{name}' ({channel_id}) is neither in the input nor imported "
                                    "earlier: not linked (import its JSON too)")
            if path:
                _connection(service, path, notes)
        if "booking_url" in kept:
            result.booking_url = kept["booking_url"][0]
            result.access.append("e-service")
        if "website" in kept:
            result.website = kept["website"][0]
        result.locations = list(dict.fromkeys(result.locations))
        result.contacts = list(dict.fromkeys(result.contacts))
        result.access = list(dict.fromkeys(result.access))
        return result

    def _web_channel(self, channel: PtvObject, path: str, slug: str, notes: Notes,
                     kept: dict[str, tuple[str, str]]) -> None:
        """The first e-service (web page) channel with an address becomes the booking address (website)."""
        target, words = _FIELD[channel.kind]
        name = name_of(channel.data.get("serviceChannelNames"), self.languages)
        own = self.notes[channel.id]
        if target not in kept:
            url = pick_url(channel.data.get("webPages"), ".webPages", own, self.languages, target)
            if url:
                kept[target] = (url, name)
                self.uses.setdefault(channel.id, []).append(f"{target} of {slug}")
            return
        found = web_addresses(channel.data.get("webPages"), ".webPages", Notes(channel.base), self.languages)
        shown = f"'{name}' ({found[0][1]})" if found else f"'{name}'"
        url, other = kept[target]
        notes.unmapped(path or "", f"{CHANNEL_LABELS[channel.kind]} {shown} not imported: '{target}' holds one "
                                   f"{words}, {url} of '{other}'")
        self.passed_over.setdefault(channel.id, []).append(f"{slug} ({target}: '{other}')")

    def report(self, obj: PtvObject) -> Notes:
        """The report of a channel that has no file of its own (e-service, web page, printable form)."""
        notes = self.notes[obj.id]
        if self.uses.get(obj.id):
            return notes
        if self.passed_over.get(obj.id):
            notes.unmapped("", "each service that links to it keeps another channel: "
                               + ", ".join(self.passed_over[obj.id]))
        elif obj.id in self.linked and obj.kind in _FIELD:
            notes.unmapped(".webPages", "it has no valid web address")
        elif obj.id not in self.linked:
            notes.unmapped("", "no imported service uses it, and pkc keeps e-service and web "
                               "page channels only as a service's booking address or website")
        return notes


def _connection(service: PtvObject, path: str, notes: Notes) -> None:
    """Report what PTV says about the link itself (its own hours, contact details…), which pkc does not keep."""
    index = int(path.rsplit("[", 1)[1].rstrip("]"))
    link = items(service.data.get("serviceChannels"))[index]
    extra = [key for key in _CONNECTION_DETAILS
             if link.get(key) not in (None, "", [], {}) and not _empty_details(link.get(key))]
    if extra:
        notes.unmapped(path, f"details of the connection ({', '.join(extra)}) not imported: pkc keeps "
                             "them on the location or contact")


def _empty_details(value: Any) -> bool:
    if isinstance(value, dict):
        return all(v in (None, "", [], {}) for v in value.values())
    return False

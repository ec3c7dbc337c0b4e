"""The family vocabulary: the words families use for each national code, indexed for search with every page
that carries the code.

Pages use official terms ("lastenvalvoja", "perhepäivähoito"); families type "ero", "riita", "päivähoito",
"dagis", "divorce". `pkc/data/family-words.yaml` lists those words per code of the national service classes,
life events and target groups and of pkc's audiences, place and event types, in fi, sv and en. An editor extends
it there (for every site) or with `keywords:` on one entry (for local words). The words are indexed with the
page but never shown.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

import yaml

from .codelists import VOCABULARIES

FILE = "family-words.yaml"
# the sections of the file, and the code list each one's codes come from
SECTIONS = {
    "service_classes": "service_classes",
    "life_events": "life_events",
    "target_groups": "ptv_target_groups",
    "audiences": "audiences",
    "place_types": "place_types",
    "event_types": "event_types",
    "organisation_types": "organisation_types",
}

Words = Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]]  # section → code → language → words


def parse(data: object, source: str) -> Words:
    """Check the file's shape; a mistake names the section, code and language to fix."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected sections such as 'service_classes:' at the top level")
    result: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for section, codes in data.items():
        if section not in SECTIONS:
            raise ValueError(f"{source}: unknown section '{section}' (use {', '.join(SECTIONS)})")
        if not isinstance(codes, dict):
            raise ValueError(f"{source}: '{section}' must map codes to words per language")
        result[section] = {}
        known = getattr(VOCABULARIES, SECTIONS[section])
        for code, languages in codes.items():
            if str(code) not in known:
                raise ValueError(f"{source}: '{code}' is not a code of {section} (see the code lists in pkc/data/)")
            if not isinstance(languages, dict):
                raise ValueError(f"{source}: {section}.{code} must give words per language, e.g. 'fi: [neuvola]'")
            words: dict[str, tuple[str, ...]] = {}
            for lang, items in languages.items():
                if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
                    raise ValueError(f"{source}: {section}.{code}.{lang} must be a list of words, e.g. [neuvola]")
                words[str(lang)] = tuple(dict.fromkeys(w.strip().lower() for w in items))
            result[section][str(code)] = words
    return result


@lru_cache(maxsize=1)
def bundled() -> Words:
    """The vocabulary shipped with pkc."""
    text = resources.files("pkc.data").joinpath(FILE).read_text(encoding="utf-8")
    return parse(yaml.safe_load(text), f"pkc/data/{FILE}")


def words_for(section: str, codes: Iterable[str], lang: str) -> list[str]:
    """The family words of `codes` in `lang`, each once, in file order."""
    vocabulary = bundled()
    found: dict[str, None] = {}
    for code in codes:
        for word in vocabulary.get(section, {}).get(code, {}).get(lang, ()):
            found[word] = None
    return list(found)


@lru_cache(maxsize=8)
def lexicon(lang: str) -> frozenset[str]:
    """Every single word of the vocabulary in `lang`: the known tails of that language's compounds."""
    words = set()
    for codes in bundled().values():
        for languages in codes.values():
            for item in languages.get(lang, ()):
                words.update(item.split())
    return frozenset(words)

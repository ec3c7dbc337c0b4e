"""Word forms for search: the base forms and compound parts of a text's words, which Pagefind cannot find alone.

Pagefind matches a query word against the start of the indexed words after a Snowball stemmer. That misses a
family's words in two ways: Finnish inflection changes the stem ("yksinäinen" is not found in "tunnen itseni
yksinäiseksi"), and a compound hides its last part ("päivähoito" is not found in "perhepäivähoito",
"rådgivning" not in "barnrådgivning"). This module lists, for a text, the words to index beside it:

- with Voikko (Debian `libvoikko1` + `voikko-fi`; the Python `libvoikko` wrapper is a dependency of pkc), the
  base form of every Finnish word and the tails of every Finnish compound, e.g. "perhepäivähoidossa" →
  "perhepäivähoito", "päivähoito", "hoito";
- without it, and for Swedish and English, the tails of compounds that end in a word of the family vocabulary,
  e.g. "barnrådgivningen" → "rådgivningen" when "rådgivning" is a vocabulary word.

The result is deterministic for a given Voikko dictionary; `available()` says whether Voikko is used.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_PART = 4  # a compound part shorter than this ("työ", "apu", "gem|ensam") is more often a false split
# the word classes whose base forms a family searches for: nouns, adjectives and place names (not verbs,
# pronouns, numerals or people's names, which only make the index bigger)
_CLASSES = {"nimisana", "laatusana", "nimisana_laatusana", "paikannimi", "nimi"}
_VERBS = "teonsana"  # verbs count in a name: a life situation is "Odotamme vauvaa" (odottaa), "Eroamme" (erota)


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko
        return libvoikko.Voikko("fi")
    except Exception:  # noqa: BLE001 - no library (OSError), no dictionary (VoikkoException): not installed
        return None


def available() -> bool:
    """Whether Finnish base forms come from Voikko on this machine."""
    return _voikko() is not None


# where libvoikko looks for its dictionaries (besides the folder it was built for)
_DICTIONARY_FOLDERS = ("/usr/lib/voikko", "/usr/local/lib/voikko", "/usr/share/voikko", "/etc/voikko", "~/.voikko")


def engine() -> str:
    """Which Voikko and which dictionary files shape the Finnish words of this build ('' without Voikko): an
    upgraded dictionary can move hyphens and base forms, so a cached build starts afresh."""
    if _voikko() is None:
        return ""
    import libvoikko
    folders = [os.environ.get("VOIKKO_DICTIONARY_PATH", ""), *_DICTIONARY_FOLDERS]
    files = sorted(f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for folder in folders if folder
                   for path in Path(folder).expanduser().glob("**/*.vfst") if path.is_file())
    return f"libvoikko {libvoikko.Voikko.getVersion()}; " + "; ".join(files)


def _derivation_merged(wordbases: str) -> list[str]:
    """Voikko's WORDBASES '+perhe(perhe)+päivä(päivä)+hoito(hoito)' as parts ['perhe', 'päivä', 'hoito'].

    Derivational endings, written '+ja(+ja)', belong to the part before them ('valvo' + 'ja' → 'valvoja').
    """
    parts: list[str] = []
    for match in re.finditer(r"\+([^+(]*)\(([^)]*)\)", wordbases):
        surface, base = match.group(1), match.group(2)
        if base.startswith("+") and parts:
            parts[-1] += surface
        elif surface:
            parts.append(surface)
    return parts


@lru_cache(maxsize=200_000)
def finnish_forms(word: str, verbs: bool = False) -> tuple[str, ...]:
    """The base forms of a Finnish word and the tails of its compounds, lower case (empty without Voikko)."""
    voikko = _voikko()
    if voikko is None:
        return ()
    forms: list[str] = []
    for analysis in voikko.analyze(word):
        if analysis.get("CLASS") not in _CLASSES and not (verbs and analysis.get("CLASS") == _VERBS):
            continue
        base = (analysis.get("BASEFORM") or "").lower()
        if len(base) >= _MIN_PART - 1:
            forms.append(base)
        parts = _derivation_merged(analysis.get("WORDBASES") or "")
        if len(parts) > 1 and base:
            # the last part in its base form: the tail of the base form of the whole word
            tail = base
            for part in parts[:-1]:
                part = part.lower()
                if tail.startswith(part):
                    tail = tail[len(part):].lstrip("-")
                    if len(tail) >= _MIN_PART:
                        forms.append(tail)
    return tuple(dict.fromkeys(forms))


def lexicon_tails(word: str, lexicon: frozenset[str]) -> tuple[str, ...]:
    """Tails of a compound that start with a lexicon word: 'barnrådgivningen' → 'rådgivningen' for 'rådgivning'."""
    return tuple(word[start:] for start in range(_MIN_PART, len(word) - _MIN_PART + 1)
                 if any(word[start:end] in lexicon for end in range(start + _MIN_PART, len(word) + 1)))


class WordForms:
    """Extra words to index with a text: base forms and compound tails not already in it."""

    def __init__(self, lexicon: Iterable[str]):
        """`lexicon`: the known words of the texts' language, whose compounds' tails are indexed."""
        self.lexicon = frozenset(w.lower() for w in lexicon if len(w) >= _MIN_PART and " " not in w)
        self._tails: dict[str, tuple[str, ...]] = {}  # per word: a build meets the same words on many pages

    def extra(self, texts: Iterable[tuple[str, str]], verbs: bool = False) -> list[str]:
        """For (text, language) pairs, the forms to add, in the order their words first appear.

        Finnish words get Voikko's base forms and compound parts; a word of another language (or Finnish without
        Voikko) gets the tails that begin with a lexicon word.
        """
        seen: dict[str, str] = {}  # each word, in order of first appearance, with the language it first had
        for text, lang in texts:
            for word in map(str.lower, WORD.findall(text)):
                if word not in seen:
                    seen[word] = lang
        extra: dict[str, None] = {}
        tails = self._tails
        for word, lang in seen.items():
            forms: tuple[str, ...] = finnish_forms(word, verbs) if lang == "fi" else ()
            if not forms and len(word) >= 2 * _MIN_PART - 1:
                if word not in tails:
                    tails[word] = lexicon_tails(word, self.lexicon)
                forms = tails[word]
            for form in forms:
                if form not in seen:
                    extra[form] = None
        return list(extra)

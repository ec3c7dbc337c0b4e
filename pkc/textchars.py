"""Characters that no published text may hold: control characters, line separators, surrogates, non-characters.

Every output pkc writes is read by a strict client somewhere: XML (Atom feeds, the sitemap) refuses C0
controls, JSON-in-HTML and JavaScript break on U+2028/U+2029, a terminal runs escape sequences, and a lone
surrogate cannot even be encoded as UTF-8. So content, interface texts and options are refused with the
character named, before anything is built. Tab and newline are the only controls a text may hold, and only
where it may run over several lines.
"""
from __future__ import annotations

import re
import unicodedata

# The C0 and C1 control characters by their ISO 6429 abbreviations (unicodedata has no names for them).
_C0 = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC "
       "FS GS RS US").split()
_C1 = ("PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI "
       "SCI CSI ST OSC PM APC").split()

# What a text may hold, as ranges: everything but the C0 controls (tab and newline aside), DEL and C1, the line and
# paragraph separators, surrogates and the non-characters (U+FDD0–U+FDEF and the last two code points of every
# plane). A negated class of ranges scans about 150 MB/s; a class listing the forbidden astral code points one by
# one was ten times slower.
_ALLOWED = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd" + "".join(
    f"{chr(plane << 16)}-{chr(plane << 16 | 0xFFFD)}" for plane in range(1, 17))
_FORBIDDEN = re.compile(f"[^\t\n{_ALLOWED}]")
_FORBIDDEN_ONE_LINE = re.compile(f"[^{_ALLOWED}]")


def char_name(char: str) -> str:
    """'U+0000 (NUL)', 'U+2028 (LINE SEPARATOR)': a character as a message names it."""
    code = ord(char)
    if code < 0x20:
        name = _C0[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = _C1[code - 0x80]
    elif 0xD800 <= code <= 0xDFFF:
        name = "a lone surrogate"
    else:
        name = unicodedata.name(char, "a non-character")
    return f"U+{code:04X} ({name})"


def forbidden_char(text: str, multiline: bool = True) -> int | None:
    """The index of the first character `text` may not hold, or None; tab and newline only when `multiline`."""
    match = (_FORBIDDEN if multiline else _FORBIDDEN_ONE_LINE).search(text)
    return match.start() if match else None


def forbidden_message(text: str, index: int, what: str = "the text") -> tuple[str, str]:
    """The message and the hint for the forbidden character at `index` of `text`."""
    char = text[index]
    code = ord(char)
    if char in "\t\n\r":
        return f"{what} must be on one line, but contains {char_name(char)}", "write it on one line, without tabs"
    if char in "\u2028\u2029":
        return (f"{what} contains the invisible character {char_name(char)}",
                "replace it with an ordinary line break, or remove it")
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return (f"{what} contains the control character {char_name(char)}",
                "remove it (it is invisible in most editors: retype the text around it, or look for a "
                "'\\' escape such as \\0 or \\x1b in quotes)")
    return (f"{what} contains {char_name(char)}, which is not a character of any text",
            "remove it (look for a '\\u' escape in quotes)")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (a last guard: content was checked already)."""
    return _FORBIDDEN.sub("", text)


def replace_forbidden(text: str, replacement: str = "\ufffd", multiline: bool = True) -> str:
    """`text` with each character it may not hold replaced: safe to print on a terminal, where an escape sequence
    written as it is would run (rewrite the screen, the window's title, the clipboard)."""
    return (_FORBIDDEN if multiline else _FORBIDDEN_ONE_LINE).sub(replacement, text)

"""Which files may be published on the site's own origin: materials and the logo, by suffix and by first bytes.

A published file is served from the site's own address, so anything a browser would run there (an HTML page,
a script, an SVG with script) could act as the site: `script-src 'self'` lets a published .js run. Only types
that cannot run script are published, and a file must be what its suffix says where the type has a magic
number (a '.pdf' that is an HTML page is refused). The /media/ headers (pkc.headers) are the second line.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError
from .safesvg import svg_problem
from .sitefiles import FileTooLarge, UnsafeFile, check_site_file, read_site_file

MAX_MATERIAL_BYTES = 50 * 1024 * 1024
MAX_LOGO_BYTES = 1024 * 1024
_HEAD = 64  # enough for every magic number below


@dataclass(frozen=True)
class FileType:
    """A publishable type: its name for editors and the first bytes a file of it starts with."""

    name: str
    # any one of these alternatives; each is a list of (offset, bytes) that must all match. () = no magic number
    signatures: tuple[tuple[tuple[int, bytes], ...], ...] = ()
    text: bool = False  # plain text: checked not to be markup in disguise
    svg: bool = False  # read whole and checked by pkc.safesvg

    def matches(self, head: bytes) -> bool:
        return not self.signatures or any(all(head[offset:offset + len(magic)] == magic for offset, magic in option)
                                          for option in self.signatures)


def _starts(*prefixes: bytes) -> tuple[tuple[tuple[int, bytes], ...], ...]:
    return tuple(((0, prefix),) for prefix in prefixes)


_ZIP = _starts(b"PK\x03\x04")  # Office Open XML, OpenDocument and EPUB are zip files
_OLE = _starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # the older Office formats
_ISO_MEDIA = (((4, b"ftyp"),),)
_OGG = _starts(b"OggS")
PNG = FileType("PNG image", _starts(b"\x89PNG\r\n\x1a\n"))
SVG = FileType("SVG drawing", svg=True)
JPEG = FileType("JPEG image", _starts(b"\xff\xd8\xff"))

MATERIAL_TYPES: Mapping[str, FileType] = {
    ".pdf": FileType("PDF document", _starts(b"%PDF-")),
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".gif": FileType("GIF image", _starts(b"GIF87a", b"GIF89a")),
    ".webp": FileType("WebP image", (((0, b"RIFF"), (8, b"WEBP")),)),
    ".svg": SVG,
    ".docx": FileType("Word document", _ZIP),
    ".xlsx": FileType("Excel workbook", _ZIP),
    ".pptx": FileType("PowerPoint presentation", _ZIP),
    ".odt": FileType("OpenDocument text", _ZIP),
    ".ods": FileType("OpenDocument spreadsheet", _ZIP),
    ".odp": FileType("OpenDocument presentation", _ZIP),
    ".epub": FileType("EPUB e-book", _ZIP),
    ".doc": FileType("Word document", _OLE),
    ".xls": FileType("Excel workbook", _OLE),
    ".ppt": FileType("PowerPoint presentation", _OLE),
    ".rtf": FileType("RTF document", _starts(b"{\\rtf")),
    ".txt": FileType("text file", text=True),
    ".csv": FileType("CSV table", text=True),
    # recordings and videos: a browser plays them, it never runs them
    ".mp3": FileType("MP3 recording", _starts(b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".m4a": FileType("M4A recording", _ISO_MEDIA),
    ".mp4": FileType("MP4 video", _ISO_MEDIA),
    ".ogg": FileType("Ogg recording", _OGG),
    ".oga": FileType("Ogg recording", _OGG),
    ".opus": FileType("Opus recording", _OGG),
    ".ogv": FileType("Ogg video", _OGG),
    ".webm": FileType("WebM video", _starts(b"\x1a\x45\xdf\xa3")),
    ".wav": FileType("WAV recording", (((0, b"RIFF"), (8, b"WAVE")),)),
}
LOGO_TYPES: Mapping[str, FileType] = {".svg": SVG, ".png": PNG}

# Types a browser shows as a page or runs as code on the site's origin: named, so the refusal says why.
_PAGE = "an HTML page"
SCRIPT_CAPABLE: Mapping[str, str] = {
    ".html": _PAGE, ".htm": _PAGE, ".shtml": _PAGE, ".xhtml": "an XHTML page", ".xht": "an XHTML page",
    ".mht": "a web archive", ".mhtml": "a web archive", ".hta": "an HTML application",
    ".js": "a JavaScript file", ".mjs": "a JavaScript module", ".cjs": "a JavaScript file",
    ".xml": "an XML file (a browser shows it as a page that can run script)",
    ".xsl": "an XSL stylesheet", ".xslt": "an XSL stylesheet", ".swf": "a Flash file",
    ".svgz": "a compressed SVG drawing (which cannot be checked for script)", ".wasm": "a WebAssembly program",
}

_SVG_HINT = ("save the drawing as plain SVG without scripts, links to other files or embedded HTML "
             "(Inkscape: 'Optimized SVG'), or as PNG")


def _type_problem(name: str, data: bytes, types: Mapping[str, FileType]) -> tuple[str, str] | None:
    """What is wrong with publishing `data` as file `name`, and how to fix it; None when it is safe."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in SCRIPT_CAPABLE:
        return (f"'{name}' is {SCRIPT_CAPABLE[suffix]}: published on the site it could run script as the site",
                "publish the document as PDF, or link to where it is published in the text of a page")
    kind = types.get(suffix)
    if kind is None:
        return (f"'{name}': files of type '{suffix or 'without a suffix'}' cannot be published here",
                f"the types that can: {', '.join(sorted(types))}")
    if kind.svg:
        found = svg_problem(data)
        return None if found is None else (f"'{name}' cannot be published: {found[1]} (line {found[0]} of the SVG)",
                                           _SVG_HINT)
    if not kind.matches(data[:_HEAD]):
        looks = " (it looks like an HTML or XML page)" if _markup(data) else ""
        return (f"'{name}' is not a {kind.name}: it does not start the way one does{looks}",
                f"save it again as a real {kind.name}; renaming a file does not change its type")
    if kind.text and _markup(data):
        return (f"'{name}' looks like an HTML or XML page, not a {kind.name}",
                "publish the page as PDF, or save the text without markup")
    return None


def _markup(data: bytes) -> bool:
    """Whether the file starts like HTML, XML or SVG (after a byte order mark and white space)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom):].replace(b"\x00", b"")
            break
    return data.lstrip()[:1] == b"<"


def _publish_problem(site_dir: Path, rel: str, types: Mapping[str, FileType],
                     limit: int) -> tuple[bytes | None, tuple[str, str] | None]:
    try:
        kind = types.get(PurePosixPath(rel).suffix.lower())
        whole = kind is not None and (kind.svg or kind.text)
        data = read_site_file(site_dir / rel, site_dir, limit, None if whole else _HEAD)
    except FileTooLarge as exc:
        return None, (f"'{rel}' is too large ({exc.size // (1024 * 1024)} MiB; the limit is "
                      f"{exc.limit // (1024 * 1024)} MiB)", "make it smaller, or publish it elsewhere and link to it")
    except UnsafeFile as exc:
        return None, (f"'{rel}': {exc.message}", exc.hint or "")
    except OSError as exc:
        return None, (f"cannot read '{rel}': {exc.strerror or exc}", "check the file")
    return data, _type_problem(rel, data, types)


def material_problem(site_dir: Path, rel: str, listed: bool) -> tuple[str, str] | None:
    """Why the material file `rel` (listed in content/media or not) cannot be published, and how to fix it."""
    if not listed:
        try:
            check_site_file(site_dir / rel, site_dir)
        except UnsafeFile as exc:
            return f"'{rel}': {exc.message}", exc.hint or ""
        except OSError:
            pass
        return (f"the file '{rel}' does not exist",
                "add the file to content/media/, or correct the path (letters are case-sensitive)")
    return _publish_problem(site_dir, rel, MATERIAL_TYPES, MAX_MATERIAL_BYTES)[1]


def logo_problem(site_dir: Path, rel: str) -> tuple[str, str] | None:
    """Why the logo `rel` cannot be published, and how to fix it; None when it can."""
    path = site_dir / rel
    if PurePosixPath(rel).suffix.lower() not in LOGO_TYPES or ".." in PurePosixPath(rel).parts \
            or PurePosixPath(rel).is_absolute() or not (path.exists() or path.is_symlink()):
        return (f"the logo '{rel}' is not an SVG or PNG file in the site",
                "give the path of the logo relative to the site directory, e.g. content/media/logo.svg")
    return _publish_problem(site_dir, rel, LOGO_TYPES, MAX_LOGO_BYTES)[1]


def publish(site_dir: Path, rel: str, logo: bool = False) -> bytes:
    """The bytes of a material (or the logo) to publish, checked again as they are read.

    The check stage has reported every problem; a file changed since then fails the build instead of
    being published unchecked.
    """
    types, limit = (LOGO_TYPES, MAX_LOGO_BYTES) if logo else (MATERIAL_TYPES, MAX_MATERIAL_BYTES)
    try:
        data = read_site_file(site_dir / rel, site_dir, limit)
    except (UnsafeFile, OSError) as exc:
        raise BuildError(f"{rel}: {getattr(exc, 'message', exc)}") from None
    problem = _type_problem(rel, data, types)
    if problem is not None:
        raise BuildError(problem[0])
    return data

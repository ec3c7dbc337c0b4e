"""The site's share image: what link previews show, checked and measured from its PNG or JPEG header.

Only the first bytes of the file are read: a PNG's size is in its IHDR chunk, a JPEG's in its first
start-of-frame segment. A file whose bytes are not the image its name says is refused, so that nothing but a real
PNG or JPEG is ever published as one.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .catalog import Catalog
from .errors import Problems
from .sitefiles import FileTooLarge, UnsafeFile, read_site_file

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
# Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) do not.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Facebook shows no preview below 200×200 pixels; X (Twitter) none for a file over 5 MB
MIN_SIDE = 200
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImageFacts:
    """A checked image: its media type and its size in pixels."""

    media_type: str
    width: int
    height: int


def image_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """Width and height from the first bytes of a PNG or a JPEG, or None if the bytes are not that image."""
    if media_type == "image/png":
        # the signature, then the IHDR chunk: length (13), type, width, height
        if len(data) < 24 or data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if media_type == "image/jpeg":
        return _jpeg_size(data) if data[:3] == JPEG_SIGNATURE else None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG's segments to its first start-of-frame: precision, height, width."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        if marker in _SOF_MARKERS:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return (width, height) if width and height else None
        if marker == 0xDA or length < 2:  # the image data starts, and no frame header came before it
            return None
        at += 2 + length
    return None


def check_share_image(catalog: Catalog, site_dir: Path, problems: Problems) -> ImageFacts | None:
    """The share image of site.yaml, measured; None without one, or after reporting why it cannot be used."""
    image = catalog.site.theme.share_image
    if image is None:
        return None
    where = catalog.site_source.where(("theme", "share_image", "file"))
    hint = "give the path of a PNG or JPEG file relative to the site directory, e.g. content/media/jaa.png"
    name = PurePosixPath(image.file)
    media_type = MEDIA_TYPES.get(name.suffix.lower())
    if media_type is None or name.is_absolute() or ".." in name.parts:
        problems.error(where, f"the share image '{image.file}' is not a PNG or JPEG file in the site", hint)
        return None
    path = site_dir / image.file
    try:  # only a regular file inside the site (see pkc.sitefiles), and never more of it than the limit
        data = read_site_file(path, site_dir, MAX_BYTES)
    except FileTooLarge as exc:
        problems.error(where, f"the share image is {exc.size / 1024 / 1024:.1f} MB: X (Twitter) shows "
                              "no preview over 5 MB, and every share would download it",
                       "save it smaller: 1200×630 pixels is enough, as PNG or JPEG")
        return None
    except UnsafeFile as exc:
        problems.error(where, f"the share image '{image.file}': {exc.message}", exc.hint or hint)
        return None
    except OSError:
        problems.error(where, f"the share image '{image.file}' is not a PNG or JPEG file in the site", hint)
        return None
    # the whole file: a JPEG's frame header comes after its metadata (Exif, colour profile), however long
    size = image_size(data, media_type)
    if size is None:
        problems.error(where, f"the share image '{image.file}' is not a {media_type.split('/')[1].upper()} image "
                              "inside, whatever its name says",
                       "save the picture again as PNG or JPEG from an image editor, and use that file")
        return None
    width, height = size
    if min(width, height) < MIN_SIDE:
        problems.warning(where, f"the share image is only {width}×{height} pixels: link previews leave it out",
                         "use an image of 1200×630 pixels")
    return ImageFacts(media_type, width, height)

"""`pkc init`: a new site repository for a county or municipality that installs pkc as a tool.

`files` writes the example content, the editors' guide and the workflows; `pins` says where requirements.txt
installs pkc from; `texts` holds the example texts in Finnish, Swedish and English.
"""
from __future__ import annotations

from .files import (
    DEFAULT_LANGUAGES,
    DEFAULT_MUNICIPALITY,
    DEFAULT_NAME,
    SUPPORTED_LANGUAGES,
    NewSite,
    NewSiteError,
    check_target,
    parse_languages,
    write_new_site,
)

__all__ = ["DEFAULT_LANGUAGES", "DEFAULT_MUNICIPALITY", "DEFAULT_NAME", "SUPPORTED_LANGUAGES", "NewSite",
           "NewSiteError", "check_target", "parse_languages", "write_new_site"]

#!/usr/bin/env python3
"""`pkc build` without the search index, for measuring rendering on its own.

    python benchmarks/render_only.py SITE OUT [--today 2026-11-23]

The same pipeline and progress lines as `pkc build`, with BuildOptions(search=False).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pkc.build import BuildOptions, build  # noqa: E402
from pkc.cli import ConsoleProgress  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args()
    report = build(BuildOptions(site_dir=args.site, out_dir=args.out, today=args.today, search=False),
                   ConsoleProgress())
    print(f"Built {report.pages} pages without a search index")


if __name__ == "__main__":
    main()

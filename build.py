#!/usr/bin/env python3
"""`python build.py` does what `pkc build` does, for people who know only that: build.py [pkc build options]."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pkc.cli import main  # noqa: E402

if __name__ == "__main__":
    # the example site next to this file is the default; a --site given on the command line wins
    main(["build", "--site", str(HERE), *sys.argv[1:]])

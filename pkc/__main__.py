"""`python -m pkc` runs the command line."""
from .cli import main

main()

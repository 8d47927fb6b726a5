"""`python -m mallette_print.cli`: the `mallette` command."""

from mallette_print.cli import run

run()

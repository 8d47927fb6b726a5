"""The `mallette` command line: click commands only (parse options, call the API, print, exit 0/1/2).

`commands` holds the group and the facilitator's commands (check, build, calibrate, new, schema,
simulate); `designer` adds watch and preview to the same group.
"""

from mallette_print.cli import designer as _designer  # noqa: F401  (registers watch and preview on `main`)
from mallette_print.cli.commands import main, run

__all__ = ["main", "run"]

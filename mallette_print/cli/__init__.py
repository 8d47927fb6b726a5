"""The `mallette` command line: click commands only (parse options, call the API, print, exit 0/1/2).

`main` holds the group, the shared options and the error boundary; each other module adds its commands to the
group: check (check, schema), build (build, calibrate), designer (watch, preview), export, simulate, remix
(new), site.
"""

from mallette_print.cli import build, check, designer, export, remix, simulate, site  # noqa: F401  (each registers its commands)
from mallette_print.cli.main import main, run

__all__ = ["main", "run"]

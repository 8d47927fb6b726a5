"""mallette-print: turns the MES cooperation game, written as YAML data, into printable PDFs."""

__version__ = "0.1.0"

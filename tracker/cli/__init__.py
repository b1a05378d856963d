"""The command line: the front door to every part of tracker.

Each command parses arguments, calls the library, and prints; the work itself lives in
the modules named after each stage, and so do the queries. One module per family of
commands (``ingest``, ``listings``, ``review``, ``export``, ``db``) registers its
commands on the group in ``app``; ``output`` is how every one of them prints. Errors
become one line on stderr and an exit code from ``tracker.exit_codes`` (``app`` maps
them, in one place), never a traceback.
"""

from tracker.cli import db, export, ingest, listings, review  # noqa: F401 - registers commands
from tracker.cli.app import cli, main

__all__ = ["cli", "main"]

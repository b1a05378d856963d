"""One base for the errors a user sees, each carrying the exit code it ends a command with.

The command line maps every ``TrackerError`` to one line on stderr and its ``exit_code``
in one place (``tracker.cli.app``); the review UI shows the message. Library code raises
the subclass that says what went wrong, never an exit code of its own.
"""

from __future__ import annotations

from tracker import exit_codes


class TrackerError(Exception):
    """Something the user can act on; the message is for them, one line."""

    exit_code: int = exit_codes.FAILED


class NotFound(TrackerError):
    """A named cluster, quote, phrase or file does not exist."""

    exit_code = exit_codes.NOT_FOUND


class UsageError(TrackerError):
    """Arguments that cannot be acted on as given."""

    exit_code = exit_codes.USAGE


class Unavailable(TrackerError):
    """The database cannot be opened or reached."""

    exit_code = exit_codes.DATABASE

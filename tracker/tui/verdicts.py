"""The verdict keys, shared by the list and the detail screen (and the help screen)."""

from __future__ import annotations

from textual.binding import Binding

VERDICT_KEYS = [
    ("v", "verified", "Verified"),
    ("m", "misquoted", "Misquoted"),
    ("a", "misattributed", "Misattributed"),
    ("c", "out-of-context", "Out of context"),
    ("d", "disputed", "Disputed"),
    ("f", "false", "False"),
    ("u", "unverifiable", "Unverifiable"),
    ("r", "unreviewed", "Unreviewed"),
]

VERDICT_BINDINGS = [
    Binding(
        key,
        f"verdict('{status}')",
        label,
        id=f"verdict-{status}",
        show=status in ("verified", "disputed", "unreviewed"),
    )
    for key, status, label in VERDICT_KEYS
]

# Verdicts in six characters, for a list in a terminal narrower than 72 columns.
STATUS_SHORT = {
    "unreviewed": "unrev",
    "verified": "verif",
    "misquoted": "misq",
    "misattributed": "misatt",
    "out-of-context": "o-o-c",
    "disputed": "disp",
    "false": "false",
    "unverifiable": "unver",
}
STATUS_STYLE = {
    "unreviewed": "dim",
    "verified": "bold green",
    "misquoted": "bold yellow",
    "misattributed": "bold yellow",
    "out-of-context": "bold yellow",
    "disputed": "bold magenta",
    "false": "bold red",
    "unverifiable": "cyan",
}

"""The review app: screens on top, one place that runs reviewers' actions.

Database work never runs on the UI thread: ``perform`` runs a core function
in a thread worker with its own short-lived session, then reports back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Literal

from rich.segment import Segment
from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.color import Color
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widgets import Input

from tracker.review import Change, ConflictError, ReviewError, undo
from tracker.safe import error_line, strip_unsafe, terminal_safe
from tracker.store.db import Database, read_only, with_retries
from tracker.tui.messages import ClusterChanged

# Fields as the UI names them (keys, help, history), for undo's messages.
FIELD_NAMES = {
    "status": "verdict",
    "note": "note",
    "evidence_url": "evidence link",
    "merge": "merge",
    "split": "split",
    "not the same": "not the same",
}


class TerminalSafe(LineFilter):
    """The last line of defence: no control or bidi character reaches the terminal.

    Every widget shows such characters in stored text as visible pictures
    (``terminal_safe``); this filter, applied to every line the app draws, removes
    any that a widget missed. They all have width 0, so the layout is unchanged.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            seg if seg.control or not seg.text else Segment(strip_unsafe(seg.text), seg.style)
            for seg in segments
        ]


READ_ONLY = (
    "This database is read-only here (its file or folder cannot be written): clusters "
    "can be read, searched and compared, but verdicts, notes and edits cannot be saved."
)


class ReviewApp(App):
    """Work through claim clusters: verify, annotate, fix clustering, compare framing."""

    CSS_PATH = "review.tcss"
    TITLE = "tracker review"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
    ]

    def __init__(self, db: Database, reviewer: str) -> None:
        super().__init__()
        self.db = db
        self.reviewer = reviewer
        # One entry per reviewer action: a merge of three clusters is two changes, taken
        # back by one ctrl+z as it was made by one M.
        self.undo_stack: list[list[Change]] = []
        self.read_only = read_only(db.engine)
        self.sub_title = f"reviewer: {terminal_safe(reviewer)}" + (
            " · read-only" if self.read_only else ""
        )
        self._terminal_safe = TerminalSafe()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._terminal_safe]

    async def on_event(self, event: events.Event) -> None:
        # Pasted text goes into editable widgets (the note editor, the evidence and
        # search boxes): its control characters arrive as their pictures, but its line
        # breaks as line breaks, whatever system wrote them ("\r\n" from a Windows
        # document became "␍" and a new line in a note).
        if isinstance(event, events.Paste):
            event.text = terminal_safe(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        await super().on_event(event)

    def on_mount(self) -> None:
        from tracker.tui.screens.cluster_list import ClusterListScreen

        self.push_screen(ClusterListScreen())
        for hint in self.db.hints:  # an upgrade left quotes unclustered, say
            self.notify(terminal_safe(hint), markup=False, timeout=15)
        if self.read_only:
            self.notify(READ_ONLY, markup=False, timeout=15)

    # --- running reviewers' actions -------------------------------------------------

    def perform(
        self,
        what: str,
        action: Callable[..., Change | list[Change]],
        *,
        undoable: bool = True,
        on_failure: Callable[[], object] | None = None,
    ) -> None:
        """Run ``action(session)`` in a worker; record it for undo; tell the screens.
        ``on_failure`` is called (on the UI thread) after a failure is reported."""
        if self.read_only:
            self._report(f"not saved ({what}): the database is read-only here", "error")
            if on_failure is not None:
                on_failure()
            return
        self.run_worker(
            partial(self._perform, what, action, undoable, on_failure),
            thread=True,
            group="db-write",
            exit_on_error=False,
        )

    def _perform(self, what: str, action, undoable: bool, on_failure) -> None:
        def transaction():
            with self.db.Session.begin() as session:
                return action(session)

        try:
            result = with_retries(transaction)  # another writer may hold the lock a moment
        except ConflictError as exc:
            self.call_from_thread(self._report, str(exc) + " (ctrl+r reloads)", "error")
        except ReviewError as exc:
            self.call_from_thread(self._report, str(exc), "warning")
        except Exception as exc:  # noqa: BLE001 - a reviewer must never lose an action silently
            message = (
                f"{what} failed and was not saved: {type(exc).__name__}: {error_line(exc, 200)}"
            )
            self.call_from_thread(self._report, message, "error")
        else:
            self._performed(what, result, undoable)
            return
        if on_failure is not None:
            self.call_from_thread(on_failure)

    def _performed(self, what: str, result, undoable: bool) -> None:
        changes = result if isinstance(result, list) else [result]
        if undoable and changes:
            self.undo_stack.append(changes)
        ids = tuple(
            {c.cluster_id for c in changes}
            | {c.other_cluster for c in changes if c.other_cluster is not None}
        )
        self.call_from_thread(self._done, what, ids)

    def _report(self, message: str, severity: Literal["warning", "error"]) -> None:
        self.notify(terminal_safe(message), severity=severity, markup=False, timeout=8)

    def _done(self, what: str, ids: tuple[int, ...]) -> None:
        self.notify(terminal_safe(what), markup=False, timeout=3)
        for screen in self.screen_stack:
            screen.post_message(ClusterChanged(ids))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a box the reviewer types in (search, evidence link, a watched phrase) ctrl+z
        # means "undo my typing": it must never quietly take back a verdict. (With the
        # command palette open, the box that counts is the one on the screen below it.)
        screen = self.screen
        if isinstance(screen, CommandPalette) and len(self.screen_stack) > 1:
            screen = self.screen_stack[-2]
        return not (action == "undo" and isinstance(screen.focused, Input))

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("nothing to undo", markup=False)
            return
        changes = self.undo_stack.pop()
        change = changes[0]
        self.perform(
            f"undid {FIELD_NAMES.get(change.field, change.field)} on cluster {change.cluster_id}",
            lambda s: [undo(s, c, reviewer=self.reviewer) for c in reversed(changes)],
            undoable=False,
        )

    async def action_quit(self) -> None:
        from tracker.tui.screens.prompts import TypingPrompt

        # Every change is saved as it is made, except a note or a link still being typed.
        if isinstance(self.screen, TypingPrompt):
            self.screen.discard(self.exit)
            return
        await super().action_quit()

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding of the current screen is in the command palette too."""
        yield from super().get_system_commands(screen)
        seen = set()
        for binding in list(screen.BINDINGS) + list(self.BINDINGS):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            # (Quit is one of Textual's own commands already, and runs ``action_quit``.)
            if binding.action in seen or binding.action == "quit":
                continue
            seen.add(binding.action)
            target = screen if binding in screen.BINDINGS else self
            # Only what its key would do now: a verdict chosen while the search box has
            # the focus was refused without a word.
            _, name, params = parse_action(binding.action)
            if not target.check_action(name, params):
                continue
            yield SystemCommand(
                binding.description,
                f"key: {binding.key_display or binding.key}",
                partial(target.run_action, binding.action),
            )

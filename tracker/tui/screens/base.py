"""What every screen of the review UI shares: the app it runs in, and one way to read.

Database work never runs on the UI thread. A screen reads with ``self.read(query, show)``:
``query(session)`` runs in a thread worker with its own short-lived session (a function
of the read model, ``tracker.browse``, or of the core), and ``show(result)`` then runs on
the UI thread. Writes go through ``ReviewApp.perform``, which does the same for a
reviewer's action and records it for undo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from textual.binding import ActiveBinding

    from tracker.tui.app import ReviewApp

T = TypeVar("T")

# The app's keys a reviewer must always find, first in every screen's footer: the
# footer lists the focused widget's keys, then the screen's, then the app's, and cuts
# off what does not fit (at 80 columns everything after the fourth or fifth key).
FOOTER_FIRST = ("help", "quit")


class TrackerScreen(Screen[Any]):
    """A screen of the review UI."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in effect, help and quit first (the footer shows them in this order;
        the help screen and the command palette list every key as before)."""
        bindings = super().active_bindings
        first = {
            key: active
            for wanted in FOOTER_FIRST
            for key, active in bindings.items()
            if active.binding.id == wanted
        }
        return {**first, **bindings}

    @property
    def review_app(self) -> ReviewApp:
        """The app, typed: its database, reviewer and ``perform``."""
        return cast("ReviewApp", self.app)

    def read(
        self,
        query: Callable[[Session], T],
        show: Callable[[T], object],
        *,
        group: str = "read",
        exclusive: bool = False,
    ) -> None:
        """Run ``query`` in a worker, then ``show`` its result on the UI thread.

        ``exclusive`` cancels an older read of the same group still running (its result
        would be stale); an error reaches the app's worker handling like any worker's.
        """
        db = self.review_app.db

        def work() -> None:
            with db.Session() as session:
                result = query(session)
            self.app.call_from_thread(show, result)

        self.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def read_now(self, query: Callable[[Session], T]) -> T:
        """``query`` on the UI thread: only for a read by primary key, quick enough to do
        before opening a prompt that shows its result (keys typed meanwhile wait)."""
        with self.review_app.db.Session() as session:
            return query(session)

    def write(
        self, what: str, action: Callable[[Session], object], then: Callable[[], object]
    ) -> None:
        """Run ``action(session)`` in one transaction in a worker (again if it lost a lock
        race), then ``then()`` on the UI thread. A ``TrackerError`` is shown as a warning,
        anything else as an error naming ``what``: a failure never passes silently.
        (A reviewer's undoable action goes through ``ReviewApp.perform`` instead.)"""
        from tracker.errors import TrackerError
        from tracker.safe import terminal_safe
        from tracker.store.db import with_retries

        db = self.review_app.db

        def transaction() -> None:
            with db.Session.begin() as session:
                action(session)

        def work() -> None:
            try:
                with_retries(transaction)
            except TrackerError as exc:
                self.app.call_from_thread(
                    self.notify, terminal_safe(str(exc)), severity="warning", markup=False
                )
                return
            except Exception as exc:  # noqa: BLE001 - e.g. two reviewers adding one phrase
                message = f"could not {what}: {type(exc).__name__}"
                self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            self.app.call_from_thread(then)

        self.run_worker(work, thread=True, group="write", exit_on_error=False)

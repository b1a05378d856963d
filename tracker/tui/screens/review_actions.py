"""Verdict, note and evidence actions shared by the list and the detail screen."""

from __future__ import annotations

from functools import partial

from tracker import review
from tracker.tui.screens.base import TrackerScreen


class ReviewActions(TrackerScreen):
    """A screen that can name the cluster under the cursor: the list and the detail."""

    def current_cluster(self) -> tuple[int, int] | None:  # (id, version seen)
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-letter review keys act only while the list or table has focus, never
        while the reviewer types in a box."""
        from textual.widgets import DataTable

        if action in ("verdict", "mark", "merge", "split", "note", "evidence"):
            return isinstance(self.focused, DataTable)
        return True

    def action_verdict(self, status: str) -> None:
        target = self.current_cluster()
        if target is None:
            self.notify("no cluster under the cursor", markup=False)
            return
        cid, version = target
        if self._load_field(cid, "status") == status:  # (a StrEnum: equal to its value)
            # Nothing to change: no history entry, and no undo step that would take back
            # nothing (the reviewer's next ctrl+z must undo their last real change).
            self.notify(f"cluster {cid} is {status} already", markup=False)
            return
        app = self.review_app
        app.perform(
            f"cluster {cid} set to {status} (ctrl+z undoes)",
            partial(
                review.set_verdict,
                cluster_id=cid,
                status=status,
                reviewer=app.reviewer,
                expected_version=version,
            ),
        )

    def action_note(self) -> None:
        target = self.current_cluster()
        if target is None:
            return
        cid, _ = target
        # The note as stored now, and the version it belongs to: the editor shows it, so
        # saving is judged against it (the list's row may be older: another reviewer's
        # note, shown here, would otherwise make every save a conflict).
        now = self._note_and_version(cid)
        if now is None:
            self.notify(f"cluster {cid} is gone (ctrl+r reloads)", markup=False)
            return
        self._edit_note(cid, *now)

    def _note_and_version(self, cid: int) -> tuple[str | None, int] | None:
        from tracker.store.models import Cluster

        def read(session) -> tuple[str | None, int] | None:
            c = session.get(Cluster, cid)
            return None if c is None else (c.note, c.version)

        return self.read_now(read)

    def _edit_note(self, cid: int, text: str | None, version: int) -> None:
        from tracker.tui.screens.prompts import NoteEditor

        def kept(typed: str) -> None:
            # The save failed (another reviewer changed the cluster meanwhile, whose change
            # the notice names): the reviewer's text comes back in the editor, to be saved
            # against the cluster as it is now, never lost.
            now = self._note_and_version(cid)
            if now is not None:
                self._edit_note(cid, typed, now[1])

        def save(typed: str | None) -> None:
            if typed is None:
                return
            if (typed.strip() or None) == self._load_field(cid, "note"):
                self.notify(f"note on cluster {cid} unchanged", markup=False)
                return
            self.review_app.perform(
                f"note saved on cluster {cid}",
                partial(
                    review.set_note,
                    cluster_id=cid,
                    note=typed.strip() or None,
                    reviewer=self.review_app.reviewer,
                    expected_version=version,
                ),
                on_failure=partial(kept, typed),
            )

        self.app.push_screen(NoteEditor(text, f"Note on cluster {cid}"), save)

    def action_evidence(self) -> None:
        from tracker.tui.screens.prompts import EvidencePrompt

        target = self.current_cluster()
        if target is None:
            return
        cid, version = target

        def save(url: str | None) -> None:
            if url is None:
                return
            if (url or None) == self._load_field(cid, "evidence_url"):
                self.notify(f"evidence link on cluster {cid} unchanged", markup=False)
                return
            self.review_app.perform(
                f"evidence set on cluster {cid}",
                partial(
                    review.set_evidence,
                    cluster_id=cid,
                    url=url or None,
                    reviewer=self.review_app.reviewer,
                    expected_version=version,
                ),
            )

        self.app.push_screen(EvidencePrompt(self._load_field(cid, "evidence_url")), save)

    def _load_field(self, cluster_id: int, field: str) -> str | None:
        from tracker.browse import cluster_field

        return self.read_now(lambda session: cluster_field(session, cluster_id, field))

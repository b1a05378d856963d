"""Verdict, note and evidence actions shared by the list and the detail screen."""

from __future__ import annotations

from functools import partial

from tracker import review


class ReviewActions:
    """Mixed into a Screen that can name the cluster under the cursor."""

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
        app = self.app
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
        from tracker.tui.widgets.prompts import NoteEditor

        target = self.current_cluster()
        if target is None:
            return
        cid, version = target
        note = self._load_field(cid, "note")

        def save(text: str | None) -> None:
            if text is None:
                return
            self.app.perform(
                f"note saved on cluster {cid}",
                partial(
                    review.set_note,
                    cluster_id=cid,
                    note=text.strip() or None,
                    reviewer=self.app.reviewer,
                    expected_version=version,
                ),
            )

        self.app.push_screen(NoteEditor(note, f"Note on cluster {cid}"), save)

    def action_evidence(self) -> None:
        from tracker.tui.widgets.prompts import EvidencePrompt

        target = self.current_cluster()
        if target is None:
            return
        cid, version = target

        def save(url: str | None) -> None:
            if url is None:
                return
            self.app.perform(
                f"evidence set on cluster {cid}",
                partial(
                    review.set_evidence,
                    cluster_id=cid,
                    url=url or None,
                    reviewer=self.app.reviewer,
                    expected_version=version,
                ),
            )

        self.app.push_screen(EvidencePrompt(self._load_field(cid, "evidence_url")), save)

    def _load_field(self, cluster_id: int, field: str) -> str | None:
        # A single-row read by primary key: quick enough to do before opening a prompt.
        from tracker.store.models import Cluster

        with self.app.db.Session() as session:
            cluster = session.get(Cluster, cluster_id)
            return getattr(cluster, field) if cluster else None

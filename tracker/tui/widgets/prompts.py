"""Modal prompts: the multi-line note editor and the evidence link."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from tracker.safe import terminal_safe


class NoteEditor(ModalScreen[str | None]):
    """Edit a cluster's note. ctrl+s saves, escape cancels (nothing is written)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, note: str | None, title: str) -> None:
        super().__init__()
        self.note = terminal_safe(note or "")  # stored control characters shown as pictures
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, markup=False, id="dialog-title")
            yield TextArea(self.note, id="note-text")
            yield Label("ctrl+s save · escape cancel", markup=False, classes="hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EvidencePrompt(ModalScreen[str | None]):
    """Set the evidence link (the primary source). Enter saves, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self.url = terminal_safe(url or "")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Evidence link (primary source):", markup=False, id="dialog-title")
            yield Input(self.url, placeholder="https://…", id="evidence-url")
            yield Label("enter save · empty removes · escape cancel", markup=False, classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

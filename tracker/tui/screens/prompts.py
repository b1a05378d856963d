"""Modal prompts: the multi-line note editor, the evidence link, and yes/no questions."""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from tracker.safe import check_typed_url, terminal_safe

# The pictures that stand in for control characters (U+2400-U+2426) and bidi controls.
_PICTURED = re.compile("[\u2400-\u2426]|⟨[A-Z]{3}⟩")


class Confirm(ModalScreen[bool]):
    """Ask once before something that changes or discards a reviewer's work.

    y or enter answers yes; n or escape answers no (nothing happens).
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", priority=True),
        Binding("n,escape", "answer(False)", "No", priority=True),
    ]

    def __init__(self, title: str, body: Text, yes: str = "yes", no: str = "cancel") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, markup=False, id="dialog-title")
            yield Static(self.body, id="confirm-body")
            yield Label(
                f"y / enter: {self.yes} · n / escape: {self.no}", markup=False, classes="hint"
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TypingPrompt(ModalScreen[str | None]):
    """A prompt holding what the reviewer types, lost if it closes unsaved: ``discard``
    asks first when anything was typed (ctrl+q, which would quit, and wherever the prompt
    says so)."""

    QUESTION = "Discard what you typed?"
    CONSEQUENCE = "What is saved stays as it was; what you typed here is lost."

    def typed(self) -> bool:
        """Whether the reviewer changed what the prompt opened with."""
        raise NotImplementedError

    def discard(self, then: Callable[[], object]) -> None:
        """``then()`` at once if nothing was typed, else once the reviewer agrees to lose it."""
        if not self.typed():
            then()
            return
        focused = self.focused

        def answered(discard: bool | None) -> None:
            if discard:
                then()
            elif focused is not None:
                focused.focus()

        self.app.push_screen(
            Confirm(self.QUESTION, Text(self.CONSEQUENCE), yes="discard", no="keep editing"),
            answered,
        )


class NoteEditor(TypingPrompt):
    """Edit a cluster's note. ctrl+s saves, escape cancels (nothing is written)."""

    QUESTION = "Discard your changes to this note?"
    CONSEQUENCE = "The note as it was stays saved; what you typed here is lost."

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
        area = self.query_one(TextArea)
        # Typing goes on after the note, not glued to its first word.
        area.move_cursor(area.document.end)
        area.focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.discard(lambda: self.dismiss(None))

    def typed(self) -> bool:
        return self.query_one(TextArea).text != self.note


class EvidencePrompt(TypingPrompt):
    """Set the evidence link (the primary source). Enter saves, escape cancels."""

    QUESTION = "Discard the link you typed?"
    CONSEQUENCE = "The evidence link as it was stays saved; the one typed here is lost."

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self.url = terminal_safe(url or "")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Evidence link (primary source):", markup=False, id="dialog-title")
            yield Input(self.url, placeholder="https://…", id="evidence-url")
            yield Label("", markup=False, id="evidence-error")
            yield Label("enter save · empty removes · escape cancel", markup=False, classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        url = event.value.strip()
        # Anything the store would refuse is refused here, the link kept in the box with
        # the reason: closing the box lost what was typed (or pasted).
        problem = None
        if url and not url.lower().startswith(("http://", "https://")):
            problem = (
                "A link must start with http:// or https:// (e.g. https://www.example.org/page)"
            )
        elif url and (shown := _PICTURED.search(url)):
            # A pasted control character arrives as its picture: no part of a real link.
            problem = f"The link holds {shown.group(0)}, a control character pasted with it"
        elif url:
            try:
                check_typed_url(url, "the evidence link")
            except ValueError as exc:
                problem = str(exc)[:1].upper() + str(exc)[1:]
        if problem:
            self.query_one("#evidence-error", Label).update(problem)
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def typed(self) -> bool:
        return self.query_one(Input).value.strip() != self.url.strip()

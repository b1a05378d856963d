"""Finding or creating the shared rows that documents point at: outlets and speakers."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.attribution import same_person
from tracker.store.models import Outlet, Speaker, SpeakerAlias


def alias_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def get_or_create_outlet(session: Session, name: str) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        try:
            with session.begin_nested():  # another ingest may create it at the same moment
                outlet = Outlet(name=name)
                session.add(outlet)
        except IntegrityError:
            outlet = session.scalars(select(Outlet).where(Outlet.name == name)).one()
    return outlet


class SpeakerDirectory:
    """One speaker row per person or organisation, across all documents.

    A name is looked up by alias first; a person's new spelling joins an
    existing speaker with the same surname and a near-identical given name
    ("Anthony Blinken" → Antony Blinken), and a lone surname joins the one
    speaker who carries it. Everything else becomes a new speaker.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, name: str) -> Speaker | None:
        key = alias_key(name)
        speaker = self.session.scalar(
            select(Speaker).join(SpeakerAlias).where(SpeakerAlias.alias == key)
        )
        if speaker is not None:
            return speaker
        toks = name.split()
        if len(toks) == 1:
            rows = self.session.scalars(
                select(Speaker).where(
                    Speaker.is_organisation.is_(False),
                    or_(Speaker.name.like(f"{toks[0]} %"), Speaker.name.like(f"% {toks[0]}")),
                )
            ).all()
            return rows[0] if len(rows) == 1 else None
        rows = self.session.scalars(
            select(Speaker).where(
                Speaker.is_organisation.is_(False), Speaker.name.like(f"% {toks[-1]}")
            )
        ).all()
        for row in rows:
            if same_person(row.name, name):
                return row
        return None

    def resolve(self, name: str, is_organisation: bool, as_named: str | None) -> Speaker:
        speaker = self.find(name)
        if speaker is None:
            try:
                with self.session.begin_nested():
                    speaker = Speaker(name=name, is_organisation=is_organisation)
                    self.session.add(speaker)
                    self.session.flush()
            except IntegrityError:  # created meanwhile by a concurrent ingest
                speaker = self.session.scalars(select(Speaker).where(Speaker.name == name)).one()
        # Lone surnames ("Li", "Wang") are never aliases: too many people share them.
        # "Sanders, according to CNN": the relaying source is not a name of the speaker.
        named = as_named.split(", according to ", 1)[0] if as_named else None
        for alias in (name, named):
            if alias and " " in alias.strip() and not alias.lower().startswith("the "):
                self.add_alias(speaker, alias)
        return speaker

    def add_alias(self, speaker: Speaker, alias: str) -> None:
        key = alias_key(alias)
        if len(key) > 300:
            return
        existing = self.session.scalar(select(SpeakerAlias).where(SpeakerAlias.alias == key))
        if existing is not None:
            return
        try:
            with self.session.begin_nested():
                self.session.add(SpeakerAlias(speaker_id=speaker.id, alias=key))
        except IntegrityError:
            pass

"""Finding or creating the shared rows that documents point at: outlets and speakers."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.attribution import folded, same_person, surname_stem
from tracker.attribution.lexicon import listed_given_name
from tracker.sources.article import outlet_key
from tracker.store.models import Outlet, OutletAlias, Speaker, SpeakerAlias


def alias_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def get_or_create_outlet(session: Session, name: str, site: str | None = None) -> Outlet:
    """The one outlet for ``name`` as published on ``site`` (a registered domain, or None
    for a name given by a user, a manifest or a record).

    A site already seen is that outlet, whatever the page calls itself ("Tagesspiegel",
    "Der Tagesspiegel"); otherwise a name that differs only in case, accents, spaces or
    punctuation ("PolitiFact", "Politifact") is the same outlet. A name already taken
    by an outlet on another site gets its site added ("Express (express.co.uk)").
    """
    if site:
        found = _by_alias(session, "site:" + site)
        if found is not None:
            _add_outlet_alias(session, found, outlet_key(name))
            return found
    key = outlet_key(name)
    found = (_by_alias(session, key) if key else None) or session.scalar(
        select(Outlet).where(Outlet.name == name)
    )
    if found is not None and site and not name.endswith(f"({site})"):
        elsewhere = session.scalar(
            select(OutletAlias.id).where(
                OutletAlias.outlet_id == found.id, OutletAlias.alias.like("site:%")
            )
        )
        if elsewhere is not None:  # the same name on another site: another outlet
            return get_or_create_outlet(session, f"{name} ({site})"[:200], site)
    if found is None:
        try:
            with session.begin_nested():  # another ingest may create it at the same moment
                found = Outlet(name=name)
                session.add(found)
        except IntegrityError:
            found = session.scalars(select(Outlet).where(Outlet.name == name)).one()
    _add_outlet_alias(session, found, key)
    if site:
        _add_outlet_alias(session, found, "site:" + site)
    return found


def _by_alias(session: Session, alias: str) -> Outlet | None:
    return session.scalar(select(Outlet).join(OutletAlias).where(OutletAlias.alias == alias))


def _add_outlet_alias(session: Session, outlet: Outlet, alias: str) -> None:
    if not alias or len(alias) > 300:
        return
    if session.scalar(select(OutletAlias.id).where(OutletAlias.alias == alias)) is not None:
        return  # already known, for this outlet or (a name two sites share) another
    try:
        with session.begin_nested():
            session.add(OutletAlias(outlet_id=outlet.id, alias=alias))
    except IntegrityError:
        pass


class SpeakerDirectory:
    """One speaker row per person or organisation, across all documents.

    A name is looked up by alias first; a person's new spelling joins an
    existing speaker with the same surname and a near-identical given name
    ("Anthony Blinken" → Antony Blinken), and a lone surname joins the one
    speaker who carries it (a lone given name joins no one). Everything else becomes a
    new speaker.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, name: str) -> Speaker | None:
        # The name as written, then without accents ("Calderon" finds "Calderón", whose
        # accent-free form is an alias too).
        for key in dict.fromkeys((alias_key(name), alias_key(folded(name)))):
            speaker = self.session.scalar(
                select(Speaker).join(SpeakerAlias).where(SpeakerAlias.alias == key)
            )
            if speaker is not None:
                return speaker
        toks = name.split()
        if len(toks) == 1:
            # A lone surname: "Putin", or "Xi" of a name written surname first. Never a
            # lone given name: "Olivia" in one article is not the Olivia Brandt
            # another outlet quoted.
            carrying = [Speaker.name.like(f"% {toks[0]}")]
            if not listed_given_name(folded(toks[0]).lower()):
                carrying.append(Speaker.name.like(f"{toks[0]} %"))
            rows = self.session.scalars(
                select(Speaker).where(Speaker.is_organisation.is_(False), or_(*carrying))
            ).all()
            return rows[0] if len(rows) == 1 else None
        surname = toks[-1]
        # The same surname first; then its other transliterations ("Zelenskyy" for
        # "Zelensky"), which all start with its stem.
        stem = surname_stem(surname)
        patterns = [f"% {surname}"] + ([f"% {stem}%"] if 4 <= len(stem) < len(surname) else [])
        for pattern in patterns:
            rows = self.session.scalars(
                select(Speaker).where(
                    Speaker.is_organisation.is_(False), Speaker.name.like(pattern)
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
        # Each key once: most names have no accent, so their accent-free form is the same.
        aliases = {alias_key(a): a for a in (name, named, folded(name)) if a}
        for alias in aliases.values():
            if " " in alias.strip() and not alias.lower().startswith("the "):
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

"""How each outlet framed one statement: the data behind `tracker compare` and the UI.

For every quote of a cluster, in publication order: who the outlet says said
it and how it describes them, the verb it chose, whether it quotes the whole
statement or a part, the sentence around it, and the charged words near it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.browse import cluster_members, quote_source
from tracker.errors import UsageError
from tracker.store.models import Cluster
from tracker.text import normalize

# Words that tilt a report: doubt cast on the speaker, or a verdict slipped in.
CHARGED = (
    "so-called",
    "baselessly",
    "allegedly",
    "alleged",
    "claimed",
    "claims",
    "insisted",
    "admitted",
    "conceded",
    "denied",
    "falsely",
    "purportedly",
    "supposedly",
    "notorious",
    "propaganda",
    "regime",
    "lies",
    "fabricated",
    "touted",
    "boasted",
    "bizarre",
    "infamous",
    "dubious",
    "controversial",
    "mouthpiece",
    "hawkish",
    "aggressive",
    "hostile",
    "blithely",
    "so called",
    "self-styled",
    "pro-kremlin",
    "state-run",
)
_CHARGED = re.compile(r"\b(" + "|".join(re.escape(w) for w in CHARGED) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Framing:
    quote_id: int
    outlet: str | None
    published: str | None
    document: str
    speaker: str | None
    speaker_as_named: str | None
    cue: str | None
    coverage: str  # "whole" or "part" of the most complete version
    differs: str | None
    charged: tuple[str, ...]
    context: str
    text: str
    start: int
    end: int
    title: str | None = None
    url: str | None = None  # the article's web address, if known


@dataclass(frozen=True)
class Comparison:
    cluster_id: int
    claim: str
    rows: tuple[Framing, ...]
    status: str = "unreviewed"
    speaker: str | None = None  # the speaker of the claim's wording

    @property
    def timeline(self) -> list[tuple[str, str]]:
        """(date, outlet) of each outlet's first report, in order; undated ones last."""
        seen: dict[str, str] = {}
        for r in self.rows:
            name = r.outlet or "unknown outlet"
            if name not in seen:
                seen[name] = r.published or ""
        return sorted(((d, o) for o, d in seen.items()), key=lambda x: (x[0] == "", x[0]))


def charged_words(context: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _CHARGED.finditer(context):
        w = m.group(1).lower()
        if w not in found:
            found.append(w)
    return tuple(found)


def compare(session: Session, cluster_id: int) -> Comparison | None:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        return None
    quotes = cluster_members(session, cluster_id)
    canonical = cluster.canonical.normalized if cluster.canonical else ""
    rows = []
    for q in quotes:
        # Whole or part by length; wording differences are shown separately ("differs").
        ratio = len(q.normalized.split()) / max(1, len(canonical.split()))
        coverage = "whole" if ratio >= 0.85 else "part"
        rows.append(
            Framing(
                **quote_source(q),
                coverage=coverage,
                differs=None if q.variant in (None, "same", "part") else q.variant,
                charged=charged_words(q.context),
                context=q.context,
                text=q.text,
                start=q.start,
                end=q.end,
                title=q.document.title,
                url=q.document.url,
            )
        )
    canonical_quote = cluster.canonical
    return Comparison(
        cluster_id,
        canonical_quote.text if canonical_quote else "",
        tuple(rows),
        cluster.status.value,
        canonical_quote.speaker.name if canonical_quote and canonical_quote.speaker else None,
    )


def compare_phrase(session: Session, phrase: str) -> Comparison | None:
    """The comparison for the cluster that best matches ``phrase``.

    A phrase without any word is bad usage, as in ``find``: "nothing matches" would say
    it was looked for."""
    from tracker.watch import find_clusters

    if not normalize(phrase):
        raise UsageError("give the phrase to compare: some of its words")
    ranked = find_clusters(session, phrase, limit=1)
    return compare(session, ranked[0][0]) if ranked else None

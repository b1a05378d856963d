"""The text of a page as stored: each passage once, without consent banners; and pages
that are no article at all (a cookie wall, a paywall teaser) named as such.

- A cookie-consent page ("We value your privacy … Accept all") saved instead of the
  article is refused with that reason, so it is neither stored nor quoted ("Accept all"
  is nobody's claim). A consent banner inside a real article is cut out of its text.
- A paywall page that holds only a teaser is refused with that reason; a longer text
  that stops at a paywall is kept, with a note.
- A passage that appears again (a page carrying its story twice, a forum repeating
  posts) is stored once: a repeat of a long paragraph, or of a run of paragraphs, is
  dropped. A short paragraph repeated alone (a pull quote) stays, and its quotation
  becomes another appearance of the one it repeats (``tracker.ingest``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONSENT = re.compile(
    r"cookie|consent|einwillig|zustimm|datenschutz|privacy|privatsphäre|tracking|"
    r"accept all|alle akzeptieren|akzeptieren|accepter|tout accepter|aceptar|accetta|"
    r"partner|vendors?\b|anbieter|personalis|personnalis|werbung|advertis|"
    r"manage (?:options|preferences|settings)|einstellungen|we value your|wir und unsere|"
    r"nous et nos|nosotros y nuestros|legitimate interest|berechtigte[sn]? interesse|tcf|iab|"
    r"traceurs|tiers|finalités|paramétrer|statisti|audience|réseaux sociaux|social media|"
    r"navigat|browser|speicher|stored|device|gerät|appareil|protection des données|"
    r"data protection|protección de datos|améliorer|improve your experience",
    re.IGNORECASE,
)
_CONSENT_STRONG = re.compile(
    r"cookie|traceurs|consentement|einwilligung|\bconsent\b|accept all|alle akzeptieren|"
    r"tout accepter|aceptar todo|accetta tutto|we value your privacy|wir und unsere partner|"
    r"nous et nos partenaires|reject all|alle ablehnen|tout refuser|rechazar todo|"
    r"legitimate interest|berechtigtes interesse",
    re.IGNORECASE,
)
_PAYWALL = re.compile(
    r"subscribe to (?:continue|read)|subscribers only|for subscribers|already a subscriber|"
    r"sign in to (?:continue|read)|to continue reading|create a free account to|"
    r"jetzt abonnieren|weiterlesen mit|nur für abonnent|bereits abonnent|schon abonnent|"
    r"jetzt (?:testen|weiterlesen) für|plus-artikel|mit (?:z\+|sz plus|faz\+|welt ?plus)|"
    r"abo abschließen|réservé aux abonnés|déjà abonné|abonnez-vous|"
    r"contenido exclusivo para suscriptores|suscríbete|ya eres suscriptor|"
    r"riservato agli abbonati|abbonati per",
    re.IGNORECASE,
)
_BUTTON = re.compile(
    r"accept|agree|reject|decline|manage|settings|preferences|options|akzeptier|zustimm|"
    r"ablehnen|einstellung|accepter|refuser|paramétr|aceptar|rechazar|\bok\b|got it|"
    r"verstanden|more info|mehr info",
    re.IGNORECASE,
)
TEASER_WORDS = 120  # a paywall page with fewer words than this holds no article


@dataclass(frozen=True)
class Cleaned:
    text: str
    notes: tuple[str, ...]


class NotAnArticle(Exception):
    """A page that is a cookie wall or a paywall teaser; the message says which."""


def _words(text: str) -> int:
    return len(text.split())


def is_consent_paragraph(par: str) -> bool:
    """A paragraph of a consent banner: about cookies, partners and consent, and short."""
    if _words(par) > 120 or not _CONSENT_STRONG.search(par):
        return False
    hits = len(_CONSENT.findall(par))
    return hits >= 2 or _words(par) <= 6


def clean_text(text: str, *, paywalled: bool = False) -> Cleaned:
    """The text without consent banners and repeated passages; raises NotAnArticle for a
    consent page or a paywall teaser (``paywalled``: the page's markup says it is)."""
    notes: list[str] = []
    paragraphs = text.split("\n")
    kept: list[str] = []
    in_banner = False
    for p in paragraphs:
        # A banner's buttons ("Manage preferences", "OK") go with the banner they close.
        button = in_banner and _words(p) <= 6 and _BUTTON.search(p)
        in_banner = is_consent_paragraph(p) or bool(button)
        if not in_banner:
            kept.append(p)
    banner = len(paragraphs) - len(kept)
    body = "\n".join(kept).strip()
    if banner and _words(body) < 40:
        raise NotAnArticle(
            "a cookie-consent page, not the article (save the page after accepting, or "
            "from the browser's reader view)"
        )
    if banner:
        notes.append(f"{banner} paragraph(s) of a cookie-consent banner left out")
    marker = [p for p in kept if _PAYWALL.search(p) and _words(p) <= 60]
    story = [p for p in kept if p not in marker]
    if marker or paywalled:
        words = sum(_words(p) for p in story)
        if words < TEASER_WORDS:
            raise NotAnArticle(
                f"a paywall: the page holds only a teaser of {words} words (save it while "
                "logged in)"
            )
        notes.append("behind a paywall: the text may stop where the paywall starts")
        kept = story
    deduped, dropped = _once(kept)
    if dropped:
        notes.append(f"{dropped} repeated passage(s) stored once")
    return Cleaned("\n".join(deduped).strip(), tuple(notes))


def _once(paragraphs: list[str]) -> tuple[list[str], int]:
    """Each passage once: a long paragraph seen before is dropped, and so is a short one
    next to a dropped one (a whole stretch repeated). A short repeat on its own stays."""
    seen: set[str] = set()
    repeat: list[bool] = []
    for p in paragraphs:
        key = " ".join(p.split()).casefold()
        repeat.append(bool(key) and key in seen and len(key) >= 20)
        if key:
            seen.add(key)
    drop = [False] * len(paragraphs)
    for i, p in enumerate(paragraphs):
        if not repeat[i]:
            continue
        long = len(" ".join(p.split())) >= 80
        beside = (i > 0 and repeat[i - 1]) or (i + 1 < len(paragraphs) and repeat[i + 1])
        drop[i] = long or beside
    kept = [p for p, d in zip(paragraphs, drop, strict=True) if not d]
    return kept, sum(drop)

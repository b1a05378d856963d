"""Bylines: the people credited with a page, without what CMSes put beside them.

Refused or cut away: publishers and companies ("Condé Nast; Molly Wood" → Molly
Wood), dates and weekdays ("Jeff Foust Monday; November" → Jeff Foust), bios
("Phil Helsel is a reporter" → Phil Helsel), "By"/"Von"/"Por" prefixes, photo
credits, roles standing alone ("Staff Writer", "Admin", "Super User", "Redaktion"),
themes and CMS credits, handles and URLs, the outlet's own name or domain, and
wire agencies (kept as the document's agency instead).
"""

from __future__ import annotations

import re

from tracker.sources.article import outlet_key
from tracker.sources.outlets import agency_name

_SPLIT = re.compile(r"\s*(?:;|\||\s&\s|\s+and\s+|\s+und\s+|\s+et\s+|,(?!\s*(?:Jr|Sr)\b))\s*")
_PREFIX = re.compile(
    r"^(?:by|von|vom|por|par|di|da|de|door|text(?:e)?|interview|autor(?:in)?|author|"
    r"written by|geschrieben von|ein beitrag von|redigiert von|mit)\s*:?\s+",
    re.IGNORECASE,
)
_PHOTO = re.compile(
    r"^(?:foto|fotos|photo|photos|bild|bilder|image|video|grafik|illustration)\b", re.I
)
_STOP_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|januar|februar|märz|juni|juli|oktober|dezember|"
    r"updated|published|posted|aktualisiert|veröffentlicht|says|sagt|schreibt|writes|"
    r"is an?|ist|was|war|covers|berichtet|reports|im gespräch|in conversation)\b.*$",
    re.IGNORECASE,
)
# Months that are also first names, when a capitalised word follows ("April Roach").
_FIRST_NAME = re.compile(r"(?:April|May|June|Juni|August)\s+[A-ZÄÖÜ][a-zäöüß'’-]+")
_ROLES = {
    "staff", "staff writer", "staff writers", "staff reporter", "editor", "editors", "admin",
    "administrator", "super user", "superuser", "user", "guest", "gast", "gastautor", "redaktion",
    "die redaktion", "editorial", "editorial staff", "newsdesk", "news desk", "online", "web",
    "webmaster", "team", "name", "datum", "date", "author", "autor", "anonymous", "anonym",
    "unknown", "none", "null", "red", "red.", "cms", "wordpress", "contributor", "contributors",
    "vip contributer", "press release", "pressemitteilung", "pm", "text", "sponsored",
    "follow", "folgen", "share", "teilen", "abonnieren", "subscribe", "mehr", "more",
    "lesezeit", "reading time", "kommentare", "comments", "foto", "photo", "drucken", "print",
}  # fmt: skip
# Places that CMSes put beside a byline ("Olympia-Verlag GmbH; Nürnberg; Germany").
_PLACES = {
    "germany", "deutschland", "austria", "österreich", "switzerland", "schweiz", "suisse",
    "france", "frankreich", "usa", "uk", "us", "london", "paris", "berlin", "münchen",
    "munich", "hamburg", "köln", "cologne", "frankfurt", "wien", "vienna", "zürich", "zurich",
    "bern", "basel", "genf", "geneva", "brüssel", "brussels", "washington", "new york",
    "nürnberg", "nuremberg", "stuttgart", "düsseldorf", "leipzig", "dresden", "madrid",
    "rom", "rome", "moskau", "moscow", "peking", "beijing", "tokio", "tokyo", "kiew", "kyiv",
}  # fmt: skip
# Words that make a byline an organisation or a desk, not a person.
_ORGANISATION = re.compile(
    r"\b(?:Redaktion|Newsroom|Feuerwehr|Polizei|Verband|Verein|Bund|Stiftung|Institut|"
    r"Ministerium|Amt|Behörde|Partei|Fraktion|Abteilung|Department|Office|Presse|Press|"
    r"Kreuz|Universität|University|Club|Staff|Team|Desk|News|Zeitung|Magazin|Report|"
    r"Nachrichten|Online|Sport|Sports|Agentur|Kommunikation|Communications|Marketing)\b",
    re.I,
)
_COMPANY = re.compile(
    r"\b(?:GmbH|mbH|AG|KG|Inc\.?|Ltd\.?|LLC|Verlag|Verlags|Media|Medien|Nast|Publishing|"
    r"Corporation|Corp\.?|Group|Holding|Agentur|Agency|e\.\s?V\.|eG|Eg)(?:\W|$)",
)
_PARTICLES = {"von", "van", "de", "da", "di", "del", "der", "den", "le", "la", "du", "dos",
              "ten", "ter", "al", "el", "bin", "ibn", "zu", "vom"}  # fmt: skip
_CMS = re.compile(r"\btheme\b|designed|powered|wordpress|elementor|\bplugin\b", re.I)
_URLISH = re.compile(r"https?:|www\.|@|\.(?:com|de|net|org|at|ch)\b", re.I)


def clean_authors(
    candidates: list[str], *, outlet: str | None = None, site: str | None = None
) -> str | None:
    """The people among ``candidates`` (bylines as the page states them), joined with
    "; "; None when none of them is a person."""
    label = (site or "").split(".")[0]
    avoid = {outlet_key(x) for x in (outlet, site, label) if x}
    names: list[str] = []
    for candidate in candidates:
        candidate = candidate or ""
        if m := re.fullmatch(r"\s*([A-ZÄÖÜ][\w'-]+),\s*([A-ZÄÖÜ][\w'-]+)\s*", candidate):
            candidate = f"{m.group(2)} {m.group(1)}"  # "Harm, Robert": last name first
        for part in _SPLIT.split(candidate):
            if label and part.lower().split()[:1] == [label.lower()]:
                continue  # "SWR Sport" on swr.de: the outlet's own desk
            name = clean_name(part, avoid)
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
    if not names:
        return None
    return "; ".join(names[:6])[:300]


def clean_name(part: str, avoid: set[str] | frozenset[str] = frozenset()) -> str | None:
    part = " ".join(part.split()).strip(" ,;:-–|·•")
    if not part or _PHOTO.match(part) or _URLISH.search(part) or _CMS.search(part):
        return None
    for _ in range(2):
        part = _PREFIX.sub("", part).strip()
    stop = _STOP_WORDS.search(part)
    if stop and stop.start() == 0 and (name := _FIRST_NAME.match(part)):
        # "April Roach", "June Smith": a name; what may end it comes after the first word.
        stop = _STOP_WORDS.search(part, name.start() + len(part.split(None, 1)[0]))
    if stop:
        part = part[: stop.start()].strip(" ,;:-–|·•")
    if not part or any(c.isdigit() for c in part) or " " not in part and _STOP_WORDS.match(part):
        return None  # (nor a month left alone: "May Monday")
    if agency_name(part) or _COMPANY.search(part) or part.lower() in _PLACES:
        return None
    if _ORGANISATION.search(part) or re.search(r"\w[._]\w", part.replace(". ", " ")):
        return None  # a desk or body, or a user name ("christian.stadtfeld", "gabor_munier")
    key = outlet_key(part)
    if part.lower() in _ROLES or not key or key in avoid:
        return None
    if any(key == a or (len(a) >= 6 and a in key) for a in avoid if a):
        return None  # the outlet or its domain, spelt as a byline ("Tagesschau De")
    words = part.split()
    if not words[0][0].isupper() and words[0].lower() not in _PARTICLES:
        return None  # "deinen Hochzeitsbloggern": words of a sentence, not a name
    if len(words) > 5 or len(part.replace(".", "")) < 2 or not any(c.isalpha() for c in part):
        return None
    if part.isupper() and len(words) > 1:
        return None  # "AUTO ZEITUNG": a masthead
    return part

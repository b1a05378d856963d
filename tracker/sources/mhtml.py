"""MHTML (``.mhtml``, ``.mht``): a page saved by a browser as one MIME archive.

The page is the archive's first ``text/html`` part, decoded from its transfer
encoding (quoted-printable or base64); its charset is the part's, and its address
the part's ``Content-Location`` (or the archive's ``Snapshot-Content-Location``).
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass

from tracker.sources.article import Skip


@dataclass(frozen=True)
class HtmlPart:
    html: bytes
    charset: str | None
    url: str | None


def html_part(data: bytes) -> HtmlPart:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001 - any parse failure is one reason to skip
        raise Skip(f"not a readable MHTML archive: {exc}") from exc
    if not message.is_multipart() and message.get_content_type() != "text/html":
        raise Skip("not an MHTML archive (no MIME parts); save the page as HTML or MHTML")
    snapshot = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        location = part.get("Content-Location") or snapshot
        url = location if location and location.lower().startswith("http") else snapshot
        return HtmlPart(payload, part.get_content_charset(), url)
    raise Skip("MHTML archive without an HTML page in it")

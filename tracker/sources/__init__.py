"""Reading sources: files and folders in, ``Article`` records out.

One module per concern:

- ``files``: finding files, compressed files, manifests, JSON Lines, plain text;
- ``mhtml``: the page inside an MHTML archive, with its charset and address;
- ``decoding``: bytes to text as a browser would (byte-order mark, declared charset,
  then detection), saying which encoding was assumed when it was guessed;
- ``pages``: saved HTML pages: main text (trafilatura) and the page's own metadata;
- ``metadata``: the page's tags: JSON-LD, ``<meta>`` (Open Graph, article:, Dublin Core);
- ``published``: the publication date and where it came from, never invented;
- ``outlets``: the outlet's name (publisher metadata or the site's domain) and any agency;
- ``authors``: bylines cleaned of dates, roles, publishers and boilerplate;
- ``passages``: consent and paywall stubs, repeated passages;
- ``article``: the ``Article`` record and a document's identity (where, not only what).
"""

from tracker.sources.article import Article, SourceProblem, canonical_url, outlet_key
from tracker.sources.files import (
    DEFAULT_MAX_BYTES,
    KNOWN_SUFFIXES,
    STDIN,
    Source,
    StandardInput,
    count_sources,
    decode,
    discover,
    kinds_held,
    read_sources,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KNOWN_SUFFIXES",
    "STDIN",
    "Article",
    "Source",
    "SourceProblem",
    "StandardInput",
    "canonical_url",
    "count_sources",
    "decode",
    "discover",
    "kinds_held",
    "outlet_key",
    "read_sources",
]

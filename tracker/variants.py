"""Pure pieces of clustering, beside tracker.match: how a quote's wording differs from its
cluster's canonical one, which wording is canonical, and union-find over quote ids. No database.
"""

from __future__ import annotations


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def canonical_of(qids: list[int], texts: dict[int, str]) -> int:
    """The most complete version: the longest wording (the older quote on a tie)."""
    return max(qids, key=lambda q: (len(texts.get(q, "")), -q))


def variant_of(text: str, canonical: str) -> str:
    """How a normalized wording differs from the canonical one: "same", "part", "+x −y".

    A shorter quote is compared with the stretch of the canonical wording it
    lines up with, so a faithful part reads "part", not a list of missing words.
    """
    if text == canonical:
        return "same"
    if f" {text} " in f" {canonical} ":
        return "part"
    window = canonical
    if len(text) < len(canonical) * 0.85:
        from rapidfuzz.fuzz import partial_ratio_alignment

        al = partial_ratio_alignment(text, canonical)
        if al is not None:
            lo = canonical.rfind(" ", 0, al.dest_start) + 1
            hi = canonical.find(" ", al.dest_end)
            window = canonical[lo : hi if hi >= 0 else len(canonical)]
    # In order, word by word: an inserted "a" counts even if "a" occurs elsewhere, and
    # a difference of hyphens or spacing alone ("noninterference", "non-interference")
    # is no difference.
    from difflib import SequenceMatcher

    ta, tb = text.split(), window.split()
    if sorted(ta) == sorted(tb):
        return "part reordered" if window is not canonical else "reordered"
    extra: list[str] = []
    missing: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal" or "".join(ta[i1:i2]) == "".join(tb[j1:j2]):
            continue
        extra += ta[i1:i2]
        missing += tb[j1:j2]
    extra, missing = extra[:4], missing[:4]
    parts = []
    if window is not canonical:
        parts.append("part")
    if extra:
        parts.append("+" + " +".join(extra))
    if missing:
        parts.append("−" + " −".join(missing))
    return (" ".join(parts) or "same")[:300]

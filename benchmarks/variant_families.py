"""News-cycle variant families with their own truth, and three ways to cluster them.

In the spirit of the quote families a news cycle produces (MemeTracker's
"lipstick on a pig": the bare phrase, "you can put lipstick on a pig",
"I think they put some lipstick on a pig but it's still a pig"), each *family*
is one statement by one speaker on one day, built around a distinctive core,
and quoted by outlets over the following two weeks as:

- the bare core ("lipstick on a pig"), and the whole statement;
- truncations to any stretch around the core;
- insertions on both sides (an outlet's "you can", "I think", "and frankly");
- word-order changes (clauses swapped, two neighbouring words swapped) and
  near-synonym changes ("serious" for "grave", "economy is in danger" for
  "economy is in serious danger");
- spokesman/ministry or unknown speaker.

Against them, what must never be glued:

- stock phrases ("at the same time", "the american people", "strategic
  partnership") in the contexts of many unrelated statements, and quoted alone
  by several people (each bare stock quote is its own statement in the truth);
- formula cores: one phrase ("an unprecedentedly high level") at the heart of
  statements by different people or in different years — each its own family,
  bare quotes included (same words, other speaker or year: another statement).

Run ``python benchmarks/variant_families.py`` for B³ precision/recall/F1 and
pair precision/recall of the tracker's matching, a plain-threshold baseline
(every pair scoring at or above the link score joins, transitively) and a
one-parent baseline (MemeTracker: each phrase keeps one edge, to the most
quoted longer phrase containing it) on the same data; ``--curve`` prints the
precision/recall of single scorers over candidate pairs at several thresholds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import quote_variants  # noqa: E402

from tracker.match import Item, MatchSettings, cluster, contained, grams, score  # noqa: E402
from tracker.text import normalize  # noqa: E402

# Distinctive cores: real news-cycle phrases and made-up ones of the same shape.
REAL_CORES = [
    "lipstick on a pig",
    "our entire economy is in danger",
    "the fundamentals of our economy are strong",
    "a bridge to nowhere",
    "no end point no restricted areas no upper limit",
    "belt of eternal peace and good neighborliness",
    "stand back to back",
    "drill baby drill",
    "spread the wealth around",
    "cling to guns or religion",
    "a rendezvous with destiny",
    "the audacity of hope",
    "an iron curtain has descended",
    "tear down this wall",
    "read my lips no new taxes",
    "the buck stops here",
    "mission accomplished",
    "axis of evil",
    "a thousand points of light",
    "shovel ready projects",
    "death panels",
    "a fire without warning",
    "you didn t build that",
    "the surge is working",
    "putting boots on the ground",
    "a reset button",
    "red line on chemical weapons",
    "a basket of deplorables",
    "fake news media",
    "the invisible enemy",
]
CORE_ADJ = """velvet brittle crimson hollow molten silent rusty frozen bitter gilded
tangled restless fragile stubborn jagged borrowed scorched withered hidden wooden""".split()
CORE_NOUN = """hammer lantern orchard harbor ladder compass furnace quarry anchor
carousel pendulum scaffold bonfire meadow glacier trellis chisel beacon lighthouse
sandcastle windmill hourglass tapestry labyrinth avalanche""".split()
CORE_VERB = """sharpen bury polish melt stitch tame ignite harvest unravel anchor""".split()
CORE_SHAPES = [
    "a {a} {n} in the {n2}",
    "{v} the {a} {n}",
    "the {n} is {a} but the {n2} is {a2}",
    "nobody will {v} our {n}",
    "like a {n} without a {n2}",
    "a {a} {n} for every {n2}",
]
# Stock phrases: everywhere in political speech, never evidence of one statement.
STOCK = [
    "at the same time",
    "the american people",
    "strategic partnership",
    "the international community",
    "make no mistake",
    "at the end of the day",
    "let me be clear",
    "in the interests of our peoples",
    "the rule of law",
    "we will continue to work",
    "peace and stability",
    "mutual trust",
]
# Formula cores: the same words at the heart of different people's statements.
FORMULAS = [
    "an unprecedentedly high level",
    "the highest level in history",
    "comprehensive strategic partnership",
    "a new model of cooperation",
    "better than an alliance",
]
INSERT_LEFT = ["you can", "i think", "and frankly", "as i said", "well", "look", "so"]
INSERT_RIGHT = ["and that is the truth", "believe me", "you know", "frankly", "period"]
SYNONYMS = {
    "serious": "grave",
    "danger": "peril",
    "strong": "sound",
    "entire": "whole",
    "cooperation": "collaboration",
    "ready": "prepared",
    "firmly": "resolutely",
    "strongly": "forcefully",
    "supports": "backs",
    "agreement": "accord",
    "unacceptable": "intolerable",
    "plan": "scheme",
    "new": "fresh",
    "joint": "common",
    "urgent": "pressing",
    "welcomes": "applauds",
    "opposes": "rejects",
    "discuss": "debate",
    "partners": "allies",
    "will": "shall",
}


@dataclass
class Data:
    items: list[Item]
    truth: list[int]
    kind: list[str]  # how each quote was made, for error analysis


def _core(rng: random.Random) -> str:
    return rng.choice(CORE_SHAPES).format(
        a=rng.choice(CORE_ADJ),
        a2=rng.choice(CORE_ADJ),
        n=rng.choice(CORE_NOUN),
        n2=rng.choice(CORE_NOUN),
        v=rng.choice(CORE_VERB),
    )


def _context(rng: random.Random, lo: int, hi: int) -> list[str]:
    """Words around the core: a clause of the diplomatic-speech generator, cut."""
    a, b = rng.sample(quote_variants.COUNTRIES, 2)
    clause = quote_variants._fill(quote_variants._free_clause(rng), rng, a, b)
    words = normalize(clause).split()[: rng.randint(lo, hi)]
    if words and rng.random() < 0.5:  # a stock phrase in the context
        i = rng.randint(0, len(words))
        words[i:i] = rng.choice(STOCK).split()
    return words


def _variant(rng: random.Random, pre: list[str], core: list[str], post: list[str]) -> tuple:
    """One outlet's version of pre + core + post: (words, kind)."""
    r = rng.random()
    if r < 0.12:
        return pre + core + post, "full"
    if r < 0.27:
        return list(core), "bare core"
    # A stretch around the core.
    left = pre[rng.randint(0, len(pre)) :] if pre else []
    right = post[: rng.randint(0, len(post))] if post else []
    words = left + core + right
    kind = "truncation"
    r = rng.random()
    if r < 0.3:
        words = rng.choice(INSERT_LEFT).split() + words
        if rng.random() < 0.6:
            words += rng.choice(INSERT_RIGHT).split()
        kind = "insertions"
    elif r < 0.45 and len(words) > 4:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        kind = "word order"
    elif r < 0.55 and left and right:
        words = core + right + left  # clauses swapped around the core
        kind = "word order"
    elif r < 0.75:
        idx = [i for i, w in enumerate(words) if w in SYNONYMS]
        if idx:
            i = rng.choice(idx)
            words[i] = SYNONYMS[words[i]]
            kind = "synonym"
        elif len(words) > 5:
            del words[rng.randrange(len(words))]
            kind = "dropped word"
    return words, kind


def generate(n_families: int = 400, seed: int = 7) -> Data:
    rng = random.Random(seed)
    items: list[Item] = []
    truth: list[int] = []
    kinds: list[str] = []
    n_people = 60
    orgs = {p: 1000 + p % 7 for p in range(1, n_people + 1) if p % 5 == 0}  # spokespeople

    def add(words: list[str], speaker: int | None, day: int, statement: int, kind: str) -> None:
        aff = frozenset({orgs[speaker]}) if speaker in orgs else frozenset()
        items.append(Item(len(items), normalize(" ".join(words)), speaker, aff, day=day))
        truth.append(statement)
        kinds.append(kind)

    statement = 0
    for _ in range(n_families):
        statement += 1
        r = rng.random()
        if r < 0.12:
            core = rng.choice(FORMULAS).split()
            kind0 = "formula"
        elif r < 0.35:
            core = rng.choice(REAL_CORES).split()
            # A real phrase is one family; later draws of it are another year's statement.
            kind0 = "real"
        else:
            core = _core(rng).split()
            kind0 = "made-up"
        speaker = rng.choice(range(1, n_people + 1))
        day = rng.randrange(0, 3 * 365)
        pre, post = _context(rng, 0, 12), _context(rng, 0, 12)
        copies = min(40, max(2, int((1 - rng.random()) ** -0.9)))
        for c in range(copies):
            words, kind = (pre + core + post, "full") if c == 0 else _variant(rng, pre, core, post)
            who: int | None = speaker
            x = rng.random()
            if x < 0.08:
                who = None
            elif x < 0.14 and speaker in orgs:
                who = orgs[speaker]
            add(words, who, day + rng.randrange(0, 14), statement, f"{kind0}/{kind}")
    # Bare stock phrases quoted by many people: each its own statement.
    for _ in range(n_families // 4):
        statement += 1
        add(
            rng.choice(STOCK).split(),
            rng.choice(range(1, n_people + 1)),
            rng.randrange(0, 3 * 365),
            statement,
            "stock/bare",
        )
    order = list(range(len(items)))
    rng.shuffle(order)
    return Data(
        [_renumber(items[i], k) for k, i in enumerate(order)],
        [truth[i] for i in order],
        [kinds[i] for i in order],
    )


def _renumber(it: Item, new_id: int) -> Item:
    return Item(new_id, it.normalized, it.speaker, it.affiliations, day=it.day)


# ------------------------------------------------------------------ metrics


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.p))]


def b_cubed(labels: list[int], truth: list[int]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 (Bagga & Baldwin): per quote, averaged over quotes."""
    by_c: dict[int, list[int]] = defaultdict(list)
    by_t: dict[int, list[int]] = defaultdict(list)
    for i, (c, t) in enumerate(zip(labels, truth, strict=True)):
        by_c[c].append(i)
        by_t[t].append(i)
    both = Counter(zip(labels, truth, strict=True))
    n = len(labels)
    p = sum(both[(labels[i], truth[i])] / len(by_c[labels[i]]) for i in range(n)) / n
    r = sum(both[(labels[i], truth[i])] / len(by_t[truth[i]]) for i in range(n)) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pair_pr(labels: list[int], truth: list[int]) -> tuple[float, float]:
    def pairs(counter: Counter) -> int:
        return sum(k * (k - 1) // 2 for k in counter.values())

    tp = pairs(Counter(zip(labels, truth, strict=True)))
    pred, gold = pairs(Counter(labels)), pairs(Counter(truth))
    return (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)


# ------------------------------------------------------------------ methods


def candidate_pairs(items: list[Item]) -> set[tuple[int, int]]:
    """Every pair sharing a word trigram (a quote under three words: its words)."""
    post: dict[str, list[int]] = defaultdict(list)
    for it in items:
        for g in set(grams(it.normalized)):
            post[g].append(it.id)
    out: set[tuple[int, int]] = set()
    for ids in post.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                out.add((min(a, b), max(a, b)))
    return out


def tracker_labels(items: list[Item], settings: MatchSettings) -> list[int]:
    result, _ = cluster(items, settings)
    uf = _UF(len(items))
    for lk in result.links.values():
        uf.union(lk.child, lk.parent)
    return uf.labels()


def threshold_labels(items, pairs, cutoff: float) -> list[int]:
    uf = _UF(len(items))
    for a, b in pairs:
        if score(items[a].normalized, items[b].normalized, cutoff)[0] >= cutoff:
            uf.union(a, b)
    return uf.labels()


def one_parent_labels(items: list[Item], pairs, cutoff: float) -> list[int]:
    """MemeTracker's DAG partition, simplified: an edge from each phrase to every longer
    phrase that contains it (word for word, or scoring at least ``cutoff``); each phrase
    keeps the edge to the most quoted such phrase; roots are the phrases with none."""
    copies = Counter(it.normalized for it in items)
    best: dict[int, tuple] = {}
    for a, b in pairs:
        na, nb = items[a].normalized, items[b].normalized
        la, lb = len(na.split()), len(nb.split())
        if la == lb:
            continue
        short, long_ = (a, b) if la < lb else (b, a)
        ns, nl = items[short].normalized, items[long_].normalized
        if not (contained(ns, nl) or score(ns, nl, cutoff)[0] >= cutoff):
            continue
        key = (copies[nl], len(nl.split()), -long_)
        if short not in best or key > best[short][0]:
            best[short] = (key, long_)
    uf = _UF(len(items))
    # Exact copies are one phrase.
    first: dict[str, int] = {}
    for it in items:
        uf.union(it.id, first.setdefault(it.normalized, it.id))
    for child, (_, parent) in best.items():
        uf.union(child, parent)
    return uf.labels()


def report(name: str, labels: list[int], truth: list[int], secs: float) -> dict:
    p, r, f = b_cubed(labels, truth)
    pp, pr = pair_pr(labels, truth)
    print(
        f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {pp:.3f} | {pr:.3f} | "
        f"{len(set(labels))} | {secs:.2f} s |"
    )
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "pair_p": pp, "pair_r": pr}


def curve(data: Data, pairs) -> None:
    """Precision/recall of single scorers over the candidate pairs, as pair decisions."""
    from rapidfuzz import fuzz

    scorers = {
        "tracker score": lambda a, b: score(a, b)[0],
        "ratio": fuzz.ratio,
        "token_sort_ratio": fuzz.token_sort_ratio,
        "token_set_ratio": fuzz.token_set_ratio,
        "partial_ratio": fuzz.partial_ratio,
    }
    gold = sum(k * (k - 1) // 2 for k in Counter(data.truth).values())
    print(f"\ncandidate pairs {len(pairs)}, same-statement pairs overall {gold}")
    print("| scorer | " + " | ".join(f"≥{t}" for t in (75, 80, 85, 88, 90, 95)) + " |")
    print("| --- |" + " --- |" * 6)
    for name, fn in scorers.items():
        scored = []
        for a, b in pairs:
            s = fn(data.items[a].normalized, data.items[b].normalized)
            scored.append((s, data.truth[a] == data.truth[b]))
        cells = []
        for t in (75, 80, 85, 88, 90, 95):
            tp = sum(1 for s, ok in scored if s >= t and ok)
            pred = sum(1 for s, _ in scored if s >= t)
            cells.append(f"P {tp / pred if pred else 1:.3f} R {tp / gold:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--families", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--link-score", type=float, default=MatchSettings.link_score)
    ap.add_argument("--curve", action="store_true", help="precision/recall of single scorers")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong pairs")
    args = ap.parse_args()
    data = generate(args.families, args.seed)
    settings = MatchSettings(link_score=args.link_score)
    print(
        f"{len(data.items)} quotes, {len(set(data.truth))} statements, "
        f"{args.families} families (seed {args.seed})\n"
    )
    print("| method | B³ P | B³ R | B³ F1 | pair P | pair R | clusters | time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    pairs = candidate_pairs(data.items)
    t = time.perf_counter()
    base = threshold_labels(data.items, pairs, args.link_score)
    report(f"plain threshold ≥ {args.link_score:g}", base, data.truth, time.perf_counter() - t)
    t = time.perf_counter()
    one = one_parent_labels(data.items, pairs, args.link_score)
    report("one parent (MemeTracker)", one, data.truth, time.perf_counter() - t)
    t = time.perf_counter()
    mine = tracker_labels(data.items, settings)
    report("tracker", mine, data.truth, time.perf_counter() - t)
    if args.curve:
        curve(data, pairs)
    if args.errors:
        _errors(data, mine, args.errors)


def _errors(data: Data, labels: list[int], k: int) -> None:
    """Examples of quotes split from their statement and of quotes glued to another."""
    by_t: dict[int, list[int]] = defaultdict(list)
    for i, t in enumerate(data.truth):
        by_t[t].append(i)
    by_c: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(labels):
        by_c[c].append(i)
    missed, glued = [], []
    for ids in by_t.values():
        for a in ids:
            for b in ids:
                if a < b and labels[a] != labels[b]:
                    missed.append((a, b))
    for ids in by_c.values():
        for a in ids:
            for b in ids:
                if a < b and data.truth[a] != data.truth[b]:
                    glued.append((a, b))
    rng = random.Random(0)
    for name, pairs in (("missed", missed), ("glued", glued)):
        print(f"\n{name}: {len(pairs)} pairs")
        for a, b in rng.sample(pairs, min(k, len(pairs))):
            ia, ib = data.items[a], data.items[b]
            print(f"  [{data.kind[a]} s{ia.speaker} d{ia.day}] {ia.normalized}")
            print(f"  [{data.kind[b]} s{ib.speaker} d{ib.day}] {ib.normalized}\n")


if __name__ == "__main__":
    main()

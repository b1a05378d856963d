"""Seeded generator of news/diplomacy quotes with ground truth, for cluster_scale.py.

A *statement* is 10–40 words built from clause templates and word lists, with
stock phrases ("comprehensive strategic partnership", "mutual trust",
"unprecedentedly high level", ...) shared across many different statements.
Each statement is quoted a heavy-tailed number of times (most once or twice, a
few hundreds of times), and each quote is a variant of it:

- exact copy with different quote marks, punctuation, case and hyphenation;
- truncation: a contiguous part of at least 4 words;
- one or two words inserted or dropped, a translation synonym swapped;
- clauses reordered (swapped around a comma);
- spokesman/ministry or unknown speaker (still the same statement);
- the same words credited to a different speaker: for a quote under
  ``LONG_WORDS`` (10) words this is a DIFFERENT statement in the truth (two
  people saying a short phrase); for a longer one the same statement (a
  misattribution, which matching should keep together).

``generate(n, seed)`` returns ``n`` quotes as (normalized, speaker, affiliations,
statement) in a shuffled order; quote ids are the list positions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tracker.text import normalize

LONG_WORDS = 10
FORMULA_SHARE = 0.25  # clauses from the fixed CLAUSES templates

COUNTRIES = [
    "Russia",
    "China",
    "the United States",
    "India",
    "Brazil",
    "South Africa",
    "Turkey",
    "Iran",
    "Japan",
    "Germany",
    "France",
    "the United Kingdom",
    "Italy",
    "Pakistan",
    "Kazakhstan",
    "Uzbekistan",
    "Vietnam",
    "Indonesia",
    "Egypt",
    "Saudi Arabia",
    "the United Arab Emirates",
    "Qatar",
    "Israel",
    "Syria",
    "Iraq",
    "Afghanistan",
    "Ukraine",
    "Belarus",
    "Poland",
    "Hungary",
    "Serbia",
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Mongolia",
    "North Korea",
    "South Korea",
    "Australia",
    "Canada",
    "Mexico",
    "Argentina",
    "Venezuela",
    "Cuba",
    "Nigeria",
    "Ethiopia",
    "Kenya",
    "Algeria",
    "Morocco",
    "Malaysia",
    "Thailand",
    "the Philippines",
    "Singapore",
    "Myanmar",
    "Laos",
    "Cambodia",
    "Nepal",
    "Sri Lanka",
    "Bangladesh",
    "Tajikistan",
    "Kyrgyzstan",
    "Turkmenistan",
    "Finland",
    "Sweden",
    "Norway",
    "Spain",
    "Greece",
]
BLOCS = [
    "NATO",
    "the European Union",
    "the SCO",
    "BRICS",
    "ASEAN",
    "the African Union",
    "the United Nations",
    "the G20",
    "the Eurasian Economic Union",
    "the CSTO",
    "the Security Council",
    "the OSCE",
    "the IAEA",
    "the WTO",
    "the Arab League",
]
STOCK = [
    "comprehensive strategic partnership",
    "mutual trust",
    "an unprecedentedly high level",
    "win-win cooperation",
    "the rules-based international order",
    "peace and stability",
    "the principle of non-interference in internal affairs",
    "good-neighbourliness",
    "a community with a shared future for mankind",
    "sovereignty and territorial integrity",
    "constructive dialogue",
    "practical cooperation",
    "the legitimate security concerns",
    "a multipolar world",
    "the central role of the United Nations",
    "indivisible security",
    "the cold war mentality",
    "unilateral sanctions",
    "equal and mutually beneficial terms",
    "the spirit of friendship",
    "strategic stability",
    "the fundamental norms of international law",
]
TOPICS = [
    "trade",
    "energy security",
    "climate change",
    "the nuclear programme",
    "food security",
    "cybersecurity",
    "migration",
    "counter-terrorism",
    "the humanitarian situation",
    "arms control",
    "the pandemic",
    "supply chains",
    "investment",
    "transport corridors",
    "space exploration",
    "the Arctic",
    "maritime security",
    "financial settlements in national currencies",
    "grain exports",
    "gas supplies",
    "the peace process",
    "nuclear non-proliferation",
    "digital technologies",
    "education and culture",
    "tourism",
    "public health",
    "border security",
    "the export of fertilisers",
]
VERBS = [
    "strengthen",
    "deepen",
    "expand",
    "promote",
    "safeguard",
    "uphold",
    "advance",
    "develop",
    "consolidate",
    "intensify",
    "enhance",
    "build up",
]
ADJS = [
    "bilateral",
    "regional",
    "practical",
    "long-term",
    "multilateral",
    "economic",
    "military",
    "humanitarian",
    "technical",
    "strategic",
    "cultural",
    "scientific",
]
TIMES = [
    "in the coming years",
    "this year",
    "without delay",
    "in the near future",
    "as soon as possible",
    "next month",
    "by the end of the decade",
    "in 2030",
    "over the next five years",
    "at the upcoming summit",
    "in the long run",
]
PEOPLE = [
    "our partners",
    "our Western colleagues",
    "the international community",
    "all the parties concerned",
    "the new administration",
    "the leadership of {B}",
    "our friends in {B}",
    "the government of {B}",
    "the authorities in {B}",
]
NUMS = ["10", "15", "20", "25", "30", "40", "50", "75", "100", "120", "150", "200", "250"]
UNITS = [
    "billion dollars",
    "million tonnes",
    "billion cubic metres",
    "percent",
    "million tonnes of grain",
    "thousand jobs",
    "billion euros",
]

# Clause templates; {X} is a stock phrase, most clauses have at least one variable slot.
CLAUSES = [
    "relations between {A} and {B} are at {X}",
    "relations between {A} and {B} have reached an unprecedentedly high level",
    "we will continue to {V} our comprehensive strategic partnership with {B}",
    "{A} is ready to work with {B} to {V} {J} cooperation in {T}",
    "the two sides agreed to {V} mutual trust and {J} cooperation in {T}",
    "{A} firmly opposes any interference in the internal affairs of {B}",
    "we call on {P} to exercise restraint and return to the negotiating table {W}",
    "this is a question of {T} and we will not accept any preconditions from {B}",
    "the talks with {B} were held in a friendly and constructive atmosphere",
    "{A} supports the sovereignty and territorial integrity of {B}",
    "trade between {A} and {B} reached {N} {U} last year",
    "we expect {B} to honour its commitments on {T} {W}",
    "the sanctions imposed by {B} are illegal and counterproductive",
    "there is no alternative to a political and diplomatic settlement in {B}",
    "{A} and {B} share a common position on {T}",
    "our cooperation with {B} is based on {X}",
    "we are convinced that {X} is the key to {T}",
    "{B} must abandon {X} and respect {X2}",
    "the volume of {T} with {B} will grow by {N} {U} {W}",
    "we discussed {T} and {T2} with our colleagues from {B}",
    "{A} will never accept the dictate of {B} on {T}",
    "this meeting will give a new impetus to {J} cooperation between {A} and {B}",
    "we intend to {V} {J} ties with {B} on the basis of {X}",
    "the actions of {B} undermine {X} and threaten {X2}",
    "{A} stands ready to {V} dialogue with {BL} on {T}",
    "the decision of {BL} on {T} is a serious mistake",
    "{A} and {B} stand back to back in defending {X}",
    "we welcome the readiness of {B} to {V} cooperation in {T}",
    "there are no forbidden zones and no upper limit in our cooperation with {B}",
    "we see great potential in {T} and {T2} with {B}",
    "{BL} should play a more active role in resolving {T}",
    "the attempts of {B} to isolate {A} have completely failed",
    "we hope that the upcoming summit with {B} will {V} {X}",
    "the joint statement with {B} reflects {X} and {X2}",
    "we have agreed with {B} to set up a working group on {T}",
    "{A} is not going to take part in any blocs directed against {B}",
    "our position on {T} remains unchanged",
    "the leaders of {A} and {B} will discuss {T} {W}",
]


def _words(text: str) -> list[str]:
    return text.split()


# Free clauses (most of them): subject + verb phrase + object + optional tail, with
# words from larger lists, so that -- as in real quotes -- most word trigrams of
# a statement are specific to it while the stock phrases above recur everywhere.
NOUNS = _words("""agreement alliance approach arrangement assistance budget campaign capacity
ceasefire challenge charter commission commitment community compromise conference conflict
consultation contract corridor council crisis deal debate decision declaration delegation
deployment development dialogue dispute document economy election embargo emergency
exercise expansion facility federation forum framework frontier fund guarantee incident
infrastructure initiative inquiry interest investigation legislation loan majority market
measure mechanism memorandum mission moratorium negotiation network obligation offensive
operation opportunity package pact parliament partnership pipeline plan platform policy
port position pressure principle priority process programme project proposal protocol
railway reactor referendum reform region regime relationship report reserve resolution
restriction roadmap route satellite scheme sector settlement shipment situation solution
spending stake standard strategy summit supply system tariff treaty tribunal truce union
venture visit vote warning withdrawal zone blockade bridge refinery harbour airport
shipyard plant mine grid terminal laboratory university hospital museum highway canal
dam reservoir""")
ADJECTIVES = _words("""joint new historic fragile genuine decisive unilateral fair balanced
ambitious concrete irreversible temporary permanent comprehensive constructive pragmatic
reliable transparent legitimate realistic sustainable responsible urgent serious
unacceptable dangerous provocative illegal hostile peaceful stable open direct broad
deep early final fresh major modest national regional global local key crucial vital
substantive meaningful productive fruitful frank candid useful detailed preliminary
additional enormous significant gradual rapid immediate careful steady""")
VERBPS = """will continue to develop|is ready to discuss|firmly opposes|strongly condemns|
welcomes|fully supports|calls for|categorically rejects|has never questioned|
intends to sign|is prepared to review|will not tolerate|has proposed|seeks to revive|
is determined to implement|does not rule out|deeply regrets|has repeatedly warned against|
expects progress on|is closely following|will insist on|has agreed to extend|
considers unacceptable|is ready to finance|plans to resume|has decided to suspend|
will defend|is counting on|highly appreciates|cannot accept|hopes to complete|
is working on|will soon present|attaches great importance to|has invested heavily in|
is open to|remains committed to|will carefully study|sees no reason to change|
has never abandoned""".replace("\n", "").split("|")
SUBJECTS = [
    "we",
    "our country",
    "{A}",
    "the two sides",
    "the government of {A}",
    "the leaders of {A} and {B}",
    "the president",
    "the foreign minister",
    "our delegation",
    "the ministry",
    "{PERSON}",
    "the parliament of {A}",
    "the people of {A}",
    "our government",
    "my colleague {PERSON}",
    "nobody in {A}",
    "the business community",
    "the prime minister of {B}",
]
OBJECTS = [
    "the {J2} {NN} in {T}",
    "{J2} {NN} with {B}",
    "the {NN} of {NN2} in {C}",
    "{X}",
    "the {NN} on {T}",
    "a {J2} {NN} between {A} and {B}",
    "the {C} {NN}",
    "{N} {U} for the {NN}",
    "the {J2} {NN} proposed by {PERSON}",
    "any {NN} that undermines {X}",
    "the {NN} near {C}",
    "the {NN} signed in {C}",
]
TAILS = [
    "{W}",
    "in {C}",
    "with {B}",
    "on the basis of {X}",
    "despite {NN} from {B}",
    "for the sake of {X}",
    "after the {NN} in {C}",
    "as {PERSON} said",
    "in the interests of our peoples",
    "together with {BL}",
    "in line with {X}",
    "without any preconditions",
    "within the framework of {BL}",
]
_SYL = _words(
    "ka ra mi lo ve to na sa du ri mo be ta le go vi zo ni pa ru ko de ma li so "
    "bra kle dro gri sta tro vla mir pol zan dor vek lin gor tash kent bad grad"
)


def _name(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(lo, hi))).capitalize()


_NRNG = random.Random(12345)
CITIES = sorted({_name(_NRNG, 2, 3) for _ in range(3000)})
PERSONS = sorted({f"{_name(_NRNG, 2, 2)} {_name(_NRNG, 2, 3)}" for _ in range(3000)})


def _free_clause(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBPS).strip(), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        parts.append(rng.choice(TAILS))
    return " ".join(parts)


JOINERS = [", ", ", and ", "; ", ", while ", ". ", ", but ", ", because "]
INSERTS = [
    "also",
    "very",
    "indeed",
    "really",
    "now",
    "fully",
    "certainly",
    "of course",
    "again",
    "still",
    "once again",
    "absolutely",
    "truly",
    "further",
]
SYNONYMS = {
    "cooperation": "collaboration",
    "strengthen": "reinforce",
    "illegal": "unlawful",
    "ready": "prepared",
    "talks": "negotiations",
    "firmly": "resolutely",
    "discussed": "talked about",
    "serious": "grave",
    "grow": "increase",
    "neighbourliness": "neighborliness",
    "programme": "program",
    "fertilisers": "fertilizers",
    "leaders": "heads of state",
    "completely": "totally",
    "mistake": "error",
}
OPEN_Q = ["\u201c", '"', "'", "\u00ab", "\u2018", ""]
CLOSE_Q = {"\u201c": "\u201d", '"': '"', "'": "'", "\u00ab": "\u00bb", "\u2018": "\u2019", "": ""}


def _fill(template: str, rng: random.Random, a: str, b: str) -> str:
    out = template
    for slot, pool in (
        ("{X2}", STOCK),
        ("{X}", STOCK),
        ("{T2}", TOPICS),
        ("{T}", TOPICS),
        ("{V}", VERBS),
        ("{J2}", ADJECTIVES),
        ("{J}", ADJS),
        ("{W}", TIMES),
        ("{NN2}", NOUNS),
        ("{NN}", NOUNS),
        ("{N}", NUMS),
        ("{U}", UNITS),
        ("{BL}", BLOCS),
        ("{C}", CITIES),
        ("{PERSON}", PERSONS),
    ):
        while slot in out:
            out = out.replace(slot, rng.choice(pool), 1)
    while "{P}" in out:
        out = out.replace("{P}", rng.choice(PEOPLE), 1)
    return out.replace("{A}", a).replace("{B}", b)


def statement_text(rng: random.Random) -> str:
    """10–40 words: 1–4 clauses about a pair of countries, joined by commas etc."""
    a, b = rng.sample(COUNTRIES, 2)
    target = rng.randint(10, 40)
    parts: list[str] = []
    n = 0
    while n < target:
        # A fixed diplomatic formula now and then, mostly free clauses.
        template = rng.choice(CLAUSES) if rng.random() < FORMULA_SHARE else _free_clause(rng)
        c = _fill(template, rng, a, b)
        if rng.random() < 0.3:  # the other country of the pair now and then
            b = rng.choice(COUNTRIES)
        cw = len(c.split())
        if parts and n + cw > 40:
            break
        parts.append(c)
        n += cw
    text = parts[0]
    for p in parts[1:]:
        j = rng.choice(JOINERS)
        text += j + (p[0].upper() + p[1:] if j == ". " else p)
    words = text.split()
    if len(words) > 40:
        text = " ".join(words[:40])
    return text[0].upper() + text[1:] + "."


def _surface(text: str, rng: random.Random) -> str:
    """Quote marks, punctuation, hyphenation and case: what normalize() should undo."""
    r = rng.random()
    if r < 0.2:
        text = text.replace("-", " ")
    elif r < 0.3:
        text = text.replace(",", "")
    elif r < 0.4:
        text = text.replace(", ", " \u2014 ", 1)
    if rng.random() < 0.1:
        text = text.rstrip(".") + "..."
    if rng.random() < 0.05:
        text = text.upper()
    q = rng.choice(OPEN_Q)
    return q + text + CLOSE_Q[q]


def _variant(base: str, rng: random.Random) -> str:
    """Words of a version of ``base`` (before surface changes)."""
    text = base
    if rng.random() < 0.1 and ", " in text:  # reorder clauses around a comma
        head, _, tail = text.rstrip(".").partition(", ")
        text = tail[0].upper() + tail[1:] + ", " + head[0].lower() + head[1:] + "."
    words = text.split()
    if rng.random() < 0.35 and len(words) > 5:  # truncation: a contiguous part >= 4 words
        k = rng.randint(4, len(words) - 1)
        s = rng.randint(0, len(words) - k)
        words = words[s : s + k]
    if rng.random() < 0.15:  # inserted words
        for _ in range(rng.randint(1, 2)):
            words.insert(rng.randint(0, len(words)), rng.choice(INSERTS))
    if rng.random() < 0.15 and len(words) > 5:  # dropped words
        for _ in range(rng.randint(1, 2)):
            del words[rng.randrange(len(words))]
    if rng.random() < 0.1:  # a translator's synonym
        idx = [i for i, w in enumerate(words) if w.strip(",.;").lower() in SYNONYMS]
        if idx:
            i = rng.choice(idx)
            w = words[i]
            core = w.strip(",.;")
            words[i] = w.replace(core, SYNONYMS[core.lower()])
    return " ".join(words)


@dataclass
class Corpus:
    normalized: list[str]
    speaker: list[int | None]
    affiliations: list[frozenset[int]]
    statement: list[int]  # truth: statement id per quote
    n_statements: int
    n_cross_speaker_short: int  # quotes made a different statement by a new speaker
    n_misattributed_long: int  # long quotes credited to another speaker, same statement


def _copies(rng: random.Random, max_copies: int, alpha: float) -> int:
    # Discrete power law truncated to 1..max_copies (P(k) ~ k^-alpha), inverse transform.
    while True:
        k = int((1 - rng.random()) ** (-1 / (alpha - 1)))
        if k <= max_copies:
            return max(1, k)


def generate(
    n: int,
    seed: int = 1,
    *,
    max_copies: int = 400,
    alpha: float = 2.2,
    n_speakers: int | None = None,
) -> Corpus:
    rng = random.Random(seed)
    n_speakers = n_speakers or max(200, n // 50)
    n_orgs = max(20, n_speakers // 20)
    # Speakers 1..n_speakers are people, then organisations; 10% of people are
    # spokespeople of one organisation (speakers_agree treats them as one).
    orgs = list(range(n_speakers + 1, n_speakers + n_orgs + 1))
    aff: dict[int, frozenset[int]] = {}
    for p in range(1, n_speakers + 1):
        if rng.random() < 0.1:
            aff[p] = frozenset({rng.choice(orgs)})
    empty: frozenset[int] = frozenset()
    weights = [1 / (i**0.9) for i in range(1, n_speakers + 1)]  # Zipf-ish popularity
    people = list(range(1, n_speakers + 1))

    norm: list[str] = []
    spk: list[int | None] = []
    affs: list[frozenset[int]] = []
    truth: list[int] = []
    sid = 0
    cross_short = misattr = 0
    # Speakers are drawn in batches (choices with weights is slow one at a time).
    pool: list[int] = []

    def speaker() -> int:
        nonlocal pool
        if not pool:
            pool = rng.choices(people, weights, k=4096)
        return pool.pop()

    while len(norm) < n:
        sid += 1
        this = sid
        base = statement_text(rng)
        who = speaker()
        k = min(_copies(rng, max_copies, alpha), n - len(norm))
        for c in range(k):
            words = base if c == 0 else _variant(base, rng)
            raw = _surface(words, rng)
            nt = normalize(raw)
            s: int | None = who
            truth_id = this
            r = rng.random() if c else 1.0
            if r < 0.05:
                s = None  # outlet did not say who
            elif r < 0.10 and aff.get(who):
                s = next(iter(aff[who]))  # credited to the spokesman's ministry
            elif r < 0.16:
                other = speaker()
                if other != who:
                    s = other
                    if nt.count(" ") + 1 < LONG_WORDS:
                        sid += 1  # a short phrase from someone else: another statement
                        truth_id = sid
                        cross_short += 1
                    else:
                        misattr += 1
            norm.append(nt)
            spk.append(s)
            affs.append(aff.get(s, empty) if s is not None else empty)
            truth.append(truth_id)

    order = list(range(len(norm)))
    rng.shuffle(order)  # ids follow arrival, not statements
    return Corpus(
        normalized=[norm[i] for i in order],
        speaker=[spk[i] for i in order],
        affiliations=[affs[i] for i in order],
        statement=[truth[i] for i in order],
        n_statements=sid,
        n_cross_speaker_short=cross_short,
        n_misattributed_long=misattr,
    )


if __name__ == "__main__":  # a peek at the data
    import sys
    from collections import defaultdict

    c = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 200, seed=1)
    by: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(c.statement):
        by[s].append(i)
    for s, ids in sorted(by.items(), key=lambda kv: -len(kv[1]))[:3]:
        print(f"statement {s}: {len(ids)} quotes")
        for i in ids[:8]:
            print(f"   [{c.speaker[i]}] {c.normalized[i]}")

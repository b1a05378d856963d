"""English words that attribution reads: cue verbs, role words, titles, kinds of body.

Kept apart from the rules so that another language's lexicon can sit beside this one.
"""

from __future__ import annotations

# Reporting verbs by lemma; every inflection is derived below (say → says, said, saying).
# Irregular forms are given after a slash.
_CUE_LEMMAS = """
say/said tell/told add insist claim note stress explain continue respond reply declare state
write/wrote/written assert argue warn emphasize emphasise remark observe disclose confirm
announce conclude recall acknowledge admit suggest comment laud call describe urge vow
reiterate signal highlight hail thank reaffirm assess mention maintain contend denounce praise
ask report reveal complain predict tweet joke lament shout implore accuse advise concede quip
promise boast proclaim characterize characterise dismiss deride label dub brand term decry
condemn blast slam attack criticize criticise mock ridicule tease quote cite repeat echo tout
counter retort scoff yell scream exclaim whisper mutter testify recount pledge demand plead
beg cry allege charge muse wonder reflect caution agree disagree object protest vent rail
fume gush rave marvel recommend estimate forecast speculate surmise posit theorize
hypothesize concur affirm assure reassure remind inform elaborate clarify detail outline
summarize summarise narrate reminisce confide confess divulge chant holler bellow roar snap
snarl sneer grumble groan moan sigh laugh chuckle gripe grouse whine bemoan regret apologize
apologise brag crow gloat threaten challenge query inquire enquire interject interrupt chime
recap belittle downplay refute rebut deny reject contradict correct dispute defend justify
lambaste lash scold chide rebuke reprimand castigate berate deplore disparage lampoon insult
commend applaud congratulate welcome endorse implore entreat exhort appeal request propose
prophesy believe/believed think/thought liken compare equate josh jab swipe
"""
# Short verbs that double their last letter: quip → quipped, admit → admitted.
_DOUBLING = {"quip", "jab", "snap", "slam", "admit", "regret", "rebut", "vet"}


def _inflect(lemma: str) -> list[str]:
    """Present, past and participle forms of a regular verb (say → says, sayed, saying)."""
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma + "es", lemma + "ed", lemma + "ing"]
    stem = lemma + lemma[-1] if lemma in _DOUBLING else lemma
    return [lemma + "s", stem + "ed", stem + "ing"]


def _cue_forms() -> list[str]:
    forms: set[str] = set()
    for entry in _CUE_LEMMAS.split():
        lemma, *irregular = entry.split("/")
        forms.add(lemma)
        regular = _inflect(lemma)
        forms.add(regular[0])  # -s
        forms.add(regular[2])  # -ing
        forms.update(irregular or [regular[1]])
    return sorted(forms)


# Multi-word cues first so that they are tried as wholes.
CUES = [
    "summed up",
    "sums up",
    "pointed out",
    "points out",
    "point out",
    "pointing out",
    "went on",
    "goes on",
    "go on",
    "put it",
    "puts it",
    "spelled out",
    "weighed in",
    "chimed in",
    "shot back",
    "fired back",
    "wrote back",
    "according to",
] + _cue_forms()

# A word of a speaker phrase: capitalised words, and the lowercase words that
# describe people and bodies ("spokesman", "press service", "associate professor").
ROLE_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "at",
    "and",
    "for",
    "in",
    "on",
    "same",
    "senior",
    "chief",
    "deputy",
    "foreign",
    "policy",
    "affairs",
    "minister",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "director",
    "researcher",
    "professor",
    "associate",
    "assistant",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "aide",
    "adviser",
    "advisor",
    "official",
    "officials",
    "leader",
    "leaders",
    "head",
    "press",
    "service",
    "secretary",
    "general",
    "former",
    "then",
    "state",
    "media",
    "observers",
    "publication",
    "newspaper",
    "paper",
    "side",
    "chairman",
    "premier",
    "commentator",
    "specialist",
    "diplomat",
    "ambassador",
    "envoy",
    "executive",
    "vice",
    "prime",
    "counterpart",
    "military",
    "defense",
    "defence",
    "national",
    "security",
    "political",
    "observer",
    "scholar",
    "economist",
    "editor",
    "columnist",
    "correspondent",
    "department",
    "committee",
    "council",
    "government",
    "office",
    "pro-kremlin",
    "commentators",
    "US",
}
PRONOUNS = {"he", "she", "they", "him", "her"}

# Words that describe a speaker but are not part of a name.
TITLES = {
    "president",
    "presidents",
    "minister",
    "foreign",
    "secretary",
    "state",
    "deputy",
    "director",
    "chief",
    "chairman",
    "general",
    "prime",
    "vice",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "ambassador",
    "mr",
    "mrs",
    "ms",
    "dr",
    "professor",
    "prof",
    "sir",
    "premier",
    "chancellor",
    "king",
    "queen",
    "defense",
    "defence",
    "commander",
    "senior",
    "former",
    "the",
    "same",
    "then",
    "leader",
    "head",
    "aide",
    "adviser",
    "advisor",
    "expert",
    "researcher",
    "associate",
    "assistant",
    "envoy",
    "executive",
    "analyst",
    "commentator",
    "observer",
    "editor",
    "official",
    "new",
    "old",
    "in",
    "on",
    "at",
    "of",
    "and",
    "for",
    "a",
    "an",
    "specialist",
    "policy",
    "affairs",
}
NATIONALITIES = {
    "russian": "russia",
    "chinese": "china",
    "american": "us",
    "us": "us",
    "u.s.": "us",
    "british": "uk",
    "japanese": "japan",
    "indian": "india",
    "french": "france",
    "german": "germany",
    "ukrainian": "ukraine",
    "iranian": "iran",
    "kremlin": "russia",
    "prc": "china",
    "soviet": "russia",
    "korean": "korea",
    "european": "eu",
    "eu": "eu",
    "turkish": "turkey",
    "israeli": "israel",
    "canadian": "canada",
    "australian": "australia",
}
ORG_WORDS = {
    "ministry",
    "service",
    "times",
    "post",
    "journal",
    "kremlin",
    "council",
    "institute",
    "agency",
    "office",
    "department",
    "committee",
    "government",
    "embassy",
    "tv",
    "channel",
    "xinhua",
    "tass",
    "interfax",
    "commission",
    "parliament",
    "party",
    "press",
    "news",
    "daily",
    "nato",
    "un",
    "white",
    "house",
    "bank",
    "fund",
    "foundation",
    "union",
    "center",
    "centre",
    "university",
    "academy",
    "company",
    "corporation",
    "group",
    "media",
    "publication",
    "newspaper",
    "atlantic",
    "guardian",
    "reuters",
    "bloomberg",
    "countries",
    "studies",
    "sciences",
    "school",
    "association",
    "federation",
    "republic",
}
PERSON_ROLES = {
    "expert",
    "analyst",
    "researcher",
    "professor",
    "official",
    "aide",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "observer",
    "scholar",
    "economist",
    "specialist",
    "commentator",
    "adviser",
    "advisor",
    "envoy",
    "minister",
    "chairman",
}
LEADER_ROLES = {"leader", "president", "premier", "head", "chancellor"}
OUTLET_ROLES = {"publication", "newspaper", "paper", "outlet", "daily", "magazine", "channel"}


# Capitalised words that are not names when they open a phrase: clause openers, months,
# weekdays, "I". "When Clinton …" names Clinton; "Following a …" names no one.
NOT_NAMES = frozenset(
    """when while after before as if although though since because in on at during following
    despite last this that these those earlier later meanwhile but and so still yet however
    instead asked speaking then now recently once until unless with without by for from like
    unlike amid among over under throughout according also indeed moreover even first second
    third finally here there where why how what who which whose i it its we our you your my
    his her their they he she me us them today yesterday tomorrow tonight both either neither
    each every all some many most few several no not another other such only just more less
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday read watch see related
    photo video update editor's note""".split()
)

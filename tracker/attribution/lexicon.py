"""English words that attribution reads: cue verbs, role words, titles, kinds of body.

Kept apart from the rules so that another language's lexicon can sit beside this one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

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
prophesy believe/believed think/thought liken compare equate josh jab swipe bark growl
hiss rate post read/read answer react text email message sing/sang/sung speak/spoke
riff retaliate beam blare thunder remember reminisce opine hint blog swear/swore/sworn refer
recollect
"""
# Short verbs that double their last letter: quip → quipped, admit → admitted.
_DOUBLING = {
    "quip",
    "jab",
    "snap",
    "slam",
    "admit",
    "regret",
    "rebut",
    "vet",
    "brag",
    "blog",
    "refer",
}


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
    "cut in",
    "shot back",
    "fired back",
    "wrote back",
    "according to",
    # Verbs whose other forms are mostly nouns ("the press", "a question"): the past only.
    "pressed",
    "questioned",
    # Magazines' ""…," she shares with InStyle"; "share" and "sharing" are mostly other senses.
    "shares",
    "shared",
    # The platform's name capitalised mid-sentence: ""…," Murphy Tweeted on Friday".
    "Tweeted",
    "Tweets",
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
    "herald",
    "tribune",
    "gazette",
    "chronicle",
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
    # Bodies whose names open with "Al", which reads as a given name.
    "qaeda",
    "jazeera",
    "shabab",
    "shabaab",
    "nusra",
    "arabiya",
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
    """people when while after before as if although though since because in on at during following
    despite last this that these those earlier later meanwhile but and so still yet however
    instead asked speaking then now recently once until unless with without by for from like
    unlike amid among over under throughout according also indeed moreover even first second
    third finally here there where why how what who which whose i it its we our you your my
    his her their they he she me us them today yesterday tomorrow tonight both either neither
    each every all some many most few several no not another other such only just more less
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday related
    photo video update editor's note separately similarly additionally furthermore likewise
    initially previously subsequently ultimately nevertheless nonetheless accordingly
    consequently notably importantly currently originally eventually specifically
    personally publicly privately elsewhere overall otherwise republicans democrats
    americans conservatives liberals progressives evangelicals fellow rival
    is are was were does did could would should tweeted tweets""".split()
)

# Titles and roles that stand before a name and are no part of it ("Sen. Ben Sasse",
# "Administrator Jim Bridenstine", "Trump attorney Alan Garten"), lower-cased, no period.
NAME_TITLES = frozenset(
    # German and French titles too: "Kanzler Olaf Brandt", "M. Dupont".
    """kanzler kanzlerin bundeskanzler bundeskanzlerin ministerin bundesminister
    bundesministerin präsident präsidentin bundespräsident ministerpräsident
    ministerpräsidentin bürgermeister bürgermeisterin oberbürgermeister sprecher sprecherin
    chefin herr frau vorsitzende vorsitzender m mme premier
    sen senator rep representative congressman congresswoman gov governor lt lieutenant
    gen general col colonel maj major capt captain cmdr commander adm admiral sgt sergeant
    rev reverend fr father pastor rabbi imam bishop cardinal pope sister brother dr doctor
    prof professor judge justice attorney lawyer atty administrator commissioner secretary
    mayor councilman councilwoman chairman chairwoman chair chief ceo cfo coo founder
    cofounder co-founder director manager coach president vice minister ambassador envoy
    spokesman spokeswoman spokesperson aide adviser advisor strategist pollster consultant
    analyst economist psychologist historian author writer columnist reporter anchor host
    editor publisher candidate nominee delegate speaker leader whip deputy assistant
    associate senior former then acting interim agent officer sheriff trooper detective
    prosecutor solicitor counsel superintendent principal dean chancellor provost king
    queen prince princess lord lady sir dame mr mrs ms mx madam madame sr jr ii iii iv
    supporter voter resident activist organizer organiser volunteer member
    campaign press communications political national state federal democratic republican
    gop dnc rnc pres amb sec secy asst supt insp
    democrat libertarian presumptive donor megadonor billionaire businessman businesswoman
    mogul tycoon lawmaker legislator frontrunner front-runner hopeful challenger
    incumbent soldier veteran sailor airman operative contractor""".split()
)
# Suffixes that end a name without being its last word ("Martin Luther King Jr.").
# Lower-case words inside a name: "von der Leyen", "van Gogh", "bin Salman", "de Gaulle".
NAME_PARTICLES = frozenset("von van der den de da di del della du le la bin ibn al el".split())
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"})

# Places: a country or state before a name is a descriptor ("Ukraine Kurt Volker",
# "Vermont Sen. Bernie Sanders"); alone, a place speaks as a body ("Russia said").
PLACES = frozenset(
    """carolina dakota hampshire
    afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain
    bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon
    canada chad chile china colombia congo croatia cuba cyprus czechia denmark egypt
    england estonia ethiopia europe finland france georgia germany ghana greece guatemala
    haiti honduras hungary iceland india indonesia iran iraq ireland israel italy japan
    jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya
    lithuania luxembourg malaysia mali mexico moldova mongolia montenegro morocco myanmar
    nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda scotland serbia
    singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan
    tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uzbekistan
    venezuela vietnam wales yemen zambia zimbabwe america washington moscow beijing london
    paris berlin tokyo kyiv kiev brussels tehran alabama alaska arizona arkansas california
    colorado connecticut delaware florida hawaii idaho illinois indiana iowa kansas kentucky
    louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
    wisconsin wyoming""".split()
)

# Words that make a capitalised run a place, never a person ("the West Coast", "Fort Pierce",
# "the United States"); words that are also common surnames ("Park", "Hills", "Bay") are not
# here.
PLACE_WORDS = frozenset(
    """states coast fort county valley island islands heights springs falls mount gulf
    peninsula airport avenue boulevard harbor harbour canyon""".split()
)

# Given names whose bearers are mostly of one gender, for "he"/"she" agreement. A short
# list of common English-language names; anything else counts as unknown.
MALE_NAMES = frozenset(
    """aaron adam adrian al alan albert alex alexander alexei allen andrew andy anthony
    antony arnold arthur barack barry ben benjamin bernie bill billy bob bobby brad brandon
    brian bruce bryan carl carlos charles charlie chris christopher chuck clarence colin
    corey craig curt dan daniel danny dave david dennis derek dick don donald doug douglas
    dwight ed eddie edward eric ernest evan frank fred gary gene george gerald glenn gordon
    greg gregory harold harry henry howard ian jack jacob jake james jamie jared jason jeb
    jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jordan
    jose joseph josh joshua juan justin keith ken kenneth kevin kurt larry lawrence lee
    leon lindsey lou louis luke marco mark martin matt matthew michael mike mitch mitt
    muhammad nathan neil newt nick nicholas noah oliver patrick paul pete peter phil
    philip ralph randy ray raymond reince rex richard rick rob robert roger ron ronald
    roy rudy russell ryan sam samuel scott sean sergei seth stephen steve steven stuart
    ted terry thomas tim timothy todd tom tony travis trey troy tyler victor vince
    vincent vladimir walter wang wayne will william xi yuri""".split()
)
FEMALE_NAMES = frozenset(
    """abigail alice alicia alison allison amanda amy ana andrea angela ann anna anne
    barbara betsy betty beverly brenda brittany carly carol caroline catherine cathy
    cecile chelsea cheryl christina christine cindy claire claudia courtney dana deborah
    debbie diana diane donna doris dorothy elaine elizabeth ellen emily emma erin eva
    evelyn frances gabrielle gloria grace hannah heather heidi helen hillary huma ivanka
    jackie jane janet janice jasmine jean jeanne jennifer jessica jill joan joanna jodi
    joy joyce judith judy julia julie karen kate katherine kathleen kathy katie kayleigh
    kelly kellyanne kim kimberly kirsten laura lauren linda lisa liz lois loretta lori
    lucy lynn madeleine margaret maria marie marilyn martha mary megan melania melissa
    michelle mildred monica nancy natalie nicole nikki olivia pam pamela patricia patty
    paula peggy phyllis rachel rebecca rita rosa rose ruth sally samantha sandra sara
    sarah sharon shirley sonia sophia stephanie susan suzanne tammy teresa theresa tiffany
    tina tulsi valerie vanessa victoria virginia wendy yulia""".split()
)
MALE_WORDS = frozenset(
    """mr he him his himself man men father son brother husband king prince lord sir
    congressman councilman chairman spokesman businessman widower grandfather uncle
    nephew boyfriend actor""".split()
)
FEMALE_WORDS = frozenset(
    """mrs ms miss she her hers herself woman women mother daughter sister wife queen
    princess lady dame madam congresswoman councilwoman chairwoman spokeswoman
    businesswoman widow grandmother aunt niece girlfriend actress""".split()
)


@functools.cache
def _given_names() -> dict[str, str]:
    """About 24,000 given names → "m", "f" or "u" (either gender), read once from the file
    shipped with the package (``data/given_names.txt``, derived from nomquamgender's name
    data by ``benchmarks/given_names_data.py``)."""
    out: dict[str, str] = {}
    gender = ""
    text = resources.files("tracker.attribution").joinpath("data/given_names.txt")
    for line in text.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line in ("[m]", "[f]", "[u]"):
            gender = line[1]
            continue
        out.update(dict.fromkeys(line.split(), gender))
    return out


# Short forms of given names, for one person written two ways across outlets ("Joe Biden" /
# "Joseph R. Biden", "Len Burman" / "Leonard Burman"): short form -> the formal names.
NICKNAMES = {
    "joe": {"joseph"},
    "tom": {"thomas"},
    "bill": {"william"},
    "will": {"william"},
    "billy": {"william"},
    "bob": {"robert"},
    "rob": {"robert"},
    "bobby": {"robert"},
    "mike": {"michael"},
    "jim": {"james"},
    "jimmy": {"james"},
    "dick": {"richard"},
    "rick": {"richard"},
    "rich": {"richard"},
    "len": {"leonard"},
    "chuck": {"charles"},
    "charlie": {"charles"},
    "dan": {"daniel"},
    "dave": {"david"},
    "pete": {"peter"},
    "steve": {"steven", "stephen"},
    "chris": {"christopher"},
    "ted": {"edward", "theodore"},
    "ed": {"edward"},
    "tony": {"anthony", "antony"},
    "andy": {"andrew"},
    "sam": {"samuel"},
    "nick": {"nicholas"},
    "matt": {"matthew"},
    "pat": {"patrick", "patricia"},
    "liz": {"elizabeth"},
    "beth": {"elizabeth"},
    "kate": {"katherine", "catherine"},
    "kathy": {"katherine", "kathleen"},
    "jen": {"jennifer"},
    "jenny": {"jennifer"},
    "sue": {"susan"},
    "hank": {"henry"},
    "harry": {"henry"},
    "jack": {"john"},
    "larry": {"lawrence"},
    "greg": {"gregory"},
    "jeff": {"jeffrey"},
    "geoff": {"geoffrey"},
    "ron": {"ronald"},
    "don": {"donald"},
    "ken": {"kenneth"},
    "ben": {"benjamin"},
    "al": {"albert", "alan", "alfred"},
    "vlad": {"vladimir"},
}

# Given names common for both ("Lee Epstein" is "she", "Terry McAuliffe" is "he"): they tell
# no gender, and the text's own "he", "she", "Mr." or "Ms." decides.
UNISEX_NAMES = frozenset(
    """lee terry jamie jordan kelly dana robin pat casey morgan taylor leslie tracy shannon
    kim jean jessie jackie kerry lynn marion sandy sydney""".split()
)


def given_name_gender(name: str) -> str | None:
    """ "m", "f" or None for a given name (lower case), from the short list above first,
    then the long shipped list."""
    if name in UNISEX_NAMES:
        return None
    if name in MALE_NAMES:
        return "m"
    if name in FEMALE_NAMES:
        return "f"
    g = _given_names().get(name)
    return None if g == "u" else g


def listed_given_name(name: str) -> bool:
    """Whether a name (lower case) is in the shipped list of given names: "olivier", not
    "xi" or "wang" (surnames that the short lists above give a gender for their "he")."""
    return name in _given_names()


def is_mixed_given_name(name: str) -> bool:
    """Whether a name (lower case) is a given name of either gender ("stephane", "andrea",
    "dominique"): a person for recognition, no he or she."""
    return name in UNISEX_NAMES or _given_names().get(name) == "u"


_CUE_WORDS = frozenset(c.lower() for c in CUES if " " not in c)


def surname_he(toks: Sequence[str], i: int) -> bool:
    """Whether ``toks[i]`` is the Chinese surname He, not the pronoun: capitalised and
    followed by a capitalised given name ("said He Lifeng", "Vice Premier He Yafei")."""
    if toks[i] != "He" or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1].rstrip(".,;:")
    return (
        nxt[:1].isupper() and nxt.isalpha() and not nxt.isupper() and nxt.lower() not in _CUE_WORDS
    )

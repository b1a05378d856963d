"""Deterministic synthetic news corpus for the speed benchmark (and later clustering).

Articles read like wire and analysis copy on China–Russia relations: 8–25
paragraphs, about 4–8 KB each, with attributed quotations in the shapes real
outlets use —

    Lavrov said: “…”                       “…,” said Kremlin spokesman Dmitry Peskov.
    “…,” he added.                         According to Wang Yi, “…”
    Xi called Putin an “old friend”        the so-called “no limits” partnership
    “… a ‘rules-based order’ …,” she said  multi-paragraph quotes (only the last closes)

in curly, straight or mixed quote marks, with apostrophes (Russia's, Xi’s).

Pools are fixed by the seed: ~200 speakers (name, title, organisation, spelling
variants) and ~2,000 statements built from templates and word lists, each owned
by one speaker. Articles quote the owner's statements, often with small edits
(synonyms, hedges, cuts), so the same quote recurs across outlets and dates.

Article ``i`` depends only on (seed, i): a corpus of N articles is the first N
lines of any bigger one. Everything is generated and written one article at a
time; nothing holds the corpus.

    python benchmarks/corpus.py out.jsonl --articles 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1

# --------------------------------------------------------------------------- speakers


@dataclass
class Speaker:
    name: str  # canonical "First Last" (Chinese names: "Surname Given")
    surname: str
    gender: str  # "m", "f" or "org"
    country: str  # "ru", "cn", "us", "eu", "other"
    title: str | None = None  # goes before the name: "Russian Foreign Minister"
    appositive: str | None = None  # goes after: "a senior fellow at Chatham House"
    variants: list[str] = field(default_factory=list)  # other spellings of the full name
    weight: float = 1.0  # how often the speaker makes the news

    @property
    def is_org(self) -> bool:
        return self.gender == "org"


_REAL = [
    # name, gender, country, title, variants, weight
    ("Vladimir Putin", "m", "ru", "Russian President", [], 12),
    ("Xi Jinping", "m", "cn", "Chinese President", [], 12),
    ("Sergey Lavrov", "m", "ru", "Russian Foreign Minister", ["Sergei Lavrov"], 8),
    ("Wang Yi", "m", "cn", "Chinese Foreign Minister", [], 7),
    ("Dmitry Peskov", "m", "ru", "Kremlin spokesman", ["Dmitri Peskov"], 7),
    ("Maria Zakharova", "f", "ru", "Russian Foreign Ministry spokeswoman", [], 5),
    ("Yuri Ushakov", "m", "ru", "Kremlin foreign policy aide", ["Yury Ushakov"], 4),
    ("Wang Wenbin", "m", "cn", "Chinese Foreign Ministry spokesman", [], 5),
    ("Zhao Lijian", "m", "cn", "Chinese Foreign Ministry spokesman", [], 4),
    ("Hua Chunying", "f", "cn", "Chinese Foreign Ministry spokeswoman", [], 4),
    ("Mao Ning", "f", "cn", "Chinese Foreign Ministry spokeswoman", [], 4),
    ("Li Qiang", "m", "cn", "Chinese Premier", [], 3),
    ("Antony Blinken", "m", "us", "US Secretary of State", ["Anthony Blinken"], 6),
    ("Joe Biden", "m", "us", "US President", ["Joseph Biden"], 7),
    ("Jake Sullivan", "m", "us", "US National Security Adviser", [], 3),
    ("Jens Stoltenberg", "m", "eu", "NATO Secretary General", [], 4),
    ("Josep Borrell", "m", "eu", "EU foreign policy chief", [], 3),
    ("Olaf Scholz", "m", "eu", "German Chancellor", [], 2),
    ("Emmanuel Macron", "m", "eu", "French President", [], 2),
    ("Volodymyr Zelensky", "m", "other", "Ukrainian President", ["Volodymyr Zelenskyy"], 4),
    ("Alexander Novak", "m", "ru", "Russian Deputy Prime Minister", ["Aleksandr Novak"], 2),
    ("Sergei Shoigu", "m", "ru", "Russian Defence Minister", ["Sergey Shoigu"], 2),
    ("Zhang Hanhui", "m", "cn", "Chinese ambassador to Russia", [], 2),
    ("Andrey Denisov", "m", "ru", "Russian ambassador to China", ["Andrei Denisov"], 2),
]

_ORGS = [
    ("the Kremlin", "ru", 4),
    ("China's Foreign Ministry", "cn", 3),
    ("the Russian Foreign Ministry", "ru", 3),
    ("the State Department", "us", 3),
    ("NATO", "eu", 2),
    ("the European Commission", "eu", 2),
    ("the Chinese Embassy in Moscow", "cn", 1),
    ("Gazprom", "ru", 2),
    ("the People's Bank of China", "cn", 1),
    ("the Pentagon", "us", 2),
]

_FIRST = {
    ("ru", "m"): [
        "Sergey",
        "Dmitry",
        "Alexei",
        "Mikhail",
        "Andrei",
        "Ivan",
        "Nikolai",
        "Pavel",
        "Yuri",
        "Konstantin",
        "Oleg",
        "Igor",
        "Viktor",
        "Fyodor",
        "Timofei",
        "Vasily",
        "Grigory",
        "Artyom",
        "Maxim",
        "Roman",
    ],
    ("ru", "f"): [
        "Maria",
        "Anna",
        "Elena",
        "Olga",
        "Tatiana",
        "Natalia",
        "Irina",
        "Svetlana",
        "Yulia",
        "Ekaterina",
    ],
    ("cn", "m"): [
        "Wei",
        "Hao",
        "Lei",
        "Yang",
        "Jianguo",
        "Qiang",
        "Zhiwei",
        "Haibo",
        "Wenbin",
        "Jian",
        "Feng",
        "Bo",
        "Xiaoming",
        "Dong",
        "Kai",
    ],
    ("cn", "f"): [
        "Jing",
        "Min",
        "Hong",
        "Ning",
        "Fang",
        "Yun",
        "Xiaoling",
        "Dongmei",
        "Lan",
        "Yue",
    ],
    ("us", "m"): [
        "John",
        "Michael",
        "David",
        "James",
        "Robert",
        "Thomas",
        "Daniel",
        "Mark",
        "Paul",
        "Andrew",
        "Peter",
        "Richard",
        "Samuel",
        "Evan",
    ],
    ("us", "f"): [
        "Sarah",
        "Emily",
        "Laura",
        "Anne",
        "Rachel",
        "Claire",
        "Susan",
        "Kathryn",
        "Bonnie",
        "Angela",
    ],
    ("eu", "m"): [
        "Thomas",
        "Jan",
        "Luca",
        "Pierre",
        "Martin",
        "Stefan",
        "Henrik",
        "Pawel",
        "Marco",
        "Jakob",
    ],
    ("eu", "f"): ["Sophie", "Katrin", "Ingrid", "Julia", "Marta", "Camille", "Agnieszka", "Elise"],
    ("other", "m"): ["Rajesh", "Kenji", "Yerlan", "Ahmet", "Arif", "Sung-min", "Vikram", "Hiroshi"],
    ("other", "f"): ["Priya", "Yuki", "Aigerim", "Leyla", "Ji-won", "Ananya"],
}
_LAST = {
    "ru": [
        "Ivanov",
        "Petrov",
        "Smirnov",
        "Volkov",
        "Kuznetsov",
        "Sokolov",
        "Lebedev",
        "Kozlov",
        "Novikov",
        "Morozov",
        "Orlov",
        "Belov",
        "Karaganov",
        "Lukin",
        "Kortunov",
        "Timofeev",
        "Kashin",
        "Bordachev",
        "Zakharov",
        "Pavlov",
        "Frolov",
        "Gusev",
        "Titov",
        "Baranov",
        "Krylov",
        "Zaitsev",
        "Sorokin",
        "Vinogradov",
        "Markov",
        "Yakovlev",
    ],
    "cn": [
        "Wang",
        "Li",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Zhao",
        "Huang",
        "Zhou",
        "Wu",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
        "Hu",
        "Guo",
        "He",
        "Gao",
        "Lin",
        "Luo",
        "Zheng",
        "Feng",
        "Shi",
        "Yan",
        "Cui",
        "Deng",
        "Tang",
        "Song",
    ],
    "us": [
        "Smith",
        "Miller",
        "Brown",
        "Johnson",
        "Glaser",
        "Stent",
        "Weitz",
        "Kofman",
        "Hart",
        "Carter",
        "Ellis",
        "Morgan",
        "Hughes",
        "Walsh",
        "Palmer",
        "Reed",
        "Hayes",
        "Foster",
        "Bennett",
        "Brooks",
        "Sullivan",
        "Parker",
    ],
    "eu": [
        "Fischer",
        "Weber",
        "Rossi",
        "Dubois",
        "Nowak",
        "Jensen",
        "Lindqvist",
        "Moreau",
        "Schneider",
        "Novak",
        "Bauer",
        "Kowalski",
    ],
    "other": [
        "Sharma",
        "Sato",
        "Nurlanov",
        "Yilmaz",
        "Khan",
        "Kim",
        "Tanaka",
        "Rao",
        "Park",
        "Suleimenov",
    ],
}
_RU_FEMININE = [("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")]
_RU_SPELLING = [
    ("Sergey", "Sergei"),
    ("Dmitry", "Dmitri"),
    ("Yuri", "Yury"),
    ("Alexei", "Aleksei"),
    ("Andrei", "Andrey"),
    ("Fyodor", "Fedor"),
    ("Tatiana", "Tatyana"),
    ("Natalia", "Natalya"),
    ("Yulia", "Yuliya"),
    ("Artyom", "Artem"),
]

_OFFICIAL_TITLES = {
    "ru": [
        "Russian Deputy Foreign Minister",
        "Russian Energy Minister",
        "Russian Economic Development Minister",
        "Kremlin deputy chief of staff",
        "Russian Foreign Ministry spokesman",
        "Russia's ambassador to the United States",
        "Russian presidential envoy",
        "State Duma deputy",
    ],
    "cn": [
        "Chinese Vice Foreign Minister",
        "Chinese Commerce Ministry spokesman",
        "Chinese Defence Ministry spokesman",
        "Chinese Vice Premier",
        "Chinese ambassador to the United States",
        "Chinese special envoy",
    ],
    "us": [
        "State Department spokesman",
        "White House press secretary",
        "Pentagon press secretary",
        "US Senator",
        "US ambassador to China",
        "US Deputy Secretary of State",
        "US Treasury Secretary",
    ],
    "eu": [
        "EU foreign policy spokesman",
        "NATO Deputy Secretary General",
        "German Foreign Minister",
        "Polish Foreign Minister",
        "French Finance Minister",
        "European Council President",
    ],
    "other": [
        "Indian External Affairs Minister",
        "Japanese Foreign Minister",
        "Kazakh Foreign Minister",
        "Turkish Foreign Minister",
        "Ukrainian Foreign Minister",
    ],
}
_INSTITUTIONS = [
    "the Carnegie Endowment for International Peace",
    "the Brookings Institution",
    "the Center for Strategic and International Studies",
    "the Valdai Discussion Club",
    "the Russian International Affairs Council",
    "the Higher School of Economics in Moscow",
    "Renmin University of China",
    "Fudan University",
    "Peking University",
    "Tsinghua University",
    "the Chinese Academy of Social Sciences",
    "the Moscow State Institute of International Relations",
    "Chatham House",
    "the Mercator Institute for China Studies",
    "the Institute of Far Eastern Studies",
    "the Atlantic Council",
    "Eurasia Group",
    "the Lowy Institute",
    "the Jamestown Foundation",
    "the International Institute for Strategic Studies",
    "Capital Economics",
    "the European Council on Foreign Relations",
    "the Center for a New American Security",
    "the Shanghai Institutes for International Studies",
]
_EXPERT_ROLES = [
    "a senior fellow at {inst}",
    "an associate professor at {inst}",
    "a researcher at {inst}",
    "an analyst at {inst}",
    "director of the China programme at {inst}",
    "head of Russian studies at {inst}",
    "a visiting scholar at {inst}",
    "an economist at {inst}",
    "a former diplomat who now teaches at {inst}",
    "deputy director of {inst}",
]


def _feminine(surname: str) -> str:
    for male, female in _RU_FEMININE:
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


def build_speakers(rng: random.Random, total: int = 200) -> list[Speaker]:
    speakers = [
        Speaker(name, name.split()[-1] if c != "cn" else name.split()[0], g, c, title, None, v, w)
        for name, g, c, title, v, w in _REAL
    ]
    speakers += [Speaker(n, n, "org", c, weight=w) for n, c, w in _ORGS]
    seen = {s.name for s in speakers}
    countries = ["ru"] * 35 + ["cn"] * 35 + ["us"] * 15 + ["eu"] * 10 + ["other"] * 5
    while len(speakers) < total:
        country = rng.choice(countries)
        gender = "f" if rng.random() < 0.35 else "m"
        first = rng.choice(_FIRST[(country, gender)])
        last = rng.choice(_LAST[country])
        if country == "ru" and gender == "f":
            last = _feminine(last)
        name = f"{last} {first}" if country == "cn" else f"{first} {last}"
        if name in seen:
            continue
        seen.add(name)
        variants = []
        for a, b in _RU_SPELLING:
            if country == "ru" and first == a:
                variants.append(f"{b} {last}")
        if rng.random() < 0.45:
            title = rng.choice(_OFFICIAL_TITLES[country])
            sp = Speaker(name, last, gender, country, title=title, variants=variants)
        else:
            role = rng.choice(_EXPERT_ROLES).format(inst=rng.choice(_INSTITUTIONS))
            sp = Speaker(name, last, gender, country, appositive=role, variants=variants)
        sp.weight = rng.choice([0.3, 0.5, 1, 1, 1.5, 2])
        speakers.append(sp)
    return speakers


# --------------------------------------------------------------------------- statements

_SELF = {
    "ru": ["Russia", "Moscow", "our country"],
    "cn": ["China", "Beijing", "our country"],
    "us": ["the United States", "Washington", "America"],
    "eu": ["Europe", "the European Union", "our alliance"],
    "other": ["our country", "our government", "the region"],
}
_PARTNER = {
    "ru": ["China", "Beijing", "our Chinese friends"],
    "cn": ["Russia", "Moscow", "our Russian friends"],
    "us": ["our allies", "our partners in Europe and Asia", "the G7"],
    "eu": ["the United States", "our transatlantic partners", "Kyiv"],
    "other": ["our neighbours", "both Moscow and Beijing", "our partners"],
}
_RIVAL = {
    "ru": ["the West", "Washington", "NATO", "the United States and its allies"],
    "cn": ["the United States", "Washington", "certain Western countries", "some politicians"],
    "us": ["Moscow and Beijing", "Russia and China", "the Kremlin", "Beijing"],
    "eu": ["Moscow", "the Kremlin", "Russia and China", "Beijing"],
    "other": ["the great powers", "outside forces", "Washington and Moscow"],
}
_W = {
    "relation": [
        "our relationship",
        "our partnership",
        "our cooperation",
        "our comprehensive strategic partnership",
        "the friendship between our peoples",
        "our ties",
    ],
    "quality": [
        "at its highest level in history",
        "stronger than ever",
        "mature and stable",
        "not directed against any third country",
        "based on equality and mutual respect",
        "rock solid",
        "unprecedentedly close",
    ],
    "undermine": [
        "undermine",
        "shake",
        "drive a wedge into",
        "weaken",
        "disrupt",
    ],
    "bad_action": [
        "interfere in the internal affairs of sovereign states",
        "impose unilateral sanctions",
        "expand military blocs",
        "contain our development",
        "politicize trade and technology",
        "revive a Cold War mentality",
        "create closed military alliances",
        "use human rights as a pretext",
        "politicize sport",
        "weaponize the dollar",
    ],
    "goal": [
        "its stated goals",
        "anything but higher prices",
        "the isolation of our economy",
        "a change in our policy",
        "an end to our cooperation",
    ],
    "field": [
        "energy",
        "trade",
        "agriculture",
        "space",
        "nuclear power",
        "transport",
        "the digital economy",
        "finance",
        "education",
        "military-technical",
        "Arctic",
        "humanitarian",
    ],
    "project": [
        "the Power of Siberia 2 pipeline",
        "the Northern Sea Route",
        "the new bridge over the Amur",
        "the joint lunar research station",
        "the wide-body airliner programme",
        "the Yamal LNG project",
        "payments in national currencies",
        "the Belt and Road Initiative",
        "the Eurasian Economic Union",
    ],
    "time": [
        "in the coming years",
        "by 2030",
        "next year",
        "in the near future",
        "this year",
        "over the next decade",
    ],
    "crisis": [
        "the Ukraine crisis",
        "the situation on the Korean Peninsula",
        "the Iranian nuclear issue",
        "the conflict in the Middle East",
        "the Afghan settlement",
        "tensions in the Taiwan Strait",
    ],
    "principle": [
        "the UN Charter",
        "international law",
        "the principle of indivisible security",
        "non-interference",
        "multilateralism",
        "dialogue and consultation",
    ],
    "intensity": ["very", "extremely", "deeply", "seriously", "increasingly"],
    "feeling": ["concerned", "worried", "alarmed", "disappointed", "troubled"],
    "verb_coop": ["deepen", "expand", "strengthen", "develop", "broaden"],
    "adj_bad": ["dangerous", "irresponsible", "short-sighted", "provocative", "destabilizing"],
    "percent": [str(x) for x in range(3, 48)],
    "number": [str(x) for x in range(2, 40)],
    "asset": [
        "Russian oil",
        "Chinese microchips",
        "Russian gas",
        "Chinese machinery",
        "Russian grain",
        "Chinese cars",
    ],
    "analysis_subject": [
        "Beijing's calculation",
        "Moscow's strategy",
        "the Kremlin's bet",
        "China's position",
        "Russia's pivot to the East",
        "Xi's approach",
        "Putin's gamble",
    ],
    "analysis_adj": ["simple", "pragmatic", "transactional", "long-term", "cautious", "risky"],
    "phrase": [
        "no limits",
        "back to back",
        "old friend",
        "best friend",
        "a new era",
        "rules-based order",
        "even exceeds an alliance",
        "playing with fire",
        "Cold War mentality",
        "bloc confrontation",
        "unipolar world",
        "drive a wedge",
        "small yard, high fence",
        "pivot to the East",
        "multipolar world",
        "red lines",
        "shoulder to shoulder",
        "win-win",
        "sphere of influence",
        "limitless friendship",
        "junior partner",
        "marriage of convenience",
        "axis of upheaval",
        "decoupling",
        "de-risking",
    ],
}

_STATEMENT_TEMPLATES = {
    "official": [
        "{relation} is {quality}, and no one will be able to {undermine} it.",
        "{Relation} is {quality}. It is not an alliance, but it is more than an alliance.",
        "We firmly oppose any attempt to {bad_action}.",
        "{Self} will never accept attempts to {bad_action}.",
        "{Rival} must stop trying to {bad_action} and return to {principle}.",
        "The sanctions imposed by {rival} have failed to achieve {goal}.",
        "Trade between {self} and {partner} grew by {percent} percent {time_past}, and we expect"
        " further growth {time}.",
        "We are ready to {verb_coop} cooperation with {partner} in {field} and {field2}.",
        "There are no limits to our cooperation, and there are no forbidden zones, including in"
        " {field}.",
        "We will continue to {verb_coop} our ties in {field}, whatever {rival} may say.",
        "{Rival} is playing with fire over {crisis}.",
        "The agreements we signed today open a new chapter in {field} cooperation.",
        "I have no doubt that {project} will be completed {time}.",
        "Work on {project} is going according to plan, and the first results will be seen {time}.",
        "We are {intensity} {feeling} by the actions of {rival} regarding {crisis}.",
        "The position of {self} on {crisis} is consistent and clear: it must be resolved through"
        " {principle}.",
        "Why should {self} apologize for defending its own interests?",
        "Who gave {rival} the right to lecture others about {principle}?",
        "It is {adj_bad} to talk about {crisis} in the language of ultimatums.",
        "We don't need anyone's permission to {verb_coop} ties with {partner}.",
        "{Self}'s door is always open for dialogue, but dialogue must be based on {principle}.",
        "We have agreed to {verb_coop} cooperation in {field}, and our teams are already at work.",
        "The share of national currencies in our trade has already exceeded {percent} percent.",
        "We will respond to any {adj_bad} steps, and our response will be proportionate.",
        "{Rival} says it wants dialogue, but its actions say the opposite.",
        "Nobody can isolate a country like {self}; that is simply impossible.",
        "Our teams held {number} rounds of consultations on {crisis} {time_past}.",
    ],
    "western": [
        "We are {intensity} {feeling} about the deepening ties between {rival} on {field}.",
        "{Rival} cannot have it both ways: it cannot claim neutrality on {crisis} and supply"
        " {asset}.",
        "Any company that helps {rival} evade sanctions will face consequences.",
        "We will continue to stand with {partner} for as long as it takes.",
        "The partnership between Moscow and Beijing is {adj_bad} for everyone who believes in"
        " {principle}.",
        "We have made clear to {rival} that there will be costs if it crosses that line.",
        "This is not a relationship of equals, and everyone in Moscow knows it.",
        "The so-called peace plan is nothing more than an attempt to freeze {crisis}.",
        "We are not seeking a new Cold War, but we will defend {principle}.",
        "{Rival} is testing our resolve, and we will not be intimidated.",
        "Our sanctions have already cut {rival}'s access to {asset} by {percent} percent.",
        "We will coordinate closely with {partner} on our next steps {time}.",
    ],
    "expert": [
        "{Analysis_subject} is {analysis_adj}: it needs {asset}, and it needs markets.",
        "What we are seeing is a marriage of convenience, not a genuine alliance.",
        "Moscow has become the junior partner, and that is a very uncomfortable role for the"
        " Kremlin.",
        "Beijing will not sacrifice its access to Western markets for the sake of Moscow.",
        "The more pressure the West puts on Moscow and Beijing, the closer they will become.",
        "Trade figures tell you a lot: {percent} percent growth does not happen by accident.",
        "I don't think {project} will be finished {time}; the price talks are far from over.",
        "For China, Russia is a strategic rear; for Russia, China is an economic lifeline.",
        "The Kremlin needs Beijing more than Beijing needs the Kremlin.",
        "Neither side wants a formal alliance, because an alliance would mean obligations.",
        "China's banks are {intensity} cautious, because secondary sanctions are a real risk.",
        "{Analysis_subject} is not about ideology; it is about {field} and about survival.",
        "You have to look at what they do, not at what they sign.",
        "It's a relationship built on a shared grievance against the West.",
        "The phrase \u2018no limits\u2019 was always more rhetoric than reality.",
        "Both leaders want to show that the West's attempts to isolate them have failed.",
        "In {field}, the dependence is already {intensity} asymmetric.",
        "The summit produced {number} documents, but very few concrete commitments.",
    ],
}
_TIME_PAST = ["last year", "in the first quarter", "over the past five years", "in 2023", "in 2022"]

SYNONYMS = {
    "cooperation": ["partnership", "collaboration"],
    "strengthen": ["deepen", "reinforce"],
    "deepen": ["strengthen", "expand"],
    "never": ["not"],
    "firmly": ["resolutely", "strongly"],
    "must": ["should", "has to"],
    "very": ["really", "extremely"],
    "simply": ["just", "absolutely"],
    "important": ["significant"],
    "attempts": ["efforts", "any attempts"],
    "stop": ["give up", "abandon"],
    "ready": ["prepared", "willing"],
    "opens": ["marks"],
    "open": ["mark"],
    "agreed": ["decided"],
    "continue": ["keep working"],
    "dangerous": ["reckless"],
    "uncomfortable": ["awkward"],
}
_HEDGES = [
    "I want to stress that ",
    "Frankly, ",
    "As I have said many times, ",
    "Let me be clear: ",
    "I think ",
    "Of course, ",
    "We believe that ",
    "I would like to note that ",
]
_TAILS = [
    ", and everyone understands that",
    " \u2014 this is absolutely clear",
    ", I can assure you",
    ", whatever anyone says",
    ", and that will not change",
]


@dataclass
class Statement:
    text: str
    owner: int  # index into the speaker pool
    popularity: float


def _fill(template: str, rng: random.Random, sp: Speaker) -> str:
    self_ = _SELF[sp.country]
    values = {
        "self": rng.choice(self_),
        "partner": rng.choice(_PARTNER[sp.country]),
        "rival": rng.choice(_RIVAL[sp.country]),
        "time_past": rng.choice(_TIME_PAST),
        "relation": rng.choice(_W["relation"]),
        "analysis_subject": rng.choice(_W["analysis_subject"]),
    }
    for key, words in _W.items():
        if key not in values:
            values[key] = rng.choice(words)
    values["field2"] = rng.choice([w for w in _W["field"] if w != values["field"]])

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        value = values[key.lower()]
        return value[:1].upper() + value[1:] if key[0].isupper() else value

    text = re.sub(r"\{(\w+)\}", sub, template)
    return text[:1].upper() + text[1:]


def build_statements(
    rng: random.Random, speakers: list[Speaker], total: int = 2000
) -> list[Statement]:
    people = [i for i, s in enumerate(speakers)]
    weights = [s.weight for s in speakers]
    out: list[Statement] = []
    seen: set[str] = set()
    while len(out) < total:
        owner = rng.choices(people, weights)[0]
        sp = speakers[owner]
        if sp.appositive:
            kind = "expert"
        elif sp.country in ("us", "eu") or (sp.country == "other" and rng.random() < 0.5):
            kind = "western"
        else:
            kind = "official"
        text = _fill(rng.choice(_STATEMENT_TEMPLATES[kind]), rng, sp)
        if text in seen:
            continue
        seen.add(text)
        out.append(Statement(text, owner, rng.paretovariate(1.2)))
    return out


_COMMON_FIRST = {
    "The",
    "We",
    "Our",
    "It",
    "There",
    "Any",
    "This",
    "Nobody",
    "Work",
    "Neither",
    "Both",
    "What",
    "You",
    "Trade",
    "Why",
    "Who",
    "In",
    "For",
    "Some",
    "Certain",
    "Outside",
}


def lc_first(text: str) -> str:
    """Lower-case the first word when it is an ordinary word, not a name."""
    first = text.split(" ", 1)[0].rstrip(",:;")
    return text[:1].lower() + text[1:] if first in _COMMON_FIRST else text


def vary(text: str, rng: random.Random) -> str:
    """The statement as one outlet quoted it: often verbatim, else slightly edited."""
    r = rng.random()
    if r < 0.5:
        return text
    if r < 0.72:
        words = text.split(" ")
        spots = [i for i, w in enumerate(words) if w.strip(",.;:?") in SYNONYMS]
        if spots:
            i = rng.choice(spots)
            bare = words[i].strip(",.;:?")
            words[i] = words[i].replace(bare, rng.choice(SYNONYMS[bare]))
            return " ".join(words)
        return text
    if r < 0.85:
        if text.startswith(("I ", "We ", "Why ", "Who ")):
            return text
        return rng.choice(_HEDGES) + lc_first(text)
    if r < 0.93 and text.endswith("."):
        return text[:-1] + rng.choice(_TAILS) + "."
    # Cut at a clause boundary: outlets quote only part of a long sentence.
    for sep in ("; ", ", and ", ", but ", ": "):
        if sep in text:
            head = text.split(sep, 1)[0]
            if len(head) > 30:
                return head + "."
    return text


# --------------------------------------------------------------------------- articles

# Quote marks are written as these placeholders and rendered per article style.
OD, CD, OS, CS = "\x01", "\x02", "\x03", "\x04"
_CURLY = {OD: "\u201c", CD: "\u201d", OS: "\u2018", CS: "\u2019"}
_STRAIGHT = {OD: '"', CD: '"', OS: "'", CS: "'"}

_OUTLETS = [
    ("Reuters", "reuters.com", "wire"),
    ("Associated Press", "apnews.com", "wire"),
    ("Agence France-Presse", "afp.com", "wire"),
    ("South China Morning Post", "scmp.com", "paper"),
    ("The Moscow Times", "themoscowtimes.com", "paper"),
    ("Asia Times", "asiatimes.com", "analysis"),
    ("Eurasia Daily Monitor", "jamestown.org", "analysis"),
    ("Nikkei Asia", "asia.nikkei.com", "paper"),
    ("The Diplomat", "thediplomat.com", "analysis"),
    ("Financial Times", "ft.com", "paper"),
    ("Radio Free Europe/Radio Liberty", "rferl.org", "paper"),
    ("Al Jazeera", "aljazeera.com", "paper"),
    ("Deutsche Welle", "dw.com", "paper"),
    ("The Guardian", "theguardian.com", "paper"),
    ("Meduza", "meduza.io", "paper"),
]
_REPORTERS = [
    "Anna Petrova",
    "Guy Faulconbridge",
    "Laurie Chen",
    "Andrew Osborn",
    "Yew Lun Tian",
    "Olga Tanas",
    "Michael Martina",
    "Ben Blanchard",
    "Polina Ivanova",
    "Finbarr Bermingham",
    "Kinling Lo",
    "Amy Hawkins",
    "Sam Skove",
    "Maria Kiselyova",
    "Tom Balmforth",
    "Paul Goble",
    "Pavel Felgenhauer",
    "M K Bhadrakumar",
    "Shannon Tiezzi",
    "Laura Zhou",
    "Vladimir Soldatkin",
    "Elaine Lies",
    "Jake Cordell",
    "Joanna Chiu",
    "Dmitry Antonov",
    "Liz Lee",
    "Sergei Karpukhin",
    "Emily Feng",
    "Catherine Belton",
    "Max Seddon",
]
_CITIES = [
    ("MOSCOW", "Moscow"),
    ("BEIJING", "Beijing"),
    ("WASHINGTON", "Washington"),
    ("BRUSSELS", "Brussels"),
    ("VLADIVOSTOK", "Vladivostok"),
    ("SHANGHAI", "Shanghai"),
    ("HONG KONG", "Hong Kong"),
    ("ASTANA", "Astana"),
    ("SAMARKAND", "Samarkand"),
    ("KAZAN", "Kazan"),
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EVENTS = [
    "the Shanghai Cooperation Organisation summit",
    "the BRICS summit",
    "the G7 meeting in Japan",
    "the Eastern Economic Forum",
    "the Belt and Road Forum",
    "a phone call between the two leaders",
    "the latest round of Western sanctions",
    "NATO's summit in Vilnius",
    "the St Petersburg International Economic Forum",
    "joint naval drills in the Sea of Japan",
]
_TITLE_TEMPLATES = [
    "{a} and {b} pledge to {verb} {field} ties",
    "{a}'s {leader} hails '{phrase}' partnership with {b}",
    "{b} says ties with {a} 'not directed against third countries'",
    "Analysis: Why {a} needs {b} more than ever",
    "{a}-{b} trade hits record as sanctions bite",
    "West warns {b} over support for {a}",
    "{leader} to visit {city} as {a} courts {b}",
    "How the '{phrase}' partnership is changing {field}",
    "{a} and {b} sign {n} deals at {event}",
    "Explainer: What {event} means for {a} and {b}",
]
_NARRATIVE = [
    "The visit comes {weeks} weeks after {event}, where the two sides pledged to {verb} ties.",
    "Trade between Russia and China reached ${money} billion in {year}, according to Chinese"
    " customs data, up {percent} percent on the year before.",
    "The two sides signed {n} agreements covering {field}, {field2} and {field3}.",
    "Western governments have accused Beijing of supplying Russia with dual-use goods, which"
    " China denies.",
    "The talks in {city} lasted about {hours} hours, according to officials familiar with the"
    " schedule.",
    "Russia's economy has been reshaped by sanctions, with China now its largest trading partner.",
    "China has not condemned Moscow's actions in Ukraine and has called for talks.",
    "Energy has been at the heart of the relationship since the {year} gas deal.",
    "Neither government published the full text of the documents signed on {weekday}.",
    "The Power of Siberia 2 pipeline would carry up to {n} billion cubic metres of gas a year"
    " to China's northeast.",
    "Officials in {city} declined to give details of the talks, citing the sensitivity of the"
    " subject.",
    "Chinese exports of cars to Russia rose {percent} percent in the first {months} months of the"
    " year.",
    "The meeting on {weekday} was the {ordinal} between the two leaders since {year}.",
    "Russia's central bank has increased the share of yuan in its reserves.",
    "Washington has threatened secondary sanctions against banks that help Moscow.",
    "Xi’s government has repeatedly said it is not a party to the conflict.",
    "The ruble and yuan now account for most payments between the two countries.",
    "Diplomats in {city} said preparations for the visit had taken {months} months.",
    "Both capitals have stepped up joint military exercises since {year}.",
    "The two leaders also discussed {crisis}, according to a readout published after the talks.",
    "Several Chinese banks have tightened checks on payments from Russia, traders say.",
    "It was not immediately clear whether the two sides had agreed on the price of gas.",
]
_SCARE = [
    "Analysts say the so-called {Q}{phrase}{Q_} partnership has clear limits.",
    "Critics dismiss the idea of a {Q}{phrase}{Q_} as wishful thinking.",
    "Officials in both capitals describe the relationship as {Q}{phrase}{Q_}.",
    "State media called the talks a sign of a {Q}{phrase}{Q_} in bilateral ties.",
    "The {Q}{phrase}{Q_} rhetoric has alarmed governments in Europe.",
]
_REPORTED = [
    "the two countries would {verb} cooperation in {field}",
    "{crisis} could only be settled through talks",
    "the sanctions had failed",
    "trade could grow by a further {percent} percent",
    "the talks had been constructive",
    "no decision on the pipeline had been taken yet",
    "the relationship was not directed against anyone",
    "Western pressure was pushing Moscow and Beijing closer together",
    "Beijing was being careful not to breach sanctions",
    "the partnership had limits that neither side talked about",
    "the visit would include talks on {field} and {field2}",
]
_ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "10th", "40th", "42nd"]


@dataclass
class _Ctx:
    rng: random.Random
    speakers: list[Speaker]
    statements: list[Statement]
    by_owner: dict[int, list[int]]
    cast: list[int]  # speakers this story is about
    by_country: dict[str, list[int]]
    mentioned: set[int] = field(default_factory=set)
    used: set[int] = field(default_factory=set)  # statements already quoted in this article
    used_narrative: set[int] = field(default_factory=set)
    last: int | None = None  # last speaker named (for "he added")


def _ref(ctx: _Ctx, i: int, *, subject: bool = True) -> str:
    """How the article names speaker ``i`` now: full on first mention, short afterwards."""
    sp = ctx.speakers[i]
    rng = ctx.rng
    if sp.is_org:
        name = sp.name
        return name[:1].upper() + name[1:] if subject else name
    if i in ctx.mentioned:
        r = rng.random()
        if r < 0.75:
            return sp.surname
        if r < 0.85 and sp.country not in ("cn",):
            return ("Mr " if sp.gender == "m" else "Ms ") + sp.surname
        return sp.name
    ctx.mentioned.add(i)
    name = rng.choice(sp.variants) if sp.variants and rng.random() < 0.3 else sp.name
    if sp.title:
        return f"{sp.title} {name}"
    return f"{name}, {sp.appositive},"


def _pron(ctx: _Ctx, i: int) -> str:
    g = ctx.speakers[i].gender
    return {"m": "he", "f": "she"}.get(g, "it")


def _pick_statement(ctx: _Ctx, speaker: int) -> str:
    rng = ctx.rng
    own = [j for j in ctx.by_owner.get(speaker, ()) if j not in ctx.used]
    if own and rng.random() < 0.85:
        k = rng.choices(own, [ctx.statements[j].popularity for j in own])[0]
    else:
        # Someone else's line from the same camp: misattributed, or the party line.
        pool = ctx.by_country[ctx.speakers[speaker].country]
        k = rng.choice(pool)
        for _ in range(5):
            if k not in ctx.used:
                break
            k = rng.choice(pool)
    ctx.used.add(k)
    return vary(ctx.statements[k].text, rng)


def _comma_end(s: str) -> str:
    """A quote that a cue follows: “…,” said X — but “…?” asked X."""
    return s[:-1] + "," if s.endswith(".") else s


def _speaker(ctx: _Ctx) -> int:
    i = ctx.rng.choice(ctx.cast)
    return i


def _with_phrase(template: str, ctx: _Ctx) -> str:
    return template.format(
        Q=OD,
        Q_=CD,
        phrase=ctx.rng.choice(_W["phrase"]),
    )


def _narrative_sentence(ctx: _Ctx) -> str:
    rng = ctx.rng
    fields = rng.sample(_W["field"], 3)
    values = {
        "n": rng.choice(_W["number"]),
        "hours": str(rng.randint(2, 9)),
        "months": str(rng.randint(2, 11)),
        "weeks": str(rng.randint(1, 12)),
        "event": rng.choice(_EVENTS),
        "verb": rng.choice(_W["verb_coop"]),
        "money": f"{rng.randint(90, 260)}.{rng.randint(0, 9)}",
        "year": str(rng.randint(2012, 2024)),
        "percent": rng.choice(_W["percent"]),
        "field": fields[0],
        "field2": fields[1],
        "field3": fields[2],
        "city": rng.choice(_CITIES)[1],
        "weekday": rng.choice(_WEEKDAYS),
        "ordinal": rng.choice(_ORDINALS),
        "crisis": rng.choice(_W["crisis"]),
    }
    r = rng.random()
    if r < 0.12:
        return _with_phrase(rng.choice(_SCARE), ctx)
    if r < 0.22 and ctx.mentioned:
        # Reported speech: no quote marks at all.
        i = rng.choice(sorted(ctx.mentioned))
        clause = rng.choice(_REPORTED).format(**values)
        verb = rng.choice(["told reporters", "said", "said on " + values["weekday"], "argued"])
        return f"{_ref(ctx, i).rstrip(',')} {verb} that {clause}."
    k = rng.randrange(len(_NARRATIVE))
    for _ in range(4):
        if k not in ctx.used_narrative:
            break
        k = rng.randrange(len(_NARRATIVE))
    ctx.used_narrative.add(k)
    return _NARRATIVE[k].format(**values)


def _p_narrative(ctx: _Ctx, budget: int) -> list[str]:
    out = []
    size = 0
    while size < budget or not out:
        s = _narrative_sentence(ctx)
        out.append(s)
        size += len(s) + 1
        if len(out) >= 5:
            break
    return [" ".join(out)]


def _stmts(ctx: _Ctx, who: int, budget: int, most: int = 3) -> str:
    parts = [_pick_statement(ctx, who)]
    while len(parts) < most and sum(map(len, parts)) < budget - 120:
        parts.append(_pick_statement(ctx, who))
    return " ".join(parts)


def _p_colon(ctx: _Ctx, budget: int) -> list[str]:
    who = _speaker(ctx)
    ref = _ref(ctx, who).rstrip(",")
    ctx.last = who
    verb = ctx.rng.choice(["said", "said", "told reporters", "wrote", "stressed", "declared"])
    return [f"{ref} {verb}: {OD}{_stmts(ctx, who, budget, most=4)}{CD}"]


def _p_after(ctx: _Ctx, budget: int) -> list[str]:
    rng = ctx.rng
    who = _speaker(ctx)
    body = _comma_end(_stmts(ctx, who, budget, most=2))
    sp = ctx.speakers[who]
    ref = _ref(ctx, who)
    verb = rng.choice(["said", "said", "said", "added", "noted", "told reporters", "insisted"])
    if body.endswith("?"):
        verb = "asked"
    if sp.is_org:
        tail = f"{ref[:1].lower() + ref[1:]} said in a statement"
    elif ref.endswith(","):  # "Name, a senior fellow at X,"
        tail = f"{ref} {verb}"
    elif rng.random() < 0.5 and "," not in ref:
        tail = f"{verb} {ref}" if verb != "told reporters" else f"{ref} {verb}"
    else:
        tail = f"{ref} {verb}"
    ctx.last = who
    extra = ""
    if rng.random() < 0.3 or budget - len(body) > 350:
        extra = " " + _narrative_sentence(ctx)
    return [f"{OD}{body}{CD} {tail}.{extra}"]


def _p_pronoun(ctx: _Ctx, budget: int) -> list[str]:
    if ctx.last is None or ctx.speakers[ctx.last].is_org:
        return _p_after(ctx, budget)
    who = ctx.last
    body = _comma_end(_pick_statement(ctx, who))
    verb = "asked" if body.endswith("?") else ctx.rng.choice(["added", "said", "continued"])
    return [f"{OD}{body}{CD} {_pron(ctx, who)} {verb}."]


def _p_according(ctx: _Ctx, budget: int) -> list[str]:
    who = _speaker(ctx)
    ref = _ref(ctx, who).rstrip(",")
    ctx.last = who
    return [f"According to {ref}, {OD}{_stmts(ctx, who, budget, most=2)}{CD}"]


def _p_phrases(ctx: _Ctx, budget: int) -> list[str]:
    """Short quoted phrases inside a sentence: Xi called Putin an “old friend”."""
    rng = ctx.rng
    who = _speaker(ctx)
    ref = _ref(ctx, who).rstrip(",")
    a, b = rng.sample(_W["phrase"], 2)
    shape = rng.randrange(4)
    if shape == 0:
        s = f"{ref} described the relationship as {OD}{a}{CD} and warned against {OD}{b}.{CD}"
    elif shape == 1:
        s = f"{ref} said the two countries stood {OD}{a}{CD} on {rng.choice(_W['crisis'])}."
    elif shape == 2:
        s = (
            f"In a speech in {rng.choice(_CITIES)[1]}, {ref} accused {rng.choice(_RIVAL['ru'])}"
            f" of promoting a {OD}{a}{CD} and of pursuing a {OD}{b}{CD} policy."
        )
    else:
        poss = {"m": "his", "f": "her"}.get(ctx.speakers[who].gender, "its")
        s = f"{ref} told the forum that {OD}{a}{CD} was {OD}{b},{CD} in {poss} words."
    ctx.last = who
    more = _p_narrative(ctx, max(0, budget - len(s)))[0] if budget - len(s) > 150 else ""
    return [s + (" " + more if more else "")]


def _p_nested(ctx: _Ctx, budget: int) -> list[str]:
    rng = ctx.rng
    who = _speaker(ctx)
    phrase = rng.choice(_W["phrase"])
    rival = rng.choice(_RIVAL[ctx.speakers[who].country])
    inner = rng.choice(
        [
            f"When {rival} talks about a {OS}{phrase}{CS} it means rules written by itself",
            f"They keep repeating the words {OS}{phrase}{CS} as if that explains anything",
            f"Nobody here uses the term {OS}{phrase}.{CS} That is a Western invention",
            f"Some people say {OS}{phrase},{CS} but the reality is more complicated",
        ]
    )
    ref = _ref(ctx, who)
    ctx.last = who
    if ref.endswith(","):
        return [f"{OD}{inner},{CD} {ref} said."]
    return [f"{OD}{inner},{CD} {ref} said. {OD}{_pick_statement(ctx, who)}{CD}"]


def _p_block(ctx: _Ctx, budget: int) -> list[str]:
    """A multi-paragraph quotation: every piece opens, only the last closes."""
    rng = ctx.rng
    who = _speaker(ctx)
    ref = _ref(ctx, who).rstrip(",")
    ctx.last = who
    intro = rng.choice(
        [
            f"{ref} said:",
            f"In his remarks, {ref} said:" if ctx.speakers[who].gender == "m" else f"{ref} said:",
            f"Speaking after the talks, {ref} said:",
            f"{ref} wrote in an article published on {rng.choice(_WEEKDAYS)}:",
        ]
    )
    pieces = [f"{OD}{_stmts(ctx, who, budget, most=2)}" for _ in range(rng.randint(2, 3))]
    pieces[-1] += CD
    return [intro, *pieces]


def _p_briefing(ctx: _Ctx, budget: int) -> list[str]:
    rng = ctx.rng
    officials = [i for i in ctx.cast if ctx.speakers[i].title]
    who = rng.choice(officials) if officials else _speaker(ctx)
    ref = _ref(ctx, who).rstrip(",")
    ctx.last = who
    where = rng.choice(["a regular news briefing", "reporters", "a press conference"])
    lead = f"{ref} told {where} on {rng.choice(_WEEKDAYS)}"
    return [f"{lead} that {OD}{lc_first(_pick_statement(ctx, who))}{CD}"]


_SHAPES = [
    (_p_narrative, 22),
    (_p_colon, 10),
    (_p_after, 16),
    (_p_pronoun, 9),
    (_p_according, 6),
    (_p_phrases, 8),
    (_p_nested, 5),
    (_p_block, 4),
    (_p_briefing, 5),
]


def _render(text: str, style: str, rng: random.Random) -> str:
    if style == "curly":
        text = text.replace("'", "\u2019")
        return text.translate({ord(k): v for k, v in _CURLY.items()})
    if style == "straight":
        text = text.replace("\u2019", "'").replace("\u2018", "'")
        return text.translate({ord(k): v for k, v in _STRAIGHT.items()})

    # Mixed: copy pasted from several sources; each mark independently.
    def one(m: re.Match[str]) -> str:
        c = m.group(0)
        if c in _CURLY:
            return _CURLY[c] if rng.random() < 0.8 else _STRAIGHT[c]
        return "\u2019" if rng.random() < 0.5 else "'"

    return re.sub(r"[\x01-\x04']", one, text)


class CorpusGenerator:
    """Pools built once from the seed; ``article(i)`` depends only on (seed, i)."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        rng = random.Random(f"tracker-bench-pools-{seed}")
        self.speakers = build_speakers(rng)
        self.statements = build_statements(rng, self.speakers)
        self.by_owner: dict[int, list[int]] = {}
        for k, st in enumerate(self.statements):
            self.by_owner.setdefault(st.owner, []).append(k)
        self.by_country: dict[str, list[int]] = {}
        for k, st in enumerate(self.statements):
            self.by_country.setdefault(self.speakers[st.owner].country, []).append(k)
        self._people = list(range(len(self.speakers)))
        self._weights = [s.weight for s in self.speakers]

    def article(self, i: int) -> dict:
        rng = random.Random(f"tracker-bench-article-{self.seed}-{i}")
        outlet, domain, kind = rng.choice(_OUTLETS)
        cast = []
        while len(cast) < rng.randint(2, 4):
            k = rng.choices(self._people, self._weights)[0]
            if k not in cast:
                cast.append(k)
        ctx = _Ctx(rng, self.speakers, self.statements, self.by_owner, cast, self.by_country)
        published = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
        n_paras = rng.randint(8, 25)
        target = rng.randint(4200, 7600)
        style = rng.choices(["curly", "straight", "mixed"], [6, 3, 1])[0]

        a_country, b_country = rng.sample(["Russia", "China"], 2)
        title = rng.choice(_TITLE_TEMPLATES).format(
            a=a_country,
            b=b_country,
            verb=rng.choice(_W["verb_coop"]),
            field=rng.choice(_W["field"]),
            leader=rng.choice(["president", "foreign minister", "leader"]),
            phrase=rng.choice(_W["phrase"]),
            city=rng.choice(_CITIES)[1],
            n=rng.choice(_W["number"]),
            event=rng.choice(_EVENTS),
        )
        title = title[:1].upper() + title[1:]
        author = rng.choice(_REPORTERS)
        city_caps, _city = rng.choice(_CITIES)

        paras: list[str] = []
        head: list[str] = []
        if rng.random() < 0.5:
            head.append(title)
        if kind != "wire" and rng.random() < 0.6:
            head.append(f"By {author}")
        lead = _narrative_sentence(ctx)
        if kind == "wire":
            lead = f"{city_caps}, {published:%B} {published.day} ({outlet}) \u2014 " + lead
        paras.append(lead)

        shapes, weights = zip(*_SHAPES, strict=True)
        n_body = n_paras - len(head) - 1  # the reporting line closes the article
        narrative = [0]  # paragraphs that can take another sentence
        while len(paras) < n_body:
            size = sum(len(p) + 2 for p in paras)
            left = max(1, n_body - len(paras))
            budget = max(150, (target - size) // left)
            shape = rng.choices(shapes, weights)[0]
            if shape is _p_block and len(paras) + 4 > n_body:
                shape = _p_after
            if shape is _p_narrative:
                narrative.append(len(paras))
            paras.extend(shape(ctx, budget))
        # Towards the size target without changing the paragraph count much:
        # drop whole unquoted paragraphs when long, lengthen them when short.
        while (
            sum(len(p) + 2 for p in paras) > target + 500
            and len(narrative) > 1
            and (len(paras) + len(head) + 1 > 8)
        ):
            k = narrative.pop()
            del paras[k]
        quoting = [sh for sh in shapes if sh not in (_p_narrative, _p_block)]
        quoting_w = [w for sh, w in _SHAPES if sh in quoting]
        while (size := sum(len(p) + 2 for p in paras)) < target - 300:
            if len(paras) + len(head) + 1 < 25 and rng.random() < 0.7:
                paras.extend(rng.choices(quoting, quoting_w)[0](ctx, target - size))
                continue
            short = [k for k in narrative if len(paras[k]) < 900] or narrative
            k = rng.choice(short)
            paras[k] += " " + _narrative_sentence(ctx)
        tail = f"(Reporting by {author}; editing by {rng.choice(_REPORTERS)}) [story {i:07d}]"
        text = "\n\n".join([*head, *paras, tail])
        text = _render(text, style, rng)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]
        return {
            "title": _render(title, style, rng),
            "outlet": outlet,
            "author": author,
            "published": published.isoformat(),
            "url": f"https://www.{domain}/{published:%Y/%m/%d}/{slug}-{i:07d}",
            "text": text,
        }

    def articles(self, n: int, start: int = 0) -> Iterator[dict]:
        for i in range(start, start + n):
            yield self.article(i)


def write_corpus(path: Path, n: int, seed: int = 1) -> tuple[int, int]:
    """Write ``n`` articles as JSON Lines, one at a time; returns (articles, text bytes)."""
    gen = CorpusGenerator(seed)
    text_bytes = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for record in gen.articles(n):
            text_bytes += len(record["text"].encode("utf-8"))
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
    tmp.replace(path)
    return n, text_bytes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="JSONL file to write")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, metavar="I", help="print article I's text and exit")
    args = ap.parse_args(argv)
    if args.show is not None:
        rec = CorpusGenerator(args.seed).article(args.show)
        print(json.dumps({k: v for k, v in rec.items() if k != "text"}, ensure_ascii=False))
        print(rec["text"])
        return 0
    n, size = write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {n} articles, {size / 1e6:.1f} MB of text, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

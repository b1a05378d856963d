"""Regenerate ``tracker/attribution/data/given_names.txt`` from nomquamgender's name data.

    python benchmarks/given_names_data.py PATH/TO/name_data.json           # write the file
    python benchmarks/given_names_data.py PATH/TO/name_data.json --report  # what [u] keeps

``name_data.json`` is in the nomquamgender 0.1.4 package (MIT licence): name -> [.., count,
p(female), ..]. Names of two or more ASCII letters seen at least 500 times go to [m]
(p(female) <= 0.1) or [f] (>= 0.9), for he/she agreement. The names between go to [u]:
known as given names but telling no gender; of those, a name is kept only where it is far
more common as a name than as a word in running text, so that place names and words
("Paris", "London", "Dallas", "August", "Justice", "River") are left out. A word's share of
running text is wordfreq's Zipf value, the highest of English, German and French; a name's
share of the name data is put on the same scale (log10 of per billion).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import textwrap
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "tracker/attribution/data/given_names.txt"
MIN_COUNT = 500
MALE_MAX, FEMALE_MIN = 0.1, 0.9
# A mixed name is kept where its Zipf value as a word is at least this far below its Zipf
# value as a name. Chosen on the list (``--report``): 0.9 keeps "Jan" (-0.98; "Jan." is also
# January) and drops the places and words that start at about -0.75 ("Dallas" -0.71,
# "Cruz" -0.68, "Kenya" -0.56, "Lane" -0.31, "August" -0.03, "Paris" +0.80).
MARGIN = 0.9
LANGUAGES = ("en", "de", "fr")

HEADER = """\
# Given names, and the gender most of their bearers have, for he/she agreement.
# Derived from the name_data.json of nomquamgender 0.1.4 (Ian Van Buskirk, MIT licence,
# https://github.com/ianvanbuskirk/nomquamgender) by benchmarks/given_names_data.py: names of
# two or more ASCII letters seen at least 500 times, with p(female) >= 0.9 ([f]) or <= 0.1
# ([m]). [u]: the names between, known as given names but telling no gender ("Stephane",
# "Andrea", "Dominique"), each kept only where its Zipf value as a word in running text
# (wordfreq, the highest of en/de/fr) is at least 0.9 below its Zipf value among the names
# (log10 of its count per billion names): places and words ("Paris", "Dallas", "August",
# "Justice") are left out. Licence of the source data:
# Copyright (c) 2022 Ian Van Buskirk
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
"""


def word_margin(name: str, count: int, total: int) -> float:
    """The name's Zipf value as a word minus its Zipf value as a name: below -MARGIN, it
    is mostly a name."""
    as_word = max(zipf_frequency(name, lang) for lang in LANGUAGES)
    return as_word - math.log10(count / total * 1e9)


def sections(data: dict[str, list]) -> tuple[dict[str, list[str]], list[tuple[int, str, float]]]:
    """The names of [m], [f] and [u], and every mixed name as (count, name, margin)."""
    total = sum(v[1] for v in data.values())
    out: dict[str, list[str]] = {"m": [], "f": [], "u": []}
    mixed: list[tuple[int, str, float]] = []
    for name, v in data.items():
        count, p_female = v[1], v[2]
        if not re.fullmatch("[a-z]{2,}", name) or count < MIN_COUNT:
            continue
        if p_female <= MALE_MAX:
            out["m"].append(name)
        elif p_female >= FEMALE_MIN:
            out["f"].append(name)
        else:
            margin = word_margin(name, count, total)
            mixed.append((count, name, margin))
            if margin <= -MARGIN:
                out["u"].append(name)
    return {k: sorted(v) for k, v in out.items()}, sorted(mixed, reverse=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    ap.add_argument("--report", action="store_true", help="list the mixed names kept, dropped")
    args = ap.parse_args()
    data = json.loads(args.name_data.read_text(encoding="utf-8"))
    out, mixed = sections(data)
    if args.report:
        for count, name, margin in mixed[:200]:
            print(f"{'kept' if margin <= -MARGIN else 'DROP'} {name:14} {count:9} {margin:+.2f}")
        print({k: len(v) for k, v in out.items()}, "mixed names", len(mixed))
        return 0
    body = "".join(
        f"[{k}]\n" + textwrap.fill(" ".join(out[k]), width=99, break_on_hyphens=False) + "\n"
        for k in ("m", "f", "u")
    )
    OUT.write_text(HEADER + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A framing comparison written out: Markdown, CSV, or one self-contained HTML page.

The HTML page needs no network: styles and the script that draws the
timeline chart are inline, and the data sits in a JSON block that the script
reads. Every piece of article text is escaped; none of it is ever markup.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

from tracker.compare import Comparison
from tracker.safe import spreadsheet_safe

COLUMNS = [
    "date",
    "outlet",
    "speaker",
    "as named",
    "verb",
    "quoted",
    "differs",
    "charged words",
    "sentence around it",
]


def _cells(c: Comparison) -> list[list[str]]:
    return [
        [
            r.published or "",
            r.outlet or "",
            r.speaker or "",
            r.speaker_as_named or "",
            r.cue or "",
            r.coverage,
            r.differs or "",
            ", ".join(r.charged),
            r.context,
        ]
        for r in c.rows
    ]


# Markdown that article text must never become: links and images ([x](…), ![](…),
# reference links), emphasis and code, and GFM's bare-URL autolinks (http://, www.).
# Each such character is backslash-escaped, which Markdown shows as the character itself;
# HTML-ish text (<a href>, <img>, autolinks in <…>) is escaped as HTML entities.
_MD_INLINE = re.compile(r"([\\`*_\[\]()!~|#@])")
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=www)(\.)")
_MD_LIST = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def markdown_text(value: str) -> str:
    """Article text as literal Markdown: it reads the same and is never a link, image,
    heading, list or HTML; one line (newlines become spaces)."""
    text = " ".join(value.splitlines())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    text = _MD_LIST.sub(
        lambda m: (
            m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))
        ),
        text,
    )
    return html.escape(text, quote=False)


def to_markdown(c: Comparison) -> str:
    cell = markdown_text

    lines = [
        f"# How outlets framed cluster {c.cluster_id}",
        "",
        f"> {cell(c.claim)}",
        "",
        "Timeline: " + " → ".join(f"{d or 'undated'} {cell(o)}" for d, o in c.timeline),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in _cells(c)]
    return "\n".join(lines) + "\n"


def to_csv(c: Comparison) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for row in _cells(c):
        writer.writerow([spreadsheet_safe(v) for v in row])
    return buf.getvalue()


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Framing of cluster {cid}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
blockquote {{ border-left: 4px solid #888; margin: 1rem 0; padding: .5rem 1rem;
  background: #f6f6f6; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
.charged {{ color: #b00; font-weight: bold; }}
#timeline svg {{ width: 100%; height: 120px; }}
</style></head>
<body>
<h1>How outlets framed cluster {cid}</h1>
<blockquote id="claim">{claim}</blockquote>
<h2>Timeline</h2>
<div id="timeline" data-rendered="no"></div>
<h2>Side by side</h2>
<table id="framing"><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table>
<script type="application/json" id="data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("data").textContent);
  var box = document.getElementById("timeline");
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 1000 120");
  var dated = data.filter(function (d) {{ return d.date; }});
  var times = dated.map(function (d) {{ return Date.parse(d.date); }});
  var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
  var axis = document.createElementNS(ns, "line");
  axis.setAttribute("x1", 40); axis.setAttribute("x2", 960);
  axis.setAttribute("y1", 60); axis.setAttribute("y2", 60);
  axis.setAttribute("stroke", "#888");
  svg.appendChild(axis);
  data.forEach(function (d, i) {{
    var x = d.date && hi > lo ? 40 + 920 * (Date.parse(d.date) - lo) / (hi - lo)
                              : 40 + 920 * i / Math.max(1, data.length - 1);
    var dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x); dot.setAttribute("cy", 60); dot.setAttribute("r", 8);
    dot.setAttribute("fill", d.date ? "#1f77b4" : "#aaa");
    dot.setAttribute("class", "outlet-mark");
    svg.appendChild(dot);
    var label = document.createElementNS(ns, "text");
    label.setAttribute("x", x); label.setAttribute("y", i % 2 ? 95 : 35);
    label.setAttribute("text-anchor", "middle"); label.setAttribute("font-size", "14");
    label.textContent = (d.date || "undated") + " " + d.outlet;
    svg.appendChild(label);
  }});
  box.appendChild(svg);
  box.setAttribute("data-rendered", "yes");
}})();
</script>
</body></html>
"""


def to_html(c: Comparison) -> str:
    head = "".join(f"<th>{html.escape(col)}</th>" for col in COLUMNS)
    rows = []
    for row in _cells(c):
        cells = [f"<td>{html.escape(v)}</td>" for v in row]
        cells[7] = f'<td class="charged">{html.escape(row[7])}</td>'
        rows.append("<tr>" + "".join(cells) + "</tr>")
    data = json.dumps([{"date": d, "outlet": o} for d, o in c.timeline], ensure_ascii=False)
    # Inside <script>, only "</" could end the block early: escape it.
    data = data.replace("</", "<\\/")
    return _PAGE.format(
        cid=c.cluster_id, claim=html.escape(c.claim), head=head, rows="\n".join(rows), data=data
    )

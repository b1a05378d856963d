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
from typing import Any

from tracker.compare import Comparison
from tracker.safe import spreadsheet_safe, terminal_safe

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
    "title",
    "url",
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
            r.title or "",
            r.url or "",
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
    heading, list or HTML; one line (newlines become spaces); control characters shown as
    pictures (``terminal_safe``), since the report may be printed to a terminal."""
    text = " ".join(terminal_safe(value).splitlines())
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
        f"Speaker: {cell(c.speaker or 'unknown')} · verdict: {c.status}",
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
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222;
  overflow-wrap: break-word; }}
blockquote {{ border-left: 4px solid #888; margin: 1rem 0; padding: .5rem 1rem;
  background: #f6f6f6; }}
/* A table wider than the page scrolls inside its box; the page itself never does. */
.table-box {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
td:first-child {{ white-space: nowrap; }}
.charged {{ color: #b00; font-weight: bold; }}
.address {{ overflow-wrap: anywhere; }}
/* The chart keeps its own scale (labels of 14 px) and scrolls sideways in its box on a
   screen narrower than it, as the table does, rather than shrinking its labels away. */
#timeline {{ overflow-x: auto; }}
#timeline svg {{ display: block; width: 100%; min-width: 1000px; }}
/* A narrow screen (a phone, half a laptop's): each outlet's row becomes a card, one field
   a line under its column's name, instead of ten columns squeezed side by side. */
@media (max-width: 60rem) {{
  body {{ margin: 1rem; }}
  #framing thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); }}
  #framing, #framing tbody, #framing tr, #framing td {{ display: block; }}
  #framing tr {{ border: 1px solid #ccc; margin-bottom: 1rem; }}
  #framing td {{ border: none; border-bottom: 1px solid #eee; overflow-wrap: anywhere; }}
  #framing td:empty {{ display: none; }}
  #framing td::before {{ content: attr(data-label) ": "; font-weight: bold; color: #555; }}
}}
</style></head>
<body>
<h1>How outlets framed cluster {cid}</h1>
<blockquote id="claim">{claim}</blockquote>
<p id="about">Said by <strong>{speaker}</strong> · verdict: <strong>{status}</strong></p>
<h2>Timeline</h2>
<div id="timeline" data-rendered="no"></div>
<h2>Side by side</h2>
<div class="table-box"><table id="framing"><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table></div>
<script type="application/json" id="data">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("data").textContent);
  var box = document.getElementById("timeline");
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  // Labels sit in rows above and below the axis (placed with the data, so that none is
  // drawn over another); the chart is as tall as its rows, drawn at its own scale.
  var rows = data.reduce(function (m, d) {{ return Math.max(m, d.row + 1); }}, 1);
  var above = Math.ceil(rows / 2), below = Math.floor(rows / 2);
  var y0 = 60 + (above - 1) * 20;
  var height = y0 + (below ? 35 + (below - 1) * 20 + 10 : 20);
  svg.setAttribute("viewBox", "0 0 1000 " + height);
  svg.style.height = height + "px";
  // Positions come with the data: dated outlets along the time axis, undated ones
  // apart in their own lane on the right, never as if they came last.
  var axis = document.createElementNS(ns, "line");
  axis.setAttribute("x1", {axis_lo}); axis.setAttribute("x2", {axis_hi});
  axis.setAttribute("y1", y0); axis.setAttribute("y2", y0);
  axis.setAttribute("stroke", "#888");
  svg.appendChild(axis);
  if (data.some(function (d) {{ return !d.date; }})) {{
    var sep = document.createElementNS(ns, "line");
    sep.setAttribute("x1", {lane}); sep.setAttribute("x2", {lane});
    sep.setAttribute("y1", 4); sep.setAttribute("y2", height - 4);
    sep.setAttribute("stroke", "#ccc"); sep.setAttribute("stroke-dasharray", "4 4");
    svg.appendChild(sep);
    var head = document.createElementNS(ns, "text");
    head.setAttribute("x", ({lane} + 1000) / 2); head.setAttribute("y", 12);
    head.setAttribute("text-anchor", "middle"); head.setAttribute("font-size", "12");
    head.textContent = "undated";
    svg.appendChild(head);
  }}
  data.forEach(function (d, i) {{
    var x = d.x;
    var dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x); dot.setAttribute("cy", y0); dot.setAttribute("r", 8);
    dot.setAttribute("fill", d.date ? "#1f77b4" : "#aaa");
    dot.setAttribute("class", "outlet-mark");
    svg.appendChild(dot);
    var label = document.createElementNS(ns, "text");
    var band = Math.floor(d.row / 2);
    label.setAttribute("x", d.lx);
    label.setAttribute("y", d.row % 2 ? y0 + 35 + band * 20 : y0 - 25 - band * 20);
    label.setAttribute("font-size", "14");
    label.textContent = d.label;
    svg.appendChild(label);
  }});
  box.appendChild(svg);
  box.setAttribute("data-rendered", "yes");
}})();
</script>
</body></html>
"""


AXIS = (40, 760)  # where dated outlets go on the 1000-wide chart
LANE = 800  # undated outlets go right of this line, apart from the time axis


def timeline_points(c: Comparison) -> list[dict]:
    """Each outlet's mark: dated ones placed by date on the axis, undated ones apart."""
    import datetime as dt

    points: list[dict[str, Any]] = [{"date": d, "outlet": o} for d, o in c.timeline]
    dated = [p for p in points if p["date"]]
    undated = [p for p in points if not p["date"]]
    days = [dt.date.fromisoformat(p["date"]).toordinal() for p in dated]
    lo, hi = (min(days), max(days)) if days else (0, 0)
    width = AXIS[1] - AXIS[0]
    for i, (p, day) in enumerate(zip(dated, days, strict=True)):
        if hi > lo:
            p["x"] = round(AXIS[0] + width * (day - lo) / (hi - lo), 1)
        else:  # one date: spread the outlets that share it
            p["x"] = round(AXIS[0] + width * (i + 1) / (len(dated) + 1), 1)
    for i, p in enumerate(undated):
        p["x"] = round(LANE + (1000 - LANE) * (i + 1) / (len(undated) + 1), 1)
    _place_labels(points)
    return points


LABEL_CHARS = 48  # a longer outlet name is cut in its label (the table has it whole)
CHAR_WIDTH = 8.5  # about the width of a character at the chart's 14px, in chart units
LABEL_GAP = 12


def _place_labels(points: list[dict[str, Any]]) -> None:
    """Each mark's label (``label``), where it starts (``lx``) and its row (``row``: even
    rows above the axis, odd below, outwards). Outlets a few days apart, or on one day,
    would otherwise have their labels drawn over each other, and a label centred on a
    mark near the edge would run off the chart."""
    ends: list[float] = []  # where the last label of each row ends
    for p in sorted(points, key=lambda p: p["x"]):
        name = (
            p["outlet"] if len(p["outlet"]) <= LABEL_CHARS else p["outlet"][: LABEL_CHARS - 1] + "…"
        )
        # Undated marks sit under the lane's own "undated" heading: the name alone.
        p["label"] = f"{p['date']} {name}" if p["date"] else name
        width = len(p["label"]) * CHAR_WIDTH
        p["lx"] = round(min(max(0.0, p["x"] - width / 2), 1000 - width), 1)
        row = next((i for i, end in enumerate(ends) if end + LABEL_GAP <= p["lx"]), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = p["lx"] + width
        p["row"] = row


def _link(url: str | None, title: str | None) -> str:
    text = html.escape(title or url or "")
    if not title and url:  # an address has no words to wrap between: it breaks anywhere
        text = f'<span class="address">{text}</span>'
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" rel="noreferrer noopener">{text}</a>'
    return text


def to_html(c: Comparison) -> str:
    columns = COLUMNS[:-2] + ["article"]
    head = "".join(f"<th>{html.escape(col)}</th>" for col in columns)
    rows = []
    for r, row in zip(c.rows, _cells(c), strict=True):
        # Each cell names its column (the label a narrow screen shows before it).
        cells = [
            f'<td data-label="{html.escape(col, quote=True)}">{html.escape(v)}</td>'
            for col, v in zip(columns[:-1], row[:-2], strict=True)
        ]
        cells[7] = f'<td class="charged" data-label="{columns[7]}">{html.escape(row[7])}</td>'
        cells.append(f'<td data-label="{columns[-1]}">{_link(r.url, r.title)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    data = json.dumps(timeline_points(c), ensure_ascii=False)
    # Inside <script>, "</" could end the block early, and "<!--" followed by "<script"
    # makes the parser read past its end: no "<" at all (as \u003c it reads back the same).
    data = data.replace("<", "\\u003c")
    short = c.claim if len(c.claim) <= 80 else c.claim[:79] + "…"
    title = f"“{short}” — {c.speaker or 'unknown speaker'} ({c.status}): how outlets framed it"
    return _PAGE.format(
        cid=c.cluster_id,
        title=html.escape(title),
        claim=html.escape(c.claim),
        speaker=html.escape(c.speaker or "unknown speaker"),
        status=html.escape(c.status),
        head=head,
        rows="\n".join(rows),
        data=data,
        axis_lo=AXIS[0],
        axis_hi=AXIS[1],
        lane=LANE,
    )

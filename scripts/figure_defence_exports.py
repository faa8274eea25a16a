"""Figure 3.1: Turkish defence and aviation exports to Azerbaijan (TİM data).

Reads data/defence-exports.yml and writes a bar chart as SVG for both editions:
docs/id/figures/defence-exports.svg (Indonesian labels) and
docs/en/figures/defence-exports.svg (English labels).

Standard library only; the output is byte-identical on every run.
Usage: python scripts/figure_defence_exports.py
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import yaml

ROOT = Path(__file__).resolve().parents[1]
NAME = "defence-exports"
DATA = ROOT / "data" / f"{NAME}.yml"

# Colours (all at least 4.5:1 against white) for the three kinds of period.
COLOURS = {"jan-dec": "#1f4e79", "jan-sep": "#a84300", "jan-nov": "#2e6b30"}
TEXT = "#222222"
GRID = "#c8c8c8"

# Layout of the drawing, in viewBox units.
WIDTH, HEIGHT = 720, 450
LEFT, RIGHT, TOP, BASE = 80, 700, 40, 320
AXIS_MAX, AXIS_STEP = 300, 50
BAR_WIDTH, BAR_GAP = 60, 24

LABELS = {
    "id": {
        "axis": "Juta dolar AS",
        "note1": "≈ nilai perkiraan (dilaporkan sebagai “hampir 256 juta dolar AS”).",
        "note2": "Periode berbeda: bandingkan hanya batang dalam kelompok yang sama.",
        "desc_intro": "Diagram batang nilai ekspor produk pertahanan dan kedirgantaraan Turki ke Azerbaijan, dalam juta dolar AS, menurut data Majelis Eksportir Turki (TİM) sebagaimana dilaporkan media.",
        "approx": "sekitar",
        "decimal": ",",
    },
    "en": {
        "axis": "Million US dollars",
        "note1": "≈ approximate value (reported as “almost 256 million US dollars”).",
        "note2": "Periods differ: compare only bars within the same group.",
        "desc_intro": "Bar chart of Turkish defence and aviation exports to Azerbaijan, in million US dollars, according to Turkish Exporters' Assembly (TİM) data as reported in the press.",
        "approx": "about",
        "decimal": ".",
    },
}


def num(x: float) -> str:
    """Coordinates rounded to one decimal, without trailing zeros."""
    text = f"{round(x, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def shown_value(value: float, lang: str) -> str:
    text = f"{round(value, 1):.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", LABELS[lang]["decimal"])


def y_of(value: float) -> float:
    return BASE - (BASE - TOP) * value / AXIS_MAX


def render(data: dict, lang: str) -> str:
    labels = LABELS[lang]
    periods = data["periods"]
    records = data["records"]
    title = data["title"][lang]
    title_id, desc_id = f"{NAME}-title", f"{NAME}-desc"

    desc_items = []
    for period in periods:
        for rec in (r for r in records if r["period"] == period["id"]):
            value = shown_value(rec["value"], lang)
            if rec.get("approximate"):
                value = f"{labels['approx']} {value}"
            desc_items.append(f"{rec['year']} ({period['label'][lang]}): {value}")
    desc = labels["desc_intro"] + " " + "; ".join(desc_items) + "."

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # Grid lines and axis values.
    for tick in range(0, AXIS_MAX + 1, AXIS_STEP):
        y = num(y_of(tick))
        colour = TEXT if tick == 0 else GRID
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{colour}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 8}" y="{num(y_of(tick) + 4)}" font-size="12" text-anchor="end" fill="{TEXT}">{tick}</text>')
    mid = num((TOP + BASE) / 2)
    out.append(f'<text x="22" y="{mid}" font-size="13" text-anchor="middle" fill="{TEXT}" '
               f'transform="rotate(-90 22 {mid})">{escape(labels["axis"])}</text>')
    # Bars, grouped by period.
    group_width = (RIGHT - LEFT) / len(periods)
    for g, period in enumerate(periods):
        group_left = LEFT + g * group_width
        group_records = [r for r in records if r["period"] == period["id"]]
        span = len(group_records) * BAR_WIDTH + (len(group_records) - 1) * BAR_GAP
        start = group_left + (group_width - span) / 2
        colour = COLOURS[period["id"]]
        for b, rec in enumerate(group_records):
            x = start + b * (BAR_WIDTH + BAR_GAP)
            top = y_of(rec["value"])
            centre = num(x + BAR_WIDTH / 2)
            value = shown_value(rec["value"], lang)
            if rec.get("approximate"):
                value = "≈" + value
            out.append(f'<rect x="{num(x)}" y="{num(top)}" width="{BAR_WIDTH}" height="{num(BASE - top)}" fill="{colour}"/>')
            out.append(f'<text x="{centre}" y="{num(top - 6)}" font-size="13" font-weight="bold" text-anchor="middle" fill="{TEXT}">{value}</text>')
            out.append(f'<text x="{centre}" y="{BASE + 18}" font-size="13" text-anchor="middle" fill="{TEXT}">{rec["year"]}</text>')
        # Bracket and label of the group.
        out.append(f'<line x1="{num(start)}" y1="{BASE + 28}" x2="{num(start + span)}" y2="{BASE + 28}" stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{num(group_left + group_width / 2)}" y="{BASE + 46}" font-size="13" text-anchor="middle" fill="{TEXT}">'
                   f'{escape(period["label"][lang])}</text>')
    out.append(f'<text x="{LEFT}" y="{BASE + 84}" font-size="12" fill="{TEXT}">{escape(labels["note1"])}</text>')
    out.append(f'<text x="{LEFT}" y="{BASE + 102}" font-size="12" fill="{TEXT}">{escape(labels["note2"])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(out_root: Path = ROOT) -> list[Path]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    written = []
    for lang in ("id", "en"):
        path = Path(out_root) / "docs" / lang / "figures" / f"{NAME}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(data, lang), encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in main():
        print(written_path)

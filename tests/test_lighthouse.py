"""`make lighthouse`: the npm lock that `npm ci` installs cannot drift, and a missed budget fails the command."""
import json

from fixtures import ROOT
from scripts import lighthouse

TOOL = ROOT / "tools" / "lighthouse"
DIST_TAGS = ("latest", "next", "beta", "canary")


def test_lock_matches_package_json_and_pins_every_dist_tag():
    package = json.loads((TOOL / "package.json").read_text())
    lock = json.loads((TOOL / "package-lock.json").read_text())
    assert lock["packages"][""]["dependencies"] == package["dependencies"], "run npm install --package-lock-only"
    overrides = package.get("overrides", {})
    for path, entry in lock["packages"].items():
        owner = path.rsplit("node_modules/", 1)[-1]
        for name, spec in entry.get("dependencies", {}).items():
            if spec in DIST_TAGS:  # a tag moves: npm ci then finds the lock out of date (third-party-web, 2026-12)
                pinned = overrides.get(owner, {}).get(name)
                assert pinned, f"{owner} asks for {name}@{spec}: pin it under overrides in tools/lighthouse/package.json"
                installed = lock["packages"].get(f"{path}/node_modules/{name}") or lock["packages"][f"node_modules/{name}"]
                assert installed["version"] == pinned, f"{name}: the lock has {installed['version']}, overrides {pinned}"


def test_a_page_that_misses_the_budget_is_reported():
    good = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100, "bytes": 150 * 1024}
    assert lighthouse.misses("index.html", good) == []
    slow = dict(good, performance=92, seo=91, bytes=210 * 1024)
    assert lighthouse.misses("bab.html", slow) == [
        "bab.html: performance 92 < 98", "bab.html: seo 91 < 100", "bab.html: 210 KB transferred, budget at most 200 KB"]

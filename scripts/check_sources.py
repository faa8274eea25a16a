"""Check references.bib and every citation and heading in docs/, before building.

Usage: python scripts/check_sources.py [--root DIR]
Exit status 1 with file:line and a fix for each problem.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools.problems import report  # noqa: E402
from booktools.source_check import Sources, check  # noqa: E402


def sources_for(root: Path) -> Sources:
    data = root / "data"
    return Sources(
        root=root,
        bib_path=root / "references.bib",
        editions={"id": root / "docs" / "id", "en": root / "docs" / "en"},
        allowlist_path=root / "references-uncited.yml",
        extra_citers=sorted(data.glob("*.yml")) if data.is_dir() else [],
        timeline_path=data / "timeline.yml",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    args = parser.parse_args(argv)
    return report(check(sources_for(args.root.resolve())), "sources (bibliography, citations, headings)")


if __name__ == "__main__":
    raise SystemExit(main())

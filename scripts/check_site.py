"""Check the built site: links and anchors across both editions, third-party loads, raw citations.

Usage: python scripts/check_site.py [--site site] [--site-url URL] [--without-downloads]
Run after `mkdocs build` and `make downloads` (--without-downloads: before them, so links to the PDFs
and the zip are not counted). Writes the external links it found to reports/external-links.txt
for scripts/check_external_links.py.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools.problems import report  # noqa: E402
from booktools.site_check import check_site  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"))
    parser.add_argument("--links-out", type=Path, default=ROOT / "reports" / "external-links.txt")
    parser.add_argument("--without-downloads", action="store_true",
                        help="the downloads are not built yet: do not count links to them (make quick)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site here -> run `make build` first")
        return 1
    optional = ()
    if args.without_downloads:
        optional = ("downloads/*",)
    elif (args.site / "downloads" / ".pdf-skipped").exists():
        optional = ("downloads/*.pdf",)
        print("note: the PDFs were not built here (no Chromium), so links to them are not checked")
    if not (args.site / "v" / "versions.json").exists():
        print("note: no archived releases in this build (v/), so links to them are not checked")
    result = check_site(args.site, args.site_url, root=ROOT, optional=optional)
    args.links_out.parent.mkdir(parents=True, exist_ok=True)
    args.links_out.write_text("".join(f"{url}\n" for url in sorted(result.external_links)), encoding="utf-8")
    pages = len(list(args.site.rglob("*.html")))
    print(f"checked {pages} HTML pages; {len(result.external_links)} distinct external links (syntax only)")
    return report(result.problems, "built site (links, anchors, third-party loads, raw citations)")


if __name__ == "__main__":
    raise SystemExit(main())

"""Check every external URL of the built site over the network (needs internet; not offline).

Usage: python scripts/check_external_links.py [--workers 8] [--timeout 10] [--retries 2]
Reads reports/external-links.txt (written by scripts/check_site.py) and the URLs in
references.bib; writes reports/external-links.json and reports/external-links.md.
Exit status 1 if any URL is broken.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import bibliography  # noqa: E402
from booktools.external_links import check_all, write_report  # noqa: E402


def collect(links_file: Path, bib_file: Path) -> list[str]:
    urls = set()
    if links_file.exists():
        urls |= {line.strip() for line in links_file.read_text(encoding="utf-8").splitlines() if line.strip()}
    bib, problems = bibliography.load(bib_file)
    if bib is not None:
        for entry in bib.data.entries.values():
            if "url" in entry.fields:
                urls.add(entry.fields["url"])
            if "doi" in entry.fields:
                urls.add("https://doi.org/" + entry.fields["doi"])
    return sorted(urls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=Path, default=ROOT / "reports" / "external-links.txt")
    parser.add_argument("--bib", type=Path, default=ROOT / "references.bib")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--retries", type=int, default=2)
    args = parser.parse_args(argv)
    urls = collect(args.links, args.bib)
    results = check_all(urls, workers=args.workers, timeout=args.timeout, retries=args.retries)
    write_report(results, args.out / "external-links.json", args.out / "external-links.md")
    broken = [r for r in results if not r.ok]
    for r in broken:
        print(f"BROKEN {r.url}: {r.error}")
    print(f"{len(results)} external URLs checked, {len(broken)} broken; report: {args.out / 'external-links.md'}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())

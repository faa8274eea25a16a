"""Helpers shared by the browser tests."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def all_pages(site_dir: Path) -> list[str]:
    """Every HTML page of both editions, as paths relative to the site root."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.name != "404.html")

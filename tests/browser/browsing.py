"""Helpers shared by the browser tests."""
from __future__ import annotations

import re
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CANONICAL_RE = re.compile(r'<link rel="canonical" href="([^"]+)"')


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, *args):
        pass


def all_pages(site_dir: Path) -> list[str]:
    """Every HTML page of both editions, as paths relative to the site root."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.name != "404.html")


def built_for(site_dir: Path) -> str:
    """The address the site was built for (its site_url), read from the landing page's canonical link."""
    found = CANONICAL_RE.search((site_dir / "index.html").read_text(encoding="utf-8"))
    if not found:
        return ""
    parts = urlsplit(found.group(1))
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"

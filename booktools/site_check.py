"""Check the built HTML of every edition, the way a browser would follow it.

* every internal link and resource (raw-HTML links included) points to a file
  that exists, and every #fragment to an id on that page;
* no page loads anything (script, style, font, image, frame) from another host;
* no citation reached the reader unrendered ("[@key" left in the text);
* every external link is at least a well-formed http(s) URL.

MkDocs validates links of one edition at a time and skips raw HTML; this runs on
the finished site, across editions, with the standard library's HTML parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .bibliography import is_well_formed_url
from .problems import Problem

# Attributes that make the browser fetch something when the page loads.
FETCHING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("video", "poster"), ("input", "src")}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                      "apple-touch-icon", "shortcut"}
# Links that are only declarations, not requests or navigation (checked elsewhere).
DECLARATIVE_RELS = {"canonical", "alternate", "prev", "next"}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data"}
TEXT_SKIP_TAGS = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}
RAW_CITATION_RE = re.compile(r"\[[^\]\n]*(?<![\w.@])-?@[A-Za-z0-9_]|(?<![\w.@/])-?@[A-Za-z0-9_][\w:.-]*\s*[;\]]")


@dataclass
class Link:
    line: int
    tag: str
    attr: str
    url: str
    fetches: bool


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    raw_citations: list[tuple[int, str]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        if tag in TEXT_SKIP_TAGS:
            self._skip_depth += 1
        line = self.getpos()[0]
        for attr in ("href", "src", "data", "poster"):
            value = attributes.get(attr)
            if not value:
                continue
            if tag == "link":
                rels = set((attributes.get("rel") or "").lower().split())
                fetches = bool(rels & FETCHING_LINK_RELS)
                if not fetches and rels & DECLARATIVE_RELS:
                    self.page.links.append(Link(line, tag, attr, value.strip(), False))
                    continue
            else:
                fetches = (tag, attr) in FETCHING
            self.page.links.append(Link(line, tag, attr, value.strip(), fetches))
        if attributes.get("srcset"):
            for candidate in attributes["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.page.links.append(Link(line, tag, "srcset", url, True))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in TEXT_SKIP_TAGS:
            self._skip_depth -= 1

    def handle_endtag(self, tag):
        if tag in TEXT_SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if self._skip_depth:
            return
        for match in RAW_CITATION_RE.finditer(data):
            start = max(0, match.start() - 20)
            self.page.raw_citations.append((self.getpos()[0], data[start : match.end() + 30].strip()))


def parse(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


ARCHIVE_PATTERNS = ("v/*/*.html", "v/*/en/*.html")


@dataclass
class SiteReport:
    problems: list[Problem]
    external_links: dict[str, list[str]]  # url -> pages that link to it


def check_site(site_dir: Path, site_url: str = "", root: Path | None = None,
               optional: tuple[str, ...] = ()) -> SiteReport:
    """Check every HTML file under site_dir. site_url is the URL the site was built for.

    optional: glob patterns (relative to site_dir) of files that may be absent (downloads not
    built on this machine); links to them are not counted as broken.
    """
    site_dir = site_dir.resolve()
    if not (site_dir / "v" / "versions.json").exists():
        # Cite boxes give each page's fixed address in its release, v/<version>/... (booktools/versions.py);
        # that archive exists only in the site assembled for publication (make publish).
        optional = tuple(optional) + ARCHIVE_PATTERNS
    pages = {p: parse(p) for p in sorted(site_dir.rglob("*.html"))}
    base = urlsplit(site_url) if site_url else None
    problems: list[Problem] = []
    external: dict[str, list[str]] = {}

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root)) if root else str(path)
        except ValueError:
            return str(path)

    for path, page in pages.items():
        page_url = "/" + path.relative_to(site_dir).as_posix()
        for line, text in page.raw_citations:
            problems.append(Problem(shown(path), line, f"unrendered citation in the text: '{text}'",
                                    "keep the citation on one line and check its key (see the page's Markdown source)"))
        for link in page.links:
            problems.extend(_check_link(link, path, page_url, site_dir, base, pages, external, shown))
    if optional:
        problems = [p for p in problems if not _is_optional(p, site_dir, optional)]
    return SiteReport(problems, external)


def _is_optional(problem: Problem, site_dir: Path, optional: tuple[str, ...]) -> bool:
    match = re.search(r"no file (\S+)$", problem.message)
    return bool(match) and any(Path(match.group(1)).match(pattern) for pattern in optional)


def _check_link(link, path, page_url, site_dir, base, pages, external, shown) -> list[Problem]:
    url = link.url
    parts = urlsplit(url)
    if parts.scheme in SKIP_SCHEMES:
        return []
    where = shown(path)
    if parts.scheme or url.startswith("//"):
        if base and parts.netloc == base.netloc and parts.path.startswith(base.path):
            internal = "/" + parts.path[len(base.path):].lstrip("/")
            return _check_internal(link, internal, parts.fragment, where, site_dir, pages)
        if link.fetches:
            return [Problem(where, link.line, f"<{link.tag} {link.attr}> loads '{url}' from another host",
                            "serve the file from this site (vendor it) or remove it")]
        if parts.scheme not in ("http", "https") or not is_well_formed_url(url):
            return [Problem(where, link.line, f"malformed external link '{url}'", "fix the URL")]
        external.setdefault(url, []).append(where)
        return []
    resolved = urlsplit(urljoin(page_url, url))
    target = resolved.path
    if base and url.startswith("/") and base.path not in ("", "/") and target.startswith(base.path):
        target = "/" + target[len(base.path):]
    return _check_internal(link, target, resolved.fragment if url != "#" else "", where, site_dir, pages)


def _check_internal(link, target_path, fragment, where, site_dir, pages) -> list[Problem]:
    target = site_dir / unquote(target_path).lstrip("/")
    if target_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.exists():
        return [Problem(where, link.line, f"broken link '{link.url}': no file {target.relative_to(site_dir)}",
                        "fix the link in the page's Markdown source or template")]
    if fragment and target.suffix == ".html":
        ids = pages[target.resolve()].ids if target.resolve() in pages else parse(target).ids
        if unquote(fragment) not in ids:
            return [Problem(where, link.line, f"broken anchor '{link.url}': no id '{fragment}' in {target.relative_to(site_dir)}",
                            "use a heading id that exists ({#...}) or fix the link")]
    return []

"""Archived editions: every release stays readable at v/<version>/ beside the latest at the site's root.

Published layout (scripts/publish_site.py assembles it; README "Archived editions"):

    /                    the latest text, Indonesian; /en/ the latest English
    /v/versions.json     the list of archived releases, written by mike
    /v/<version>/        a release as it was published, both editions (/v/<version>/en/)

A release is a git tag v<version>. Its archived copy is built once, from the tag, with SITE_URL set to
its own address (<root>/v/<version>/) and BOOK_LATEST_URL set to the root, and is never rebuilt. Two
things are added to every page of the assembled site afterwards, because an archived copy cannot know
the releases that come after it: a version selector in the header, and on archived pages a banner
pointing to the same page in the latest edition (stamp_page, re-applied at every publication).

For citations, `edition_addresses` is the one place that knows both addresses of an edition: the fixed
one of this release and the latest one.
"""
from __future__ import annotations

import html as htmllib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

ARCHIVE_DIR = "v"
VERSIONS_FILE = f"{ARCHIVE_DIR}/versions.json"
LATEST_ENV = "BOOK_LATEST_URL"
START, END = "<!-- book-versions -->", "<!-- /book-versions -->"
STAMP_RE = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
HISTORY_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M13.5 8H12v5l4.28 2.54.72-1.21'
                '-3.5-2.08zM13 3a9 9 0 0 0-9 9H1l3.96 4.03L9 12H6a7 7 0 0 1 7-7 7 7 0 0 1 7 7 7 7 0 0 1-7 7c-1.93 0'
                '-3.68-.79-4.94-2.06l-1.42 1.42A8.9 8.9 0 0 0 13 21a9 9 0 0 0 9-9 9 9 0 0 0-9-9"/></svg>')
# Inline, so the stamp works on releases whose CSS predates it: the banner's own text colour, underlined
# (Material's link colour has too little contrast on the warning banner in the dark scheme).
BANNER_LINK_STYLE = "color: inherit; text-decoration: underline"
TERMS = {
    "id": {"editions": "Edisi lain", "latest": "Edisi terbaru", "this": "Edisi ini ({version})",
           "banner": "Anda membaca edisi {version} ({date}), salinan arsip yang tidak diubah lagi dan dapat dikutip.",
           "to_latest": "Baca halaman ini di edisi terbaru"},
    "en": {"editions": "Other editions", "latest": "Latest edition", "this": "This edition ({version})",
           "banner": "You are reading edition {version} ({date}), an archived copy kept unchanged for citation.",
           "to_latest": "Read this page in the latest edition"},
}


def archive_path(version: str) -> str:
    return f"{ARCHIVE_DIR}/{version}/"


def edition_addresses(citation_base: str, edition_path: str, version: str) -> tuple[str | None, str | None]:
    """(this release's fixed address of the edition, the latest address of the edition), both ending in '/'.

    citation_base: the address citations of this build use for the edition (e.g. https://h/book/en/);
    edition_path: where the edition sits below the site's root ("" or "en/"). In an archived copy
    (BOOK_LATEST_URL set) the build's own address is the fixed one. None, None without a real address.
    """
    if not citation_base or "://" not in citation_base:
        return None, None
    base = citation_base if citation_base.endswith("/") else citation_base + "/"
    latest_root = os.environ.get(LATEST_ENV)
    if latest_root:
        return base, urljoin(latest_root.rstrip("/") + "/", edition_path)
    root = base[: len(base) - len(edition_path)] if edition_path and base.endswith(edition_path) else base
    return urljoin(root, archive_path(version) + edition_path), base


def permalinks_html(lang: str, version: str, fixed_url: str, latest_url: str) -> str:
    """The cite box's line with both addresses of a page or section."""
    t = TERMS["en" if lang == "en" else "id"]
    return (f'<p class="cite-this__versions">{htmllib.escape(t["this"].format(version=version))}: '
            f'<a href="{htmllib.escape(fixed_url)}">{htmllib.escape(fixed_url)}</a><br>'
            f'{t["latest"]}: <a href="{htmllib.escape(latest_url)}">{htmllib.escape(latest_url)}</a></p>')


@dataclass
class Release:
    version: str
    title: str
    date: str = ""


def read_versions(path: Path) -> list[Release]:
    """mike's versions.json (newest first); [] when there is none."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected mike's list of versions, found {type(data).__name__}")
    return [Release(str(d["version"]), str(d.get("title") or d["version"]),
                    str((d.get("properties") or {}).get("date", ""))) for d in data]


def _tree_of(rel: str, releases: list[Release]) -> tuple[str, str]:
    """('v/0.1.0/' or '', path inside that tree) of a page given relative to the site's root."""
    for release in releases:
        prefix = archive_path(release.version)
        if rel.startswith(prefix):
            return prefix, rel[len(prefix):]
    return "", rel


def _target(site: Path, tree: str, inner: str) -> str:
    """The same page in another tree, or that tree's edition home when the page is not there."""
    if (site / tree / inner).is_file():
        return tree + inner
    edition = "en/" if inner.startswith("en/") else ""
    return tree + edition + "index.html"


def stamp_page(page_html: str, rel: str, site: Path, releases: list[Release]) -> str:
    """Add (or renew) the version selector, and the banner on archived pages; rel: page path from the root."""
    page_html = STAMP_RE.sub("", page_html)
    if '<header class="md-header' not in page_html or not releases:
        return page_html
    lang_match = re.search(r'<html[^>]*\slang="([^"]+)"', page_html)
    t = TERMS["en" if lang_match and lang_match.group(1).startswith("en") else "id"]
    tree, inner = _tree_of(rel, releases)
    here = posixpath.dirname(rel)

    def href(target: str) -> str:
        return htmllib.escape(posixpath.relpath(target, here or "."))

    items = [(t["latest"], _target(site, "", inner), tree == "")]
    for release in releases:
        label = release.title + (f" · {release.date}" if release.date else "")
        items.append((label, _target(site, archive_path(release.version), inner),
                      tree == archive_path(release.version)))
    current_attr = {True: ' aria-current="true"', False: ""}
    links = "".join(
        f'<li class="md-select__item"><a href="{href(target)}" class="md-select__link"{current_attr[current]}>'
        f'{htmllib.escape(label)}</a></li>'
        for label, target, current in items)
    selector = (f'{START}<div class="md-header__option book-versions"><div class="md-select">'
                f'<button class="md-header__button md-icon" aria-label="{t["editions"]}" title="{t["editions"]}">'
                f'{HISTORY_ICON}</button><div class="md-select__inner"><ul class="md-select__list">{links}</ul>'
                f'</div></div></div>{END}')
    anchor = page_html.find('<div class="md-header__option">')
    if anchor < 0:
        anchor = page_html.find('<label class="md-header__button md-icon" for="__search">')
    if anchor < 0:
        anchor = page_html.find("</nav>", page_html.find('<header class="md-header'))
    page_html = page_html[:anchor] + selector + page_html[anchor:]
    if tree:
        release = next(r for r in releases if archive_path(r.version) == tree)
        text = t["banner"].format(version=htmllib.escape(release.version), date=htmllib.escape(release.date or "-"))
        banner = (f'{START}<aside class="md-banner md-banner--warning book-archive" role="note">'
                  f'<div class="md-banner__inner md-grid md-typeset">{text} '
                  f'<a href="{href(_target(site, "", inner))}" style="{BANNER_LINK_STYLE}">{t["to_latest"]}</a>.'
                  f'</div></aside>{END}')
        announce = '<div data-md-component="announce">'
        at = page_html.find(announce)
        at = at + len(announce) if at >= 0 else page_html.find('<header class="md-header')
        page_html = page_html[:at] + banner + page_html[at:]
    return page_html


def stamp_site(site: Path) -> int:
    """Stamp every page of an assembled site (latest at the root, archives under v/); returns pages stamped."""
    releases = read_versions(site / VERSIONS_FILE)
    count = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        stamped = stamp_page(text, rel, site, releases)
        if stamped != text:
            page.write_text(stamped, encoding="utf-8")
            count += 1
    return count

"""Builds for publication: a real public address, robots.txt and a sitemap index of both editions.

A build is for publication when BOOK_RELEASE is set (deploy.yml sets BOOK_RELEASE=1). Such a build
stops when the address it would put into canonical links, citations, hreflang and the sitemaps is not a
public one (SITE_URL unset falls back to http://127.0.0.1:8000/ in mkdocs.yml). Local builds, with
BOOK_RELEASE unset, keep the local address and work as before.
"""
from __future__ import annotations

import ipaddress
import logging
import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape

log = logging.getLogger("mkdocs.plugins.booktools")
RELEASE_ENV = "BOOK_RELEASE"
SITEMAP_INDEX = "sitemap-index.xml"
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def is_release() -> bool:
    return os.environ.get(RELEASE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def public_problem(url: str | None) -> str | None:
    """Why `url` is not a public http(s) address, or None when it is one."""
    if not url:
        return "it is empty"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "it is not an http(s) address"
    host = (parts.hostname or "").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return f"{host or 'its host'} is this machine"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified or address.is_private or address.is_link_local:
        return f"{host} is not a public address"
    return None


def check_address(config) -> None:
    """In a release build, stop unless the edition's public address is real (file, setting and fix in the message)."""
    if not is_release():
        return
    from mkdocs.exceptions import ConfigurationError

    if os.environ.get("BOOK_OFFLINE"):  # the offline copy has no site address; its citations use this one
        name, value = "BOOK_CITATION_URL", os.environ.get("BOOK_CITATION_URL", "")
    else:
        name, value = "SITE_URL", config.site_url or ""
    problem = public_problem(value)
    if problem:
        raise ConfigurationError(
            f"{RELEASE_ENV} is set (a build for publication), but the address from {name} is {value!r} and "
            f"{problem}. Set {name} to the book's public address, e.g. {name}=https://OWNER.github.io/REPO/ "
            f"(.github/workflows/deploy.yml sets it from the Pages address), or unset {RELEASE_ENV} for a local build.")


def sitemap_index(site_url: str, sitemaps: list[str]) -> str:
    entries = "".join(f"  <sitemap><loc>{escape(urljoin(site_url, path))}</loc></sitemap>\n" for path in sitemaps)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n")


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(site_url, SITEMAP_INDEX)}\n"


def write_crawler_files(config) -> None:
    """After the build of the site's root edition: robots.txt and a sitemap index naming every edition's sitemap.

    Crawlers read robots.txt only at the root of a host; under a project path (OWNER.github.io/REPO/)
    the sitemap index can still be submitted to search engines directly.
    """
    booktools = config.extra.get("booktools", {})
    if not config.site_url or booktools.get("edition_path") or os.environ.get("BOOK_LATEST_URL"):
        return  # offline copy, an edition below the root, or an archived copy under v/
    site = Path(config.site_dir)
    sitemaps = []
    for edition in config.extra.get("editions", []) or [{"root": ""}]:
        path = f"{edition['root']}sitemap.xml"
        if (site / path).exists():
            sitemaps.append(path)
        else:
            log.warning("%s: no sitemap for the edition in '%s'; the sitemap index cannot list it",
                        site / path, edition["root"] or "/")
    (site / SITEMAP_INDEX).write_text(sitemap_index(config.site_url, sitemaps), encoding="utf-8")
    (site / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")

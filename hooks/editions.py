"""MkDocs hooks for the published editions: search language, release address, robots.txt and sitemaps.

See booktools/search_language.py and booktools/release.py.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.plugins import event_priority  # noqa: E402

from booktools import release, search_language  # noqa: E402


@event_priority(-100)  # after Material's search plugin has validated and completed its settings
def on_config(config):
    release.check_address(config)
    search_language.configure(config)
    return config


@event_priority(-100)  # after the search plugin and the sitemap of this edition are written
def on_post_build(config):
    release.write_crawler_files(config)

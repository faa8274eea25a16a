"""MkDocs hook: the tables made from the coded timeline (see booktools/mkdocs_tables.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.plugins import event_priority  # noqa: E402

from booktools import mkdocs_tables  # noqa: E402


@event_priority(60)  # before booktools' page check (50) and mkdocs-bibtex (0) read the page
def on_page_markdown(markdown, page, config, files):
    return mkdocs_tables.expand_page(markdown, page, config)

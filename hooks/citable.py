"""MkDocs hooks for citable pages and sections (booktools/mkdocs_citable.py) and readable tables
(booktools/html_tables.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booktools import html_tables, mkdocs_citable  # noqa: E402


def on_files(files, config):
    return mkdocs_citable.collect(files, config)


def on_page_content(html, page, config, files):
    html = mkdocs_citable.insert_boxes(html, page, config, files)
    return html_tables.wrap(html, config.theme.get("language", "en"))


def on_page_context(context, page, config, nav):
    return mkdocs_citable.head_metadata(context, page, config)

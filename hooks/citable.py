"""MkDocs hooks for citable pages and sections (see booktools/mkdocs_citable.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booktools import mkdocs_citable  # noqa: E402


def on_files(files, config):
    return mkdocs_citable.collect(files, config)


def on_page_content(html, page, config, files):
    return mkdocs_citable.insert_boxes(html, page, config, files)


def on_page_context(context, page, config, nav):
    return mkdocs_citable.head_metadata(context, page, config)

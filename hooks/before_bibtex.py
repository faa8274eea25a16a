"""MkDocs hooks that run before mkdocs-bibtex (see booktools/mkdocs_adapter.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.plugins import event_priority  # noqa: E402

from booktools import mkdocs_adapter  # noqa: E402


@event_priority(100)  # before mkdocs-bibtex parses the .bib
def on_config(config):
    return mkdocs_adapter.validate_bibliography(config)


def on_pre_build(config):
    mkdocs_adapter.wrap_registry(config)


def on_files(files, config):
    return mkdocs_adapter.prewarm(files, config)


@event_priority(50)  # before mkdocs-bibtex reads the page
def on_page_markdown(markdown, page, config, files):
    return mkdocs_adapter.check_and_protect(markdown, page, config)

"""MkDocs hooks that run after mkdocs-bibtex (see booktools/mkdocs_adapter.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs.plugins import event_priority  # noqa: E402

from booktools import mkdocs_adapter  # noqa: E402


@event_priority(-50)  # after mkdocs-bibtex has replaced the citations
def on_page_markdown(markdown, page, config, files):
    return mkdocs_adapter.finish_page(markdown, page, config, files)


def on_post_build(config):
    mkdocs_adapter.build_next_edition(config)


def on_page_context(context, page, config, nav):
    return mkdocs_adapter.alternates(context, page, config)


def on_page_content(html, page, config, files):
    return mkdocs_adapter.swap_snippets(html, page, config)

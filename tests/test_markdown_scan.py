"""The Markdown scanner: citations found, code and link text left alone, line numbers right."""
from booktools import markdown_scan

PAGE = """---
title: x
---
# Title

## Section {#sec}

One [@a, hlm. 12] two [@b; @c] three [-@d]. Mail [x@example.org].
Code `[@not_a_citation]` and [link @text](https://example.org).
Split [@e,
hlm. 3] here.

```
[@in_fence]
```

### Sub without id
"""


def test_citations_outside_code_with_lines():
    found = markdown_scan.find_citations(PAGE)
    assert [(c.line, c.keys) for c in found] == [(8, ["a"]), (8, ["b", "c"]), (8, ["d"])]
    assert found[0].items[0].locator == "hlm. 12"
    assert found[2].items[0].suppress_author


def test_split_citation_found():
    assert [(line, text) for line, _c, text in markdown_scan.find_split_citations(PAGE)] == [(10, "[@e,")]


def test_headings_and_ids():
    headings = markdown_scan.find_headings(PAGE)
    assert [(h.line, h.level, h.id) for h in headings] == [(6, 2, "sec"), (17, 3, None)]


def test_protect_and_restore_round_trip():
    text, table = markdown_scan.protect(PAGE)
    assert "[@not_a_citation]" not in text and "[@in_fence]" not in text and "[link @text]" not in text
    assert "[@a, hlm. 12]" in text
    assert markdown_scan.restore(text, table) == PAGE

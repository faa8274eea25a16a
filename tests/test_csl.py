"""The committed CSL files are the registry package's APA 7 style, with the locales we need."""
from booktools.csl import STYLES, expected_csl
from fixtures import ROOT


def test_committed_styles_match_the_package():
    for name in STYLES:
        committed = (ROOT / "csl" / name).read_text(encoding="utf-8")
        assert committed == expected_csl(name), f"csl/{name} differs: run `make csl`"


def test_styles_are_the_named_author_date_styles():
    chicago = (ROOT / "csl" / "chicago-author-date.csl").read_text(encoding="utf-8")
    assert "<title>Chicago Manual of Style 18th edition (author-date)</title>" in chicago
    for name in ("apa.csl", "apa-id.csl"):
        text = (ROOT / "csl" / name).read_text(encoding="utf-8")
        assert "<title>APA Style 7th edition</title>" in text
        assert 'citation-format="author-date"' in text
    assert 'default-locale="id-ID"' in (ROOT / "csl" / "apa-id.csl").read_text(encoding="utf-8")

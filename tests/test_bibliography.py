"""references.bib checks: each bad fixture must produce a problem with its line."""
from pathlib import Path

from booktools import bibliography
from fixtures import GOOD_BIB, write


def problems_for(tmp_path: Path, text: str):
    bib, problems = bibliography.load(write(tmp_path / "references.bib", text))
    if bib is not None:
        problems += bibliography.check_entries(bib)
    return problems


def test_good_bibliography_passes(tmp_path):
    assert problems_for(tmp_path, GOOD_BIB) == []


def test_malformed_bib_stops_with_line_and_entry(tmp_path):
    text = GOOD_BIB + "\n@article{broken2020,\n  author = {X, Y},\n  title = {Unclosed,\n  year = 2020\n}\n\n@book{later, title={Z}}\n"
    problems = problems_for(tmp_path, text)
    assert len(problems) == 1
    message = str(problems[0])
    assert "malformed BibTeX" in message
    assert "references.bib:" in message and problems[0].line
    assert "broken2020" in message


def test_duplicate_keys_name_both_lines(tmp_path):
    text = "@book{same, title={A}, publisher={P}, year={2001}, author={A, B}, isbn={1}}\n\n@book{same, title={B}}\n"
    problems = problems_for(tmp_path, text)
    assert any("duplicate key 'same'" in p.message and p.line == 3 and "line 1" in p.message for p in problems)


def test_key_characters_are_limited(tmp_path):
    problems = problems_for(tmp_path, "@book{doe:2020, title={A}, publisher={P}, year={2001}, author={D, J}, isbn={1}}\n")
    assert any("doe:2020" in p.message and "characters" in p.message for p in problems)


def test_required_fields_per_type(tmp_path):
    problems = problems_for(tmp_path, "@article{a1, author={D, J}, title={T}, year={2020}, url={https://example.org/}}\n")
    assert [p.message for p in problems] == ["entry 'a1' (@article) lacks required field journaltitle or journal"]


def test_online_needs_url_and_urldate(tmp_path):
    problems = problems_for(tmp_path, "@online{o1, title={T}, url={https://example.org/x}}\n")
    assert any("urldate" in p.message for p in problems)


def test_every_entry_needs_doi_isbn_or_url(tmp_path):
    problems = problems_for(tmp_path, "@book{b1, author={D, J}, title={T}, publisher={P}, year={2001}}\n")
    assert any("no doi, isbn or url" in p.message for p in problems)


def test_malformed_doi_and_url_and_date(tmp_path):
    text = ("@article{a1, author={D, J}, title={T}, journal={J}, date={2020-13-01},"
            " doi={https://doi.org/10.1000/xyz}, url={htp:/broken url}}\n")
    messages = " | ".join(p.message for p in problems_for(tmp_path, text))
    assert "malformed doi" in messages
    assert "malformed url" in messages
    assert "not an ISO date" in messages


def test_unknown_entry_type(tmp_path):
    problems = problems_for(tmp_path, "@unpublished{u1, title={T}, author={D, J}, url={https://example.org/}}\n")
    assert any("@unpublished" in p.message for p in problems)

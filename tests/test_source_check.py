"""The pre-build source check (scripts/check_sources.py) on fixture projects."""
from scripts.check_sources import main, sources_for
from booktools.source_check import check
from fixtures import GOOD_BIB, write

ALL_CITED = "[@dewaal2003black] [@cornell2017turkey] [@many2020authors]\n"


def project(tmp_path, id_page, en_page=None, allow=None, bib=GOOD_BIB):
    write(tmp_path / "references.bib", bib)
    write(tmp_path / "docs/id/bab.md", id_page)
    write(tmp_path / "docs/en/bab.md", en_page if en_page is not None else id_page.replace("hlm.", "p."))
    if allow is not None:
        write(tmp_path / "references-uncited.yml", allow)
    return check(sources_for(tmp_path))


def messages(problems):
    return [str(p) for p in problems]


def test_clean_project_passes(tmp_path):
    assert project(tmp_path, "# T\n\n## A {#a}\n\n" + ALL_CITED) == []


def test_unknown_key_gives_file_line_and_suggestion(tmp_path):
    found = messages(project(tmp_path, "# T\n\n" + ALL_CITED + "Text [@dewaal2003blak].\n"))
    assert any("docs/id/bab.md:4: unknown citation key 'dewaal2003blak'" in m and "dewaal2003black" in m for m in found)


def test_split_citation_is_reported(tmp_path):
    found = messages(project(tmp_path, "# T\n\n" + ALL_CITED + "Text [@dewaal2003black,\nhlm. 3].\n"))
    assert any("docs/id/bab.md:4" in m and "split over two lines" in m for m in found)


def test_locator_in_wrong_language(tmp_path):
    page = "# T\n\n" + ALL_CITED + "Text [@dewaal2003black, p. 3].\n"
    found = messages(project(tmp_path, page, en_page=page))
    assert any("docs/id/bab.md:4" in m and "hlm." in m for m in found)


def test_uncited_entry_fails_unless_allow_listed(tmp_path):
    page = "# T\n\n[@dewaal2003black] [@cornell2017turkey]\n"
    assert any("'many2020authors' is never cited" in m for m in messages(project(tmp_path, page)))
    assert project(tmp_path, page, allow="many2020authors: kept for chapter 4, still being written\n") == []


def test_allow_list_without_reason_or_stale(tmp_path):
    found = messages(project(tmp_path, "# T\n\n" + ALL_CITED, allow="many2020authors:\nghost: gone\n"))
    assert any("allow-listed but cited" in m for m in found)
    assert any("'ghost' is allow-listed but not in references.bib" in m for m in found)


def test_heading_without_id_and_duplicate_id(tmp_path):
    found = messages(project(tmp_path, "# T\n\n## No id\n\n## A {#a}\n\n### B {#a}\n\n" + ALL_CITED))
    assert any("docs/id/bab.md:3: heading 'No id' has no explicit id" in m for m in found)
    assert any("docs/id/bab.md:7" in m and "used twice" in m for m in found)


def test_editions_need_same_pages_and_anchors(tmp_path):
    write(tmp_path / "docs/id/only-id.md", "# X\n")
    found = messages(project(tmp_path, "# T\n\n## A {#a}\n\n" + ALL_CITED, en_page="# T\n\n## A {#b}\n\n" + ALL_CITED))
    assert any("only-id.md: page has no en counterpart" in m for m in found)
    assert any("section id 'a' of the id page is missing" in m for m in found)


def test_keys_cited_from_data_files_count(tmp_path):
    write(tmp_path / "data/figure.yml", "- value: 1\n  sources: [many2020authors]\n")
    assert project(tmp_path, "# T\n\n[@dewaal2003black] [@cornell2017turkey]\n") == []


def test_command_exit_status(tmp_path, capsys):
    project(tmp_path, "# T\n\n" + ALL_CITED + "[@nope]\n")
    assert main(["--root", str(tmp_path)]) == 1
    assert "unknown citation key 'nope'" in capsys.readouterr().out

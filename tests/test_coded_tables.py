"""Tables made from the coded data: the interest × phase table's checks, both tables' rendering, a real build."""
import re

from booktools import bibliography, coded_tables, timeline
from booktools import codes as vocab
from booktools.source_check import check
from coded_fixtures import CODED, CODES, INTENSITY, INTERESTS, coded_files, coded_pages
from fixtures import GOOD_BIB, ROOT, build, make_project, write
from scripts.check_sources import sources_for

KEYS = {"dewaal2003black", "cornell2017turkey", "many2020authors"}


def data_dir(tmp_path, timeline_text=CODED, intensity=INTENSITY, codes=CODES):
    for rel, text in coded_files(timeline_text, codes, intensity).items():
        write(tmp_path / rel, text)
    write(tmp_path / "docs/id/kepentingan-turki.md", INTERESTS)
    return tmp_path / "data"


def problems(tmp_path, intensity=INTENSITY, timeline_text=CODED):
    data = data_dir(tmp_path, timeline_text=timeline_text, intensity=intensity)
    table, found = coded_tables.load_intensity(data)
    if table is None:
        return "\n".join(map(str, found))
    codes, _ = vocab.load(data / "codes.yml")
    events = {e.id: e for e in timeline.load(data / "timeline.yml")[0]}
    return "\n".join(map(str, found + coded_tables.check_intensity(table, codes, events, KEYS, tmp_path / "docs/id")))


def line_of(text, needle, after=0):
    return next(i for i, line in enumerate(text.splitlines(), 1) if i > after and needle in line)


def test_real_data_validates_and_renders_in_both_languages():
    keys = set(bibliography.load(ROOT / "references.bib")[0].keys)
    assert coded_tables.check_data(ROOT / "data", keys, ROOT / "docs" / "id") == []
    for lang in ("id", "en"):
        page = coded_tables.expand("<!-- booktools:table interest-intensity -->\n<!-- booktools:table phase-instruments -->\n",
                                   lang, ROOT / "data" / "timeline.yml")
        assert page.count("<figure class=\"bt-table") == 2 and "booktools:table" not in page
        assert re.search(r"\[@[\w-]+(; @[\w-]+)*\]</td>", page)  # the cells cite their sources


def test_good_fixture_passes(tmp_path):
    assert problems(tmp_path) == ""


def test_unknown_ids_are_reported_with_their_line(tmp_path):
    bad = (INTENSITY.replace("intensity: major", "intensity: high")
           .replace("basic_interest: kesejahteraan-ekonomi", "basic_interest: wealth")
           .replace("events: [e1921-10-kars]", "events: [e1921-10-karz]")
           .replace("sources: [dewaal2003black]\n      sejak", "sources: [dewaal2003blak]\n      sejak")
           .replace("section: energi\n        events: [e1994", "section: energy\n        events: [e1994"))
    found = problems(tmp_path, bad)
    cell = line_of(bad, "sebelum-2020:", after=line_of(bad, "- id: nakhchivan")) + 1
    assert f"interest-intensity.yml:{cell}: row 'nakhchivan', column 'sebelum-2020': intensity 'high' is not defined in" in found
    assert "use one of: peripheral, major, vital, survival" in found
    assert f"interest-intensity.yml:{line_of(bad, '- id: energi')}: row 'energi': basic_interest 'wealth' is not defined" in found
    assert "unknown event 'e1921-10-karz' -> did you mean e1921-10-kars?" in found
    assert "unknown source 'dewaal2003blak' -> did you mean dewaal2003black?" in found
    assert "section 'energy' does not exist in kepentingan-turki.md -> did you mean energi?" in found


# Two events on either side of the boundary between the 44-day war and the post-war phase.
BOUNDARY = CODED + """- id: e2020-11-trilateral
  date: "2020-11-10"
  precision: day
  themes: [diplomacy]
  phase: perang-2020
  title: {id: "Pernyataan trilateral", en: "Trilateral statement"}
  summary: {id: "Ringkasan enam.", en: "Summary six."}
  sources: [dewaal2003black]
- id: e2020-11-shusha
  date: "2020-11-08"
  precision: day
  themes: [military]
  phase: perang-2020
  title: {id: "Shusha/Shushi", en: "Shusha/Shushi"}
  summary: {id: "Ringkasan tujuh.", en: "Summary seven."}
  sources: [dewaal2003black]
"""
# The columns split at that boundary: up to the war, and the post-war phase alone.
SPLIT = (INTENSITY.replace("phases: [akar-soviet, perang-1988-1994, kebuntuan-1994-2016, april-2016]",
                           "phases: [akar-soviet, perang-1988-1994, kebuntuan-1994-2016, april-2016, tovuz-2020, perang-2020]")
         .replace("phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]", "phases: [pascaperang-2020-2022]")
         .replace("events: [e2020-09-support, e2020-11-mandate]", "events: [e2020-11-mandate]"))


def test_a_cell_event_outside_its_columns_phases_is_reported(tmp_path):
    """Planted fault: a 2020 event as evidence in the column of the phases before Tovuz (review V13, T6)."""
    bad = INTENSITY.replace("events: [e1921-10-kars]", "events: [e1921-10-kars, e2020-11-mandate]")
    found = problems(tmp_path, bad)
    cell = line_of(bad, "sebelum-2020:", after=line_of(bad, "- id: nakhchivan")) + 1
    assert (f"interest-intensity.yml:{cell}: row 'nakhchivan', column 'sebelum-2020': event 'e2020-11-mandate' (2020-11-17) "
            "lies outside the column's phases (akar-soviet, perang-1988-1994, kebuntuan-1994-2016, april-2016: "
            "1921-01-01 to 2020-07-12, boundary days included) -> link an event of those phases, "
            "or move it to column 'sejak-2020' (its phase is pascaperang-2020-2022)") in found
    assert "e1921-10-kars" not in found  # the event of the column's own phase is not reported
    late = problems(tmp_path, SPLIT.replace("events: [e2020-11-mandate]", "events: [e2020-11-shusha]"), BOUNDARY)
    assert "column 'sejak-2020': event 'e2020-11-shusha' (2020-11-08) lies outside the column's phases" in late


def test_boundary_days_and_month_dates_count_as_inside(tmp_path):
    """Negative control: the day two phases share, and a month that overlaps the column, are not faults."""
    assert problems(tmp_path, SPLIT.replace("events: [e2020-11-mandate]", "events: [e2020-11-trilateral, e2020-11-mandate]"),
                    BOUNDARY) == ""
    month = INTENSITY.replace("phases: [akar-soviet, perang-1988-1994, kebuntuan-1994-2016, april-2016]",
                              "phases: [akar-soviet, perang-1988-1994]")
    month = month.replace("phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]",
                          "phases: [kebuntuan-1994-2016, april-2016, tovuz-2020, perang-2020, pascaperang-2020-2022]")
    month = month.replace("events: [e2020-11-mandate]\n", "events: [e1994-05-bishkek, e2020-11-mandate]\n")
    assert problems(tmp_path, month) == ""  # May 1994 lies on both sides of the ceasefire of 12 May


def test_missing_and_unknown_cells_and_columns(tmp_path):
    bad = INTENSITY.replace("      sejak-2020:\n        intensity: vital\n        section: energi",
                            "      sesudah-2020:\n        intensity: vital\n        section: energi")
    found = problems(tmp_path, bad)
    assert f"interest-intensity.yml:{line_of(bad, '- id: energi')}: row 'energi': no cell for column 'sejak-2020'" in found
    assert "row 'energi': cell for unknown column 'sesudah-2020' -> use one of: sebelum-2020, sejak-2020" in found
    columns = problems(tmp_path, INTENSITY.replace("phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]",
                                                   "phases: [tovuz-2020, pascaperang-2020-2022, perang-2021]"))
    assert "column 'sejak-2020': phase 'perang-2021' is not defined" in columns
    gap = problems(tmp_path, INTENSITY.replace("phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]",
                                               "phases: [tovuz-2020, pascaperang-2020-2022]"))
    assert f"interest-intensity.yml:{line_of(INTENSITY, '- id: sejak-2020')}: column 'sejak-2020': its phases are not consecutive" in gap
    repeat = problems(tmp_path, INTENSITY.replace("phases: [tovuz-2020, perang-2020, pascaperang-2020-2022]",
                                                  "phases: [april-2016, tovuz-2020]"))
    assert "column 'sejak-2020': repeats a phase of an earlier column" in repeat


def test_missing_parts_and_wrong_shapes(tmp_path):
    found = problems(tmp_path, INTENSITY.replace('  en: "Intensity of interests by phase"\n', "")
                     .replace("page: kepentingan-turki.md", "page: kepentingan-turki.md\ncolour: red")
                     .replace("        events: [e1994-05-bishkek]\n", "")
                     .replace('    label: {id: "Energi", en: "Energy"}', '    label: {id: "Energi"}'))
    assert "interest-intensity.yml:1: caption lacks 'en'" in found and "interest-intensity.yml:1: unknown key 'colour'" in found
    assert "row 'energi', column 'sebelum-2020': no events" in found and "row 'energi': label lacks 'en'" in found
    assert "page 'bab-4.md' does not exist" in problems(tmp_path, INTENSITY.replace("page: kepentingan-turki.md", "page: bab-4.md"))
    assert "interest-intensity.yml:3: malformed YAML" in problems(tmp_path, "caption: x\nrows: [\n- a: b\n")
    assert "the file must be a mapping" in problems(tmp_path, "- a\n")


def test_source_check_reports_the_table_and_the_anchors(tmp_path):
    write(tmp_path / "references.bib", GOOD_BIB)
    for rel, text in coded_pages().items():
        write(tmp_path / "docs" / rel, text)
    for rel, text in coded_files().items():
        write(tmp_path / rel, text)
    assert [str(p) for p in check(sources_for(tmp_path))] == []
    write(tmp_path / "data/interest-intensity.yml", INTENSITY.replace("intensity: major", "intensity: high"))
    write(tmp_path / "data/codes.yml", CODES.replace("evolusi-konflik.md#temuan", "evolusi-konflik.md#fase", 1))
    found = "\n".join(str(p) for p in check(sources_for(tmp_path)))
    assert re.search(r"data/interest-intensity\.yml:\d+: row 'nakhchivan', column 'sebelum-2020': intensity 'high'", found)
    assert re.search(r"data/codes\.yml:\d+: phase value 'akar-soviet': 'evolusi-konflik\.md' has no section '#fase'", found)


def test_unknown_table_name_is_reported_at_the_page_line(tmp_path):
    data = data_dir(tmp_path)
    page = "# Bab\n\nTeks.\n\n<!-- booktools:table interest-phase -->\n"
    found = [str(p) for p in coded_tables.check_page(page, "docs/id/bab.md", data, KEYS, None)]
    assert found == ["docs/id/bab.md:5: unknown table 'interest-phase' -> use one of: interest-intensity, phase-instruments"]
    assert coded_tables.expand(page, "id", data / "timeline.yml") == page  # left in place, not silently dropped


def test_tables_render_links_citations_and_the_highest_change(tmp_path):
    data = data_dir(tmp_path)
    path = data / "timeline.yml"
    id_md = coded_tables.expand("<!-- booktools:table interest-intensity 4.3 -->", "id", path)
    assert '<figcaption markdown="span">Tabel 4.3. Intensitas kepentingan menurut fase</figcaption>' in id_md
    assert '<th scope="col" markdown="span">Sebelum 2020 (1921–2020)</th>' in id_md
    assert ('<td markdown="span">[Vital](kepentingan-turki.md#nakhchivan)<br>Peristiwa: '
            '[27\u00a0Sep\u00a02020](kronologi.md#e2020-09-support "Dukungan penuh"), [17\u00a0Nov\u00a02020](kronologi.md#e2020-11-mandate '
            '"Mandat parlemen") [@cornell2017turkey; @many2020authors]</td>') in id_md
    assert "[Pertahanan tanah air](kerangka-konseptual.md#tipologi-nuechterlein" in id_md
    en_md = coded_tables.expand("<!-- booktools:table phase-instruments -->", "en", path)
    assert "<figcaption markdown=\"span\">Phases of the conflict and Turkey's policy instruments" in en_md
    row = en_md[en_md.index("Post-war order under Russian peacekeepers"):].split("</tr>")[0]
    cells = re.findall(r'<td markdown="span">(.*?)</td>', row)
    assert cells[0] == "–" and cells[1] == ('[17\u00a0Nov\u00a02020](kronologi.md#e2020-11-mandate "Parliament\'s mandate"), '
                                             '[Dec\u00a02020](kronologi.md#e2020-12-exercise "Exercise")')
    assert cells[3] == '[17\u00a0Nov\u00a02020](kronologi.md#e2020-11-mandate "Parliament\'s mandate")'
    assert cells[-1].startswith("[Program change](kerangka-konseptual.md#aturan-perubahan")
    assert cells[-1].endswith(': [17\u00a0Nov\u00a02020](kronologi.md#e2020-11-mandate "Parliament\'s mandate")')
    war = en_md[en_md.index("The 44-day war"):].split("</tr>")[0]
    assert "27\u00a0Sep\u00a02020 – 10\u00a0Nov\u00a02020" in war and "[Adjustment](" in war


def test_both_tables_and_the_filters_build_in_both_languages(tmp_path):
    project = make_project(tmp_path, coded_pages(), files=coded_files())
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for root, table, event in [("", "Tabel", "Peristiwa"), ("en/", "Table", "Events")]:
        interests = (project / "site" / root / "kepentingan-turki.html").read_text()
        assert f"<figcaption>{table} 4.3. " in interests and "<table>" in interests
        assert re.search(r'<a href="kepentingan-turki.html#nakhchivan">Vital</a><br>' + event
                         + r': <a href="kronologi.html#e2020-09-support"', interests)
        assert 'class="citation"' in interests and "Cornell" in interests.split('id="references"')[1]
        instruments = (project / "site" / root / "kebijakan-luar-negeri.html").read_text()
        assert f"<figcaption>{table} 6.1. " in instruments and 'href="kronologi.html#e2020-11-mandate"' in instruments
        page = (project / "site" / root / "kronologi.html").read_text()
        assert '<legend>' in page and 'id="tl-instrument-militer-teknis"' in page and '<details class="tl-more">' in page
        assert "<style>" in page and "#tl-phase-perang-2020:checked" in page
        assert 'class="tl-codes"' in page and 'href="kebijakan-luar-negeri.html#instrumen-retorika"' in page
    assert "Fase" in (project / "site" / "kronologi.html").read_text()
    assert "Phase" in (project / "site" / "en" / "kronologi.html").read_text()


def test_bad_table_data_fails_the_build(tmp_path):
    bad = INTENSITY.replace("intensity: major", "intensity: high")
    project = make_project(tmp_path, coded_pages(), files=coded_files(intensity=bad))
    result = build(project)
    output = result.stdout + result.stderr
    line = line_of(bad, "sebelum-2020:", after=line_of(bad, "- id: nakhchivan")) + 1
    assert result.returncode != 0 and f"data/interest-intensity.yml:{line}: row 'nakhchivan'" in output
    unknown = coded_pages(**{"id/bab.md": "# Bab\n\n## A {#a}\n\n<!-- booktools:table nope -->\n"})
    result = build(make_project(tmp_path / "second", unknown, files=coded_files()))
    assert result.returncode != 0 and "docs/id/bab.md:5: unknown table 'nope'" in result.stdout + result.stderr

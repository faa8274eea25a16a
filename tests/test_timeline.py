"""The timeline data check, its order and codes, its rendering, and the timeline page in a real build."""
import re

import yaml

from booktools import codes as vocab
from booktools import timeline
from coded_fixtures import CODED, coded_files, coded_pages, switched
from fixtures import ROOT, build, make_project, write
from fixtures import good_pages

KEYS = {"dewaal2003black", "cornell2017turkey", "many2020authors"}
OPTIONAL = switched(False)  # uncoded events allowed: the tests of the other rules use uncoded events

GOOD = """
- id: e1921-10-kars
  date: "1921-10-13"
  precision: day
  themes: [law, turkey]
  title: {id: "Traktat Kars", en: "Treaty of Kars"}
  summary: {id: "Ringkasan satu.", en: "Summary one."}
  sources: [dewaal2003black]
- id: e1994-05-bishkek
  date: "1994-05"
  precision: month
  themes: [diplomacy]
  title: {id: "Protokol Bishkek", en: "Bishkek Protocol"}
  summary: {id: "Ringkasan dua.", en: "Summary two."}
  sources: [cornell2017turkey, many2020authors]
"""


def event(eid, date, precision="day", extra=""):
    """One event as YAML; `extra` adds lines such as '  phase: perang-2020'."""
    return (f"\n- id: {eid}\n  date: \"{date}\"\n  precision: {precision}\n  themes: [turkey]\n{extra}"
            f"  title: {{id: \"a\", en: \"b\"}}\n  summary: {{id: \"a\", en: \"b\"}}\n  sources: [dewaal2003black]\n")


def problems_for(tmp_path, text, codes=OPTIONAL):
    path = write(tmp_path / "timeline.yml", text)
    write(tmp_path / "codes.yml", codes)
    events, problems = timeline.load(path)
    return events, problems + timeline.check(events, path, KEYS)


def messages(tmp_path, text, codes=OPTIONAL):
    return "\n".join(str(p) for p in problems_for(tmp_path, text, codes)[1])


def test_good_timeline_passes_and_renders_both_languages(tmp_path):
    events, problems = problems_for(tmp_path, GOOD)
    assert problems == [] and len(events) == 2
    codes, _ = vocab.load(tmp_path / "codes.yml")
    id_md, en_md = timeline.render(events, "id", codes), timeline.render(events, "en", codes)
    assert 'id="e1921-10-kars"' in id_md and "13 Oktober 1921" in id_md and "Mei 1994" in id_md
    assert "13 October 1921" in en_md and "**Bishkek Protocol** Summary two. [@cornell2017turkey; @many2020authors]" in en_md
    assert 'id="tl-law"' in id_md and 'id="tl-energy"' not in id_md  # only themes in use get a filter
    assert "tl-more" not in id_md  # no coded events: no group of code filters


def test_each_fault_is_reported_with_its_line(tmp_path):
    bad = GOOD + """
- id: e1990-bad
  date: "1990-02-30"
  precision: day
  themes: [war]
  title: {id: "Tanpa terjemahan"}
  summary: {id: "x", en: "y"}
  sources: [dewaal2003blak]
  colour: red
- id: e1921-10-kars
  date: "1995"
  precision: day
  themes: [law]
  title: {id: "a", en: "b"}
  summary: {id: "a", en: "b"}
  sources: []
- id: e1993-early
  date: "1993-04-02"
  precision: day
  themes: [law]
  title: {id: "a", en: "b"}
  summary: {id: "a", en: "b"}
  sources: [dewaal2003black]
"""
    text = messages(tmp_path, bad)
    assert "timeline.yml:17: event 'e1990-bad': date '1990-02-30' is not a real date" in text
    assert "themes ['war']" in text and "title lacks en" in text and "unknown field(s) colour" in text
    assert "unknown source key 'dewaal2003blak'" in text and "did you mean dewaal2003black" in text
    assert "timeline.yml:25: event 'e1921-10-kars': id used twice (first at line 2)" in text
    assert "date '1995' does not match precision 'day'" in text and "no sources" in text
    assert "timeline.yml:32: event 'e1993-early': date 1993-04-02 comes before the previous event 'e1994-05-bishkek'" in text


def test_malformed_yaml_names_the_line(tmp_path):
    _, problems = problems_for(tmp_path, "- id: e1\n  date: [unclosed\n")
    assert problems and problems[0].line and "malformed YAML" in problems[0].message


# -- order: a month-precision event after the dated events of its month (issue 14, point 8) --------------

def test_month_and_year_precision_sort_after_the_dated_events(tmp_path):
    good = (event("e1988-02-vote", "1988-02-20") + event("e1988-02-sumgait", "1988-02", "month")
            + event("e1988-03-x", "1988-03-01") + event("e1988-later", "1988", "year") + event("e1989-01-x", "1989-01-01"))
    assert messages(tmp_path, good) == ""
    for first, second in [(event("e1988-02-sumgait", "1988-02", "month"), event("e1988-02-vote", "1988-02-20")),
                          (event("e2020-07-drills", "2020-07", "month"), event("e2020-07-tovuz", "2020-07-12")),
                          (event("e1988-later", "1988", "year"), event("e1988-12-x", "1988-12-31"))]:
        text = messages(tmp_path, first + second)
        assert "timeline.yml:10:" in text and "comes before the previous event" in text
        assert "goes after the dated events of that month or year, or give it 'sort: YYYY-MM-DD'" in text


def test_sort_hint_places_an_undated_event_inside_its_month(tmp_path):
    hinted = (event("e1988-02-vote", "1988-02-20") + event("e1988-02-sumgait", "1988-02", "month", "  sort: \"1988-02-27\"\n")
              + event("e1988-02-end", "1988-02-28"))
    assert messages(tmp_path, hinted) == ""
    events, _ = problems_for(tmp_path, hinted)
    assert [timeline.sort_key(e) for e in events] == [(1988, 2, 20), (1988, 2, 27), (1988, 2, 28)]
    outside = messages(tmp_path, event("e1988-02-sumgait", "1988-02", "month", "  sort: \"1988-03-01\"\n"))
    assert "timeline.yml:2: event 'e1988-02-sumgait': sort '1988-03-01' lies outside the event's date 1988-02" in outside
    on_a_day = messages(tmp_path, event("e1988-02-vote", "1988-02-20", "day", "  sort: \"1988-02-21\"\n"))
    assert "'sort' is only for events dated to the month or year" in on_a_day
    assert "is not a real day" in messages(tmp_path, event("e1988-02-x", "1988-02", "month", "  sort: \"1988-02-30\"\n"))


def test_real_timeline_puts_month_events_after_the_days_of_their_month():
    ids = [e["id"] for e in yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))]
    assert ids.index("e1988-02-sumgait") > ids.index("e1988-02-nkao-appeal")
    assert ids.index("e2020-07-drills") > ids.index("e2020-07-tovuz")


# -- codes -------------------------------------------------------------------------------------------------

def test_coded_events_pass(tmp_path):
    assert messages(tmp_path, CODED) == ""


def test_unknown_value_names_field_value_and_allowed_values(tmp_path):
    text = messages(tmp_path, event("e2020-09-x", "2020-09-27", extra="  phase: perang-2021\n  instrument: [drones]\n"
                                    "  policy_change: program\n  basic_interest: [prestise]\n  cooperation_form: [latihan]\n"))
    assert ("timeline.yml:2: event 'e2020-09-x': phase 'perang-2021' is not defined in" in text
            and "(did you mean perang-2020?) -> use one of: akar-soviet, perang-1988-1994," in text)
    assert "instrument 'drones' is not defined" in text and "use one of: retorika, militer-teknis," in text
    assert "basic_interest 'prestise' is not defined" in text and "pertahanan-tanah-air" in text
    assert "cooperation_form" not in text  # a known value passes


def test_phase_must_contain_the_date(tmp_path):
    text = messages(tmp_path, event("e2020-09-x", "2020-09-28", extra="  phase: tovuz-2020\n"))
    assert ("timeline.yml:2: event 'e2020-09-x': phase 'tovuz-2020' runs from 2020-07-12 to 2020-09-26, "
            "which does not include the date 2020-09-28 -> use perang-2020") in text
    month = messages(tmp_path, event("e2021-01-x", "2021-01", "month", "  phase: perang-2020\n"))
    assert "does not include the date 2021-01 -> use pascaperang-2020-2022" in month


def test_boundary_days_may_belong_to_either_neighbouring_phase(tmp_path):
    ok = (event("e1994-05-a", "1994-05-12", extra="  phase: perang-1988-1994\n")
          + event("e1994-05-b", "1994-05-12", extra="  phase: kebuntuan-1994-2016\n")
          + event("e2020-07-a", "2020-07-11", extra="  phase: tovuz-2020\n")
          + event("e2020-07-b", "2020-07-12", extra="  phase: april-2016\n")
          + event("e2020-07-c", "2020-07", "month", "  phase: april-2016\n")
          + event("e2020-08-d", "2020-08", "month", "  phase: tovuz-2020\n"))
    assert messages(tmp_path, ok) == ""
    assert "does not include the date 2020-07-13" in messages(tmp_path, event("e2020-07-x", "2020-07-13", extra="  phase: april-2016\n"))
    hinted = event("e2020-07-y", "2020-07", "month", "  sort: \"2020-07-20\"\n  phase: april-2016\n")
    assert "does not include the date 2020-07 -> use tovuz-2020" in messages(tmp_path, hinted)


def test_policy_change_goes_with_instrument_and_only_with_it(tmp_path):
    text = messages(tmp_path, event("e2020-09-x", "2020-09-27", extra="  phase: perang-2020\n  instrument: [retorika]\n"))
    assert "timeline.yml:2: event 'e2020-09-x': instrument given without policy_change" in text
    assert "policy_change: one of kesinambungan, penyesuaian, program, tujuan, orientasi" in text
    text = messages(tmp_path, event("e2020-09-x", "2020-09-27", extra="  phase: perang-2020\n  policy_change: program\n"))
    assert "event 'e2020-09-x': policy_change given without instrument" in text and "or remove policy_change" in text


def test_list_fields_are_lists_and_single_fields_single(tmp_path):
    text = messages(tmp_path, event("e2020-09-x", "2020-09-27", extra="  phase: [perang-2020]\n  instrument: retorika\n"
                                    "  policy_change: program\n  basic_interest: [tatanan-dunia, tatanan-dunia]\n"))
    assert "phase takes one value" in text and "instrument must be a non-empty list" in text
    assert "basic_interest lists tatanan-dunia twice" in text


def test_phase_is_required_only_when_the_switch_is_on(tmp_path):
    uncoded = event("e2020-09-x", "2020-09-27")
    assert messages(tmp_path, uncoded) == ""
    text = messages(tmp_path, uncoded, codes=switched(True))
    assert "timeline.yml:2: event 'e2020-09-x': phase missing -> add phase: one of akar-soviet," in text


def test_missing_or_broken_codes_file_is_reported(tmp_path):
    path = write(tmp_path / "timeline.yml", GOOD)
    problems = timeline.check(timeline.load(path)[0], path, KEYS)
    assert any("codes.yml: the vocabularies file does not exist" in str(p) for p in problems)
    text = messages(tmp_path, GOOD, codes=OPTIONAL.replace('label: {id: "Fase", en: "Phase"}', 'label: {id: "Fase"}'))
    assert re.search(r"codes\.yml:\d+: vocabulary 'phase' has no label in 'en'", text)


# -- rendering: filters by every dimension, chips, generated CSS -------------------------------------------

def test_filters_chips_and_generated_css(tmp_path):
    events, problems = problems_for(tmp_path, CODED)
    assert problems == []
    codes, _ = vocab.load(tmp_path / "codes.yml")
    id_md, en_md = timeline.render(events, "id", codes), timeline.render(events, "en", codes)
    for name, legend in [("theme", "Tema"), ("phase", "Fase"), ("cooperation-form", "Bentuk kerja sama"),
                         ("basic-interest", "Kepentingan dasar"), ("instrument", "Instrumen Turki"),
                         ("policy-change", "Perubahan kebijakan (Hermann)")]:
        assert f'<fieldset class="tl-filter"><legend>{legend}</legend>' in id_md
        all_id = "tl-all" if name == "theme" else f"tl-{name}-all"
        assert f'name="tl-{name}" id="{all_id}" checked>' in id_md
    assert '<details class="tl-more">\n<summary>Filter by analytical code</summary>' in en_md
    assert '<button class="tl-reset" type="reset">Tampilkan semua peristiwa</button>' in id_md
    assert '<label for="tl-phase-perang-2020">Perang 44 hari (2020)</label>' in id_md
    assert '<label for="tl-phase-perang-2020">The 44-day war (2020)</label>' in en_md
    assert 'id="tl-phase-operasi-2023"' not in id_md  # only values in use get a filter
    assert ('<div class="tl-event tl-turkey tl-military tl-phase-pascaperang-2020-2022 tl-cooperation-form-pelatihan-bantuan '
            'tl-instrument-pusat-pemantauan tl-instrument-militer-teknis tl-policy-change-program" id="e2020-11-mandate" markdown>') in id_md
    # One generated rule per value in use (themes included), nothing per value in book.css.
    css = timeline.filter_css(events, codes)
    used = ["tl-law", "tl-turkey", "tl-phase-akar-soviet", "tl-cooperation-form-latihan", "tl-basic-interest-tatanan-dunia",
            "tl-instrument-retorika", "tl-policy-change-kesinambungan"]
    for tok in used:
        assert f".md-typeset .timeline:has(#{tok}:checked) .tl-event:not(.{tok}){{display:none}}" in css
    assert "<style>\n" + css + "\n</style>" in id_md
    book_css = (ROOT / "overrides" / "assets" / "stylesheets" / "book.css").read_text()
    assert "#tl-military" not in book_css and ".tl-radio:checked + label" in book_css
    # Chips: labelled, linking to the section that defines the concept.
    assert ('<span class="tl-chip tl-chip-instrument"><span class="tl-chip-key">Turkish instrument:</span> '
            '[Joint monitoring centre](kebijakan-luar-negeri.md#instrumen-pusat-pemantauan "') in en_md
    assert '[Perubahan program](kerangka-konseptual.md#aturan-perubahan "Tujuan tetap, tetapi instrumennya baru' in id_md
    assert "{: .tl-codes }" in id_md


def timeline_pages(link_target):
    page = "# Kronologi\n\n## Peristiwa {#peristiwa}\n\n<!-- booktools:timeline -->\n"
    chapter = f"# Bab\n\n## A {{#a}}\n\nLihat [Bishkek](kronologi.md#{link_target}) [@dewaal2003black].\n"
    return good_pages(**{"id/kronologi.md": page, "en/kronologi.md": page.replace("Kronologi", "Timeline"),
                         "id/lain.md": chapter, "en/lain.md": chapter})


def test_timeline_page_builds_with_anchors_filter_and_citations(tmp_path):
    project = make_project(tmp_path, timeline_pages("e1994-05-bishkek"), files={"data/timeline.yml": GOOD, "data/codes.yml": OPTIONAL})
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "kronologi.html").read_text()
    assert re.search(r'<div class="tl-event tl-diplomacy" id="e1994-05-bishkek">', html)
    assert 'class="citation"' in html and "(Cornell, 2017; Satu dkk., 2020)" in html
    assert '<input class="tl-radio" type="radio" name="tl-theme" id="tl-all" checked>' in html
    assert "Bishkek Protocol" in (project / "site" / "en" / "kronologi.html").read_text()


def test_link_to_a_missing_event_fails_the_build(tmp_path):
    project = make_project(tmp_path, timeline_pages("e1994-05-nowhere"), files={"data/timeline.yml": GOOD, "data/codes.yml": OPTIONAL})
    result = build(project)
    assert result.returncode != 0 and "e1994-05-nowhere" in result.stdout + result.stderr


def test_bad_timeline_fails_the_build(tmp_path):
    bad = GOOD.replace("sources: [dewaal2003black]", "sources: [nope]")
    project = make_project(tmp_path, timeline_pages("e1994-05-bishkek"), files={"data/timeline.yml": bad, "data/codes.yml": OPTIONAL})
    result = build(project)
    assert result.returncode != 0 and "unknown source key 'nope'" in result.stdout + result.stderr


def test_bad_code_fails_the_build(tmp_path):
    bad = CODED.replace("phase: perang-2020", "phase: perang-2021")
    project = make_project(tmp_path, coded_pages(), files=coded_files(timeline=bad))
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "data/timeline.yml:18: event 'e2020-09-support': phase 'perang-2021' is not defined" in output

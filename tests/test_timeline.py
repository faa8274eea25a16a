"""The timeline data check, its rendering, and the timeline page in a real build."""
import re

from booktools import timeline
from fixtures import ROOT, build, make_project, write
from fixtures import good_pages

KEYS = {"dewaal2003black", "cornell2017turkey", "many2020authors"}

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


def problems_for(tmp_path, text):
    path = write(tmp_path / "timeline.yml", text)
    events, problems = timeline.load(path)
    return events, problems + timeline.check(events, path, KEYS)


def test_good_timeline_passes_and_renders_both_languages(tmp_path):
    events, problems = problems_for(tmp_path, GOOD)
    assert problems == [] and len(events) == 2
    id_md, en_md = timeline.render(events, "id"), timeline.render(events, "en")
    assert 'id="e1921-10-kars"' in id_md and "13 Oktober 1921" in id_md and "Mei 1994" in id_md
    assert "13 October 1921" in en_md and "**Bishkek Protocol** Summary two. [@cornell2017turkey; @many2020authors]" in en_md
    assert 'id="tl-law"' in id_md and 'id="tl-energy"' not in id_md  # only themes in use get a filter


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
"""
    _, problems = problems_for(tmp_path, bad)
    text = "\n".join(str(p) for p in problems)
    assert "timeline.yml:17: event 'e1990-bad': date '1990-02-30' is not a real date" in text
    assert "date 1990-02-30 comes before the previous event's 1994-05" in text
    assert "themes ['war']" in text and "title lacks en" in text and "unknown field(s) colour" in text
    assert "unknown source key 'dewaal2003blak'" in text and "did you mean dewaal2003black" in text
    assert "timeline.yml:25: event 'e1921-10-kars': id used twice (first at line 2)" in text
    assert "date '1995' does not match precision 'day'" in text and "no sources" in text


def test_malformed_yaml_names_the_line(tmp_path):
    _, problems = problems_for(tmp_path, "- id: e1\n  date: [unclosed\n")
    assert problems and problems[0].line and "malformed YAML" in problems[0].message


def test_every_theme_has_filter_styles():
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "book.css").read_text()
    for theme in timeline.THEMES:
        assert f".timeline:has(#tl-{theme}:checked) .tl-event:not(.tl-{theme})" in css


def timeline_pages(link_target):
    page = "# Kronologi\n\n## Peristiwa {#peristiwa}\n\n<!-- booktools:timeline -->\n"
    chapter = f"# Bab\n\n## A {{#a}}\n\nLihat [Bishkek](kronologi.md#{link_target}) [@dewaal2003black].\n"
    return good_pages(**{"id/kronologi.md": page, "en/kronologi.md": page.replace("Kronologi", "Timeline"),
                         "id/lain.md": chapter, "en/lain.md": chapter})


def test_timeline_page_builds_with_anchors_filter_and_citations(tmp_path):
    project = make_project(tmp_path, timeline_pages("e1994-05-bishkek"), files={"data/timeline.yml": GOOD})
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "kronologi.html").read_text()
    assert re.search(r'<div class="tl-event tl-diplomacy" id="e1994-05-bishkek">', html)
    assert 'class="citation"' in html and "(Cornell, 2017; Satu dkk., 2020)" in html
    assert '<input class="tl-radio" type="radio" name="tl-theme" id="tl-all" checked>' in html
    assert "Bishkek Protocol" in (project / "site" / "en" / "kronologi.html").read_text()


def test_link_to_a_missing_event_fails_the_build(tmp_path):
    project = make_project(tmp_path, timeline_pages("e1994-05-nowhere"), files={"data/timeline.yml": GOOD})
    result = build(project)
    assert result.returncode != 0 and "e1994-05-nowhere" in result.stdout + result.stderr


def test_bad_timeline_fails_the_build(tmp_path):
    bad = GOOD.replace("sources: [dewaal2003black]", "sources: [nope]")
    project = make_project(tmp_path, timeline_pages("e1994-05-bishkek"), files={"data/timeline.yml": bad})
    result = build(project)
    assert result.returncode != 0 and "unknown source key 'nope'" in result.stdout + result.stderr

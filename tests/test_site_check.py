"""The built-HTML check, on hand-made sites: each fault planted once."""
from booktools.site_check import check_site
from fixtures import write

URL = "https://book.example.org/"


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='id'><head>{head}</head><body>{body}</body></html>"


def site(tmp_path, **pages):
    for name, html in pages.items():
        write(tmp_path / "site" / name.replace("__", "/"), html)
    return check_site(tmp_path / "site", URL)


def messages(report):
    return [str(p) for p in report.problems]


def test_good_site_passes(tmp_path):
    report = site(
        tmp_path,
        **{"index.html": page("<h2 id='a'>A</h2><a href='bab.html#b'>x</a><a href='en/index.html'>en</a>"
                              "<a href='https://example.org/x'>ext</a><code>[@shown_as_code]</code>",
                              head=f"<link rel='canonical' href='{URL}index.html'><link rel='stylesheet' href='assets/s.css'>"),
           "bab.html": page("<p id='b'>B</p><a href='#b'>self</a><a href='mailto:x@example.org'>mail</a>"),
           "assets__s.css": "body{}",
           "en__index.html": page("<a href='../index.html#a'>id</a>")},
    )
    assert report.problems == []
    assert report.external_links == {"https://example.org/x": [str((tmp_path / "site/index.html").resolve())]}


def test_broken_link_and_anchor_and_raw_html(tmp_path):
    report = site(tmp_path, **{
        "index.html": page("<a href='missing.html'>x</a>\n<a href='bab.html#nope'>y</a>\n<div><a href='../x.html'>z</a></div>"),
        "bab.html": page("<p id='b'>B</p>"),
    })
    found = messages(report)
    assert any("index.html:1: broken link 'missing.html'" in m for m in found)
    assert any("index.html:2: broken anchor 'bab.html#nope'" in m for m in found)
    assert any("broken link '../x.html'" in m for m in found)


def test_cross_edition_anchor_checked(tmp_path):
    report = site(tmp_path, **{"index.html": page("<p id='a'></p>"), "en__index.html": page("<a href='../index.html#zz'>id</a>")})
    assert any("en/index.html:1: broken anchor" in m for m in messages(report))


def test_third_party_loads_fail(tmp_path):
    report = site(tmp_path, **{"index.html": page(
        "<script src='https://cdn.example.com/x.js'></script><img src='//img.example.com/a.png'>",
        head="<link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Roboto'>")})
    found = messages(report)
    assert len([m for m in found if "from another host" in m]) == 3


def test_unrendered_citation_in_text(tmp_path):
    report = site(tmp_path, **{"index.html": page("<p>As shown [@dewaal2003black, hlm. 3] here.</p><pre>[@fine]</pre>")})
    found = messages(report)
    assert len(found) == 1 and "unrendered citation" in found[0]


def test_malformed_external_link(tmp_path):
    report = site(tmp_path, **{"index.html": page("<a href='https://exa mple.org/x'>bad</a>")})
    assert any("malformed external link" in m for m in messages(report))


def test_own_absolute_urls_are_internal(tmp_path):
    report = site(tmp_path, **{"index.html": page("<a href='https://book.example.org/gone.html'>x</a>")})
    assert any("broken link 'https://book.example.org/gone.html'" in m for m in messages(report))

"""The print document behind the PDFs, as Chromium lays it out for print: admonition icons beside, not over,
their titles (Material places them by [dir=ltr] rules, so the print document needs a direction)."""
from booktools import book_meta, book_pdf
from browsing import ROOT


def test_admonition_icon_does_not_overlap_its_title(browser, site):
    _, out = site
    pages = [p for p in book_pdf.nav_pages(ROOT / "mkdocs.yml")
             if 'class="admonition' in (out / p.replace(".md", ".html")).read_text(encoding="utf-8")]
    assert pages, "no page with an admonition to check"
    book = book_meta.read(ROOT / "CITATION.cff")
    document = out / "_print-check.htm"  # beside the pages (assets are relative), but not a *.html page
    document.write_text(book_pdf.combine(out, pages, "id", book, book.title), encoding="utf-8")
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.goto(document.as_uri())
        page.emulate_media(media="print")
        boxes = page.eval_on_selector_all(".admonition-title", """titles => titles.map(t => {
            const own = getComputedStyle(t), icon = getComputedStyle(t, '::before');
            return {text: t.textContent.trim(), textStart: parseFloat(own.paddingLeft),
                    iconEnd: parseFloat(icon.left) + parseFloat(icon.width), icon: icon.content !== 'none'};
        })""")
    finally:
        page.close()
        document.unlink()
    assert boxes
    overlapping = [b for b in boxes if b["icon"] and b["iconEnd"] > b["textStart"]]
    assert not overlapping, overlapping

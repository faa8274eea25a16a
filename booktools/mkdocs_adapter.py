"""The only module that knows MkDocs and mkdocs-bibtex: wires booktools into a build.

mkdocs-bibtex stays the citation engine (it parses the .bib, runs pandoc with the
CSL style and puts citations and reference lines into each page). Around it:

* before it: fail on headings without an explicit id, unknown keys and citations
  split over two lines (file:line and a fix), and hide code and link text from it;
* once per build: send every citation of the site to pandoc in one batch, and keep
  the results on disk, instead of one pandoc run per page;
* after it: link each citation to its reference, build the alphabetical reference
  list and the full bibliography, and build the English edition into ``en/``.
"""
from __future__ import annotations

import difflib
import logging
import os
import posixpath
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

from . import citation_cache, markdown_scan, references, timeline

log = logging.getLogger("mkdocs.plugins.booktools")
STUB_ENV = "BOOKTOOLS_STUB_CITATIONS"

_protected: dict[str, dict[str, str]] = {}


def settings(config) -> dict:
    return config.extra.get("booktools", {})


def language(config) -> str:
    return config.theme.get("language", "en")


def _bibtex(config):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise RuntimeError("booktools needs the mkdocs-bibtex plugin ('bibtex') in mkdocs.yml")
    return plugin


class LinkedRegistry:
    """mkdocs-bibtex's registry, with each citation turned into a token for a linked citation."""

    def __init__(self, inner):
        self.inner = inner
        self.snippets = references.Snippets(str(getattr(inner, "csl_file", "")))

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def inline_text(self, citation_block) -> str:
        text = self.inner._inline_cache.get(str(citation_block), str(citation_block))
        keys = [c.key for c in citation_block.citations if c.key in self.inner._reference_cache]
        html = references.citation_html(text, list(dict.fromkeys(keys)))
        return self.snippets.token("C", str(citation_block), html)

    def reference_text(self, citation) -> str:
        # An unknown key was already reported with its file and line; no traceback on top.
        return self.inner._reference_cache.get(citation.key, f"(unknown key {citation.key})")


class StubRegistry(LinkedRegistry):
    """For the benchmark only: citations left as their keys, pandoc never run."""

    def validate_citation_blocks(self, citation_blocks) -> None:
        for block in citation_blocks:
            for citation in block.citations:
                self.inner._reference_cache.setdefault(citation.key, citation.key)

    def validate_inline_references(self, inline_references):
        return set()


def validate_bibliography(config):
    """Before mkdocs-bibtex reads the .bib: stop with file, line and fix instead of a traceback."""
    from mkdocs.exceptions import PluginError

    from . import bibliography

    if os.environ.get("BOOK_OFFLINE"):
        # Material's offline plugin would add the iframe-worker shim from a CDN; use the vendored copy.
        config.extra["polyfills"] = ["assets/javascripts/vendor/iframe-worker-shim.js"]
    plugin = _bibtex(config)
    path = Path(config.config_file_path).parent / plugin.config.bib_file
    _, problems = bibliography.load(path)
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    _select_registry(plugin)
    return config


_registries: dict[str, tuple] = {}


def _select_registry(plugin) -> None:
    """Give mkdocs-bibtex the registry made for this edition's CSL file.

    MkDocs keeps one plugin instance across builds in a process, so the English
    build would otherwise reuse the Indonesian registry (and its terms). Keeping
    one registry per CSL file also keeps both warm across `mkdocs serve` rebuilds;
    mkdocs-bibtex itself still rebuilds a registry whose .bib has changed.
    """
    current = getattr(plugin, "registry", None)
    if current is not None:
        _registries[current.csl_file] = (current, plugin.last_configured)
    wanted = plugin.config.csl_file
    if current is not None and current.csl_file != wanted:
        plugin.registry, plugin.last_configured = _registries.get(wanted, (None, None))


def wrap_registry(config):
    """After every on_config (mkdocs-bibtex has made its registry): wrap it and load the disk cache."""
    plugin = _bibtex(config)
    if plugin.config.enable_inline_citations:
        raise RuntimeError("set 'enable_inline_citations: false' for bibtex: it rewrites @names in code")
    registry = plugin.registry
    inner = registry.inner if isinstance(registry, LinkedRegistry) else registry
    if os.environ.get(STUB_ENV):
        if not isinstance(registry, StubRegistry):
            plugin.registry = StubRegistry(inner)
        return config
    if not isinstance(registry, LinkedRegistry):
        import pypandoc

        root = Path(config.config_file_path).parent
        bib = [str(root / plugin.config.bib_file)]
        path = citation_cache.cache_file(root / settings(config).get("cache_dir", ".cache"), bib,
                                         plugin.csl_file, pypandoc.get_pandoc_version())
        pending = _pending.pop(str(path), None)
        if pending is not None:
            pending.result()  # the batch started during the previous edition's build
        inline, refs = citation_cache.load(path)
        inner._inline_cache.update(inline)
        inner._reference_cache.update(refs)
        inner.booktools_cache_path = path
        references.load_html_cache(_html_cache_path(config))
        feed_original_bib(inner, bib)
        plugin.registry = LinkedRegistry(inner)
    return config


def feed_original_bib(registry, bib_files: list[str]) -> None:
    """Give pandoc the .bib as written.

    mkdocs-bibtex re-serialises the .bib through pybtex before pandoc reads it, and
    pybtex escapes % and _ (a URL with %20 came out as \\%20, and the link broke).
    The registry keeps that text in a cached property; set it to the original.
    """
    registry.__dict__["bib_data_bibtex"] = "\n".join(Path(p).read_text(encoding="utf-8") for p in bib_files)


def prewarm(files, config):
    """Format every citation of the site, and every entry of the .bib, before any page is built.

    mkdocs-bibtex would run pandoc once per page. Here the citations not yet in the
    cache go to pandoc in one batch, split over two processes; each half also
    carries every entry of the .bib, so year suffixes (2011a, 2011b) come out the
    same in both halves. The results fill mkdocs-bibtex's own caches, so every page
    is a cache hit, and are saved to disk for the next build.
    """
    from mkdocs_bibtex.citation import Citation, CitationBlock

    registry = _bibtex(config).registry
    inner = registry.inner
    known = inner.bib_data.entries
    if isinstance(registry, StubRegistry):
        registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in known])
        return files
    blocks = _page_blocks([expand_timeline(file.content_string, config) for file in files.documentation_pages()],
                          known)
    _start_next_edition_batch(config)
    _format_batch(inner, blocks, workers=2)
    return files


def _page_blocks(texts, known) -> dict:
    from mkdocs_bibtex.citation import CitationBlock

    blocks = {}
    for text in texts:
        protected, _ = markdown_scan.protect(text)
        for block in CitationBlock.from_markdown(protected):
            if all(c.key in known for c in block.citations):
                blocks[str(block)] = block
    return blocks


def _format_batch(inner, blocks: dict, workers: int) -> None:
    """Send what the cache lacks to pandoc, in up to `workers` processes, and save the cache."""
    from mkdocs_bibtex.citation import Citation, CitationBlock

    known = inner.bib_data.entries
    every_entry = [CitationBlock(citations=[Citation(key=key)]) for key in known]
    todo = [b for raw, b in blocks.items() if raw not in inner._inline_cache]
    if not todo and all(key in inner._reference_cache for key in known):
        return
    parts = workers if len(todo) > 40 else 1
    chunks = [every_entry + todo[i::parts] for i in range(parts)]
    with ThreadPoolExecutor(max_workers=parts) as pool:
        for inline, refs in pool.map(inner._process_with_pandoc, chunks):
            inner._inline_cache.update(inline)
            inner._reference_cache.update(refs)
    path = getattr(inner, "booktools_cache_path", None)
    if path is not None:
        citation_cache.save(path, inner._inline_cache, inner._reference_cache)


_background = ThreadPoolExecutor(max_workers=1)
_pending: dict[str, object] = {}


def _start_next_edition_batch(config) -> None:
    """Format the next edition's citations on the second core while this edition's pages render.

    The next edition's build (build_next_edition) then finds them in the disk cache.
    Only its docs folder and CSL file are read here, from its config file.
    """
    import pypandoc
    from mkdocs_bibtex.registry import PandocRegistry

    from .config_file import read_config

    spec = settings(config).get("then_build")
    if not spec:
        return
    root = Path(config.config_file_path).parent
    child = read_config(root / spec["config"])
    csl = ((child.get("plugins") or {}).get("bibtex") or {}).get("csl_file")
    docs = child.get("docs_dir")
    if not csl or not docs or not (root / docs).is_dir():
        return
    plugin = _bibtex(config)
    bib = [str(root / plugin.config.bib_file)]
    path = citation_cache.cache_file(root / settings(config).get("cache_dir", ".cache"), bib, csl,
                                     pypandoc.get_pandoc_version())

    def run():
        registry = PandocRegistry(bib_files=bib, csl_file=csl, csl_file_encoding=None,
                                  footnote_format=plugin.config.footnote_format)
        inline, refs = citation_cache.load(path)
        registry._inline_cache.update(inline)
        registry._reference_cache.update(refs)
        registry.booktools_cache_path = path
        feed_original_bib(registry, bib)
        child_lang = (child.get("theme") or {}).get("language", "en")
        data = root / settings(config).get("timeline_data", "data/timeline.yml")
        texts = [timeline.expand(p.read_text(encoding="utf-8"), child_lang, data)
                 for p in sorted((root / docs).rglob("*.md"))]
        _format_batch(registry, _page_blocks(texts, registry.bib_data.entries), workers=1)

    _pending[str(path)] = _background.submit(run)


def _timeline_path(config) -> Path:
    return Path(config.config_file_path).parent / settings(config).get("timeline_data", "data/timeline.yml")


def expand_timeline(markdown: str, config) -> str:
    return timeline.expand(markdown, language(config), _timeline_path(config))


def check_and_protect(markdown: str, page, config) -> str:
    """Report faults with file:line (strict builds fail on them), then hide code from mkdocs-bibtex."""
    src = _source_path(page, config)
    if timeline.MARKER in markdown:
        path = _timeline_path(config)
        if not path.exists():
            log.warning("%s: the page shows the timeline but %s does not exist", src, path)
        events, problems = timeline.load(path) if path.exists() else ([], [])
        problems += timeline.check(events, path, set(_bibtex(config).registry.bib_data.entries))
        for problem in problems:
            log.warning("%s", problem)
        markdown = expand_timeline(markdown, config)
    offset = _front_matter_lines(page)
    known = _bibtex(config).registry.bib_data.entries
    for heading in markdown_scan.find_headings(markdown):
        if heading.id is None:
            log.warning("%s:%d: heading '%s' has no explicit id; add {#some-id} so its permalink stays stable",
                        src, heading.line + offset, heading.text)
    for citation in markdown_scan.find_citations(markdown):
        for key in citation.keys:
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else "; add the entry to references.bib"
                log.warning("%s:%d: unknown citation key '%s'%s", src, citation.line + offset, key, hint)
    for line, _col, text in markdown_scan.find_split_citations(markdown):
        log.warning("%s:%d: citation '%s' is split over two lines; keep [@...] on one line", src, line + offset, text)
    protected, table = markdown_scan.protect(markdown)
    _protected[_page_id(page, config)] = table
    return protected


def _source_path(page, config) -> str:
    """The page's file as the contributor sees it, e.g. docs/id/pendahuluan.md."""
    path = Path(page.file.abs_src_path)
    try:
        return str(path.relative_to(Path(config.config_file_path).parent))
    except ValueError:
        return str(path)


def _front_matter_lines(page) -> int:
    """Lines MkDocs removed from the top of the file (YAML front matter), to report real line numbers."""
    source = page.file.content_string
    if page.markdown is not None and source.endswith(page.markdown) and source != page.markdown:
        return source[: len(source) - len(page.markdown)].count("\n")
    return 0


def _page_id(page, config) -> str:
    return f"{config.docs_dir}::{page.file.src_uri}"


def finish_page(markdown: str, page, config, files) -> str:
    """After mkdocs-bibtex: restore code, put tokens for the reference list and the full bibliography."""
    markdown = markdown_scan.restore(markdown, _protected.pop(_page_id(page, config), {}))
    markdown, entries = references.extract_reference_lines(markdown)
    lang = language(config)
    registry = _bibtex(config).registry
    if entries:
        full_url = _bibliography_url(page, config, files)
        html = references.reference_list_html(entries, lang, full_list_url=full_url, searchable=False)
        token = registry.snippets.token("R", page.file.src_uri, html)
        markdown += f"\n## {references.TERMS[lang]['references']} {{#references}}\n\n{token}\n"
    if references.FULL_BIBLIOGRAPHY_MARKER in markdown:
        from mkdocs_bibtex.citation import Citation

        everything = {key: registry.reference_text(Citation(key=key)) for key in registry.bib_data.entries}
        token = registry.snippets.token("B", "full", references.reference_list_html(everything, lang))
        markdown = markdown.replace(references.FULL_BIBLIOGRAPHY_MARKER, f"\n{token}\n")
    return markdown


def _bibliography_url(page, config, files) -> str | None:
    from mkdocs.utils import get_relative_url

    bib_page = settings(config).get("bibliography_page", "")
    target = files.get_file_from_path(bib_page) if bib_page else None
    if target is None or target.src_uri == page.file.src_uri:
        return None
    return get_relative_url(target.url, page.url)


def swap_snippets(html: str, page, config) -> str:
    """Put the citation and reference-list HTML in place of their tokens."""
    html, missing = _bibtex(config).registry.snippets.swap(html)
    for token in missing:
        log.warning("%s: internal citation token %s was not replaced", _source_path(page, config), token)
    return html


def _html_cache_path(config) -> Path:
    import markdown

    root = Path(config.config_file_path).parent
    return root / settings(config).get("cache_dir", ".cache") / f"citations-html-{markdown.__version__}.json"


def build_next_edition(config):
    """Save this build's conversions; build the edition named in extra.booktools.then_build into its subfolder."""
    references.save_html_cache(_html_cache_path(config))
    spec = settings(config).get("then_build")
    if not spec:
        return
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(config.config_file_path).parent
    overrides = {"site_url": urljoin(config.site_url, spec["path"] + "/")} if config.site_url else {}
    child = load_config(
        str(root / spec["config"]),
        site_dir=str(Path(config.site_dir) / spec["path"]),
        strict=config.strict,
        **overrides,
    )
    child.plugins.on_startup(command="build", dirty=False)
    try:
        build(child)
    finally:
        child.plugins.on_shutdown()


def alternates(context, page, config):
    """This page in every edition: relative href for the switch, absolute url for hreflang."""
    base = context.get("base_url", ".").rstrip("/") or "."
    own = config.extra.get("edition_lang")
    found = []
    for edition in config.extra.get("editions", []):
        href = f"{base}/{edition['root']}{page.url}"
        found.append({
            "lang": edition["lang"],
            "name": edition["name"],
            "href": href,
            "url": urljoin(config.site_url or "", posixpath.normpath(edition["root"] + page.url)),
            "current": edition["lang"] == own,
        })
    context["booktools_alternates"] = found
    return context

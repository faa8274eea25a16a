"""Build and check tooling for the book: citations, bibliography checks, link checks.

Plain Python with no MkDocs imports except in ``booktools.mkdocs_hooks``, so the
citation and checking logic can move to another generator.
"""

# The two commands of README.md:
#   make serve  - set everything up, then serve both editions at http://127.0.0.1:8000/
#   make test   - set everything up, then run every offline check
# and two faster tiers of `make test` for contributors (README "Three tiers of checks"):
#   make check  - sources, citations, edition parity, lint (seconds)
#   make quick  - check + one build + the built-site check + the tests that need no browser (under a minute)
# All create .venv and install the pinned versions (requirements.txt + constraints.txt) themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Each step of a tier prints its name and duration (scripts/timed.py), each tier its total.
STEP := $(BIN)/python scripts/timed.py
export BOOK_MAKE_START := $(shell date +%s)
# Material for MkDocs prints an end-of-life notice (5 May 2027) on every build, which buries the build's own
# warnings. It is silenced here because README.md ("Platform lifetime") states it and what it means for this
# book. To see it: make build NO_MKDOCS_2_WARNING=
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The Markdown that the lint covers, in make check, make test and pre-commit alike: one line per group,
# the groups linted side by side (xargs -P) because pymarkdown is the slowest part of make check.
MARKDOWN_GROUPS := docs/id\ndocs/en\nREADME.md CHANGELOG.md CONTRIBUTING.md CONTRIBUTING.en.md STYLEGUIDE.md

.PHONY: serve test quick check setup build downloads publish check-sources lint-markdown lint-workflows check-site check-html pytest \
	check-external benchmark lighthouse browser csl clean

$(STAMP): requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The PDF of each edition and the offline edition (zip), into site/downloads/ (after build).
downloads: build
	$(BIN)/python scripts/make_downloads.py

# The site to publish, into public/: the latest (make downloads, with SITE_URL) at the root and every
# release tag v<version> archived by mike under v/<version>/ on the gh-pages branch (README "Archived editions").
publish: $(STAMP)
	$(BIN)/python scripts/publish_site.py --site site --out public $(PUBLISH_ARGS)

check-sources: $(STAMP)
	$(BIN)/python scripts/check_sources.py

lint-markdown: $(STAMP)
	@printf '$(MARKDOWN_GROUPS)\n' | xargs -P 3 -L 1 $(BIN)/pymarkdown --config .pymarkdown.json scan -r

# GitHub workflows: actionlint (with ShellCheck on run: scripts) and zizmor (security), both from PyPI.
lint-workflows: $(STAMP)
	$(BIN)/actionlint -shellcheck=$(BIN)/shellcheck -pyflakes=
	$(BIN)/zizmor --offline --quiet .github

check-site: $(STAMP)
	$(BIN)/python scripts/check_site.py

# The W3C Nu Html Checker over the built site (needs Java; installs the pinned vnu-jar with npm).
check-html: $(STAMP)
	$(BIN)/python scripts/check_html.py

pytest: $(STAMP)
	$(BIN)/python -m pytest

# Tier 1: everything that needs no build, in the order that gives the clearest first failure.
check: $(STAMP)
	@$(STEP) "sources, citations, edition parity" -- $(BIN)/python scripts/check_sources.py
	@$(STEP) "Markdown lint" -- $(MAKE) --no-print-directory lint-markdown
	@$(STEP) "workflow lint: actionlint" -- $(BIN)/actionlint -shellcheck=$(BIN)/shellcheck -pyflakes=
	@$(STEP) "workflow lint: zizmor" -- $(BIN)/zizmor --offline --quiet .github
	@$(STEP) --tier check

# Tier 2: one strict build of both editions, the built-site check, and every test that needs no browser
# (spread over the CPUs by pytest-xdist).
quick: check
	@$(STEP) "strict build of both editions" -- $(BIN)/mkdocs build --strict
	@$(STEP) "built site (before the downloads)" -- $(BIN)/python scripts/check_site.py --without-downloads
	@$(STEP) "pytest: fast tests" -- $(BIN)/python -m pytest -m "not slow" -n auto
	@$(STEP) --tier quick

# Tier 3, everything: the downloads, HTML validity, then the browser and download tests against the site built above
# (BOOK_BUILT_SITE: no second build), spread over the CPUs (pytest-xdist).
test: quick
	@$(STEP) "downloads: PDFs and offline zip" -- $(BIN)/python scripts/make_downloads.py
	@$(STEP) "built site with downloads" -- $(BIN)/python scripts/check_site.py
	@$(STEP) "HTML validity (Nu Html Checker)" -- $(BIN)/python scripts/check_html.py
	@BOOK_BUILT_SITE=site $(STEP) "pytest: slow and browser tests (reusing site/)" -- \
		$(BIN)/python -m pytest -m slow -n auto --durations=5
	@$(STEP) --tier test

# Needs a network: every external URL of the built site and of references.bib, through lychee
# (lychee.toml, .lycheeignore; report in reports/external-links.md).
check-external: build
	$(BIN)/python scripts/check_site.py --without-downloads
	$(BIN)/python scripts/check_external_links.py

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Performance budget: Lighthouse (tools/lighthouse, installed with npm ci on first use; needs node 20+ and
# Chromium); exits non-zero when a page misses the budget.
lighthouse: $(STAMP)
	$(BIN)/python scripts/lighthouse.py

# Debian's Chromium for the browser tests in tests/browser (skipped without it, except in CI).
browser:
	bash scripts/install_browser.sh

csl: $(STAMP)
	$(BIN)/python scripts/update_csl.py

clean:
	rm -rf site .cache reports .pytest_cache .lycheecache

# The two commands of README.md:
#   make serve  - set everything up, then serve both editions at http://127.0.0.1:8000/
#   make test   - set everything up, then run every offline check
# Both create .venv and install the pinned versions (requirements.txt + constraints.txt) themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve test setup build downloads check-sources check-site check-html pytest check-external benchmark lighthouse browser csl clean

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

check-sources: $(STAMP)
	$(BIN)/python scripts/check_sources.py

check-site: $(STAMP)
	$(BIN)/python scripts/check_site.py

# The W3C Nu Html Checker over the built site (needs Java; installs the pinned vnu-jar with npm).
check-html: $(STAMP)
	$(BIN)/python scripts/check_html.py

pytest: $(STAMP)
	$(BIN)/python -m pytest

# Every offline check, in the order that gives the clearest first failure.
test: $(STAMP)
	$(BIN)/python scripts/check_sources.py
	$(BIN)/pymarkdown --config .pymarkdown.json scan -r docs README.md CHANGELOG.md CONTRIBUTING.md CONTRIBUTING.en.md STYLEGUIDE.md
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/make_downloads.py
	$(BIN)/python scripts/check_site.py
	$(BIN)/python scripts/check_html.py
	$(BIN)/python -m pytest

# Needs a network: every external URL of the built site and of references.bib.
check-external: build
	$(BIN)/python scripts/check_site.py
	$(BIN)/python scripts/check_external_links.py

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Performance budget (prints scores; needs node 20+ and Chromium).
lighthouse: $(STAMP)
	$(BIN)/python scripts/lighthouse.py

# Debian's Chromium for the browser tests in tests/browser (skipped without it, except in CI).
browser:
	bash scripts/install_browser.sh

csl: $(STAMP)
	$(BIN)/python scripts/update_csl.py

clean:
	rm -rf site .cache reports .pytest_cache

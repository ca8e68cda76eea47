# COOPSOC website. `make html` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test
NPM_STAMP := node_modules/.installed

.PHONY: html publish deploy rollback serve edit test check lint format clean bench search lighthouse

# The build copies the editor (/admin/) from node_modules: npm ci first.
html: $(BUILD_STAMP) $(NPM_STAMP)
	$(PY) -m plugins.sitekit.build --settings pelicanconf.py --output output

publish: $(BUILD_STAMP) $(NPM_STAMP)
	$(PY) -m plugins.sitekit.build --settings publishconf.py --output output

# Build for production, then put it online at COOPSOC_DEPLOY (README.md, « Chaque publication »).
deploy: publish
	$(PY) -m plugins.publishing.deploy deploy --site output

# Put the previous version back online.
rollback: $(BUILD_STAMP)
	$(PY) -m plugins.publishing.deploy rollback

serve: $(BUILD_STAMP) $(NPM_STAMP)
	$(PY) -m plugins.sitekit.serve --port 8000

# Edit the working tree in the browser: the preview on 127.0.0.1 only, the editor at /admin/
# writing the files through the browser (README.md, « Modifier le site depuis le navigateur »).
edit: $(BUILD_STAMP) $(NPM_STAMP)
	@echo "Éditeur : ouvrez http://127.0.0.1:8000/admin/ dans Chrome, Chromium ou Edge,"
	@echo "cliquez « Travailler avec un dépôt local » et choisissez ce dossier : $(CURDIR)"
	@echo "Chaque enregistrement modifie les fichiers ici ; l’aperçu se reconstruit tout seul."
	@echo "Ensuite : make check, puis git add et git commit (voir README.md)."
	$(PY) -m plugins.sitekit.serve --port 8000

check: $(BUILD_STAMP)
	$(PY) -m plugins.coopsoc.check data

# Search the site as a visitor would: make search q="espaces verts"
search: html
	$(PY) -m plugins.search.cli --site output "$(q)"

test: $(TEST_STAMP) $(NPM_STAMP)
	$(PY) -m pytest

bench: $(TEST_STAMP) $(NPM_STAMP)
	$(PY) -m benchmarks.build_bench

# Opt-in, about 3 minutes: downloads Lighthouse 12.2.3 with npx the first time.
lighthouse: $(TEST_STAMP)
	$(PY) -m benchmarks.lighthouse

lint: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(TEST_STAMP)
	$(PY) -m ruff format .

$(PY):
	$(PYTHON) -m venv $(VENV)

$(BUILD_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(BUILD_STAMP) $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf output .output-* .pytest_cache

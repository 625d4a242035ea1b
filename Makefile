# Two commands for a new user: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CHROMIUM := /usr/lib/chromium/chromium
BOOTSTRAP_VERSION := 5.3.9
HTMX_VERSION := 2.0.11
# Dart Sass, which compiles vendor/bootstrap.scss (Bootstrap with only the parts the platform uses).
SASS_VERSION := 1.108.2
# Where `make run` serves the platform; links in emails (SITE_URL) follow unless SITE_URL is set:
# `make run PORT=8080`, or `make run SITE_URL=https://plc.example.org` behind a proxy.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format chromium pango java gettext messages catalogues catalogue-templates vendor clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Installs again only when the pinned requirements change.
$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed-run pango messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@# The scheduled sweeps (reminders, rounds opening and closing, digests, the outbox) run beside
	@# the server, as beat does in production; stopping the server stops them.
	$(PY) manage.py run_schedule & pid=$$!; trap 'kill $$pid 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

# Debian's Pango for WeasyPrint (the statement of account as a PDF) and poppler's pdftotext.
pango:
	@if ! ldconfig -p | grep -q libpango-1.0; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; \
		else \
			echo "PDFs need Debian's Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; \
		fi; \
	fi

# Debian's chromium for the browser tests (never `playwright install`, which downloads).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; \
		fi; \
	fi

# A Java runtime for the HTML checker (vnu.jar) that the every-page browser test runs.
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
		else \
			echo "The HTML checker needs Java: sudo apt-get install default-jre-headless"; \
		fi; \
	fi

test: $(VENV)/.installed-dev chromium pango java messages
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Debian's gettext: msgfmt compiles the translation catalogues, makemessages uses xgettext.
gettext:
	@if ! command -v msgfmt >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
		else \
			echo "Translations need Debian's gettext: sudo apt-get install gettext"; \
		fi; \
	fi

# The Welsh catalogues (.po, in git) compiled to .mo (not in git): the project's locale/ and
# locale_allauth/, and each app's <app>/locale/.
messages: $(VENV)/.installed-run gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

# After marking strings: bring the Welsh catalogues up to date with the source, then fill every new
# msgstr (tests/test_translations.py fails on an empty, fuzzy or stale one). makemessages runs
# without settings, so each app's strings go to its own <app>/locale/ (with the settings'
# LOCALE_PATHS it would put every app's into the project's locale/). `make catalogues APPS=reviews`
# for one app; `make catalogue-templates` for the project's templates/ (locale/).
ALL_APPS := networks reviews enquiry activities brokerage api plc_platform
APPS ?= $(ALL_APPS)
MAKEMESSAGES := env -u DJANGO_SETTINGS_MODULE $(abspath $(VENV))/bin/django-admin makemessages -l cy --no-obsolete --add-location file
catalogues: gettext
	for app in $(APPS); do (cd $$app && mkdir -p locale && $(MAKEMESSAGES) -e html,txt,py); done

catalogue-templates: gettext
	$(MAKEMESSAGES) -e html,txt $(addprefix -i ,$(ALL_APPS) tests bench docker static locale_allauth)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint templates */templates

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the vendored front-end assets from the npm registry at the pinned versions. Bootstrap's
# CSS is compiled from its own Sass with only the components the platform uses (vendor/bootstrap.scss);
# the built file is committed, so neither Node nor npm is needed to run the platform.
vendor:
	rm -rf /tmp/plc-vendor && mkdir -p /tmp/plc-vendor
	cd /tmp/plc-vendor && npm install --silent --no-save --no-package-lock --ignore-scripts --prefix . \
		bootstrap@$(BOOTSTRAP_VERSION) sass@$(SASS_VERSION) htmx.org@$(HTMX_VERSION)
	/tmp/plc-vendor/node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
		--load-path=/tmp/plc-vendor/node_modules/bootstrap/scss vendor/bootstrap.scss static/vendor/bootstrap/bootstrap.min.css
	cp /tmp/plc-vendor/node_modules/bootstrap/LICENSE static/vendor/bootstrap/
	cp /tmp/plc-vendor/node_modules/htmx.org/dist/htmx.min.js /tmp/plc-vendor/node_modules/htmx.org/LICENSE static/vendor/htmx/

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts

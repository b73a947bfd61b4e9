#!/usr/bin/env bash
# Extract English msgids into the nl (and en) catalogues; tests and the venv are not scanned.
set -euo pipefail
cd "$(dirname "$0")/.."
DJANGO_SETTINGS_MODULE=duaal.settings.dev .venv/bin/python manage.py makemessages \
  --locale nl --locale en --no-obsolete --no-location \
  --ignore ".venv/*" --ignore "tests/*" --ignore "var/*" --ignore "static/vendor/*"

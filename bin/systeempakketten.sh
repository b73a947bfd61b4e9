#!/bin/sh
# The system packages `make demo` needs besides Python: WeasyPrint's libraries (Pango with
# HarfBuzz and fontconfig, loaded when weasyprint is imported), a font, and gettext's msgfmt
# for the catalogues. Checks each; when one is missing it prints the install command, and
# runs it only as root (as `make test` does for Chromium), never through sudo.
set -u
PYTHON="${1:-.venv/bin/python}"
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core gettext"

ontbreekt() {
  command -v msgfmt >/dev/null 2>&1 || return 0
  "$PYTHON" -c "import weasyprint" >/dev/null 2>&1 || return 0
  return 1
}

ontbreekt || exit 0

COMMAND="apt-get install -y --no-install-recommends $PACKAGES"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the system packages WeasyPrint and gettext need: $PACKAGES"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive $COMMAND -qq >/dev/null || exit 1
  ontbreekt && { echo "WeasyPrint still cannot load its libraries:"; "$PYTHON" -c "import weasyprint"; exit 1; }
  exit 0
fi
echo "WeasyPrint (Pango) or gettext is missing. Install the system packages, then run make demo again:" >&2
echo "  sudo $COMMAND" >&2
echo "(other systems: https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)" >&2
exit 1

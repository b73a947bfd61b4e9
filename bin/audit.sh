#!/usr/bin/env bash
# S8: known vulnerabilities in the locked dependencies (pip-audit, PyPI's advisory data).
# Exceptions live in .pip-audit-ignore, each with the date it was added and the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

ignored=()
while read -r id date reason; do
  case "$id" in '' | '#'*) continue ;; esac
  if [[ ! "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ || -z "$reason" ]]; then
    echo "audit: .pip-audit-ignore: $id needs a date (YYYY-MM-DD) and a reason." >&2
    exit 2
  fi
  ignored+=(--ignore-vuln "$id")
done <.pip-audit-ignore

# The lockfiles pin every dependency, so nothing is resolved or installed (--no-deps).
# --strict: a dependency that could not be checked (the advisory service unreachable, a
# package it does not know) fails the audit instead of passing it unchecked.
if ! .venv/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
  -r requirements.lock -r requirements-dev.lock "${ignored[@]}"; then
  echo "audit: FAILED: a known vulnerability, or a dependency pip-audit could not check" \
    "(is its advisory service reachable?). Exceptions: .pip-audit-ignore." >&2
  exit 1
fi

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
#
# `bin/audit.sh --ci` (called by .ci/run): a known vulnerability without a dated exception
# fails as always; a dependency the advisory service could not be asked about is printed as
# NOT CHECKED and does not fail, since a machine without access to PyPI's JSON API or OSV
# cannot prove anything either way. Run plain `make audit` where they are reachable.
if [[ "${1:-}" != "--ci" ]]; then
  if ! .venv/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
    -r requirements.lock -r requirements-dev.lock "${ignored[@]}"; then
    echo "audit: FAILED: a known vulnerability, or a dependency pip-audit could not check" \
      "(is its advisory service reachable?). Exceptions: .pip-audit-ignore." >&2
    exit 1
  fi
  exit 0
fi

rapport=$(mktemp)
trap 'rm -f "$rapport"' EXIT
.venv/bin/pip-audit --no-deps --disable-pip --progress-spinner off -f json \
  -r requirements.lock -r requirements-dev.lock "${ignored[@]}" >"$rapport" 2>/dev/null || true
.venv/bin/python - "$rapport" <<'PY'
import json
import sys

try:
    dependencies = json.load(open(sys.argv[1]))["dependencies"]
except (ValueError, KeyError):
    sys.exit("audit: pip-audit gave no report")
vulnerable = [d for d in dependencies if d.get("vulns")]
unchecked = [d["name"] for d in dependencies if d.get("skip_reason")]
for d in vulnerable:
    ids = ", ".join(v["id"] for v in d["vulns"])
    print(f"audit: VULNERABLE {d['name']} {d['version']}: {ids}")
checked = len(dependencies) - len(unchecked)
print(f"audit: {checked} of {len(dependencies)} dependencies checked, {len(vulnerable)} vulnerable")
if unchecked:
    print(
        f"audit: NOT CHECKED ({len(unchecked)}): the advisory service could not be asked about "
        f"{', '.join(unchecked[:5])}{', ...' if len(unchecked) > 5 else ''}; S8 is unproven here"
    )
sys.exit(1 if vulnerable else 0)
PY

#!/usr/bin/env bash
# P2 (quality.md): 50 concurrent users on the key pages, Locust headless, 60 s, loopback only.
# Target: aggregated p95 <= 300 ms and no failed request. Uses a scratch database `duaal_load`
# (created, migrated and seeded with `seed_scale --scale 0.1` when missing) and a local gunicorn.
#
# Settings: duaal.settings.production hard-codes SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE,
# so over plain http a client never sends the session back. The run therefore uses
# duaal.settings.test with DEBUG off (no WhiteNoise, MD5 password hasher; Locust fetches no
# static files and logs in once per simulated user).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${LOAD_DB:-duaal_load}
PGURL=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
PORT=${LOAD_PORT:-8765}
USERS=${LOAD_USERS:-50}
DURATION=${LOAD_DURATION:-60s}
P95_MAX_MS=300

export DJANGO_SETTINGS_MODULE=duaal.settings.test DEBUG=false
export DATABASE_URL="$PGURL/$DB" ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="load-test-only-$(date +%s)-not-a-real-secret-value"
export LOG_LEVEL=${LOG_LEVEL:-WARNING}

tmp=$(mktemp -d)
gunicorn_pid=
stop() {
  if [[ -n "$gunicorn_pid" ]]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap stop EXIT

if ! psql "$PGURL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  createdb -h 127.0.0.1 -U postgres "$DB"
fi
.venv/bin/python manage.py migrate --noinput -v 0
if ! psql "$DATABASE_URL" -tAc "SELECT 1 FROM accounts_user WHERE email = 'consulent1@scale.duaal.be'" |
  grep -q 1; then
  .venv/bin/python manage.py seed_scale --scale 0.1
fi

workers=$((2 * $(nproc) + 1))
.venv/bin/gunicorn duaal.wsgi:application --bind "127.0.0.1:$PORT" --workers "$workers" \
  --error-logfile "$tmp/gunicorn.log" >"$tmp/app.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/" || {
  echo "load: gunicorn did not come up:" >&2
  tail -20 "$tmp/gunicorn.log" >&2
  exit 2
}

# Warm-up, not measured: each worker's first requests load templates, translations and its
# database connection; a production server has done that long before.
for _ in $(seq $((4 * workers))); do
  for page in /account/inloggen/ /leerwerkplekken/; do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT$page"
  done
done

echo "load: $USERS users, $DURATION, gunicorn $workers workers on 127.0.0.1:$PORT, database $DB"
.venv/bin/locust -f tests/load/locustfile.py --headless -u "$USERS" -r 10 -t "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$tmp/load" --only-summary --loglevel WARNING \
  >"$tmp/locust.log" 2>&1 || true

.venv/bin/python - "$tmp/load_stats.csv" "$P95_MAX_MS" <<'PY'
import csv
import sys

path, p95_max = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(path)))
print(f"{'page':<40} {'requests':>8} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7}  target")
for row in rows:
    name = row["Name"] if row["Type"] else "AGGREGATED"
    print(
        f"{name:<40} {row['Request Count']:>8} {row['Failure Count']:>5} "
        f"{row['50%']:>7} {row['95%']:>7}  p95 <= {p95_max} ms, 0 failures"
    )
total = rows[-1]
p95, failures = int(total["95%"]), int(total["Failure Count"])
ok = p95 <= p95_max and failures == 0 and int(total["Request Count"]) > 0
if failures:
    print(open(path.replace("_stats.csv", "_failures.csv")).read())
print(f"P2 {'PASS' if ok else 'FAIL'}: aggregated p95 {p95} ms, {failures} failed requests")
sys.exit(0 if ok else 1)
PY

#!/usr/bin/env bash
# P2 (quality.md): 50 concurrent users on the key pages, Locust headless, 60 s, loopback only.
# Target: aggregated p95 <= 300 ms and no failed request. Uses a scratch database `duaal_load`
# (created, migrated and seeded with `seed_scale --scale 0.1` when missing, under the test settings:
# the seed is development tooling) and a local gunicorn.
#
# Settings: duaal.settings.production, as deployed: Secure cookies, HSTS, the Redis cache,
# WhiteNoise's manifest, PBKDF2 passwords, JSON logs. Gunicorn therefore serves TLS itself with
# a throw-away self-signed certificate for 127.0.0.1, which Locust verifies (LOAD_CA_BUNDLE);
# the TLS handshake per request (gunicorn's sync workers do not keep connections alive) is
# part of the measured time, as it is behind a real load balancer that re-encrypts.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${LOAD_DB:-duaal_load}
PGURL=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
PORT=${LOAD_PORT:-8765}
USERS=${LOAD_USERS:-50}
DURATION=${LOAD_DURATION:-90s}
SPAWN_RATE=${LOAD_SPAWN_RATE:-2}
P95_MAX_MS=300

tmp=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=duaal.settings.production
export DATABASE_URL="$PGURL/$DB" ALLOWED_HOSTS=127.0.0.1 STATIC_ROOT="$tmp/static"
# No proxy: Locust connects to gunicorn on loopback, which serves TLS itself.
export TRUSTED_PROXY_COUNT=0
export SECRET_KEY="load-test-only-$(date +%s)-$(head -c 24 /dev/urandom | base64)"
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
export LOAD_CA_BUNDLE="$tmp/cert.pem"
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
  # The seed is development tooling (the devtools app), which production never installs: it
  # runs under the test settings, which hash its one password with MD5. The logins below go
  # through the production settings, so that hash is replaced by theirs (PBKDF2).
  DJANGO_SETTINGS_MODULE=duaal.settings.test .venv/bin/python manage.py seed_scale --scale 0.1
  .venv/bin/python manage.py shell -v 0 -c "
from django.contrib.auth.hashers import make_password
from devtools.demo.portaal import DEMO_WACHTWOORD
from duaal.accounts.models import User
User.objects.filter(email__endswith='@scale.duaal.be').update(password=make_password(DEMO_WACHTWOORD))
"
fi
if ! psql "$DATABASE_URL" -tAc "SELECT 1 FROM accounts_user WHERE email = 'consulent1@scale.duaal.be'
    AND password LIKE 'pbkdf2_%'" | grep -q 1; then
  echo "load: $DB was seeded under other settings (its passwords are not PBKDF2);" \
    "drop it (dropdb -h 127.0.0.1 -U postgres $DB) and run again." >&2
  exit 2
fi
.venv/bin/python manage.py collectstatic --noinput -v 0
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null

workers=$((2 * $(nproc) + 1))
.venv/bin/gunicorn duaal.wsgi:application --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers "$workers" \
  --certfile "$tmp/cert.pem" --keyfile "$tmp/key.pem" --error-logfile "$tmp/gunicorn.log" >"$tmp/app.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
  curl -fsS --cacert "$tmp/cert.pem" -o /dev/null "https://127.0.0.1:$PORT/health/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS --cacert "$tmp/cert.pem" -o /dev/null "https://127.0.0.1:$PORT/health/" || {
  echo "load: gunicorn did not come up:" >&2
  tail -20 "$tmp/gunicorn.log" >&2
  exit 2
}

# Warm-up, not measured: each worker's first requests load templates, translations and its
# database connection; a production server has done that long before.
for _ in $(seq $((4 * workers))); do
  for page in /account/inloggen/ /leerwerkplekken/; do
    curl -fsS --cacert "$tmp/cert.pem" -o /dev/null "https://127.0.0.1:$PORT$page"
  done
done

echo "load: $USERS users ($SPAWN_RATE/s), $DURATION, gunicorn $workers workers on" \
  "127.0.0.1:$PORT, database $DB; measured once every user has started"
# --reset-stats: the figures are the 50 users' steady state. Each user's one login (PBKDF2 with
# Django's 1,000,000 iterations, about 0.4 s of CPU by design) falls in the ramp-up before it.
.venv/bin/locust -f tests/load/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" \
  -t "$DURATION" --reset-stats \
  --host "https://127.0.0.1:$PORT" --csv "$tmp/load" --only-summary --loglevel WARNING \
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

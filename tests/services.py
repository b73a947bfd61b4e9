"""Fail fast, and loudly, when PostgreSQL or Redis is not reachable: tests never skip them."""

import os
import sys

import django


def problems() -> list[str]:
    from django.conf import settings

    found = []
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        found.append(f"Tests need PostgreSQL; DATABASE_URL points to {db['ENGINE']}.")
    else:
        try:
            import psycopg

            # The maintenance database: the test database does not exist before the run.
            psycopg.connect(
                dbname="postgres",
                host=db.get("HOST") or None,
                port=db.get("PORT") or None,
                user=db.get("USER") or None,
                password=db.get("PASSWORD") or None,
                connect_timeout=3,
            ).close()
        except Exception as exc:  # noqa: BLE001 - any failure means the database is unusable
            found.append(f"PostgreSQL at {db.get('HOST')}:{db.get('PORT')} unreachable: {exc}")
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        found.append(f"Redis at {settings.REDIS_URL} unreachable: {exc}")
    return found


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duaal.settings.test")
    django.setup()
    found = problems()
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    if not found:
        print("PostgreSQL and Redis are reachable.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

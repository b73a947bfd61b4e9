# One image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=duaal.settings.production

# WeasyPrint's system libraries (pango, harfbuzz), a font for the PDFs, gettext for messages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Build-time only values: collectstatic and compilemessages need settings, not secrets.
RUN cd duaal && django-admin compilemessages -v 0 && cd .. \
 && SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 TRUSTED_PROXY_COUNT=0 \
    python manage.py collectstatic --noinput -v 0 \
 && useradd --system --uid 10001 --home /app portaal \
 && mkdir -p /data/private && chown portaal /data/private

USER portaal
ENV STATIC_ROOT=/app/var/static PRIVATE_MEDIA_ROOT=/data/private
EXPOSE 8000
CMD ["gunicorn", "duaal.wsgi:application", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

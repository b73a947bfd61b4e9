# Gunicorn's settings for every way the portal is served (Dockerfile, bin/load.sh); the
# command line adds the bind address, workers and log files.

# The access log must never show a personal link's token (request line, Referer).
logger_class = "duaal.gunicorn_logging.TokenVrijeLogger"

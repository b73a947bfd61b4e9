"""Gunicorn's logger with the portal's token filter (duaal/requestlog.py): the access log's
request line and Referer, and gunicorn's error log, never show a link token. Named by
gunicorn.conf.py (`logger_class`)."""

from gunicorn.config import Config
from gunicorn.glogging import Logger

from duaal.requestlog import TokenFilter


class TokenVrijeLogger(Logger):
    def setup(self, cfg: Config) -> None:
        super().setup(cfg)
        # On the loggers, not their handlers: a reload replaces the handlers, and syslog or a
        # logconfig adds others; each of them gets the redacted record.
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, TokenFilter) for f in log.filters):
                log.addFilter(TokenFilter())

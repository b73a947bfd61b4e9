"""Loaded by fault-test workers (`tests.fault_settings`). $FAULT_BLOCK makes the worker hang at
one point, after writing the file `blocked` in $FAULT_DIR, so the test can kill it there:
`renderen` while rendering an agreement PDF (nothing stored yet), `opgeslagen` with the PDF
file stored and its row not yet saved, `na_batch` with a batch of the expiry sweep committed
and the next batch not yet started."""

import os
import time
from pathlib import Path

from erkenning.services import termijnen
from overeenkomsten.services import document

BLOCKED = "blocked"
RENDEREN, OPGESLAGEN, NA_BATCH = "renderen", "opgeslagen", "na_batch"

_render_to_pdf = document.render_to_pdf
_save = document.OvereenkomstDocument.save


def _hangen(punt: str) -> None:
    if os.environ.get("FAULT_BLOCK") == punt:
        Path(os.environ["FAULT_DIR"], BLOCKED).write_text(punt)
        time.sleep(120)  # longer than the test waits: only a kill ends it


def _renderen(*args, **kwargs):
    _hangen(RENDEREN)
    return _render_to_pdf(*args, **kwargs)


def _opslaan(self, *args, **kwargs):
    _hangen(OPGESLAGEN)
    return _save(self, *args, **kwargs)


_verloop_batch = termijnen._verloop_batch


def _na_batch(*args, **kwargs):
    """The expiry sweep's batch: once it committed, the worker hangs before the next one."""
    from django.db import transaction

    transaction.on_commit(lambda: _hangen(NA_BATCH))
    return _verloop_batch(*args, **kwargs)


# Only a fault-test worker (started with $FAULT_DIR) is patched: the pytest process imports this
# module for its names, and its own sweeps must run unpatched.
if os.environ.get("FAULT_DIR"):
    document.render_to_pdf = _renderen
    document.OvereenkomstDocument.save = _opslaan
    termijnen._verloop_batch = _na_batch

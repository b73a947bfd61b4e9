"""Loaded by fault-test workers (`tests.fault_settings`). $FAULT_BLOCK makes the worker hang at
one point, after writing the file `blocked` in $FAULT_DIR, so the test can kill it there:
`renderen` while rendering an agreement PDF (nothing stored yet), `opgeslagen` with the PDF
file stored and its row not yet saved, `na_batch` with a batch of the expiry sweep committed
and its after-commit follow-up not yet run."""

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


class _NaBatch:
    """Stands in for the expiry sweep's signal: its after-commit send hangs first."""

    def __init__(self, signaal) -> None:
        self._signaal = signaal

    def send(self, *args, **kwargs):
        _hangen(NA_BATCH)
        return self._signaal.send(*args, **kwargs)


document.render_to_pdf = _renderen
document.OvereenkomstDocument.save = _opslaan
termijnen.erkenning_beeindigd = _NaBatch(termijnen.erkenning_beeindigd)

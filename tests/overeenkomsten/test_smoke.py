"""The happy path now lives in test_goedkeuring.py and the other focused modules.

Only a re-export is left: test_pdf.py imports ROOSTER from here. Import it from .conftest and
delete this module.
"""

from .conftest import ROOSTER

__all__ = ["ROOSTER"]

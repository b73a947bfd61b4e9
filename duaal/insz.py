"""The INSZ (rijksregister- or BIS-number): validated by check digits, shown only masked.

Never put an INSZ in a URL or a log line; templates show `insz_masker(...)`.
"""

from datetime import date

from stdnum.be import ssn
from stdnum.exceptions import ValidationError as StdnumError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_insz(value: str) -> str:
    """Return the 11 digits, or raise a Dutch error for a number with wrong check digits."""
    try:
        return ssn.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "This is not a valid national register or BIS number (INSZ). Use the 11 digits "
                "on the identity card, e.g. 85.07.30-033.28."
            ),
            code="invalid_insz",
        ) from None


def validate_insz(value: str) -> None:
    normalise_insz(value)


def geboortedatum_uit_insz(value: str) -> date | None:
    """The date of birth the number encodes, where it encodes a full one (not always: BIS)."""
    try:
        return ssn.get_birth_date(value)
    except (StdnumError, ValueError):
        return None


def insz_masker(value: str) -> str:
    """Show only the last two (check) digits: enough to tell two records apart."""
    return f"••.••.••-•••.{value[-2:]}" if len(value) == 11 else "••"


def insz_voor(geboortedatum: date, volgnummer: int) -> str:
    """A well-formed INSZ for demo and test data (people born from 2000 get the '2' prefix)."""
    basis = f"{geboortedatum:%y%m%d}{volgnummer:03d}"
    prefix = ("2" if geboortedatum.year >= 2000 else "") + basis
    return basis + str(97 - int(prefix) % 97).zfill(2)

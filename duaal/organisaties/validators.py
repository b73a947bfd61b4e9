"""Belgian identification numbers, validated by their check digits, and postcodes."""

import re

from stdnum.be import vat
from stdnum.exceptions import ValidationError as StdnumError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_kbo(value: str) -> str:
    """Return the 10-digit enterprise number, or raise a Dutch error for a wrong one."""
    try:
        return vat.validate(value)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid enterprise number (KBO). Use 10 digits, e.g. 0123.456.749."),
            code="invalid_kbo",
        ) from None


def validate_kbo(value: str) -> None:
    normalise_kbo(value)


def format_kbo(value: str) -> str:
    return f"{value[:4]}.{value[4:7]}.{value[7:]}" if len(value) == 10 else value


def normalise_vestigingseenheid(value: str) -> str:
    """Return the 10-digit establishment unit number (first digit 2-8, mod-97 check)."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    # Same check-digit scheme as the enterprise number (stdnum's be.vat.checksum), but
    # establishment units start with 2..8 where enterprises start with 0 or 1.
    if len(digits) != 10 or digits[0] not in "2345678" or vat.checksum(digits) != 0:
        raise ValidationError(
            _(
                "This is not a valid establishment unit number. It has 10 digits, starts "
                "with 2 to 8 and ends in two check digits, e.g. 2.123.456.791."
            ),
            code="invalid_vestigingseenheid",
        )
    return digits


def validate_vestigingseenheid(value: str) -> None:
    normalise_vestigingseenheid(value)


def format_vestigingseenheid(value: str) -> str:
    if len(value) != 10:
        return value
    return f"{value[0]}.{value[1:4]}.{value[4:7]}.{value[7:]}"


def validate_instellingsnummer(value: str) -> None:
    if not (str(value).isdigit() and 5 <= len(str(value)) <= 6):
        raise ValidationError(
            _("An institution number (instellingsnummer) has 5 or 6 digits."),
            code="invalid_instellingsnummer",
        )


def validate_ovo_code(value: str) -> None:
    """An OVO code: the letters OVO and six digits."""
    if not re.fullmatch(r"OVO[0-9]{6}", str(value)):
        raise ValidationError(
            _("An OVO code is OVO followed by 6 digits, e.g. OVO002949."),
            code="invalid_ovo_code",
        )


def validate_postcode(value: str) -> None:
    """A Belgian postcode: 4 ASCII digits from 1000 to 9999 (not '-100', not '0900')."""
    if not re.fullmatch(r"[1-9][0-9]{3}", str(value)):
        raise ValidationError(
            _("A Belgian postcode has 4 digits, from 1000 to 9999, e.g. 9000."),
            code="invalid_postcode",
        )

"""The learning allowance (R66): a percentage of the GGMMI in force, rounded up to EUR 0.10."""

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from .constants import LEERVERGOEDING_PERCENTAGE
from .exceptions import OvereenkomstFout
from .models import Ggmmi
from .soorten import WEKEN_PER_MAAND, Vergoeding, soortregel, soortregels_op

TIEN_CENT = Decimal("0.10")


def ggmmi_op(dag: dt.date) -> Ggmmi:
    ggmmi = Ggmmi.objects.filter(geldig_vanaf__lte=dag).order_by("-geldig_vanaf").first()
    if ggmmi is None:
        raise OvereenkomstFout(
            _("No GGMMI is known for %(d)s; the platform administrator adds it to the index table.")
            % {"d": dag.strftime("%d/%m/%Y")}
        )
    return ggmmi


def naar_boven_op_tien_cent(bedrag: Decimal) -> Decimal:
    return (bedrag / TIEN_CENT).to_integral_value(rounding=ROUND_CEILING) * TIEN_CENT


def bedrag_voor(situatie: str, ggmmi: Decimal) -> Decimal:
    return naar_boven_op_tien_cent(LEERVERGOEDING_PERCENTAGE[situatie] * ggmmi).quantize(TIEN_CENT)


def leervergoeding(
    *, soort: str, situatie: str, start: dt.date, werkplekuren: Decimal | None = None
) -> Decimal | None:
    """The monthly allowance fixed on the start date, by the type's rule (overeenkomsten/
    soorten.py): an OAO (and an ODOS) a GGMMI percentage; an ODO its weekly workplace hours
    times the hourly minimum over 52/12 weeks a month, rounded up to EUR 0.10 (R58); SAO, DA
    and ODO(W) none (R68)."""
    regel = soortregel(soort, op=start)
    if regel.vergoeding == Vergoeding.GGMMI:
        return bedrag_voor(situatie, ggmmi_op(start).bedrag)
    if regel.vergoeding == Vergoeding.UURBEDRAG and werkplekuren:
        uurbedrag = soortregels_op(start).uurbedrag_odo
        return naar_boven_op_tien_cent(werkplekuren * uurbedrag * WEKEN_PER_MAAND).quantize(
            TIEN_CENT
        )
    return None

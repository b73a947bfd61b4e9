"""The demo enterprises' joint committees: their full-time week bounds a block week at the
workplace. The committees themselves are data (organisaties migration 0010)."""

from decimal import Decimal

from duaal.organisaties.models import Onderneming, ParitairComite

# (KBO number of the demo enterprise, committee number, name, full-time hours a week)
COMITES = [
    ("0412345614", "330", "Gezondheidsinrichtingen en -diensten", Decimal(38)),
    ("0765432146", "302", "Hotelbedrijf", Decimal(38)),
]


def paritaire_comites_toekennen() -> None:
    for kbo, nummer, naam, uren in COMITES:
        comite, _ = ParitairComite.objects.get_or_create(
            nummer=nummer, defaults={"naam": naam, "wekelijkse_arbeidsduur": uren}
        )
        Onderneming.objects.filter(kbo_nummer=kbo, paritair_comite__isnull=True).update(
            paritair_comite=comite
        )

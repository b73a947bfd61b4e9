from decimal import Decimal

from django.db import migrations

# The full-time week of a few joint committees the portal's programmes meet most. Data, not
# code: a committee's week changes by collective agreement, and is corrected in the admin.
COMITES = [
    ("330", "Gezondheidsinrichtingen en -diensten", Decimal(38)),
    ("319.01", "Opvoedings- en huisvestingsinrichtingen (Vlaamse Gemeenschap)", Decimal(38)),
    ("302", "Hotelbedrijf", Decimal(38)),
    ("124", "Bouwbedrijf", Decimal(40)),
]


def comites_toevoegen(apps, schema_editor):
    ParitairComite = apps.get_model("organisaties", "ParitairComite")
    for nummer, naam, uren in COMITES:
        ParitairComite.objects.get_or_create(
            nummer=nummer, defaults={"naam": naam, "wekelijkse_arbeidsduur": uren}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0009_soorten_sectorverklaring_public_id"),
    ]

    operations = [migrations.RunPython(comites_toevoegen, migrations.RunPython.noop)]

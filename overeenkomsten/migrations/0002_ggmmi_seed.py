"""The GGMMI in force from 1 May 2024 (R66, [S25]): 29/32/34.5% give 600.50/662.60/714.40 EUR.

The platform admin adds later index changes on the management site.
"""

from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Ggmmi = apps.get_model("overeenkomsten", "Ggmmi")
    Ggmmi.objects.get_or_create(
        geldig_vanaf="2024-05-01",
        defaults={
            "bedrag": Decimal("2070.48"),
            "bron": "Vlaanderen.be, leervergoeding OAO vanaf 1 mei 2024",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("overeenkomsten", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The school holidays now belong to the kernel's school calendar (duaal.kalender): only
Django's record changes here; the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("overeenkomsten", "0008_document_getekende_kopie"),
        ("kalender", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Schoolvakantie")],
            database_operations=[],
        ),
    ]

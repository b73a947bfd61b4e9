from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("erkenning", "0002_machtiging_reikwijdte"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="erkenning",
            index=models.Index(
                condition=models.Q(("status", "zonder_geldige_mentor")),
                fields=["vestiging", "opleiding"],
                name="erkenning_zonder_mentor_idx",
            ),
        ),
    ]

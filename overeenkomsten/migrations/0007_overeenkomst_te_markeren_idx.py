from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("overeenkomsten", "0006_voorstel"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="overeenkomst",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["ter_goedkeuring", "ondertekend"]),
                    ("te_beeindigen_sinds__isnull", True),
                ),
                fields=["vestiging", "opleiding", "einde"],
                name="overeenkomst_te_markeren_idx",
            ),
        ),
    ]

"""The school holidays move from the agreements app into the kernel: the table stays, only
Django's record of which app owns it changes (no rows are copied)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("overeenkomsten", "0007_overeenkomst_te_markeren_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Schoolvakantie",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("naam", models.CharField(max_length=100, verbose_name="name")),
                        ("van", models.DateField(verbose_name="first day")),
                        ("tot", models.DateField(verbose_name="last day")),
                    ],
                    options={
                        "verbose_name": "school holiday",
                        "verbose_name_plural": "school holidays",
                        "ordering": ["van"],
                        "db_table": "overeenkomsten_schoolvakantie",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("tot__gte", models.F("van"))),
                                name="schoolvakantie_tot_na_van",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

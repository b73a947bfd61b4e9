from django.db import migrations, models

KEUZES = [
    ("oao", "Alternating training agreement (OAO)"),
    ("sao", "Alternating training internship agreement (SAO)"),
    ("da", "Part-time employment contract in dual learning (DA)"),
]


class Migration(migrations.Migration):
    """The agreement types named as the model agreement names them (labels only)."""

    dependencies = [
        ("overeenkomsten", "0009_schoolvakantie_naar_kalender"),
    ]

    operations = [
        migrations.AlterField(
            model_name="overeenkomst",
            name="soort",
            field=models.CharField(choices=KEUZES, max_length=8, verbose_name="agreement type"),
        ),
    ]

"""Once the agreements app has let go of the model, the table takes the kernel app's name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kalender", "0001_initial"),
        ("overeenkomsten", "0009_schoolvakantie_naar_kalender"),
    ]

    operations = [
        migrations.AlterModelTable(name="schoolvakantie", table=None),
    ]

import django.db.models
from django.db import migrations

import overeenkomsten.models.ondertekening


class Migration(migrations.Migration):
    dependencies = [
        ("overeenkomsten", "0007_overeenkomst_te_markeren_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="overeenkomstdocument",
            name="getekend_bestand",
            field=django.db.models.FileField(
                blank=True,
                upload_to=overeenkomsten.models.ondertekening.pdf_pad,
                verbose_name="signed copy",
            ),
        ),
        migrations.AddField(
            model_name="overeenkomstdocument",
            name="getekend_sha256",
            field=django.db.models.CharField(
                blank=True, max_length=64, verbose_name="SHA-256 of the signed copy"
            ),
        ),
    ]

import uuid

from django.db import migrations, models


def vul_public_ids(apps, schema_editor):
    # Existing declarations each get their own id before the column becomes unique.
    SectorVerklaring = apps.get_model("organisaties", "SectorVerklaring")
    for verklaring in SectorVerklaring.objects.filter(public_id__isnull=True):
        verklaring.public_id = uuid.uuid4()
        verklaring.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0008_opleidingsregels"),
    ]

    operations = [
        migrations.AddField(
            model_name="sectorverklaring",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.RunPython(vul_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sectorverklaring",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"
            ),
        ),
    ]

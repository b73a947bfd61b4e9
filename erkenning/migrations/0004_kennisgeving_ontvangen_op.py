"""The day a decision's notice counts as received (R27): stored beside the appeal term it
starts. Decisions taken before were notified in the portal and by mail on the day they were
taken, which is what the backfill records; their stored appeal terms stay as they were told."""

from zoneinfo import ZoneInfo

from django.db import migrations, models

BRUSSEL = ZoneInfo("Europe/Brussels")
BATCH = 2000


def _vul(model, moment: str) -> None:
    rijen = model.objects.filter(
        beroep_uiterlijk_op__isnull=False, kennisgeving_ontvangen_op__isnull=True
    ).exclude(**{f"{moment}__isnull": True})
    batch = []
    for rij in rijen.only("pk", moment).iterator(chunk_size=BATCH):
        rij.kennisgeving_ontvangen_op = getattr(rij, moment).astimezone(BRUSSEL).date()
        batch.append(rij)
        if len(batch) == BATCH:
            model.objects.bulk_update(batch, ["kennisgeving_ontvangen_op"])
            batch = []
    model.objects.bulk_update(batch, ["kennisgeving_ontvangen_op"])


def backfill(apps, schema_editor) -> None:
    _vul(apps.get_model("erkenning", "Aanvraag"), "beslist_op")
    _vul(apps.get_model("erkenning", "Sanctie"), "opgelegd_op")


class Migration(migrations.Migration):
    dependencies = [
        ("erkenning", "0003_erkenning_zonder_mentor_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="aanvraag",
            name="kennisgeving_ontvangen_op",
            field=models.DateField(blank=True, null=True, verbose_name="notice received on"),
        ),
        migrations.AddField(
            model_name="sanctie",
            name="kennisgeving_ontvangen_op",
            field=models.DateField(blank=True, null=True, verbose_name="notice received on"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]

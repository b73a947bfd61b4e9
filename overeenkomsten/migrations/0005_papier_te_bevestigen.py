"""Nobody is bound without acting: every paper signature a coach recorded for another party
(the employer, the learner or the legal representative) now awaits that party's
confirmation. A signed agreement that rested on one goes back to "awaiting confirmation" and
stops counting toward the mentor's cap. `bevestiging_gevraagd_op` stays empty, so the
agreements' sweep asks each party to confirm (and tells it) on its next run."""

from django.db import migrations

ANDERE_PARTIJEN = ["werkgever", "leerling", "vertegenwoordiger"]


def markeren(apps, schema_editor):
    Goedkeuring = apps.get_model("overeenkomsten", "Goedkeuring")
    Overeenkomst = apps.get_model("overeenkomsten", "Overeenkomst")
    opgenomen = Goedkeuring.objects.filter(wijze="papier", partij__in=ANDERE_PARTIJEN)
    opgenomen.update(bevestiging="te_bevestigen", bevestiging_gevraagd_op=None)
    for overeenkomst_id, versie in opgenomen.values_list("overeenkomst_id", "versie").distinct():
        Overeenkomst.objects.filter(
            pk=overeenkomst_id, versie=versie, status="ondertekend"
        ).update(status="te_bevestigen")


def terugzetten(apps, schema_editor):
    Goedkeuring = apps.get_model("overeenkomsten", "Goedkeuring")
    Overeenkomst = apps.get_model("overeenkomsten", "Overeenkomst")
    Goedkeuring.objects.filter(bevestiging="te_bevestigen").update(bevestiging="eigen")
    Overeenkomst.objects.filter(status="te_bevestigen", ondertekend_op__isnull=False).update(
        status="ondertekend"
    )


class Migration(migrations.Migration):
    dependencies = [("overeenkomsten", "0004_goedkeuring_bevestiging")]

    operations = [migrations.RunPython(markeren, terugzetten)]

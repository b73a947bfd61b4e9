from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErkenningConfig(AppConfig):
    name = "erkenning"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from duaal.audit.models import VERB_LABELS
        from mentors.signals import geen_geldige_mentor_meer, geldige_mentor_beschikbaar

        from . import acties  # noqa: F401 - registers the recognition dashboard sections
        from .services import erkenning_mentor_hersteld, erkenning_zonder_geldige_mentor

        # R43: the recognition follows whether its establishment x programme has a valid mentor.
        geen_geldige_mentor_meer.connect(
            erkenning_zonder_geldige_mentor, dispatch_uid="erkenning_zonder_mentor"
        )
        geldige_mentor_beschikbaar.connect(
            erkenning_mentor_hersteld, dispatch_uid="erkenning_mentor_hersteld"
        )

        VERB_LABELS.update(
            {
                "aanvraag.aangemaakt": _("application started"),
                "aanvraag.document_opgeladen": _("document uploaded"),
                "aanvraagdocument.bestand_verwijderd": _("extract file deleted after retention"),
                "aanvraag.ingediend": _("application submitted"),
                "aanvraag.ingetrokken": _("application withdrawn"),
                "aanvraag.onvolledig": _("information requested: file incomplete"),
                "aanvraag.volledig": _("file complete: decision term started"),
                "aanvraag.plaatsbezoek": _("site visit recorded"),
                "aanvraag.goedgekeurd": _("application approved"),
                "aanvraag.afgewezen": _("application refused"),
                "aanvraag.herinnering": _("decision reminder sent"),
                "aanvraag.geescaleerd": _("decision term exceeded: escalated"),
                "aanvraag.goedgekeurd_na_beroep": _("approved after appeal"),
                "erkenning.vervangen": _("recognition replaced by its renewal"),
                "erkenning.publicatie": _("public search settings changed"),
                "erkenning.zonder_geldige_mentor": _("recognition without a valid mentor"),
                "erkenning.actief": _("recognition active again"),
                "erkenning.verlopen": _("recognition expired"),
                "erkenning.opgeheven": _("recognition lifted"),
                "erkenning.uitgesloten": _("recognition ended by an exclusion"),
                "erkenning.hernieuwing_herinnerd": _("renewal reminder sent"),
                "erkenning.hersteld_na_beroep": _("recognition restored after appeal"),
                "sanctie.begeleidingsactie": _("guidance action imposed"),
                "sanctie.mentor_geschorst": _("mentor barred for the programme"),
                "sanctie.opheffing": _("recognition lifted"),
                "sanctie.uitsluiting_vestiging": _("establishment excluded"),
                "sanctie.uitsluiting_onderneming": _("enterprise excluded"),
                "beroep.ingediend": _("appeal lodged"),
                "beroep.ontvankelijk": _("appeal received: admissible"),
                "beroep.onontvankelijk": _("appeal received: inadmissible"),
                "beroep.gegrond": _("appeal upheld"),
                "beroep.ongegrond": _("appeal rejected"),
                "machtiging.verleend": _("mandate granted"),
                "machtiging.ingetrokken": _("mandate revoked"),
            }
        )

    def demo_data(self) -> None:
        from .demo import demo_erkenning_laden

        demo_erkenning_laden()

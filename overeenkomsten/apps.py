from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvereenkomstenConfig(AppConfig):
    name = "overeenkomsten"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from duaal.audit.models import VERB_LABELS
        from duaal.meldingen.links import link_registreren

        from . import signals  # noqa: F401 - R24: a recognition that ends flags its agreements
        from .acties import werkgever_secties  # noqa: F401 - registers the dashboard sections
        from .constants import UITNODIGING_LINK
        from .services.link import uitnodiging_link_bouwen

        # The outbox stores a reference to the personal link; delivery builds it here.
        link_registreren(UITNODIGING_LINK, uitnodiging_link_bouwen)
        VERB_LABELS.update(
            {
                "leerling.geregistreerd": _("learner registered"),
                "leerling.gewijzigd": _("learner details changed"),
                "leerling.advies": _("advice on readiness and willingness recorded"),
                "leerling.goedgekeurd": _("approved for dual learning"),
                "leerling.aanloopfase": _("referred to the preparatory phase"),
                "leerling.werkplek_goedgekeurd": _("approved for a workplace after the intake"),
                "leerling.werkplek_losgelaten": _("workplace match fell through"),
                "leerling.gestopt": _("stopped the dual training"),
                "leerling.termijn_verstreken": _("no agreement within 20 training days"),
                "voorstel.gedaan": _("proposed to a workplace"),
                "voorstel.aanvaard": _("proposal accepted by the employer"),
                "voorstel.geweigerd": _("proposal refused by the employer"),
                "voorstel.ingetrokken": _("proposal withdrawn"),
                "voorstel.vervallen": _("proposal lapsed without an answer"),
                "overeenkomst.opgesteld": _("agreement drafted"),
                "overeenkomst.gewijzigd": _("agreement changed"),
                "overeenkomst.verstuurd": _("agreement sent for approval"),
                "overeenkomst.goedgekeurd": _("agreement approved by a party"),
                "overeenkomst.ondertekend": _("agreement signed by every party"),
                "overeenkomst.te_bevestigen": _(
                    "every party approved; a signature on paper awaits its party's confirmation"
                ),
                "overeenkomst.handtekening_bevestigd": _(
                    "signature on paper confirmed by its party"
                ),
                "overeenkomst.handtekening_geverifieerd": _(
                    "signature on paper verified by the partnership"
                ),
                "overeenkomst.handtekening_betwist": _(
                    "signature on paper disputed by its party: void"
                ),
                "overeenkomst.geschorst": _("suspension recorded"),
                "overeenkomst.beeindigd": _("agreement ended early"),
                "overeenkomst.afgelopen": _("agreement ended"),
                "overeenkomst.geannuleerd": _("agreement withdrawn"),
                "overeenkomst.te_beeindigen": _("recognition ended: agreement to be ended early"),
                "overeenkomst.verweesde_pdf_verwijderd": _(
                    "agreement PDF without a record deleted"
                ),
            }
        )

    def demo_data(self) -> None:
        from .demo import demo_overeenkomsten_laden

        demo_overeenkomsten_laden()

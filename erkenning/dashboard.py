"""The recognition app's dashboard sections: what needs each role's action.

Each provider runs a fixed, small number of queries, whatever the number of files.
"""

import datetime as dt
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.organisaties.models import Partnerschap
from duaal.portaal.dashboard import Actiepunt, Sectie, datum, register
from duaal.termijnen import vandaag

from . import selectors
from .constants import BEWERKBAAR, AanvraagStatus
from .models import Aanvraag


def _termijn(dagen: int) -> str:
    if dagen < 0:
        return ngettext("%(n)s day overdue", "%(n)s days overdue", -dagen) % {"n": -dagen}
    return ngettext("%(n)s day left", "%(n)s days left", dagen) % {"n": dagen}


def _titel(aanvraag: Aanvraag) -> str:
    return f"{aanvraag.opleiding.officiele_naam} – {aanvraag.vestiging.naam}"


def _af_te_werken(aanvraag: Aanvraag) -> Actiepunt:
    if aanvraag.status == AanvraagStatus.ONVOLLEDIG:
        toelichting = _("The partnership asks for more: %(ontbrekend)s") % {
            "ontbrekend": aanvraag.ontbrekend
        }
    else:
        toelichting = _("Draft: answer the criteria, upload the documents, sign and submit.")
    return Actiepunt(
        titel=_titel(aanvraag),
        url=aanvraag.get_absolute_url(),
        toelichting=toelichting,
        termijn=str(aanvraag.get_status_display()),
    )


@register(Rol.VERTEGENWOORDIGER)
def werkgever_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Applications to finish, recognitions to renew, decisions still appealable. Three
    queries."""
    onderneming_id, op = actor.organisatie_id, vandaag(now)
    aanvragen = list(selectors.werkgever_aanvragen_met_actie(onderneming_id, op=op))
    af_te_werken = [_af_te_werken(a) for a in aanvragen if a.status in BEWERKBAAR]
    te_hernieuwen = [
        Actiepunt(
            titel=f"{e.opleiding.officiele_naam} – {e.vestiging.naam}",
            url=e.get_absolute_url(),
            toelichting=_("Valid until %(datum)s. Start the renewal: it is pre-filled.")
            % {"datum": datum(e.geldig_tot)},
            termijn=_termijn((e.geldig_tot - op).days),
        )
        for e in selectors.erkenningen_te_hernieuwen(onderneming_id, op=op)
    ]
    beroep = [
        Actiepunt(
            titel=_("Refusal: %(titel)s") % {"titel": _titel(a)},
            url=a.get_absolute_url(),
            toelichting=_("You can appeal until %(datum)s.")
            % {"datum": datum(a.beroep_uiterlijk_op)},
            termijn=_termijn((a.beroep_uiterlijk_op - op).days),
        )
        for a in aanvragen
        if a.status == AanvraagStatus.AFGEWEZEN
    ] + [
        Actiepunt(
            titel=str(s.get_soort_display()),
            url=s.get_absolute_url(),
            toelichting=_("You can appeal until %(datum)s.")
            % {"datum": datum(s.beroep_uiterlijk_op)},
            termijn=_termijn((s.beroep_uiterlijk_op - op).days),
        )
        for s in selectors.sancties_met_beroep_mogelijk(onderneming_id, op=op)
    ]
    return [
        Sectie(
            titel=gettext_lazy("Applications to finish"),
            leeg=gettext_lazy("No application waits for you."),
            punten=af_te_werken,
            volgorde=11,
        ),
        Sectie(
            titel=gettext_lazy("Recognitions to renew"),
            leeg=gettext_lazy("No recognition ends within 180 days."),
            punten=te_hernieuwen,
            volgorde=12,
        ),
        Sectie(
            titel=gettext_lazy("Decisions you can still appeal"),
            leeg=gettext_lazy("No decision to appeal."),
            punten=beroep,
            volgorde=13,
        ),
    ]


@register(Rol.TRAJECTBEGELEIDER)
def trajectbegeleider_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Applications the coach's school filed under a mandate that need action (R4). One
    query."""
    punten = [
        Actiepunt(
            titel=_titel(a),
            url=a.get_absolute_url(),
            toelichting=_("For %(onderneming)s, under its mandate.")
            % {"onderneming": a.onderneming},
            termijn=str(a.get_status_display()),
        )
        for a in selectors.aanvragen_namens_af_te_werken(actor.organisatie_id)
    ]
    return [
        Sectie(
            titel=gettext_lazy("Applications you filed under a mandate"),
            leeg=gettext_lazy("No application filed under a mandate waits for you."),
            punten=punten,
            volgorde=11,
        )
    ]


def _dossier(aanvraag: Aanvraag, op: dt.date, toelichting: str) -> Actiepunt:
    dagen = selectors.dagen_over(aanvraag, op=op)
    return Actiepunt(
        titel=f"{aanvraag.onderneming} – {aanvraag.opleiding.officiele_naam}",
        url=aanvraag.get_absolute_url(),
        toelichting=toelichting,
        termijn=_termijn(dagen) if dagen is not None else "",
    )


@register(Rol.SECTORCONSULENT)
def consulent_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Files to check for completeness; complete files due within the reminder days or
    overdue. Three queries."""
    partnerschap_id, op = actor.organisatie_id, vandaag(now)
    herinnering = (
        Partnerschap.objects.filter(pk=partnerschap_id)
        .values_list("herinnering_dagen_voor_termijn", flat=True)
        .first()
    )
    controleren = [
        _dossier(
            a,
            op,
            _("%(vestiging)s; submitted on %(datum)s.")
            % {"vestiging": a.vestiging, "datum": datum(vandaag(a.ingediend_op))},
        )
        for a in selectors.te_controleren_op_volledigheid(partnerschap_id)
    ]
    termijn = [
        _dossier(
            a,
            op,
            _("%(vestiging)s; decide by %(datum)s.")
            % {"vestiging": a.vestiging, "datum": datum(a.beslissing_uiterlijk_op)},
        )
        for a in selectors.beslissing_nadert(
            partnerschap_id, tot=op + dt.timedelta(days=herinnering or 0)
        )
    ]
    return [
        Sectie(
            titel=gettext_lazy("Applications awaiting the completeness check"),
            leeg=gettext_lazy("No submitted application awaits the completeness check."),
            punten=controleren,
            volgorde=16,
        ),
        Sectie(
            titel=gettext_lazy("Decisions due soon or overdue"),
            leeg=gettext_lazy("No decision is due soon."),
            punten=termijn,
            volgorde=17,
        ),
    ]


@register(Rol.PARTNERSCHAPSBEHEERDER)
def beheerder_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Files whose decision term lapsed: escalated to the admin, never approved tacitly
    (R18). One query."""
    op = vandaag(now)
    punten = [
        _dossier(
            a,
            op,
            _("%(vestiging)s; the decision was due on %(datum)s.")
            % {"vestiging": a.vestiging, "datum": datum(a.beslissing_uiterlijk_op)},
        )
        for a in selectors.geescaleerde_aanvragen(actor.organisatie_id, op=op)
    ]
    return [
        Sectie(
            titel=gettext_lazy("Overdue applications (escalated)"),
            leeg=gettext_lazy("No decision term has lapsed."),
            punten=punten,
            volgorde=16,
        )
    ]


@register(Rol.PLATFORMBEHEERDER)
def platform_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Appeals awaiting receipt and admissibility, or the outcome (R29). One query."""
    punten = [
        Actiepunt(
            titel=_("Appeal of %(onderneming)s") % {"onderneming": b.onderneming},
            url=b.get_absolute_url(),
            toelichting=_("Lodged on %(datum)s; decided by %(partnerschap)s.")
            % {"datum": datum(vandaag(b.ingediend_op)), "partnerschap": b.partnerschap},
            termijn=str(b.get_status_display()),
        )
        for b in selectors.beroepen_te_behandelen()
    ]
    return [
        Sectie(
            titel=gettext_lazy("Appeals to handle"),
            leeg=gettext_lazy("No appeal awaits handling."),
            punten=punten,
            volgorde=12,
        )
    ]

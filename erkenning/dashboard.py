"""The recognition app's dashboard sections: what needs each role's action.

Each provider runs a fixed, small number of queries, whatever the number of files.
"""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import CharField, F, Value
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.organisaties.models import Partnerschap
from duaal.portaal.dashboard import Actiepunt, Sectie, datum, register
from duaal.termijnen import BEROEP_ONTVANGST, BESLISSING_HERINNERING, einde, vandaag

from . import selectors
from .constants import BEWERKBAAR, AanvraagStatus, BeroepStatus, SanctieSoort
from .models import Aanvraag, Beroep


@dataclass(frozen=True)
class Termijnrij:
    """A recognition to renew or a sanction to appeal, as the employer dashboard lists it."""

    soort: str  # "erkenning" or "sanctie"
    public_id: UUID
    opleiding: str
    vestiging: str
    sanctie_soort: str
    datum: dt.date


def werkgever_termijnen(onderneming_id: int, *, op: dt.date) -> list[Termijnrij]:
    """The recognitions to renew and the sanctions to appeal in one UNION ALL query (the
    employer dashboard's plan for this app, docs/architecture.md), soonest first."""
    tekst = CharField()
    kolommen = ("rij", "public_id", "t_opleiding", "t_vestiging", "t_soort", "t_datum")
    erkenningen = (
        selectors.erkenningen_te_hernieuwen(onderneming_id, op=op)
        .order_by()
        .annotate(
            rij=Value("erkenning", output_field=tekst),
            t_opleiding=F("opleiding__officiele_naam"),
            t_vestiging=F("vestiging__naam"),
            t_soort=Value("", output_field=tekst),
            t_datum=F("geldig_tot"),
        )
        .values_list(*kolommen)
    )
    sancties = (
        selectors.sancties_met_beroep_mogelijk(onderneming_id, op=op)
        .order_by()
        .annotate(
            rij=Value("sanctie", output_field=tekst),
            t_opleiding=Value("", output_field=tekst),
            t_vestiging=Value("", output_field=tekst),
            t_soort=F("soort"),
            t_datum=F("beroep_uiterlijk_op"),
        )
        .values_list(*kolommen)
    )
    rijen = [Termijnrij(*rij) for rij in erkenningen.union(sancties, all=True)]
    return sorted(rijen, key=lambda r: (r.datum, r.soort, str(r.public_id)))


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


@register(Rol.VERTEGENWOORDIGER, queries=2)
def werkgever_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Applications to finish, recognitions to renew, decisions still appealable. Two
    queries: the applications, and one UNION of recognitions and sanctions."""
    onderneming_id, op = actor.organisatie_id, vandaag(now)
    aanvragen = list(selectors.werkgever_aanvragen_met_actie(onderneming_id, op=op))
    af_te_werken = [_af_te_werken(a) for a in aanvragen if a.status in BEWERKBAAR]
    termijnen = werkgever_termijnen(onderneming_id, op=op)
    te_hernieuwen = [
        Actiepunt(
            titel=f"{r.opleiding} – {r.vestiging}",
            url=reverse("erkenning:erkenning_detail", kwargs={"public_id": r.public_id}),
            toelichting=_("Valid until %(datum)s. Start the renewal: it is pre-filled.")
            % {"datum": datum(r.datum)},
            termijn=_termijn((r.datum - op).days),
        )
        for r in termijnen
        if r.soort == "erkenning"
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
            titel=str(SanctieSoort(r.sanctie_soort).label),
            url=reverse("erkenning:sanctie_detail", kwargs={"public_id": r.public_id}),
            toelichting=_("You can appeal until %(datum)s.") % {"datum": datum(r.datum)},
            termijn=_termijn((r.datum - op).days),
        )
        for r in termijnen
        if r.soort == "sanctie"
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


@register(Rol.TRAJECTBEGELEIDER, Rol.SCHOOLBEHEERDER, queries=1)
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
        te_laat=dagen is not None and dagen < 0,
    )


@register(Rol.SECTORCONSULENT, queries=3)
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
            partnerschap_id, tot=einde(BESLISSING_HERINNERING, op, lengte=herinnering or 0)
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


@register(Rol.PARTNERSCHAPSBEHEERDER, queries=1)
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


@register(Rol.PLATFORMBEHEERDER, queries=1)
def platform_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Appeals awaiting receipt and admissibility, or the outcome (R29). One query."""
    punten = [
        Actiepunt(
            titel=_("Appeal of %(onderneming)s") % {"onderneming": b.onderneming},
            url=b.get_absolute_url(),
            toelichting=_beroep_toelichting(b),
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


def _beroep_toelichting(beroep: Beroep) -> str:
    """A lodged appeal also shows when its receipt must be confirmed (R29)."""
    ingediend = vandaag(beroep.ingediend_op)
    feiten = {"datum": datum(ingediend), "partnerschap": beroep.partnerschap}
    if beroep.status != BeroepStatus.INGEDIEND:
        return _("Lodged on %(datum)s; decided by %(partnerschap)s.") % feiten
    return _(
        "Lodged on %(datum)s; confirm receipt by %(uiterlijk)s; decided by %(partnerschap)s."
    ) % {**feiten, "uiterlijk": datum(einde(BEROEP_ONTVANGST, ingediend))}

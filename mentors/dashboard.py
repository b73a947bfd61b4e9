"""The mentors app's dashboard sections: what needs the employer's or the consultant's action.

Each provider runs a fixed, small number of queries, whatever the number of mentors.
"""

import datetime as dt
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.portaal.dashboard import Actiepunt, Sectie, datum, register
from duaal.termijnen import vandaag

from . import selectors


@register(Rol.VERTEGENWOORDIGER, queries=4)
def werkgever_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Mentors whose conditions are not met today, or whose training is overdue or due
    within 60 days."""
    op = vandaag(now)
    redenen: dict[int, list[str]] = {}
    termijnen: dict[int, str] = {}
    mentoren = {}
    for mentor in selectors.mentoren_voor_dashboard(actor.organisatie_id):
        voorwaarden = selectors.voorwaarden(mentor, op=op, aanstelling=mentor.eerste_aanstelling)
        niet = [v for v in voorwaarden if not v.in_orde]
        if niet:
            mentoren[mentor.pk] = mentor
            redenen[mentor.pk] = [f"{v.naam}: {v.reden}" for v in niet]
    for opleiding in selectors.mentoropleidingen_aandacht(actor.organisatie_id, op=op):
        mentoren.setdefault(opleiding.mentor_id, opleiding.mentor)
        te_laat = opleiding.achterstallig_sinds or opleiding.voltooien_uiterlijk_op < op
        tekst = (
            _("Mentor training for %(partnerschap)s overdue (deadline %(datum)s).")
            if te_laat
            else _("Mentor training for %(partnerschap)s to be completed by %(datum)s.")
        ) % {
            "partnerschap": opleiding.partnerschap,
            "datum": datum(opleiding.voltooien_uiterlijk_op),
        }
        redenen.setdefault(opleiding.mentor_id, []).append(tekst)
        termijnen.setdefault(
            opleiding.mentor_id,
            _("due %(datum)s") % {"datum": datum(opleiding.voltooien_uiterlijk_op)},
        )
    punten = [
        Actiepunt(
            titel=str(mentor),
            url=mentor.get_absolute_url(),
            toelichting=" ".join(redenen[pk]),
            termijn=termijnen.get(pk, ""),
        )
        for pk, mentor in sorted(mentoren.items(), key=lambda i: (i[1].achternaam, i[1].voornaam))
    ]
    return [
        Sectie(
            titel=gettext_lazy("Mentors needing attention"),
            leeg=gettext_lazy(
                "Every mentor meets the conditions and no mentor training is due within 60 days."
            ),
            punten=punten,
            volgorde=15,
        )
    ]


@register(Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER, queries=4)
def partnerschap_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """For the acting partnership: designations to review, exceptions to decide, extracts to
    check and overdue mentor trainings. Four queries."""
    partnerschap_id, op = actor.organisatie_id, vandaag(now)
    toewijzingen = [
        Actiepunt(
            titel=f"{t.mentor} – {t.opleiding}",
            url=t.get_absolute_url(),
            toelichting=_("%(onderneming)s, %(vestiging)s; designated on %(datum)s.")
            % {
                "onderneming": t.mentor.onderneming,
                "vestiging": t.vestiging,
                "datum": datum(t.aangesteld_op),
            },
        )
        for t in selectors.toewijzingen_te_beoordelen(partnerschap_id)
    ]
    uitzonderingen = [
        Actiepunt(
            titel=f"{u.mentor} – {u.get_soort_display()}",
            url=reverse("mentors:uitzondering_detail", kwargs={"public_id": u.public_id}),
            toelichting=_("%(onderneming)s; requested on %(datum)s.")
            % {"onderneming": u.mentor.onderneming, "datum": datum(vandaag(u.created_at))},
        )
        for u in selectors.uitzonderingen_te_beslissen(partnerschap_id)
    ]
    uittreksels = [
        Actiepunt(
            titel=str(u.mentor),
            url=reverse("mentors:uittreksel_controleren", kwargs={"public_id": u.public_id}),
            toelichting=_("%(onderneming)s; extract issued on %(datum)s.")
            % {"onderneming": u.mentor.onderneming, "datum": datum(u.uitgereikt_op)},
        )
        for u in selectors.uittreksels_te_controleren(actor)
    ]
    opleidingen = [
        Actiepunt(
            titel=str(o.mentor),
            url=f"{o.mentor.get_absolute_url()}#opleidingen",
            toelichting=str(o.mentor.onderneming),
            # Late from the day after the last day of the term.
            termijn=_("overdue since %(d)s")
            % {"d": datum(o.voltooien_uiterlijk_op + dt.timedelta(days=1))},
            te_laat=True,
        )
        for o in selectors.mentoropleidingen_achterstallig(partnerschap_id, op=op)
    ]
    return [
        Sectie(
            titel=gettext_lazy("Mentor designations awaiting your review"),
            leeg=gettext_lazy("No mentor designation awaits review."),
            punten=toewijzingen,
            volgorde=20,
        ),
        Sectie(
            titel=gettext_lazy("Mentor exceptions awaiting a decision"),
            leeg=gettext_lazy("No exception request awaits a decision."),
            punten=uitzonderingen,
            volgorde=21,
        ),
        Sectie(
            titel=gettext_lazy("Criminal-record extracts to check"),
            leeg=gettext_lazy("No extract awaits a check."),
            punten=uittreksels,
            volgorde=22,
        ),
        Sectie(
            titel=gettext_lazy("Overdue mentor trainings"),
            leeg=gettext_lazy("No mentor training is overdue."),
            punten=opleidingen,
            volgorde=23,
        ),
    ]

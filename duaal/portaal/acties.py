"""The kernel's own dashboard sections; domain apps add theirs the same way."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.organisaties.selectors import partnerschappen_zonder_criteria, vestigingen_van

from .dashboard import Actiepunt, Sectie, register


@register(Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, queries=1)
def onderneming_secties(actor: Actor, now: datetime) -> list[Sectie]:
    membership = actor.membership
    assert membership is not None  # registered for enterprise roles: the actor acts for one
    vestigingen = list(vestigingen_van(membership.organisatie_id))
    acties = []
    if not vestigingen and actor.rol == Rol.VERTEGENWOORDIGER:
        acties.append(
            Actiepunt(
                titel=_("Register your first establishment"),
                url=reverse(
                    "organisaties:vestiging_toevoegen",
                    kwargs={"public_id": membership.organisatie.public_id},
                ),
                toelichting=_("Recognition is granted per establishment and programme."),
            )
        )
    return [
        Sectie(titel=_("Establishments"), leeg="", punten=acties, volgorde=10),
        Sectie(
            titel=_("Your establishments"),
            leeg=_("Your enterprise has no establishments in the portal yet."),
            actie=False,
            punten=[
                Actiepunt(titel=str(v), url=v.get_absolute_url(), toelichting=v.nummer_weergave)
                for v in vestigingen
            ],
            volgorde=20,
        ),
    ]


@register(Rol.PARTNERSCHAPSBEHEERDER, queries=1)
def partnerschap_secties(actor: Actor, now: datetime) -> list[Sectie]:
    assert actor.organisatie_id is not None  # registered for a partnership's role
    zonder = partnerschappen_zonder_criteria().filter(pk=actor.organisatie_id)
    return [
        Sectie(
            titel=_("Recognition criteria"),
            leeg="",
            punten=[
                Actiepunt(
                    titel=_("Your partnership has no recognition criteria yet"),
                    url=reverse(
                        "organisaties:partnerschap_regels", kwargs={"public_id": p.public_id}
                    ),
                    toelichting=_("Employers cannot answer criteria until you configure them."),
                )
                for p in zonder
            ],
            volgorde=10,
        )
    ]


@register(Rol.PLATFORMBEHEERDER, queries=1)
def platform_secties(actor: Actor, now: datetime) -> list[Sectie]:
    return [
        Sectie(
            titel=_("Partnerships without recognition criteria"),
            leeg=_("Every partnership has its recognition criteria."),
            punten=[
                Actiepunt(
                    titel=p.naam, url=reverse("admin:organisaties_partnerschap_change", args=[p.pk])
                )
                for p in partnerschappen_zonder_criteria()
            ],
            volgorde=10,
        )
    ]

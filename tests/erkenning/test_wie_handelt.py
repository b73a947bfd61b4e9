"""Services check who acts, so no caller can skip it (G21, G26): the allowed user, a user of
the same organisation without the right, and a user of another organisation; a person with
several memberships acts only under the one they act for now."""

import pytest

from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.exceptions import DomainError
from duaal.workflow import Refused
from erkenning.constants import AanvraagStatus
from erkenning.services import (
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_volledig_verklaren,
    beroep_indienen,
    erkenning_opheffen,
    kan_aanvraag_goedkeuren,
    kan_onvolledig_verklaren,
    kan_volledig_verklaren,
)
from tests.factories import MembershipFactory
from tests.support import als, lid

from .conftest import maak_plaats
from .factories import ErkenningFactory
from .helpers import NU, afgewezen, ingediend, ingevuld, volledig

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rol", [Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER])
def test_only_the_partnership_the_file_is_routed_to_reviews_it(plaats, rol) -> None:
    aanvraag = ingediend(plaats)
    vreemd = lid(maak_plaats().partnerschap, rol)
    with pytest.raises(DomainError):
        aanvraag_volledig_verklaren(aanvraag=aanvraag, door=als(vreemd), now=NU)
    assert aanvraag_volledig_verklaren(
        aanvraag=aanvraag, door=als(lid(plaats.partnerschap, rol)), now=NU
    )


def test_a_consultant_of_two_partnerships_reviews_only_for_the_one_acted_for(plaats) -> None:
    """The same person consults for two partnerships; acting for the other one, they cannot
    review this file, and the refusal says why; acting for this one, they can."""
    aanvraag = ingediend(plaats)
    ander = maak_plaats().partnerschap
    consulent = lid(ander, Rol.SECTORCONSULENT)
    MembershipFactory(user=consulent, organisatie=plaats.partnerschap, rol=Rol.SECTORCONSULENT)
    voor_ander = als(consulent, ander)
    refused = kan_volledig_verklaren(aanvraag, door=voor_ander, now=NU)
    assert refused.reasons == ("Only the partnership the file is routed to can review it.",)
    with pytest.raises(Refused, match="Only the partnership the file is routed to"):
        aanvraag_volledig_verklaren(aanvraag=aanvraag, door=voor_ander, now=NU)
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    hier = als(consulent, plaats.partnerschap)
    assert aanvraag_volledig_verklaren(aanvraag=aanvraag, door=hier, now=NU).status == (
        AanvraagStatus.VOLLEDIG
    )


def test_a_refusal_gives_every_reason_at_once(plaats) -> None:
    """The employer asking to decide a draft: not the reviewer, and not in this status."""
    aanvraag = ingevuld(plaats)
    refused = kan_aanvraag_goedkeuren(aanvraag, door=als(plaats.werkgever), now=timezone.now())
    assert not refused.allowed
    assert refused.reasons == (
        "Only the partnership the file is routed to can review it.",
        "This step is not possible while the status is “Draft”.",
    )
    with pytest.raises(Refused) as fout:
        aanvraag_goedkeuren(aanvraag=aanvraag, motivering="Ok.", door=als(plaats.werkgever), now=NU)
    assert fout.value.reasons == refused.reasons
    assert kan_onvolledig_verklaren(aanvraag, door=als(plaats.consulent), now=NU).reasons == (
        "This step is not possible while the status is “Draft”.",
    )


def test_a_decision_by_someone_outside_the_partnership_is_refused(plaats) -> None:
    aanvraag = volledig(plaats)
    for door in (plaats.werkgever, lid(maak_plaats().partnerschap, Rol.SECTORCONSULENT)):
        with pytest.raises(DomainError):
            aanvraag_goedkeuren(aanvraag=aanvraag, motivering="Ok.", door=als(door), now=NU)


def test_read_only_staff_of_the_enterprise_cannot_submit(plaats) -> None:
    aanvraag = ingevuld(plaats)
    medewerker = lid(plaats.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(DomainError):
        aanvraag_indienen(aanvraag=aanvraag, door=als(medewerker), verklaring_op_eer=True, now=NU)


def test_only_a_member_of_the_enterprise_can_appeal_for_it(plaats) -> None:
    aanvraag = afgewezen(plaats)
    with pytest.raises(DomainError, match="Only the enterprise concerned can appeal"):
        beroep_indienen(
            onderwerp=aanvraag,
            motivering="Onterecht.",
            door=als(plaats.consulent),
            now=NU,
        )


def test_only_the_partnerships_administrator_imposes_a_sanction(plaats) -> None:
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    for door in (
        lid(maak_plaats().partnerschap, Rol.PARTNERSCHAPSBEHEERDER),
        plaats.consulent,  # of the partnership, without the right
    ):
        with pytest.raises(DomainError, match="recorded by the partnership's administrator"):
            erkenning_opheffen(erkenning=erkenning, motivering="Zomaar.", door=als(door), now=NU)

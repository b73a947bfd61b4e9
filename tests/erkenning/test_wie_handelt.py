"""Services check who acts, so no caller can skip it (G21): the allowed user, a user of the
same organisation without the right, and a user of another organisation."""

import pytest

from duaal.accounts.constants import Rol
from erkenning.constants import SanctieSoort
from erkenning.exceptions import ErkenningFout
from erkenning.services import (
    aanvraag_beslissen,
    aanvraag_indienen,
    aanvraag_volledig_verklaren,
    beroep_indienen,
    sanctie_opleggen,
)
from tests.mentors.helpers import lid

from .conftest import maak_plaats
from .factories import ErkenningFactory
from .helpers import NU, afgewezen, ingediend, ingevuld, volledig

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rol", [Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER])
def test_only_the_partnership_the_file_is_routed_to_reviews_it(plaats, rol) -> None:
    aanvraag = ingediend(plaats)
    vreemd = lid(maak_plaats().partnerschap, rol)
    with pytest.raises(ErkenningFout):
        aanvraag_volledig_verklaren(aanvraag=aanvraag, door=vreemd, now=NU)
    assert aanvraag_volledig_verklaren(
        aanvraag=aanvraag, door=lid(plaats.partnerschap, rol), now=NU
    )


def test_a_decision_by_someone_outside_the_partnership_is_refused(plaats) -> None:
    aanvraag = volledig(plaats)
    for door in (plaats.werkgever, lid(maak_plaats().partnerschap, Rol.SECTORCONSULENT)):
        with pytest.raises(ErkenningFout):
            aanvraag_beslissen(
                aanvraag=aanvraag, goedkeuren=True, motivering="Ok.", door=door, now=NU
            )


def test_read_only_staff_of_the_enterprise_cannot_submit(plaats) -> None:
    aanvraag = ingevuld(plaats)
    medewerker = lid(plaats.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(ErkenningFout):
        aanvraag_indienen(aanvraag=aanvraag, door=medewerker, verklaring_op_eer=True, now=NU)


def test_only_a_member_of_the_enterprise_can_appeal_for_it(plaats) -> None:
    aanvraag = afgewezen(plaats)
    with pytest.raises(ErkenningFout):
        beroep_indienen(
            onderneming=plaats.onderneming,
            aanvraag=aanvraag,
            motivering="Onterecht.",
            door=plaats.consulent,
            now=NU,
        )


def test_only_the_partnerships_administrator_imposes_a_sanction(plaats) -> None:
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    with pytest.raises(ErkenningFout):
        sanctie_opleggen(
            soort=SanctieSoort.OPHEFFING,
            onderneming=plaats.onderneming,
            partnerschap=plaats.partnerschap,
            erkenning=erkenning,
            motivering="Zomaar.",
            door=lid(maak_plaats().partnerschap, Rol.PARTNERSCHAPSBEHEERDER),
            now=NU,
        )

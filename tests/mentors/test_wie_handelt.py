"""Who may act on the mentor register (G26): each service refuses on its guard, which asks the
acting membership's role and whether its organisation is the one the object belongs to: the
employer for its own mentors, the partnership a programme is routed to for the decisions."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.workflow import Refused
from mentors.constants import ToewijzingStatus, UitzonderingStatus
from mentors.models import Mentor, MentorToewijzing
from mentors.services import (
    kan_mentor_toewijzen,
    kan_uitzondering_beslissen,
    mentor_registreren,
    mentor_toewijzen,
    mentoropleiding_plannen,
    mentoropleiding_vrijstellen,
    toewijzing_beslissen,
    toewijzing_deactiveren,
    uittreksel_controleren,
    uitzondering_beslissen,
)
from tests.factories import (
    MentorFactory,
    OpleidingFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
    VestigingFactory,
    insz,
)
from tests.support import als, lid, moment

from .factories import MentoropleidingFactory, UitzonderingFactory

pytestmark = pytest.mark.django_db

NU = moment(dt.date(2026, 10, 1))
ANDERE_ONDERNEMING = "The establishment belongs to another enterprise."
NIET_NAMENS = "You do not act for the organisation this action belongs to."
GEEN_ROL = "Your role does not allow this action."


def _consulent_van_ander_partnerschap():
    return als(lid(PartnerschapFactory(), Rol.SECTORCONSULENT))


def test_an_employer_cannot_designate_its_mentor_at_another_enterprises_establishment(
    plaats,
) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    vreemde_vestiging = VestigingFactory()  # another enterprise's
    with translation.override("en"), pytest.raises(Refused) as fout:
        mentor_toewijzen(
            mentor=mentor,
            vestiging=vreemde_vestiging,
            opleiding=plaats.opleiding,
            door=als(plaats.werkgever),
            now=NU,
        )
    assert fout.value.reasons == (ANDERE_ONDERNEMING,)
    assert not MentorToewijzing.objects.exists()


def test_an_employer_cannot_designate_another_enterprises_mentor(plaats) -> None:
    """Not even at that enterprise's own establishment: it is not the employer's register."""
    vreemde = MentorFactory()
    vestiging = VestigingFactory(onderneming=vreemde.onderneming)
    with translation.override("en"), pytest.raises(Refused) as fout:
        mentor_toewijzen(
            mentor=vreemde,
            vestiging=vestiging,
            opleiding=plaats.opleiding,
            door=als(plaats.werkgever),
            now=NU,
        )
    assert fout.value.reasons == (NIET_NAMENS,)
    assert not MentorToewijzing.objects.exists()


def test_read_only_staff_cannot_register_a_mentor(plaats) -> None:
    medewerker = als(lid(plaats.onderneming, Rol.ONDERNEMING_MEDEWERKER))
    gegevens = {
        "insz": insz(dt.date(1985, 7, 30)),
        "voornaam": "An",
        "achternaam": "Peeters",
        "geboortedatum": dt.date(1985, 7, 30),
        "functie": "Chef-kok",
        "jaren_ervaring": 12,
        "e_mail": "",
        "telefoon": "",
    }
    with translation.override("en"), pytest.raises(Refused, match=GEEN_ROL):
        mentor_registreren(onderneming=plaats.onderneming, door=medewerker, gegevens=gegevens)
    assert not Mentor.objects.exists()


def test_a_consultant_of_another_partnership_cannot_decide_an_exception(plaats) -> None:
    uitzondering = UitzonderingFactory(
        partnerschap=plaats.partnerschap, mentor__onderneming=plaats.onderneming
    )
    with translation.override("en"), pytest.raises(Refused) as fout:
        uitzondering_beslissen(
            uitzondering=uitzondering,
            toekennen=True,
            motivatie="Diploma.",
            door=_consulent_van_ander_partnerschap(),
            now=NU,
        )
    assert fout.value.reasons == (NIET_NAMENS,)
    uitzondering.refresh_from_db()
    assert uitzondering.status == UitzonderingStatus.AANGEVRAAGD
    assert not Event.objects.filter(object_id=uitzondering.pk).exists()


def test_a_consultant_of_another_partnership_cannot_decide_a_designation(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    with pytest.raises(Refused):
        toewijzing_beslissen(
            toewijzing=toewijzing,
            aanvaarden=True,
            motivatie="In orde.",
            door=_consulent_van_ander_partnerschap(),
            now=NU,
        )
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD


def test_the_employer_cannot_decide_its_own_designation(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding
    )
    with translation.override("en"), pytest.raises(Refused, match=GEEN_ROL):
        toewijzing_beslissen(
            toewijzing=toewijzing,
            aanvaarden=True,
            motivatie="In orde.",
            door=als(plaats.werkgever),
            now=NU,
        )


def test_another_employer_cannot_deactivate_the_mentor(plaats) -> None:
    toewijzing = ToewijzingFactory(
        mentor__onderneming=plaats.onderneming, vestiging=plaats.vestiging
    )
    ander = als(lid(MentorFactory().onderneming, Rol.VERTEGENWOORDIGER))
    with pytest.raises(Refused):
        toewijzing_deactiveren(toewijzing=toewijzing, reden="Weg.", door=ander, now=NU)
    toewijzing.refresh_from_db()
    assert toewijzing.actief


def test_a_partnership_without_a_designation_of_the_mentor_cannot_check_its_extract(
    plaats,
) -> None:
    ToewijzingFactory(mentor__onderneming=plaats.onderneming, opleiding=plaats.opleiding)
    uittreksel = UittrekselFactory(mentor=MentorFactory(onderneming=plaats.onderneming))
    with translation.override("en"), pytest.raises(Refused, match=NIET_NAMENS):
        uittreksel_controleren(uittreksel=uittreksel, door=als(plaats.consulent), now=NU)


def test_only_the_trainings_partnership_exempts_and_only_the_employer_plans(plaats) -> None:
    opleiding = MentoropleidingFactory(
        mentor__onderneming=plaats.onderneming, partnerschap=plaats.partnerschap
    )
    with pytest.raises(Refused):
        mentoropleiding_vrijstellen(
            opleiding=opleiding, reden="Attest.", door=_consulent_van_ander_partnerschap()
        )
    with pytest.raises(Refused):
        mentoropleiding_plannen(
            opleiding=opleiding,
            gepland_op=dt.date(2027, 1, 4),
            door=als(plaats.consulent),
            now=NU,
        )


def test_a_refused_designation_gives_every_reason_at_once(plaats) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    stopgezet = OpleidingFactory(partnerschap=plaats.partnerschap, actief=False)
    with translation.override("en"):
        refused = kan_mentor_toewijzen(
            mentor,
            door=als(plaats.werkgever),
            now=NU,
            vestiging=VestigingFactory(),
            opleiding=stopgezet,
        )
        assert refused.reasons == (ANDERE_ONDERNEMING, "This programme is no longer offered.")


def test_a_refused_decision_gives_every_reason_at_once(plaats) -> None:
    uitzondering = UitzonderingFactory(toegekend=True, partnerschap=plaats.partnerschap)
    with translation.override("en"):
        refused = kan_uitzondering_beslissen(
            uitzondering, door=_consulent_van_ander_partnerschap(), now=NU
        )
        assert refused.reasons == (
            NIET_NAMENS,
            "This step is not possible while the status is “Granted”.",
        )


def test_the_decision_page_shows_every_reason_and_no_form(plaats, client) -> None:
    """A consultant of the partnership opens an exception that was already decided: the page
    says why in one round and offers no form; a stale POST is refused the same way."""
    uitzondering = UitzonderingFactory(
        toegekend=True, partnerschap=plaats.partnerschap, mentor__onderneming=plaats.onderneming
    )
    client.force_login(plaats.consulent)
    url = reverse("mentors:uitzondering_beslissen", args=[uitzondering.public_id])
    with translation.override("en"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
        assert list(page.context["weigeringen"]) == [
            "This step is not possible while the status is “Granted”."
        ]
        assert b'<form method="post" novalidate' not in page.content
        stale = client.post(url, {"beslissing": "nee", "motivatie": "Toch niet."})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    uitzondering.refresh_from_db()
    assert uitzondering.status == UitzonderingStatus.TOEGEKEND

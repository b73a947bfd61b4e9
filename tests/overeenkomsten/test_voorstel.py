"""Proposals (R48): a school proposes a learner, the employer accepts or refuses; no school
binds an employer that did nothing, and the mentor's cap (R40) counts only what the employer
accepted."""

import datetime as dt

import pytest

from django.conf import settings

from duaal.accounts.constants import Rol
from duaal.meldingen.models import Melding
from duaal.termijnen import vandaag
from duaal.workflow import Refused
from erkenning.models import Erkenning
from erkenning.services import machtiging_verlenen
from overeenkomsten import selectors
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, VoorstelStatus
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel
from overeenkomsten.services import (
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
)
from overeenkomsten.services.voorstel import (
    voorstel_doen,
    voorstel_doen_op_nummer,
    voorstel_intrekken,
)
from overeenkomsten.services.voorstel_antwoord import (
    voorstel_aanvaarden,
    voorstel_weigeren,
    voorstellen_laten_vervallen,
)
from overeenkomsten.views.voorstel_weergave import adressaat
from tests.factories import MembershipFactory, OnderwijsinstellingFactory, VestigingFactory
from tests.mail_teksten import tekst

from .conftest import NU, VANDAAG, als, gegevens, lid, verbs

pytestmark = pytest.mark.django_db

GEEN_INSTEMMING = "has not accepted a proposal of this learner"
# The guard of approving a workplace: no employer consented to any workplace of the learner.
GEEN_WERKPLEK = "No employer accepted a proposal of this learner"


def _zoekend(traject, volgnummer: int = 41) -> Leerling:
    """A learner approved for dual learning, looking for a workplace (R47)."""
    leerling = leerling_registreren(
        onderwijsinstelling=traject.school,
        gegevens=gegevens(traject.opleiding, volgnummer=volgnummer),
        door=als(traject.coach),
        now=NU,
    )
    return leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)


def _gepubliceerd(traject) -> None:
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(publiek_zichtbaar=True)


def _mails(event: str) -> list[Melding]:
    return list(Melding.objects.filter(event_key__contains=event).order_by("pk"))


# Proposing.


def test_a_coach_proposes_a_listed_workplace_and_the_employer_is_told_at_once(traject) -> None:
    _gepubliceerd(traject)
    voorstel = voorstel_doen(
        leerling=_zoekend(traject), vestiging=traject.vestiging, door=als(traject.coach), now=NU
    )
    assert (voorstel.status, voorstel.onderneming, voorstel.vervalt_op) == (
        VoorstelStatus.VOORGESTELD,
        traject.onderneming,
        voorstel.leerling.overeenkomst_uiterlijk,
    )
    assert verbs(voorstel) == ["voorstel.gedaan"]
    [mail] = _mails(f"voorstel:{voorstel.pk}:gedaan")
    assert mail.ontvanger == traject.werkgever
    assert tekst(mail).startswith("Dear Wim Werkgever,")
    assert f"{settings.PORTAAL_URL}/voorstellen/{voorstel.public_id}/" in tekst(mail)
    assert voorstel.vervalt_op.strftime("%d/%m/%Y") in tekst(mail)


def test_a_coach_of_another_school_cannot_propose_the_learner(traject) -> None:
    _gepubliceerd(traject)
    andere = lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER)
    with pytest.raises(Refused, match="Only a trajectory coach of the learner's school"):
        voorstel_doen(
            leerling=_zoekend(traject), vestiging=traject.vestiging, door=als(andere), now=NU
        )
    assert not Voorstel.objects.exists()


def test_only_a_learner_looking_for_a_workplace_is_proposed(traject) -> None:
    _gepubliceerd(traject)
    gematcht = traject.leerling()
    with pytest.raises(Refused, match="looking for a workplace"):
        voorstel_doen(
            leerling=gematcht, vestiging=traject.vestiging, door=als(traject.coach), now=NU
        )


def test_an_unpublished_workplace_without_a_relationship_is_not_listed(traject) -> None:
    lijst = selectors.werkplekken_voor(
        traject.opleiding, onderwijsinstelling_id=traject.school.pk, op=VANDAAG
    )
    assert traject.vestiging not in lijst
    with pytest.raises(Refused, match="not in the list of workplaces"):
        voorstel_doen(
            leerling=_zoekend(traject), vestiging=traject.vestiging, door=als(traject.coach), now=NU
        )
    _gepubliceerd(traject)
    assert traject.vestiging in lijst.all()


def test_an_employer_that_works_with_the_school_is_listed_unpublished(traject) -> None:
    lijst = selectors.werkplekken_voor(
        traject.opleiding, onderwijsinstelling_id=traject.school.pk, op=VANDAAG
    )
    traject.leerling()  # an accepted proposal is a relationship
    assert list(lijst) == [traject.vestiging]
    andere_school = OnderwijsinstellingFactory()
    assert not selectors.werkplekken_voor(
        traject.opleiding, onderwijsinstelling_id=andere_school.pk, op=VANDAAG
    ).exists()


def test_a_typed_number_answers_the_same_whether_or_not_it_exists(traject) -> None:
    """The coach cannot tell an unpublished workplace exists: both proposals are "sent" and
    look alike; only the real one reaches an employer, the other lapses unanswered."""
    onbekend = VestigingFactory.build().vestigingseenheidsnummer
    bestaat = voorstel_doen_op_nummer(
        leerling=_zoekend(traject, 41),
        nummer=traject.vestiging.vestigingseenheidsnummer,
        door=als(traject.coach),
        now=NU,
    )
    niet = voorstel_doen_op_nummer(
        leerling=_zoekend(traject, 42), nummer=onbekend, door=als(traject.coach), now=NU
    )
    for voorstel in (bestaat, niet):
        assert voorstel.status == VoorstelStatus.VOORGESTELD
        assert adressaat(voorstel) == f"workplace number {voorstel.nummer}"
    assert bestaat.onderneming == traject.onderneming and niet.onderneming is None
    assert len(_mails(f"voorstel:{bestaat.pk}:")) == 1 and not _mails(f"voorstel:{niet.pk}:")


def test_a_number_not_recognised_for_the_programme_reaches_nobody(traject) -> None:
    elders = VestigingFactory(onderneming=traject.onderneming)  # no recognition
    voorstel = voorstel_doen_op_nummer(
        leerling=_zoekend(traject),
        nummer=elders.vestigingseenheidsnummer,
        door=als(traject.coach),
        now=NU,
    )
    assert voorstel.onderneming is None and not _mails(f"voorstel:{voorstel.pk}:")


def test_a_proposal_to_the_enterprise_lets_the_employer_pick_the_establishment(traject) -> None:
    voorstel = voorstel_doen_op_nummer(
        leerling=_zoekend(traject),
        nummer=traject.onderneming.kbo_nummer,
        door=als(traject.coach),
        now=NU,
    )
    assert (voorstel.onderneming, voorstel.vestiging) == (traject.onderneming, None)
    with pytest.raises(OvereenkomstFout, match="Choose the establishment"):
        voorstel_aanvaarden(
            voorstel=voorstel, intake_op=VANDAAG, door=als(traject.werkgever), now=NU
        )
    voorstel = voorstel_aanvaarden(
        voorstel=voorstel,
        vestiging=traject.vestiging,
        intake_op=VANDAAG,
        door=als(traject.werkgever),
        now=NU,
    )
    assert voorstel.vestiging == traject.vestiging


# Answering.


def test_accepting_approves_the_learner_for_the_workplace_and_tells_the_coach(traject) -> None:
    leerling = _zoekend(traject)
    voorstel = voorstel_aanvaarden(
        voorstel=traject.voorstel(leerling), intake_op=VANDAAG, door=als(traject.werkgever), now=NU
    )
    leerling.refresh_from_db()
    assert (leerling.status, leerling.werkplek, leerling.intake_op) == (
        LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        traject.vestiging,
        VANDAAG,
    )
    assert (voorstel.status, voorstel.beantwoord_door) == (
        VoorstelStatus.AANVAARD,
        traject.werkgever,
    )
    assert verbs(voorstel) == ["voorstel.gedaan", "voorstel.aanvaard"]
    [mail] = _mails(f"voorstel:{voorstel.pk}:aanvaard")
    assert mail.ontvanger == traject.coach and tekst(mail).startswith("Dear Tine Coach,")
    assert "Draft the agreement" in tekst(mail)


def test_a_staff_member_without_the_permission_cannot_answer(traject) -> None:
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    voorstel = traject.voorstel(_zoekend(traject))
    for antwoord in (
        lambda: voorstel_aanvaarden(
            voorstel=voorstel, intake_op=VANDAAG, door=als(medewerker), now=NU
        ),
        lambda: voorstel_weigeren(voorstel=voorstel, reden="Vol", door=als(medewerker), now=NU),
    ):
        with pytest.raises(Refused, match="Only the enterprise's legal representative"):
            antwoord()
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VOORGESTELD


def test_refusing_needs_a_reason_which_the_coach_reads(traject) -> None:
    voorstel = traject.voorstel(_zoekend(traject))
    with pytest.raises(OvereenkomstFout, match="Say why you refuse"):
        voorstel_weigeren(voorstel=voorstel, reden="  ", door=als(traject.werkgever), now=NU)
    voorstel = voorstel_weigeren(
        voorstel=voorstel, reden="Geen plaats dit schooljaar.", door=als(traject.werkgever), now=NU
    )
    assert (voorstel.status, voorstel.reden) == (
        VoorstelStatus.GEWEIGERD,
        "Geen plaats dit schooljaar.",
    )
    [mail] = _mails(f"voorstel:{voorstel.pk}:geweigerd")
    assert mail.ontvanger == traject.coach and "Geen plaats dit schooljaar." in tekst(mail)


def test_the_coach_withdraws_and_the_employer_can_no_longer_answer(traject) -> None:
    voorstel = traject.voorstel(_zoekend(traject))
    with pytest.raises(Refused, match="Only a trajectory coach"):
        voorstel_intrekken(voorstel=voorstel, door=als(traject.werkgever), now=NU)
    voorstel = voorstel_intrekken(voorstel=voorstel, door=als(traject.coach), now=NU)
    assert voorstel.status == VoorstelStatus.INGETROKKEN
    with pytest.raises(Refused, match="already answered or ended"):
        voorstel_aanvaarden(
            voorstel=voorstel, intake_op=VANDAAG, door=als(traject.werkgever), now=NU
        )
    with pytest.raises(Refused, match="already answered or ended"):
        voorstel_intrekken(voorstel=voorstel, door=als(traject.coach), now=NU)


def test_accepting_one_proposal_ends_the_learners_other_open_ones(traject) -> None:
    leerling = _zoekend(traject)
    andere = VestigingFactory()
    Erkenning.objects.create(
        onderneming=andere.onderneming,
        vestiging=andere,
        opleiding=traject.opleiding,
        partnerschap=traject.opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    tweede = traject.voorstel(leerling, andere)
    voorstel_aanvaarden(
        voorstel=traject.voorstel(leerling), intake_op=VANDAAG, door=als(traject.werkgever), now=NU
    )
    tweede.refresh_from_db()
    assert tweede.status == VoorstelStatus.INGETROKKEN


def test_r48_a_coach_who_is_also_the_representative_cannot_accept_their_own_proposal(
    traject,
) -> None:
    MembershipFactory(
        user=traject.coach, organisatie=traject.onderneming, rol=Rol.VERTEGENWOORDIGER
    )
    voorstel = traject.voorstel(_zoekend(traject))
    with pytest.raises(Refused, match="one person never acts for two parties"):
        voorstel_aanvaarden(voorstel=voorstel, intake_op=VANDAAG, door=als(traject.coach), now=NU)
    voorstel = voorstel_aanvaarden(
        voorstel=voorstel, intake_op=VANDAAG, door=als(traject.werkgever), now=NU
    )
    assert voorstel.status == VoorstelStatus.AANVAARD


def test_a_coach_who_is_also_the_representative_cannot_approve_their_draft_as_employer(
    traject,
) -> None:
    overeenkomst = traject.verstuurd()
    MembershipFactory(
        user=traject.coach, organisatie=traject.onderneming, rol=Rol.VERTEGENWOORDIGER
    )
    # Acting under the representative membership, for the employer.
    with pytest.raises(Refused, match="one person never acts for two parties"):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst,
            versie=1,
            door=als(traject.coach, traject.onderneming),
            now=NU,
        )
    assert not overeenkomst.goedkeuringen.exists()


# Lapsing with the learner's window (R48).


def test_r48_due_proposals_lapse_once_and_the_coach_is_told(traject) -> None:
    voorstel = traject.voorstel(_zoekend(traject))
    na_termijn = NU + dt.timedelta(days=60)
    assert voorstel.vervalt_op < vandaag(na_termijn)
    assert voorstellen_laten_vervallen(now=NU) == 0
    assert voorstellen_laten_vervallen(now=na_termijn) == 1
    assert voorstellen_laten_vervallen(now=na_termijn) == 0
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VERVALLEN
    assert verbs(voorstel) == ["voorstel.gedaan", "voorstel.vervallen"]
    [mail] = _mails(f"voorstel:{voorstel.pk}:vervallen")
    assert mail.ontvanger == traject.coach and "lapsed" in tekst(mail)


def test_a_lapsed_proposal_can_no_longer_be_accepted(traject) -> None:
    voorstel = traject.voorstel(_zoekend(traject))
    later = NU + dt.timedelta(days=60)
    with pytest.raises(Refused, match="so this proposal lapsed"):
        voorstel_aanvaarden(
            voorstel=voorstel, intake_op=VANDAAG, door=als(traject.werkgever), now=later
        )


# The school's own approval and drafting need the employer's consent.


def test_the_coach_cannot_approve_a_workplace_the_employer_never_accepted(traject) -> None:
    leerling = _zoekend(traject)
    with pytest.raises(Refused, match=GEEN_WERKPLEK):
        leerling_werkplek_goedkeuren(
            leerling=leerling,
            vestiging=traject.vestiging,
            intake_op=VANDAAG,
            door=als(traject.coach),
            now=NU,
        )
    # A mandate for applications only does not let the school skip the employer's acceptance.
    machtiging_verlenen(
        onderneming=traject.onderneming, gemachtigde=traject.school, door=als(traject.werkgever)
    )
    with pytest.raises(Refused, match=GEEN_WERKPLEK):
        leerling_werkplek_goedkeuren(
            leerling=leerling,
            vestiging=traject.vestiging,
            intake_op=VANDAAG,
            door=als(traject.coach),
            now=NU,
        )


def test_a_mandate_for_learners_lets_the_school_match_without_a_proposal(traject) -> None:
    leerling = traject.leerling_onder_mandaat()
    assert leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
    assert traject.ontwerp(leerling).status == OvereenkomstStatus.ONTWERP


def test_a_match_recorded_without_consent_cannot_be_drafted(traject) -> None:
    leerling = _zoekend(traject)
    Leerling.objects.filter(pk=leerling.pk).update(
        status=LeerlingStatus.WERKPLEK_GOEDGEKEURD, werkplek=traject.vestiging, intake_op=VANDAAG
    )
    with pytest.raises(OvereenkomstFout, match=GEEN_INSTEMMING):
        traject.ontwerp(leerling)
    assert not Overeenkomst.objects.exists()


# The mentor's cap counts only what the employer accepted (R40).


def _cap_een(traject) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()


def test_r40_a_sent_agreement_the_employer_never_accepted_does_not_take_the_cap(traject) -> None:
    _cap_een(traject)
    niet_aanvaard = overeenkomst_versturen(
        overeenkomst=traject.ontwerp(traject.leerling_onder_mandaat(volgnummer=42)),
        door=als(traject.coach),
        now=NU,
    )
    assert niet_aanvaard.status == OvereenkomstStatus.TER_GOEDKEURING
    # A learner the employer chose still fits under the cap of one.
    assert traject.verstuurd().status == OvereenkomstStatus.TER_GOEDKEURING


def test_r40_the_employer_is_refused_approving_when_the_cap_is_full(traject) -> None:
    _cap_een(traject)
    wachtend = overeenkomst_versturen(
        overeenkomst=traject.ontwerp(traject.leerling_onder_mandaat(volgnummer=42)),
        door=als(traject.coach),
        now=NU,
    )
    traject.verstuurd()  # accepted by proposal: it takes the mentor's one place
    with pytest.raises(OvereenkomstFout, match="already guides 1 learner"):
        overeenkomst_goedkeuren(
            overeenkomst=wachtend, versie=1, door=als(traject.werkgever), now=NU
        )
    assert not wachtend.goedkeuringen.exists()


def test_r40_accepting_a_proposal_refuses_when_its_agreement_would_overfill_the_cap(
    traject,
) -> None:
    _cap_een(traject)
    leerling = traject.leerling_onder_mandaat(volgnummer=42)
    wachtend = overeenkomst_versturen(
        overeenkomst=traject.ontwerp(leerling), door=als(traject.coach), now=NU
    )
    voorstel = Voorstel.objects.create(
        leerling=leerling,
        onderwijsinstelling=traject.school,
        opleiding=traject.opleiding,
        voorgesteld_door=traject.coach,
        onderneming=traject.onderneming,
        vestiging=traject.vestiging,
        vervalt_op=leerling.overeenkomst_uiterlijk,
    )
    traject.verstuurd()
    with pytest.raises(Refused, match="already guides 1 learner"):
        voorstel_aanvaarden(
            voorstel=voorstel, intake_op=VANDAAG, door=als(traject.werkgever), now=NU
        )
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VOORGESTELD and wachtend.pk

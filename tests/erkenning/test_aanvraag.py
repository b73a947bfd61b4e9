"""The employer's side of an application: draft, routing (R12), completeness (R7-R8), submit
with the declaration on honour, exclusions (R24.3) and filing under a mandate (R4)."""

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.exceptions import DomainError
from erkenning.constants import AanvraagStatus
from erkenning.selectors import ontbrekende_onderdelen
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_indienen,
    aanvraag_mentoren_kiezen,
    machtiging_intrekken,
    verklaring_op_eer_ondertekenen,
)
from mentors.constants import ToewijzingStatus
from mentors.models import MentorToewijzing
from tests.factories import (
    MentorFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    PartnerschapFactory,
)
from tests.support import als, exe_als_pdf, lid, pdf

from .factories import MachtigingFactory, SanctieFactory
from .helpers import NU, dag, ingevuld, mentor_met_uittreksel

pytestmark = pytest.mark.django_db


def _concept(plaats):
    return aanvraag_aanmaken(
        vestiging=plaats.vestiging, opleiding=plaats.opleiding, door=als(plaats.werkgever), now=NU
    )


def _school_met_mandaat(plaats, **kwargs):
    school = OnderwijsinstellingFactory()
    MachtigingFactory(onderneming=plaats.onderneming, gemachtigde=school, **kwargs)
    return school, lid(school, Rol.TRAJECTBEGELEIDER)


# Draft and routing.


def test_a_draft_gets_one_unticked_answer_per_criterion_of_the_partnership(plaats) -> None:
    aanvraag = _concept(plaats)
    antwoorden = list(aanvraag.antwoorden.order_by("criterium__volgorde"))
    assert [a.criterium for a in antwoorden] == plaats.criteria
    assert not any(a.voldaan for a in antwoorden)
    assert aanvraag.status == AanvraagStatus.ONTWERP
    assert Event.objects.filter(verb="aanvraag.aangemaakt", object_id=aanvraag.pk).count() == 1


def test_a_draft_is_routed_to_the_partnership_competent_for_the_programme(plaats) -> None:
    ander_partnerschap = PartnerschapFactory()
    opleiding = OpleidingFactory(partnerschap=ander_partnerschap)
    aanvraag = aanvraag_aanmaken(
        vestiging=plaats.vestiging, opleiding=opleiding, door=als(plaats.werkgever), now=NU
    )
    assert aanvraag.partnerschap == ander_partnerschap  # R12
    assert aanvraag.antwoorden.count() == 0  # that partnership asks no criteria


def test_a_programme_no_longer_offered_cannot_be_applied_for(plaats) -> None:
    plaats.opleiding.actief = False
    plaats.opleiding.save()
    with pytest.raises(DomainError):
        _concept(plaats)


# What is missing (R7-R8).


def test_missing_parts_list_the_mentor_every_unconfirmed_criterion_and_required_document(
    plaats,
) -> None:
    tekorten = ontbrekende_onderdelen(_concept(plaats))
    assert len(tekorten) == 5  # no mentor, 3 criteria, the RSZ certificate
    assert all(any(c.omschrijving in t for t in tekorten) for c in plaats.criteria)
    assert any("RSZ-schuldenattest" in t for t in tekorten)
    assert not any("Foto's" in t for t in tekorten)  # optional documents are never asked


def test_missing_parts_list_the_extract_for_each_mentor_who_has_none(plaats) -> None:
    aanvraag = ingevuld(plaats)
    tweede = MentorFactory(onderneming=plaats.onderneming, achternaam="Zonderuittreksel")
    aanvraag_mentoren_kiezen(
        aanvraag=aanvraag, mentoren=[*aanvraag.mentoren.all(), tweede], door=als(plaats.werkgever)
    )
    tekorten = ontbrekende_onderdelen(aanvraag)
    assert len(tekorten) == 1
    assert "Uittreksel 596.2" in tekorten[0] and "Zonderuittreksel" in tekorten[0]


def test_missing_parts_is_empty_for_a_filled_in_application(plaats) -> None:
    assert ontbrekende_onderdelen(ingevuld(plaats)) == []


def test_an_unticked_criterion_is_listed_again(plaats) -> None:
    aanvraag = ingevuld(plaats)
    aanvraag_antwoorden_opslaan(
        aanvraag=aanvraag,
        antwoorden={plaats.criteria[0].pk: (False, "")},
        door=als(plaats.werkgever),
    )
    assert [plaats.criteria[0].omschrijving in t for t in ontbrekende_onderdelen(aanvraag)] == [
        True
    ]


def test_a_mentor_of_another_enterprise_cannot_be_named(plaats) -> None:
    with pytest.raises(DomainError):
        aanvraag_mentoren_kiezen(
            aanvraag=_concept(plaats), mentoren=[MentorFactory()], door=als(plaats.werkgever)
        )


def test_a_document_the_partnership_does_not_ask_is_refused(plaats) -> None:
    from .factories import CriteriumDocumentFactory

    with pytest.raises(DomainError):
        aanvraag_document_opladen(
            aanvraag=_concept(plaats),
            vereist=CriteriumDocumentFactory(),  # another partnership's criterion
            bestand=pdf(),
            door=als(plaats.werkgever),
        )


def test_a_per_mentor_document_needs_its_mentor(plaats) -> None:
    with pytest.raises(DomainError):
        aanvraag_document_opladen(
            aanvraag=_concept(plaats),
            vereist=plaats.uittreksel,
            bestand=pdf(),
            door=als(plaats.werkgever),
        )


def test_a_renamed_executable_is_refused_as_a_document(plaats) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        aanvraag_document_opladen(
            aanvraag=_concept(plaats),
            vereist=plaats.rsz,
            bestand=exe_als_pdf(),
            door=als(plaats.werkgever),
        )


# Submitting.


def test_submit_is_refused_without_the_declaration_on_honour(plaats) -> None:
    aanvraag = ingevuld(plaats)
    with pytest.raises(DomainError):
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=False, now=NU
        )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.ONTWERP and aanvraag.verklaring_op_eer_op is None


def test_submit_is_refused_while_the_application_is_incomplete(plaats) -> None:
    aanvraag = _concept(plaats)
    with pytest.raises(DomainError) as fout:
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=NU
        )
    assert plaats.criteria[1].omschrijving in fout.value.message
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.ONTWERP


def test_submit_is_refused_under_an_active_exclusion_and_allowed_after_it(plaats) -> None:
    SanctieFactory(uitsluiting=True, onderneming=plaats.onderneming, tot=dag(30).date())
    aanvraag = ingevuld(plaats)
    with pytest.raises(DomainError):
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(30)
        )
    aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=dag(31)
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND


def test_submit_designates_the_named_mentors_and_tells_the_consultants(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = ingevuld(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=NU
        )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND and aanvraag.ingediend_op == NU
    assert aanvraag.verklaring_op_eer_door == plaats.werkgever
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD
    assert plaats.consulent.email in {m.to[0] for m in mailoutbox}
    # The employer filing itself is not told it filed; it gets only its receipt.
    eigen = [m for m in mailoutbox if m.to[0] == plaats.werkgever.email]
    assert len(eigen) == 1 and aanvraag.referentie in eigen[0].subject


def test_a_submitted_application_can_no_longer_be_changed_by_the_employer(plaats) -> None:
    aanvraag = ingevuld(plaats)
    aanvraag_indienen(aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=NU)
    with pytest.raises(DomainError):
        aanvraag_antwoorden_opslaan(aanvraag=aanvraag, antwoorden={}, door=als(plaats.werkgever))
    with pytest.raises(DomainError):  # and not submitted twice
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=NU
        )


# Filing under a mandate (R4).


def test_filing_without_a_mandate_is_refused(plaats) -> None:
    school = OnderwijsinstellingFactory()
    with pytest.raises(DomainError):
        ingevuld(plaats, door=als(lid(school, Rol.TRAJECTBEGELEIDER)), namens=school)


def test_filing_under_a_revoked_mandate_is_refused(plaats) -> None:
    school, coach = _school_met_mandaat(plaats, ingetrokken=True)
    with pytest.raises(DomainError):
        ingevuld(plaats, door=als(coach), namens=school)


def test_filing_under_a_live_mandate_records_who_filed_and_tells_the_employer(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    school, coach = _school_met_mandaat(plaats)
    aanvraag = ingevuld(plaats, door=als(coach), namens=school)
    verklaring_op_eer_ondertekenen(aanvraag=aanvraag, door=als(plaats.werkgever), now=NU)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = aanvraag_indienen(
            aanvraag=aanvraag, door=als(coach), verklaring_op_eer=True, now=NU
        )
    assert aanvraag.ingediend_namens_id == school.pk
    assert aanvraag.verklaring_op_eer_door == plaats.werkgever  # R4: the enterprise signs
    event = Event.objects.get(verb="aanvraag.ingediend", object_id=aanvraag.pk)
    assert event.actor == coach and event.organisatie_id == school.pk
    assert {plaats.werkgever.email, plaats.consulent.email} <= {m.to[0] for m in mailoutbox}


def test_a_coach_cannot_submit_before_the_enterprise_signed_the_declaration(plaats) -> None:
    school, coach = _school_met_mandaat(plaats)
    aanvraag = ingevuld(plaats, door=als(coach), namens=school)
    with pytest.raises(DomainError):
        aanvraag_indienen(aanvraag=aanvraag, door=als(coach), verklaring_op_eer=True, now=NU)
    with pytest.raises(DomainError):  # nor sign it for the enterprise
        verklaring_op_eer_ondertekenen(aanvraag=aanvraag, door=als(coach), now=NU)


def test_submitting_after_the_mandate_was_revoked_is_refused(plaats) -> None:
    school, coach = _school_met_mandaat(plaats)
    aanvraag = ingevuld(plaats, door=als(coach), namens=school)
    verklaring_op_eer_ondertekenen(aanvraag=aanvraag, door=als(plaats.werkgever), now=NU)
    machtiging_intrekken(
        machtiging=school.ontvangen_machtigingen.get(), door=als(plaats.werkgever), now=NU
    )
    with pytest.raises(DomainError):
        aanvraag_indienen(aanvraag=aanvraag, door=als(coach), verklaring_op_eer=True, now=NU)


def test_the_mentor_is_valid_for_the_helper(plaats) -> None:
    """Guard for the helpers: the default mentor meets R32-R36 on NU."""
    from mentors.selectors import voorwaarden

    assert all(v.in_orde for v in voorwaarden(mentor_met_uittreksel(plaats), op=NU.date()))

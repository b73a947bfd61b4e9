"""Nobody is bound without acting (R59, R61): a signature on paper the coach records for another
party binds it only once that party confirms it (the employer in the portal, the learner's side
through its personal link) or the competent partnership verifies it. "This is not ours" voids
it, sends the agreement back to awaiting approval and alerts the partnership."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.workflow import Refused
from overeenkomsten.constants import Bevestiging, OvereenkomstStatus, Partij
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import Goedkeuring, Uitnodiging
from overeenkomsten.services import (
    Inhoud,
    goedkeuren_via_link,
    goedkeuring_op_papier,
    handtekening_betwisten,
    handtekening_betwisten_via_link,
    handtekening_bevestigen,
    handtekening_bevestigen_via_link,
    handtekening_verifieren,
    handtekeningen_bevestiging_vragen,
    kan_handtekening_bevestigen,
    kan_handtekening_verifieren,
    kan_op_papier_vastleggen,
    overeenkomst_annuleren,
    overeenkomst_goedkeuren,
    overeenkomst_wijzigen,
)
from tests.factories import PartnerschapFactory
from tests.mail_teksten import tekst
from tests.support import pdf

from .conftest import NU, aan, als, lid, link, meldingen

pytestmark = pytest.mark.django_db

LATER = NU + dt.timedelta(hours=2)


def papier(traject, overeenkomst, partij: str, naam: str = "Wim Werkgever", door=None):
    return goedkeuring_op_papier(
        overeenkomst=overeenkomst,
        partij=partij,
        naam=naam,
        scan=pdf("handtekening.pdf"),
        door=als(door or traject.coach),
        now=NU,
    )


def _status(overeenkomst) -> str:
    overeenkomst.refresh_from_db()
    return overeenkomst.status


def _alles_op_papier(traject):
    """The coach approves for the school and records every other party's signature on paper."""
    overeenkomst = traject.verstuurd()
    overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=1, door=als(traject.coach), now=NU)
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    for partij in (Partij.LEERLING, Partij.VERTEGENWOORDIGER):
        papier(traject, overeenkomst, partij, naam="Lotte")
    return overeenkomst, werkgever


def _consulent(traject):
    return lid(traject.opleiding.partnerschap, Rol.SECTORCONSULENT, naam="Chris Consulent")


# Recording on paper.


def test_a_signature_on_paper_for_the_school_is_its_own_act(traject) -> None:
    overeenkomst = traject.verstuurd()
    goedkeuring = papier(traject, overeenkomst, Partij.SCHOOL, naam="Tine Coach")
    assert goedkeuring.bevestiging == Bevestiging.EIGEN
    assert goedkeuring.bevestiging_gevraagd_op is None


def test_one_recorded_for_the_employer_awaits_it_and_the_employer_is_asked_at_once(
    traject,
) -> None:
    overeenkomst = traject.verstuurd()
    goedkeuring = papier(traject, overeenkomst, Partij.WERKGEVER)
    assert goedkeuring.bevestiging == Bevestiging.TE_BEVESTIGEN
    assert goedkeuring.bevestiging_gevraagd_op == NU
    [mail] = meldingen(f"goedkeuring:{goedkeuring.pk}:bevestigen")
    assert mail.e_mail == traject.werkgever.email
    assert tekst(mail).startswith("Dear Wim Werkgever,")
    assert overeenkomst.get_absolute_url() in tekst(mail) and "01/10/2026" in tekst(mail)


def test_every_party_approved_but_one_awaits_confirmation_so_nothing_is_signed(traject) -> None:
    overeenkomst, _werkgever = _alles_op_papier(traject)
    assert _status(overeenkomst) == OvereenkomstStatus.TE_BEVESTIGEN
    assert overeenkomst.ondertekend_op is None
    assert overeenkomst.leerling.overeenkomst_uiterlijk is not None  # R48: still running
    event = Event.objects.get(verb="overeenkomst.te_bevestigen", object_id=overeenkomst.pk)
    assert (event.before, event.after["status"]) == ({"status": "ter_goedkeuring"}, "te_bevestigen")


def test_the_guard_gives_every_reason_a_paper_signature_cannot_be_recorded(traject) -> None:
    overeenkomst = traject.verstuurd()
    papier(traject, overeenkomst, Partij.WERKGEVER)
    weigering = kan_op_papier_vastleggen(
        overeenkomst, partij=Partij.WERKGEVER, door=als(traject.werkgever), now=NU
    )
    assert weigering.reasons == (
        "Only a trajectory coach of the learner's school can do this.",
        "This party already approved this version.",
    )


# The employer answers.


def test_the_employer_confirms_and_the_learners_side_confirms_by_link_then_it_is_signed(
    traject,
) -> None:
    overeenkomst, werkgever = _alles_op_papier(traject)
    handtekening_bevestigen(goedkeuring=werkgever, door=als(traject.werkgever), now=LATER)
    werkgever.refresh_from_db()
    assert (werkgever.bevestiging, werkgever.bevestigd_door) == (
        Bevestiging.BEVESTIGD,
        traject.werkgever,
    )
    assert _status(overeenkomst) == OvereenkomstStatus.TE_BEVESTIGEN
    for partij in (Partij.LEERLING, Partij.VERTEGENWOORDIGER):
        handtekening_bevestigen_via_link(token=link(overeenkomst, partij), now=LATER)
    assert _status(overeenkomst) == OvereenkomstStatus.ONDERTEKEND
    assert overeenkomst.ondertekend_op == LATER
    event = Event.objects.get(verb="overeenkomst.handtekening_bevestigd", actor=traject.werkgever)
    assert event.before == {"status": "te_bevestigen", "bevestiging": "te_bevestigen"}
    assert event.after["partij"] == Partij.WERKGEVER


def test_not_ours_voids_it_back_to_awaiting_approval_and_alerts_the_partnership(traject) -> None:
    overeenkomst, werkgever = _alles_op_papier(traject)
    consulent = _consulent(traject)
    beheerder = lid(traject.opleiding.partnerschap, Rol.PARTNERSCHAPSBEHEERDER)
    ander = lid(PartnerschapFactory(), Rol.SECTORCONSULENT)
    handtekening_betwisten(
        goedkeuring=werkgever, toelichting="Nooit getekend.", door=als(traject.werkgever), now=LATER
    )
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.BETWIST
    assert werkgever.betwist_toelichting == "Nooit getekend."
    assert _status(overeenkomst) == OvereenkomstStatus.TER_GOEDKEURING
    partnerschap = aan(f"goedkeuring:{werkgever.pk}:betwist:partnerschap")
    assert (
        partnerschap == sorted([consulent.email, beheerder.email])
        and ander.email not in partnerschap
    )
    assert aan(f"goedkeuring:{werkgever.pk}:betwist:school") == [traject.coach.email]
    event = Event.objects.get(verb="overeenkomst.handtekening_betwist")
    assert (event.before["status"], event.after["status"]) == ("te_bevestigen", "ter_goedkeuring")


def test_after_a_dispute_the_employer_approves_in_the_portal_itself(traject) -> None:
    overeenkomst, werkgever = _alles_op_papier(traject)
    handtekening_betwisten(
        goedkeuring=werkgever, toelichting="Andere versie.", door=als(traject.werkgever), now=NU
    )
    overeenkomst_goedkeuren(
        overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=NU
    )
    assert overeenkomst.goedkeuringen.filter(partij=Partij.WERKGEVER).count() == 2
    assert _status(overeenkomst) == OvereenkomstStatus.TE_BEVESTIGEN  # the learner's side


def test_a_dispute_needs_a_reason(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    with pytest.raises(OvereenkomstFout, match="Say why this signature is not yours."):
        handtekening_betwisten(goedkeuring=werkgever, toelichting=" ", door=als(traject.werkgever))
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.TE_BEVESTIGEN


def test_the_coach_who_recorded_it_cannot_confirm_it_for_the_employer(traject) -> None:
    """One person never acts for two parties, even with a role at the enterprise."""
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    lid_van = lid(traject.onderneming, Rol.VERTEGENWOORDIGER)  # a colleague may
    from tests.factories import MembershipFactory

    MembershipFactory(
        user=traject.coach, organisatie=traject.onderneming, rol=Rol.VERTEGENWOORDIGER
    )
    with pytest.raises(Refused, match="one person never acts for two parties"):
        handtekening_bevestigen(goedkeuring=werkgever, door=als(traject.coach), now=NU)
    assert kan_handtekening_bevestigen(werkgever, door=als(lid_van), now=NU).allowed


def test_read_only_staff_and_the_school_cannot_confirm_for_the_employer(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    for door in (medewerker, lid(traject.school, Rol.TRAJECTBEGELEIDER)):
        weigering = kan_handtekening_bevestigen(werkgever, door=als(door), now=NU)
        assert "Only a legal representative of the enterprise can answer for the employer." in (
            weigering.reasons
        )


def test_a_confirmed_or_outdated_signature_cannot_be_confirmed_again(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    overeenkomst_wijzigen(
        overeenkomst=overeenkomst,
        inhoud=Inhoud.van(overeenkomst).met(opleidingsplan="Versie 2."),
        door=als(traject.coach),
        now=NU,
    )
    with pytest.raises(Refused, match="the agreement changed or is no longer open"):
        handtekening_bevestigen(goedkeuring=werkgever, door=als(traject.werkgever), now=NU)


def test_r40_confirming_for_the_employer_is_refused_when_the_mentors_cap_is_full(traject) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    # Under the school's mandate for learners and agreements: the employer accepted nothing.
    eerste = traject.verstuurd(traject.leerling_onder_mandaat(volgnummer=42))
    tweede = traject.verstuurd(traject.leerling_onder_mandaat())
    overeenkomst_goedkeuren(overeenkomst=eerste, versie=1, door=als(traject.werkgever), now=NU)
    werkgever = papier(traject, tweede, Partij.WERKGEVER)
    with pytest.raises(OvereenkomstFout, match="choose another mentor with the school first"):
        handtekening_bevestigen(goedkeuring=werkgever, door=als(traject.werkgever), now=NU)
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.TE_BEVESTIGEN


# The competent partnership verifies.


def test_the_competent_partnership_verifies_instead_of_the_party(traject) -> None:
    overeenkomst, werkgever = _alles_op_papier(traject)
    consulent = _consulent(traject)
    ander = lid(PartnerschapFactory(), Rol.SECTORCONSULENT)
    assert kan_handtekening_verifieren(werkgever, door=als(ander), now=NU).reasons == (
        "Only the partnership competent for the programme verifies a signature.",
    )
    handtekening_verifieren(goedkeuring=werkgever, door=als(consulent), now=LATER)
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.GEVERIFIEERD
    assert Event.objects.get(verb="overeenkomst.handtekening_geverifieerd").actor == consulent


def test_the_coach_cannot_verify_what_the_school_recorded(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    from tests.factories import MembershipFactory

    MembershipFactory(
        user=traject.coach, organisatie=traject.opleiding.partnerschap, rol=Rol.SECTORCONSULENT
    )
    assert "one person never acts for two parties" in (
        kan_handtekening_verifieren(werkgever, door=als(traject.coach), now=NU).message
    )


# The learner's side, through the personal link.


def test_the_learner_is_mailed_a_fresh_personal_link_to_confirm(traject) -> None:
    overeenkomst = traject.verstuurd()
    oud = Uitnodiging.objects.get(overeenkomst=overeenkomst, partij=Partij.LEERLING)
    goedkeuring = papier(traject, overeenkomst, Partij.LEERLING, naam="Lotte")
    assert not Uitnodiging.objects.filter(pk=oud.pk).exists()
    [mail] = meldingen(f"goedkeuring:{goedkeuring.pk}:bevestigen:")
    assert mail.e_mail == overeenkomst.leerling.e_mail
    # The personal link is a reference, built at delivery: nothing stored holds a URL to it.
    assert tekst(mail).startswith("Dear Lotte Peeters,") and "http" not in str(mail.context)
    assert mail.link_soort and "/goedkeuren/" not in tekst(mail)


def test_approving_through_the_link_confirms_the_recorded_signature(traject) -> None:
    overeenkomst = traject.verstuurd()
    goedkeuring = papier(traject, overeenkomst, Partij.LEERLING, naam="Lotte")
    token = link(overeenkomst, Partij.LEERLING)
    assert goedkeuren_via_link(token=token, now=LATER).pk == goedkeuring.pk
    goedkeuring.refresh_from_db()
    assert goedkeuring.bevestiging == Bevestiging.BEVESTIGD and goedkeuring.bevestigd_door is None
    with pytest.raises(OngeldigeLink):
        handtekening_bevestigen_via_link(token=token, now=LATER)


def test_the_learner_disputes_through_the_link(traject) -> None:
    overeenkomst, _werkgever = _alles_op_papier(traject)
    handtekening_betwisten_via_link(
        token=link(overeenkomst, Partij.LEERLING), toelichting="Niet mijn handtekening.", now=NU
    )
    leerling = overeenkomst.goedkeuringen.get(partij=Partij.LEERLING)
    assert leerling.bevestiging == Bevestiging.BETWIST
    assert _status(overeenkomst) == OvereenkomstStatus.TER_GOEDKEURING


def test_a_link_without_a_signature_to_confirm_confirms_nothing(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Refused, match="No signature on paper awaits your confirmation."):
        handtekening_bevestigen_via_link(token=link(overeenkomst, Partij.LEERLING), now=NU)
    assert (
        Uitnodiging.objects.get(overeenkomst=overeenkomst, partij=Partij.LEERLING).gebruikt_op
        is None
    )


# The request sweep.


def _zoals_gemigreerd(goedkeuring: Goedkeuring) -> None:
    """What migration 0005 leaves: awaiting confirmation, never asked."""
    Goedkeuring.objects.filter(pk=goedkeuring.pk).update(bevestiging_gevraagd_op=None)
    Melding.objects.all().delete()


def test_the_sweep_asks_each_migrated_signature_once(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    ouder = papier(traject, overeenkomst, Partij.VERTEGENWOORDIGER, naam="An Peeters")
    for goedkeuring in (werkgever, ouder):
        _zoals_gemigreerd(goedkeuring)
    assert handtekeningen_bevestiging_vragen(now=LATER) == 2
    assert handtekeningen_bevestiging_vragen(now=LATER) == 0
    assert aan(f"goedkeuring:{werkgever.pk}:bevestigen") == [traject.werkgever.email]
    assert aan(f"goedkeuring:{ouder.pk}:bevestigen:") == [
        overeenkomst.leerling.vertegenwoordiger_e_mail
    ]
    werkgever.refresh_from_db()
    assert werkgever.bevestiging_gevraagd_op == LATER
    handtekening_bevestigen_via_link(token=link(overeenkomst, Partij.VERTEGENWOORDIGER), now=LATER)


def test_the_sweep_leaves_answered_signatures_alone(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    handtekening_bevestigen(goedkeuring=werkgever, door=als(traject.werkgever), now=NU)
    _zoals_gemigreerd(werkgever)
    assert handtekeningen_bevestiging_vragen(now=LATER) == 0
    assert not Melding.objects.exists()


def test_the_sweep_does_not_ask_to_confirm_for_a_withdrawn_agreement(traject) -> None:
    overeenkomst = traject.verstuurd()
    werkgever = papier(traject, overeenkomst, Partij.WERKGEVER)
    overeenkomst_annuleren(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)
    _zoals_gemigreerd(werkgever)
    assert handtekeningen_bevestiging_vragen(now=LATER) == 0
    assert not Melding.objects.exists()


# Existing data: migration 0005.


def _migratie_0005_toepassen() -> None:
    """Run migration 0005 on the current data, with the models as they were before it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    doel = ("overeenkomsten", "0005_papier_te_bevestigen")
    executor = MigrationExecutor(connection)
    migratie = executor.loader.get_migration(*doel)
    staat = executor.loader.project_state(doel, at_end=False)
    with connection.schema_editor(atomic=migratie.atomic) as editor:
        migratie.apply(staat, editor)


def test_migration_0005_marks_recorded_signatures_and_unsigns_what_rested_on_them(
    traject,
) -> None:
    getekend = traject.ondertekend(traject.leerling(volgnummer=42))
    # As the portal stored it before: the parent's signature on paper counted at once.
    overeenkomst, _werkgever = _alles_op_papier(traject)
    overeenkomst.goedkeuringen.update(bevestiging=Bevestiging.EIGEN, bevestiging_gevraagd_op=None)
    overeenkomst.goedkeuringen.filter(partij=Partij.SCHOOL).update(wijze="papier", scan="s.pdf")
    type(overeenkomst).objects.filter(pk=overeenkomst.pk).update(
        status=OvereenkomstStatus.ONDERTEKEND, ondertekend_op=NU
    )
    _migratie_0005_toepassen()
    assert _status(overeenkomst) == OvereenkomstStatus.TE_BEVESTIGEN
    assert dict(overeenkomst.goedkeuringen.values_list("partij", "bevestiging")) == {
        Partij.SCHOOL: Bevestiging.EIGEN,
        Partij.WERKGEVER: Bevestiging.TE_BEVESTIGEN,
        Partij.LEERLING: Bevestiging.TE_BEVESTIGEN,
        Partij.VERTEGENWOORDIGER: Bevestiging.TE_BEVESTIGEN,
    }
    assert _status(getekend) == OvereenkomstStatus.ONDERTEKEND  # approved in the portal
    # The sweep then tells every party of the migrated signatures.
    assert handtekeningen_bevestiging_vragen(now=LATER) == 3
    assert not Goedkeuring.objects.filter(
        bevestiging=Bevestiging.TE_BEVESTIGEN, bevestiging_gevraagd_op__isnull=True
    ).exists()

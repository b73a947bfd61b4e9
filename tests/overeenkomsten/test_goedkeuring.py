"""Tripartite approval (R59, R61): employer, school and learner approve the version they read,
the legal representative too for a minor; personal links for those without an account; a
change while awaiting approval makes a new version that needs every approval again."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.workflow import Refused
from overeenkomsten.constants import GoedkeuringWijze, OvereenkomstStatus, Partij
from overeenkomsten.exceptions import OngeldigeLink, OvereenkomstFout
from overeenkomsten.models import Goedkeuring, OvereenkomstDocument, Uitnodiging
from overeenkomsten.partijen import uitnodiging_uit_link, vereiste_partijen
from overeenkomsten.services import (
    Bezwaren,
    Inhoud,
    goedkeuren_via_link,
    goedkeuring_op_papier,
    handtekening_bevestigen_via_link,
    overeenkomst_annuleren,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
    overeenkomst_wijzigen,
    uitnodiging_opnieuw_versturen,
)
from tests.mail_teksten import tekst
from tests.support import exe_als_pdf, moment, pdf

from .conftest import NU, ROOSTER, aan, als, lid, link, meldingen, token, verbs

pytestmark = pytest.mark.django_db

VOLWASSEN = dict(
    geboortedatum=dt.date(2006, 5, 2), vertegenwoordiger_naam="", vertegenwoordiger_e_mail=""
)


def _werkgever_en_school(traject, overeenkomst, versie: int = 1) -> None:
    for door in (traject.werkgever, traject.coach):
        overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=versie, door=als(door), now=NU)


def _status(overeenkomst) -> str:
    overeenkomst.refresh_from_db()
    return overeenkomst.status


# Who approves.


def test_a_minor_approves_with_the_legal_representative(traject) -> None:
    overeenkomst = traject.verstuurd()
    assert overeenkomst.met_vertegenwoordiger
    assert vereiste_partijen(overeenkomst) == [
        Partij.WERKGEVER,
        Partij.SCHOOL,
        Partij.LEERLING,
        Partij.VERTEGENWOORDIGER,
    ]
    assert sorted(overeenkomst.uitnodigingen.values_list("partij", "e_mail")) == [
        (Partij.LEERLING, "lotte41@leerling.example"),
        (Partij.VERTEGENWOORDIGER, "ouder41@leerling.example"),
    ]
    assert aan(f"overeenkomst:{overeenkomst.pk}:v1:werkgever") == [traject.werkgever.email]


def test_an_adult_learner_approves_without_a_representative(traject) -> None:
    overeenkomst = traject.verstuurd(traject.leerling(**VOLWASSEN))
    assert not overeenkomst.met_vertegenwoordiger
    assert Partij.VERTEGENWOORDIGER not in vereiste_partijen(overeenkomst)
    assert list(overeenkomst.uitnodigingen.values_list("partij", flat=True)) == [Partij.LEERLING]


def test_a_learner_who_turns_18_before_it_is_sent_approves_alone(traject) -> None:
    leerling = traject.leerling(geboortedatum=dt.date(2008, 9, 20))  # 18 on 20 September
    overeenkomst = traject.ontwerp(leerling)
    overeenkomst = overeenkomst_versturen(
        overeenkomst=overeenkomst, door=als(traject.coach), now=moment(dt.date(2026, 9, 21))
    )
    assert not overeenkomst.met_vertegenwoordiger
    assert not overeenkomst.uitnodigingen.filter(partij=Partij.VERTEGENWOORDIGER).exists()


def test_the_agreement_is_signed_exactly_when_the_last_party_approves(traject) -> None:
    overeenkomst = traject.verstuurd()
    assert overeenkomst.leerling.overeenkomst_uiterlijk is not None
    _werkgever_en_school(traject, overeenkomst)
    goedkeuren_via_link(token=link(overeenkomst, Partij.LEERLING), now=NU)
    assert _status(overeenkomst) == OvereenkomstStatus.TER_GOEDKEURING
    goedkeuren_via_link(token=link(overeenkomst, Partij.VERTEGENWOORDIGER), now=NU)
    assert _status(overeenkomst) == OvereenkomstStatus.ONDERTEKEND
    assert overeenkomst.ondertekend_op == NU
    overeenkomst.leerling.refresh_from_db()
    assert overeenkomst.leerling.overeenkomst_uiterlijk is None


def test_every_step_to_the_signature_is_audited(traject) -> None:
    overeenkomst = traject.ondertekend()
    assert verbs(overeenkomst) == [
        "overeenkomst.opgesteld",
        "overeenkomst.verstuurd",
        *["overeenkomst.goedgekeurd"] * 4,
        "overeenkomst.ondertekend",
    ]
    partijen = Event.objects.filter(verb="overeenkomst.goedgekeurd", object_id=overeenkomst.pk)
    assert sorted(e.after["partij"] for e in partijen) == sorted(Partij.values)


def test_the_signature_is_announced_to_every_party(traject) -> None:
    overeenkomst = traject.ondertekend()
    leerling = overeenkomst.leerling
    assert aan(f"overeenkomst:{overeenkomst.pk}:ondertekend") == sorted(
        [
            traject.werkgever.email,
            traject.coach.email,
            leerling.e_mail,
            leerling.vertegenwoordiger_e_mail,
        ]
    )


def test_an_employer_staff_member_cannot_approve(traject) -> None:
    overeenkomst = traject.verstuurd()
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(Refused) as fout:
        overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=1, door=als(medewerker), now=NU)
    assert str(fout.value) == (
        "Only the employer's representative or the school's coach approve here."
    )
    assert not Goedkeuring.objects.exists()


def test_a_party_approves_a_version_once(traject) -> None:
    overeenkomst = traject.verstuurd()
    overeenkomst_goedkeuren(
        overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=NU
    )
    with pytest.raises(Refused, match="This party already approved this version."):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=NU
        )


def test_a_draft_cannot_be_approved(traject) -> None:
    overeenkomst = traject.ontwerp()
    with pytest.raises(Refused, match="This agreement is not awaiting approval."):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=als(traject.coach), now=NU
        )


def test_sending_twice_is_refused_with_the_status(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Refused) as fout:
        overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)
    assert fout.value.reasons == ("Only a draft is sent for approval.",)


# A change while awaiting approval: a new version.


def test_approving_a_version_that_changed_since_is_refused(traject) -> None:
    overeenkomst = traject.verstuurd()
    overeenkomst_wijzigen(
        overeenkomst=overeenkomst,
        inhoud=Inhoud.van(overeenkomst).met(opleidingsplan="Nieuw plan."),
        door=als(traject.coach),
        now=NU,
    )
    with pytest.raises(OvereenkomstFout) as fout:
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=als(traject.werkgever), now=NU
        )
    assert str(fout.value) == (
        "The agreement changed since you opened it. Read version 2 and approve that."
    )


def test_a_change_makes_a_new_version_and_earlier_approvals_no_longer_count(traject) -> None:
    overeenkomst = traject.verstuurd()
    _werkgever_en_school(traject, overeenkomst)
    oude_links = [token(u) for u in Uitnodiging.objects.filter(overeenkomst=overeenkomst)]
    overeenkomst = overeenkomst_wijzigen(
        overeenkomst=overeenkomst,
        inhoud=Inhoud.van(overeenkomst).met(einde=dt.date(2028, 8, 31)),
        door=als(traject.coach),
        now=NU,
    )
    assert overeenkomst.versie == 2
    for oud in oude_links:
        with pytest.raises(OngeldigeLink):
            uitnodiging_uit_link(oud, now=NU)
    goedkeuren_via_link(token=link(overeenkomst, Partij.LEERLING), now=NU)
    goedkeuren_via_link(token=link(overeenkomst, Partij.VERTEGENWOORDIGER), now=NU)
    assert _status(overeenkomst) == OvereenkomstStatus.TER_GOEDKEURING
    _werkgever_en_school(traject, overeenkomst, versie=2)
    assert _status(overeenkomst) == OvereenkomstStatus.ONDERTEKEND


def test_every_party_hears_what_changed_and_gets_a_new_link(traject) -> None:
    overeenkomst = traject.verstuurd()
    overeenkomst_wijzigen(
        overeenkomst=overeenkomst,
        inhoud=Inhoud.van(overeenkomst).met(
            opleidingsplan="Nieuw plan.", blokken=[*ROOSTER[:3], ROOSTER[3]]
        ),
        door=als(traject.coach),
        now=NU,
    )
    gewijzigd = meldingen(f"overeenkomst:{overeenkomst.pk}:v2:gewijzigd")
    assert [m.e_mail for m in gewijzigd] == sorted(
        [
            traject.werkgever.email,
            traject.coach.email,
            "lotte41@leerling.example",
            "ouder41@leerling.example",
        ]
    )
    assert (
        f"The agreement {overeenkomst} changed (training plan, timetable). Every approval was "
        "reset; please read version 2 and approve it again."
    ) in tekst(gewijzigd[0])
    assert len(meldingen(f"overeenkomst:{overeenkomst.pk}:v2:link:")) == 2
    assert Event.objects.get(verb="overeenkomst.gewijzigd").after == {
        "versie": 2,
        "gewijzigd": ["training plan", "timetable"],
    }


def test_a_change_that_changes_nothing_keeps_the_version(traject) -> None:
    overeenkomst = traject.verstuurd()
    overeenkomst = overeenkomst_wijzigen(
        overeenkomst=overeenkomst,
        inhoud=Inhoud.van(overeenkomst).met(
            opleidingsplan=overeenkomst.opleidingsplan + "  ",
            einde=overeenkomst.einde,
            blokken=list(ROOSTER),
        ),
        door=als(traject.coach),
        now=NU,
    )
    assert overeenkomst.versie == 1
    assert meldingen(f"overeenkomst:{overeenkomst.pk}:v2") == []
    assert "overeenkomst.gewijzigd" not in verbs(overeenkomst)


def test_a_change_to_a_draft_keeps_version_1(traject) -> None:
    ontwerp = traject.ontwerp()
    overeenkomst = overeenkomst_wijzigen(
        overeenkomst=ontwerp,
        inhoud=Inhoud.van(ontwerp).met(opleidingsplan="Ander plan."),
        door=als(traject.coach),
        now=NU,
    )
    assert (overeenkomst.versie, overeenkomst.opleidingsplan) == (1, "Ander plan.")


def test_a_change_passes_the_guards_again(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Bezwaren, match="at most 3 years"):
        overeenkomst_wijzigen(
            overeenkomst=overeenkomst,
            inhoud=Inhoud.van(overeenkomst).met(einde=dt.date(2030, 1, 1)),
            door=als(traject.coach),
            now=NU,
        )
    overeenkomst.refresh_from_db()
    assert (overeenkomst.versie, overeenkomst.einde) == (1, dt.date(2028, 6, 30))


def test_a_signed_agreement_can_no_longer_be_changed(traject) -> None:
    overeenkomst = traject.ondertekend()
    with pytest.raises(Refused, match="can no longer be changed"):
        overeenkomst_wijzigen(
            overeenkomst=overeenkomst,
            inhoud=Inhoud.van(overeenkomst).met(opleidingsplan="Later."),
            door=als(traject.coach),
            now=NU,
        )


def test_every_version_gets_its_own_pdf_after_commit(traject, django_capture_on_commit_callbacks):
    overeenkomst = traject.ontwerp()
    with django_capture_on_commit_callbacks(execute=True):
        overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)
    with django_capture_on_commit_callbacks(execute=True):
        overeenkomst_wijzigen(
            overeenkomst=overeenkomst,
            inhoud=Inhoud.van(overeenkomst).met(opleidingsplan="Versie 2."),
            door=als(traject.coach),
            now=NU,
        )
    versies = OvereenkomstDocument.objects.filter(overeenkomst=overeenkomst)
    assert sorted(versies.values_list("versie", flat=True)) == [1, 2]


# Personal links.


def test_a_link_expires_after_14_days(traject) -> None:
    overeenkomst = traject.verstuurd()
    uitnodiging = uitnodiging_uit_link(link(overeenkomst), now=NU + dt.timedelta(days=14))
    assert uitnodiging.partij == Partij.LEERLING
    with pytest.raises(OngeldigeLink):
        goedkeuren_via_link(token=link(overeenkomst), now=NU + dt.timedelta(days=14, seconds=1))
    assert not Goedkeuring.objects.exists()


def test_a_link_approves_once(traject) -> None:
    overeenkomst = traject.verstuurd()
    goedkeuren_via_link(token=link(overeenkomst), now=NU)
    with pytest.raises(OngeldigeLink) as fout:
        goedkeuren_via_link(token=link(overeenkomst), now=NU)
    assert str(fout.value).startswith("This link is no longer valid")
    assert Goedkeuring.objects.count() == 1


def test_a_tampered_link_is_refused(traject) -> None:
    echt = link(traject.verstuurd())
    vervalst = echt[:-1] + ("A" if echt[-1] != "A" else "B")
    with pytest.raises(OngeldigeLink):
        goedkeuren_via_link(token=vervalst, now=NU)
    with pytest.raises(OngeldigeLink):
        goedkeuren_via_link(token="niet-eens-een-token", now=NU)


def test_a_link_of_a_withdrawn_agreement_no_longer_works(traject) -> None:
    overeenkomst = traject.verstuurd()
    overeenkomst_annuleren(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)
    with pytest.raises(OngeldigeLink):
        goedkeuren_via_link(token=link(overeenkomst), now=NU)


def test_resending_a_link_invalidates_the_previous_one(traject) -> None:
    overeenkomst = traject.verstuurd()
    oud = link(overeenkomst)
    later = NU + dt.timedelta(days=20)
    uitnodiging_opnieuw_versturen(
        overeenkomst=overeenkomst, partij=Partij.LEERLING, door=als(traject.coach), now=later
    )
    with pytest.raises(OngeldigeLink):
        uitnodiging_uit_link(oud, now=NU)
    goedkeuren_via_link(token=link(overeenkomst), now=later)
    assert overeenkomst.goedkeuringen.get().partij == Partij.LEERLING
    assert len(meldingen(f"overeenkomst:{overeenkomst.pk}:v1:link:leerling:")) == 2


def test_the_employer_gets_no_link(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Refused, match="This party does not approve through a link."):
        uitnodiging_opnieuw_versturen(
            overeenkomst=overeenkomst, partij=Partij.WERKGEVER, door=als(traject.coach), now=NU
        )


# Signing on paper.


def test_the_coach_records_a_signature_on_paper_with_the_scan(traject) -> None:
    overeenkomst = traject.verstuurd()
    goedkeuring = goedkeuring_op_papier(
        overeenkomst=overeenkomst,
        partij=Partij.VERTEGENWOORDIGER,
        naam="An Peeters",
        scan=pdf("handtekening ouder An Peeters.pdf"),
        door=als(traject.coach),
        now=NU,
    )
    assert (goedkeuring.wijze, goedkeuring.naam, goedkeuring.door) == (
        GoedkeuringWijze.PAPIER,
        "An Peeters",
        traject.coach,
    )
    assert goedkeuring.scan.name.startswith("overeenkomsten/scans/")
    assert "Peeters" not in goedkeuring.scan.name and goedkeuring.scan.name.endswith(".pdf")
    assert goedkeuring.scan.read().startswith(b"%PDF-")


def test_a_renamed_executable_is_no_scan(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(OvereenkomstFout) as fout:
        goedkeuring_op_papier(
            overeenkomst=overeenkomst,
            partij=Partij.LEERLING,
            naam="Lotte Peeters",
            scan=exe_als_pdf(),
            door=als(traject.coach),
            now=NU,
        )
    assert str(fout.value) == (
        "Upload a PDF or a photo (PNG or JPEG). This file is neither, whatever its name."
    )
    assert not Goedkeuring.objects.exists()


def test_only_the_coach_records_a_paper_signature(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Refused, match="Only a trajectory coach"):
        goedkeuring_op_papier(
            overeenkomst=overeenkomst,
            partij=Partij.WERKGEVER,
            naam="Wim Werkgever",
            scan=pdf(),
            door=als(traject.werkgever),
            now=NU,
        )


def test_paper_and_portal_approvals_together_sign_the_agreement(traject) -> None:
    """The learner's side signed on paper: it binds once each confirms through its link."""
    overeenkomst = traject.verstuurd()
    _werkgever_en_school(traject, overeenkomst)
    for partij, naam in [(Partij.LEERLING, "Lotte"), (Partij.VERTEGENWOORDIGER, "An")]:
        goedkeuring_op_papier(
            overeenkomst=overeenkomst,
            partij=partij,
            naam=naam,
            scan=pdf(),
            door=als(traject.coach),
            now=NU,
        )
    assert _status(overeenkomst) == OvereenkomstStatus.TE_BEVESTIGEN
    for partij in (Partij.LEERLING, Partij.VERTEGENWOORDIGER):
        handtekening_bevestigen_via_link(token=link(overeenkomst, partij), now=NU)
    assert _status(overeenkomst) == OvereenkomstStatus.ONDERTEKEND


def test_a_link_checked_just_before_a_change_does_not_approve_the_new_version(
    traject, monkeypatch
) -> None:
    from overeenkomsten.services import ondertekenen

    overeenkomst = traject.verstuurd()
    echt = ondertekenen.uitnodiging_uit_link

    def en_intussen_gewijzigd(token: str, *, now):
        # The coach's change commits after the link was checked, before the agreement's lock.
        uitnodiging = echt(token, now=now)
        overeenkomst_wijzigen(
            overeenkomst=overeenkomst,
            inhoud=Inhoud.van(overeenkomst).met(opleidingsplan="Versie 2."),
            door=als(traject.coach),
            now=NU,
        )
        return uitnodiging

    monkeypatch.setattr(ondertekenen, "uitnodiging_uit_link", en_intussen_gewijzigd)
    with pytest.raises(OngeldigeLink):
        goedkeuren_via_link(token=link(overeenkomst), now=NU)
    assert not Goedkeuring.objects.filter(overeenkomst=overeenkomst).exists()

"""The mentor screens: forms keep what was typed and show why a service refused; files are
streamed only to who may open them; the INSZ is never rendered in full."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.views import vandaag_nu as _vandaag
from mentors.constants import OpleidingStatus, ToewijzingStatus, UitzonderingStatus
from mentors.models import Mentor, Mentoropleiding, MentorToewijzing, Uittreksel
from mentors.services import mentoropleiding_starten, uittreksels_opruimen
from tests.support import getypt as _datum

from .factories import MentorFactory, OpleidingFactory, insz
from .world import World, pdf

pytestmark = pytest.mark.django_db

VERT, CONS = Rol.VERTEGENWOORDIGER, Rol.SECTORCONSULENT
GELDIG = {
    "voornaam": "Sara",
    "achternaam": "Wouters",
    "insz": "85.07.30-033.28",
    "geboortedatum": "30/07/1985",
    "functie": "Chef-kok",
    "jaren_ervaring": "12",
    "e_mail": "",
    "telefoon": "",
}


def test_register_a_mentor_from_dotted_insz_and_never_show_it_in_full(world: World) -> None:
    client = world.client_for("A", VERT)
    response = client.post(reverse("mentors:mentor_toevoegen"), GELDIG)
    mentor = Mentor.objects.get(achternaam="Wouters")
    assert response.status_code == 302 and response["Location"] == mentor.get_absolute_url()
    assert mentor.insz == "85073003328" and mentor.onderneming == world.sides["A"].onderneming
    for url in (mentor.get_absolute_url(), reverse("mentors:mentor_list")):
        body = client.get(url).content.decode()
        assert "85073003328" not in body and "85.07.30-033.28" not in body
        assert mentor.insz_gemaskeerd in body


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"insz": "85.07.30-033.29"}, "insz"),  # wrong check digits
        ({"geboortedatum": "31/07/1985"}, "geboortedatum"),  # not the date the INSZ gives
        ({"geboortedatum": "31/02/1985"}, "geboortedatum"),  # no such date
        ({"jaren_ervaring": "-1"}, "jaren_ervaring"),
    ],
)
def test_a_wrong_field_is_marked_and_nothing_typed_is_lost(
    world: World, wijziging: dict, veld: str
) -> None:
    response = world.client_for("A", VERT).post(
        reverse("mentors:mentor_toevoegen"), {**GELDIG, **wijziging}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [veld]
    assert f'id="error_1_id_{veld}"' in response.content.decode()
    assert 'value="Wouters"' in response.content.decode()
    assert not Mentor.objects.filter(achternaam="Wouters").exists()


def test_the_same_insz_twice_in_one_enterprise_is_refused_on_the_field(world: World) -> None:
    client = world.client_for("A", VERT)
    client.post(reverse("mentors:mentor_toevoegen"), GELDIG)
    response = client.post(reverse("mentors:mentor_toevoegen"), GELDIG)
    assert response.status_code == 200
    assert response.context["form"].has_error("insz", code="duplicate")
    # Another enterprise may register the same person.
    assert (
        world.client_for("B", VERT).post(reverse("mentors:mentor_toevoegen"), GELDIG).status_code
        == 302
    )


@pytest.mark.parametrize("rol", [Rol.SECTORCONSULENT, Rol.TRAJECTBEGELEIDER, Rol.PLATFORMBEHEERDER])
def test_only_enterprises_have_a_register(world: World, rol: str) -> None:
    client = world.client_for("A", rol)
    assert client.get(reverse("mentors:mentor_list")).status_code == 403
    assert client.get(reverse("mentors:mentor_toevoegen")).status_code == 403


def test_read_only_staff_see_the_register_but_cannot_add(world: World) -> None:
    client = world.client_for("A", Rol.ONDERNEMING_MEDEWERKER)
    body = client.get(reverse("mentors:mentor_list")).content.decode()
    assert world.sides["A"].mentor.achternaam in body
    assert reverse("mentors:mentor_toevoegen") not in body
    assert client.get(reverse("mentors:mentor_toevoegen")).status_code == 403


def test_designate_review_deactivate_and_reactivate(world: World) -> None:
    side = world.sides["A"]
    mentor = MentorFactory(onderneming=side.onderneming)
    werkgever, consulent = world.client_for("A", VERT), world.client_for("A", CONS)
    url = reverse("mentors:mentor_toewijzen", args=[mentor.public_id])
    keuze = {"vestiging": side.vestiging.public_id, "opleiding": side.opleiding.public_id}
    assert werkgever.post(url, keuze).status_code == 302
    toewijzing = MentorToewijzing.objects.get(mentor=mentor)
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD
    assert Mentoropleiding.objects.filter(mentor=mentor, partnerschap=side.partnerschap).exists()

    again = werkgever.post(url, keuze)  # the service refuses: shown above the form
    assert again.status_code == 200 and again.context["form"].non_field_errors()

    other_side = {
        "vestiging": world.sides["B"].vestiging.public_id,
        "opleiding": keuze["opleiding"],
    }
    assert werkgever.post(url, other_side).context["form"].has_error("vestiging")

    beslissen = reverse("mentors:toewijzing_beslissen", args=[toewijzing.public_id])
    assert consulent.post(beslissen, {"beslissing": "ja", "motivatie": ""}).status_code == 200
    assert (
        consulent.post(beslissen, {"beslissing": "ja", "motivatie": "In orde."}).status_code == 302
    )
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.AANVAARD and toewijzing.motivatie == "In orde."
    second = consulent.post(beslissen, {"beslissing": "nee", "motivatie": "Toch niet."})
    assert second.status_code == 200 and second.context["form"].non_field_errors()

    deactiveren = reverse("mentors:toewijzing_deactiveren", args=[toewijzing.public_id])
    assert werkgever.post(deactiveren, {"reden": ""}).status_code == 200
    assert werkgever.post(deactiveren, {"reden": "Vertrokken."}).status_code == 302
    toewijzing.refresh_from_db()
    assert not toewijzing.actief
    reactiveren = reverse("mentors:toewijzing_reactiveren", args=[toewijzing.public_id])
    assert werkgever.post(reactiveren).status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.actief
    page = werkgever.get(toewijzing.get_absolute_url()).content.decode()
    assert "In orde." in page


def test_an_inactive_programme_cannot_be_chosen(world: World) -> None:
    side = world.sides["A"]
    oud = OpleidingFactory(partnerschap=side.partnerschap, actief=False)
    response = world.client_for("A", VERT).post(
        reverse("mentors:mentor_toewijzen", args=[side.mentor.public_id]),
        {"vestiging": side.vestiging.public_id, "opleiding": oud.public_id},
    )
    assert response.context["form"].has_error("opleiding")


def test_upload_extract_errors_land_on_their_field(world: World) -> None:
    mentor = world.sides["A"].mentor
    client = world.client_for("A", VERT)
    url = reverse("mentors:uittreksel_opladen", args=[mentor.public_id])
    form_page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in form_page

    morgen = _vandaag() + dt.timedelta(days=1)
    toekomst = client.post(url, {"uitgereikt_op": _datum(morgen), "bestand": pdf()})
    assert list(toekomst.context["form"].errors) == ["uitgereikt_op"]

    exe = SimpleUploadedFile("uittreksel.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    vals = client.post(url, {"uitgereikt_op": _datum(_vandaag()), "bestand": exe})
    assert list(vals.context["form"].errors) == ["bestand"]
    assert mentor.uittreksels.count() == 1

    ok = client.post(url, {"uitgereikt_op": _datum(_vandaag()), "bestand": pdf("scan.pdf")})
    assert ok.status_code == 302 and mentor.uittreksels.count() == 2


def test_extract_file_is_streamed_under_a_server_name_and_gone_after_the_purge(
    world: World,
) -> None:
    side = world.sides["A"]
    uittreksel = side.uittreksel
    url = reverse("mentors:uittreksel_bestand", args=[uittreksel.public_id])
    response = world.client_for("A", VERT).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="uittreksel-596-2-{uittreksel.uitgereikt_op:%Y-%m-%d}.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]

    consulent = world.client_for("A", CONS)
    controleren = reverse("mentors:uittreksel_controleren", args=[uittreksel.public_id])
    assert consulent.post(controleren).status_code == 302
    uittreksel.refresh_from_db()
    assert uittreksel.partnerschap == side.partnerschap and uittreksel.gecontroleerd_op
    assert consulent.post(controleren).status_code == 200  # already checked: said so

    later = timezone.now() + dt.timedelta(days=side.partnerschap.uittreksel_bewaartermijn_dagen + 1)
    assert uittreksels_opruimen(now=later) == 1
    assert world.client_for("A", VERT).get(url).status_code == 404
    page = world.client_for("A", VERT).get(side.mentor.get_absolute_url()).content.decode()
    assert url not in page


def test_exception_request_and_decision(world: World) -> None:
    side = world.sides["A"]
    werkgever, consulent = world.client_for("A", VERT), world.client_for("A", CONS)
    jong = MentorFactory(
        onderneming=side.onderneming,
        geboortedatum=_vandaag() - relativedelta(years=24),
        insz=insz(_vandaag() - relativedelta(years=24), 61),
    )
    url = reverse("mentors:uitzondering_aanvragen", args=[jong.public_id])
    page = werkgever.get(url)
    assert page.context["niet_mogelijk"]  # designate first
    MentorToewijzing.objects.create(
        mentor=jong, vestiging=side.vestiging, opleiding=side.opleiding, aangesteld_op=_vandaag()
    )
    gegevens = {"partnerschap": side.partnerschap.public_id, "bewijs": pdf(), "toelichting": ""}
    onnodig = werkgever.post(url, {**gegevens, "soort": "ervaring"})  # 10 years: not needed
    assert onnodig.status_code == 200 and onnodig.context["form"].non_field_errors()
    gegevens["bewijs"] = pdf()
    assert werkgever.post(url, {**gegevens, "soort": "leeftijd"}).status_code == 302
    uitzondering = jong.uitzonderingen.get()

    beslissen = reverse("mentors:uitzondering_beslissen", args=[uitzondering.public_id])
    assert werkgever.post(beslissen, {"beslissing": "ja", "motivatie": "x"}).status_code == 403
    assert (
        consulent.post(beslissen, {"beslissing": "ja", "motivatie": "Diploma."}).status_code == 302
    )
    uitzondering.refresh_from_db()
    assert uitzondering.status == UitzonderingStatus.TOEGEKEND
    detail = werkgever.get(jong.get_absolute_url()).content.decode()
    assert 'data-voorwaarde="leeftijd" data-status="uitzondering"' in detail

    bewijs = reverse("mentors:uitzondering_bewijs", args=[uitzondering.public_id])
    assert consulent.get(bewijs)["Content-Disposition"].startswith(
        'attachment; filename="bewijs-vooropleiding.pdf"'
    )


def test_mentor_training_planned_completed_and_exempted(world: World) -> None:
    side = world.sides["A"]
    werkgever, consulent = world.client_for("A", VERT), world.client_for("A", CONS)
    mentor = MentorFactory(onderneming=side.onderneming)
    opleiding = mentoropleiding_starten(
        mentor=mentor, partnerschap=side.partnerschap, vanaf=_vandaag()
    )
    plannen = reverse("mentors:mentoropleiding_plannen", args=[opleiding.public_id])
    dag = _vandaag() + dt.timedelta(days=30)
    assert werkgever.post(plannen, {"gepland_op": _datum(dag)}).status_code == 302
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.GEPLAND and opleiding.gepland_op == dag

    voltooien = reverse("mentors:mentoropleiding_voltooien", args=[opleiding.public_id])
    toekomst = werkgever.post(voltooien, {"gevolgd_op": _datum(dag), "certificaat": pdf()})
    assert list(toekomst.context["form"].errors) == ["gevolgd_op"]

    vrijstellen = reverse("mentors:mentoropleiding_vrijstellen", args=[opleiding.public_id])
    assert werkgever.get(vrijstellen).status_code == 403
    assert consulent.post(vrijstellen, {"reden": "Gelijkaardige cursus."}).status_code == 302
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.VRIJGESTELD
    # A closed training: the page says so instead of offering the form; a POST is refused.
    page = werkgever.get(plannen)
    assert page.context["niet_mogelijk"] and b'<form method="post" novalidate' not in page.content
    refused = werkgever.post(plannen, {"gepland_op": _datum(dag)})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()


def test_the_certificate_is_for_the_representative_and_the_partnership(world: World) -> None:
    opleiding = world.sides["A"].mentoropleiding
    url = reverse("mentors:mentoropleiding_certificaat", args=[opleiding.public_id])
    assert world.client_for("A", VERT).get(url).status_code == 200
    assert world.client_for("A", Rol.PARTNERSCHAPSBEHEERDER).get(url).status_code == 200
    assert world.client_for("A", Rol.ONDERNEMING_MEDEWERKER).get(url).status_code == 403
    assert world.client_for("B", VERT).get(url).status_code == 404


def test_a_consultant_sees_the_designation_and_its_conditions(world: World) -> None:
    side = world.sides["A"]
    body = world.client_for("A", CONS).get(side.toewijzing.get_absolute_url()).content.decode()
    # The world's mentor has 2 years of experience and an exception only requested.
    assert 'data-voorwaarde="ervaring" data-status="niet_voldaan"' in body
    assert 'data-voorwaarde="leeftijd" data-status="voldaan"' in body
    assert reverse("mentors:uittreksel_controleren", args=[side.uittreksel.public_id]) in body
    assert side.mentor.insz not in body


def test_dashboards_point_to_mentor_work(world: World) -> None:
    side = world.sides["A"]
    werkgever = world.client_for("A", VERT).get(reverse("portaal:dashboard")).content.decode()
    assert side.mentor.get_absolute_url() in werkgever  # experience not met
    consulent = world.client_for("A", CONS).get(reverse("portaal:dashboard")).content.decode()
    assert reverse("mentors:uitzondering_detail", args=[side.uitzondering.public_id]) in consulent
    assert reverse("mentors:uittreksel_controleren", args=[side.uittreksel.public_id]) in consulent
    assert Uittreksel.objects.count() == 2

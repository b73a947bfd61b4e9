"""The scale seed (quality.md "Reference data set") at a tiny scale, in the test database."""

import io

import pytest
from stdnum.be import ssn, vat

from django.core.management import CommandError, call_command
from django.db import connection

from devtools.scale_seed.plan import reset_toegestaan
from duaal.organisaties.models import Onderneming, Partnerschap, Vestiging
from duaal.organisaties.validators import validate_vestigingseenheid
from erkenning.constants import LOPEND, OPEN_STATUSSEN
from erkenning.models import Aanvraag, Erkenning
from mentors.models import Mentor, MentorToewijzing
from overeenkomsten.models import Leerling, Overeenkomst

pytestmark = pytest.mark.django_db

# --scale 0.0005 of the counts in quality.md, each at least 1.
VERWACHT = [
    (Partnerschap, 1),
    (Onderneming, 50),
    (Vestiging, 75),
    (Erkenning, 100),
    (Aanvraag, 250),
    (Mentor, 30),
    (MentorToewijzing, 30),
    (Leerling, 50),
    (Overeenkomst, 50),
]


@pytest.fixture
def geseed() -> None:
    call_command("seed_scale", "--scale", "0.0005", stdout=io.StringIO())
    # The test wraps everything in one transaction: check the deferred foreign keys now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.usefixtures("geseed")
def test_counts_match_the_scaled_reference_set() -> None:
    assert [(model, model.objects.count()) for model, _ in VERWACHT] == VERWACHT
    assert Aanvraag.objects.filter(status__in=OPEN_STATUSSEN).count() == 5


@pytest.mark.usefixtures("geseed")
def test_numbers_are_unique_and_carry_valid_check_digits() -> None:
    kbo = list(Onderneming.objects.values_list("kbo_nummer", flat=True))
    assert len(set(kbo)) == len(kbo)
    for nummer in kbo[::7]:
        vat.validate(nummer)
    for nummer in Vestiging.objects.values_list("vestigingseenheidsnummer", flat=True)[::7]:
        validate_vestigingseenheid(nummer)
    insz = list(Mentor.objects.values_list("insz", flat=True)) + list(
        Leerling.objects.values_list("insz", flat=True)
    )
    assert len(set(insz)) == len(insz)
    for nummer in insz[::5]:
        ssn.validate(nummer)


@pytest.mark.usefixtures("geseed")
def test_one_running_recognition_per_place_and_orm_inserts_still_work() -> None:
    lopend = Erkenning.objects.filter(status__in=LOPEND)
    plaatsen = set(lopend.values_list("vestiging_id", "opleiding_id"))
    assert len(plaatsen) == lopend.count()
    # The sequences were moved past the copied ids.
    nieuw = Partnerschap.objects.create(naam="Na de seed", partnerschap_soort="sectoraal")
    assert nieuw.pk > Onderneming.objects.order_by("-pk").first().pk


@pytest.mark.usefixtures("geseed")
def test_a_second_run_without_reset_refuses() -> None:
    with pytest.raises(CommandError, match="already holds"):
        call_command("seed_scale", "--scale", "0.0005")


def test_reset_only_on_throwaway_databases() -> None:
    assert reset_toegestaan("test_duaal")
    assert reset_toegestaan("duaal_scale")
    assert reset_toegestaan("bench1")
    assert not reset_toegestaan("duaal")

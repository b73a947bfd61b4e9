"""Factories for applications, recognitions, sanctions and appeals; states as traits (G20)."""

import datetime as dt

import factory
from dateutil.relativedelta import relativedelta
from factory.django import DjangoModelFactory

from duaal.organisaties.models import CriteriumDocument
from erkenning.constants import AanvraagStatus, BeroepStatus, ErkenningStatus, SanctieSoort
from erkenning.models import Aanvraag, Beroep, Erkenning, Machtiging, Sanctie
from tests.factories import (
    CriteriumFactory,
    OndernemingFactory,
    OpleidingFactory,
    UserFactory,
    VestigingFactory,
)
from tests.support import moment

DAG = dt.date(2026, 10, 1)


class CriteriumDocumentFactory(DjangoModelFactory):
    class Meta:
        model = CriteriumDocument

    criterium = factory.SubFactory(CriteriumFactory)
    naam = factory.Sequence(lambda n: f"Document {n}")


class MachtigingFactory(DjangoModelFactory):
    class Meta:
        model = Machtiging

    class Params:
        ingetrokken = factory.Trait(ingetrokken_op=factory.LazyFunction(lambda: moment(DAG)))

    onderneming = factory.SubFactory(OndernemingFactory)
    gemachtigde = None  # a school or partnership: always given by the test
    verleend_door = factory.SubFactory(UserFactory)


class AanvraagFactory(DjangoModelFactory):
    """An application; `volledig=True` is complete since DAG with the partnership's term."""

    class Meta:
        model = Aanvraag

    class Params:
        ingediend = factory.Trait(
            status=AanvraagStatus.INGEDIEND,
            ingediend_op=factory.LazyFunction(lambda: moment(DAG)),
            verklaring_op_eer_op=factory.LazyFunction(lambda: moment(DAG)),
            verklaring_op_eer_door=factory.SelfAttribute("aangemaakt_door"),
        )
        onvolledig = factory.Trait(
            ingediend=True, status=AanvraagStatus.ONVOLLEDIG, ontbrekend="RSZ-attest"
        )
        volledig = factory.Trait(
            ingediend=True,
            status=AanvraagStatus.VOLLEDIG,
            volledig_op=DAG,
            beslissing_uiterlijk_op=factory.LazyAttribute(
                lambda o: o.volledig_op + dt.timedelta(days=o.partnerschap.beslistermijn_dagen)
            ),
        )
        afgewezen = factory.Trait(
            volledig=True,
            status=AanvraagStatus.AFGEWEZEN,
            motivering="Geen geschikte uitrusting.",
            beslist_op=factory.LazyFunction(lambda: moment(DAG)),
            beroep_uiterlijk_op=factory.LazyAttribute(
                lambda o: DAG + dt.timedelta(days=o.partnerschap.beroepstermijn_dagen)
            ),
        )

    vestiging = factory.SubFactory(VestigingFactory)
    onderneming = factory.SelfAttribute("vestiging.onderneming")
    opleiding = factory.SubFactory(OpleidingFactory)
    partnerschap = factory.SelfAttribute("opleiding.partnerschap")
    aangemaakt_door = factory.SubFactory(UserFactory)


class ErkenningFactory(DjangoModelFactory):
    """A running recognition from DAG, valid for the partnership's years (R19)."""

    class Meta:
        model = Erkenning

    class Params:
        zonder_mentor = factory.Trait(status=ErkenningStatus.ZONDER_GELDIGE_MENTOR)
        verlopen = factory.Trait(status=ErkenningStatus.VERLOPEN)
        opgeheven = factory.Trait(status=ErkenningStatus.OPGEHEVEN)
        publiek = factory.Trait(publiek_zichtbaar=True)

    vestiging = factory.SubFactory(VestigingFactory)
    onderneming = factory.SelfAttribute("vestiging.onderneming")
    opleiding = factory.SubFactory(OpleidingFactory)
    partnerschap = factory.SelfAttribute("opleiding.partnerschap")
    geldig_van = DAG
    geldig_tot = factory.LazyAttribute(
        lambda o: o.geldig_van + relativedelta(years=o.partnerschap.geldigheid_jaren)
    )


class SanctieFactory(DjangoModelFactory):
    class Meta:
        model = Sanctie

    class Params:
        uitsluiting = factory.Trait(soort=SanctieSoort.UITSLUITING_ONDERNEMING, erkenning=None)

    soort = SanctieSoort.OPHEFFING
    erkenning = factory.SubFactory(ErkenningFactory, opgeheven=True)
    onderneming = factory.LazyAttribute(
        lambda o: o.erkenning.onderneming if o.erkenning else OndernemingFactory()
    )
    partnerschap = factory.LazyAttribute(
        lambda o: o.erkenning.partnerschap if o.erkenning else OpleidingFactory().partnerschap
    )
    motivering = "Herhaalde klachten over de begeleiding."
    opgelegd_door = factory.SubFactory(UserFactory)
    opgelegd_op = factory.LazyFunction(lambda: moment(DAG))
    beroep_uiterlijk_op = factory.LazyAttribute(
        lambda o: DAG + dt.timedelta(days=o.partnerschap.beroepstermijn_dagen)
    )


class BeroepFactory(DjangoModelFactory):
    class Meta:
        model = Beroep

    class Params:
        ontvankelijk = factory.Trait(
            status=BeroepStatus.ONTVANKELIJK,
            ontvangst_bevestigd_op=factory.LazyFunction(lambda: moment(DAG)),
        )

    aanvraag = factory.SubFactory(AanvraagFactory, afgewezen=True)
    sanctie = None
    onderneming = factory.LazyAttribute(lambda o: (o.aanvraag or o.sanctie).onderneming)
    partnerschap = factory.LazyAttribute(lambda o: (o.aanvraag or o.sanctie).partnerschap)
    motivering = "De uitrusting is intussen vernieuwd."
    ingediend_door = factory.SubFactory(UserFactory)
    ingediend_op = factory.LazyFunction(lambda: moment(DAG))

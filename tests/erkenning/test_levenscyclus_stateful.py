"""REL6 (quality.md): the application lifecycle under random sequences of actions and time jumps.

A Hypothesis state machine drives the real services against PostgreSQL: submit, ask for
information, resubmit, complete, approve or refuse (each also tried where it must be refused),
renew a running recognition, and let time pass. Time only moves forward and the beat keeps
running meanwhile (the decision-term sweeps every day, as the hourly schedule does); a long jump
models a beat outage that catches up once; boundary jumps land on the last valid day of a
recognition, the days after it, and the renewal-reminder days. The partnership grants one year,
so expiry and renewal happen within an example. Checked after every step and every beat day:

- no lapse without escalation: a complete file past its due date has been escalated;
- a decision after the due date is taken only on an escalated file;
- every recognition runs from the decision date for the partnership's years (R19);
- every status change of an application or recognition has its audit event;
- a running recognition is never past its validity once the expiry sweep ran;
- renewal reminders: the nearest window's reminder is sent, and each window at most once;
- each sweep is idempotent: run again at the same moment, it does nothing.

Each example runs inside a savepoint that is rolled back afterwards. Mutations tried while
writing it (escalating or expiring one day late, no 180-day reminder, validity one day off, no
audit on decisions, no escalation at all) were each caught within the 25 examples.
"""

import datetime as dt
from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from django.db import transaction
from django.db.models import Q

from duaal.audit.models import Event
from duaal.exceptions import DomainError
from duaal.termijnen import vandaag
from erkenning.constants import (
    AANVRAAG_OVERGANGEN,
    HERNIEUWING_HERINNERINGEN,
    LOPEND,
    OPEN_STATUSSEN,
    AanvraagStatus,
    ErkenningStatus,
)
from erkenning.exceptions import AlBeslist
from erkenning.models import Aanvraag, Erkenning
from erkenning.services import (
    aanvraag_afwijzen,
    aanvraag_document_opladen,
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_onvolledig_verklaren,
    aanvraag_volledig_verklaren,
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenning_hernieuwen,
    erkenningen_laten_verlopen,
    hernieuwing_herinneren,
)
from tests.support import als, moment, pdf

from .conftest import maak_plaats
from .helpers import NU, andere_vestiging, goedgekeurd, ingediend

SWEEPS = (
    beslistermijn_herinneren,
    beslistermijn_escaleren,
    erkenningen_laten_verlopen,
    hernieuwing_herinneren,
)
STATUS_VERBS = {f"aanvraag.{s}" for s in AanvraagStatus.values}
GEZIEN: Counter[str] = Counter()  # what the examples exercised, printed at the end (-s)


class Levenscyclus(RuleBasedStateMachine):
    aanvragen = Bundle("aanvragen")

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint()
        # One-year validity, so expiry and the renewal reminders happen within the jumps.
        self.plaats = maak_plaats(geldigheid_jaren=1, beslistermijn_dagen=7)
        self.nu = NU
        self.overgangen: dict[int, int] = {}  # application pk -> status changes made
        self.laatste_sweep: dt.date | None = None
        # Simulated day each application was refused: `updated_at` holds the real clock, not the
        # machine's, so it cannot tell whether a refusal came before the last sweep.
        self.afgewezen_op: dict[int, dt.date] = {}

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    # --- helpers ----------------------------------------------------------------------------

    def _probeer(self, aanvraag: Aanvraag, naar: str, actie) -> Aanvraag:
        """Run `actie` if the model allows the move, else check that it is refused."""
        huidig = Aanvraag.objects.get(pk=aanvraag.pk).status
        if naar in AANVRAAG_OVERGANGEN[huidig]:
            actie()
            GEZIEN[f"{huidig} -> {naar}"] += 1
            self.overgangen[aanvraag.pk] += 1
            assert Aanvraag.objects.get(pk=aanvraag.pk).status == naar
        else:
            with pytest.raises(DomainError):
                actie()
            GEZIEN["geweigerd"] += 1
            assert Aanvraag.objects.get(pk=aanvraag.pk).status == huidig
        return aanvraag

    def _beat(self, dag: dt.date) -> None:
        """The beat's run on `dag`; the invariants are checked after every day."""
        for sweep in SWEEPS:
            if sweep(now=moment(dag, 1)):
                GEZIEN[sweep.__name__] += 1
        self.laatste_sweep = dag
        for naam in dir(self):
            if naam.startswith("inv_"):
                getattr(self, naam)()

    # --- rules ------------------------------------------------------------------------------

    @initialize(target=aanvragen)
    def begin(self) -> Aanvraag:
        """Start with a running recognition (approved at NU, for the renewal rules; kept out of
        the bundle, which draws its first items most) and one submitted file."""
        goedgekeurd_ = goedgekeurd(andere_vestiging(self.plaats), now=self.nu)
        self.overgangen[goedgekeurd_.pk] = 3
        return self.indienen()

    @precondition(lambda self: len(self.overgangen) < 4)
    @rule(target=aanvragen)
    def indienen(self) -> Aanvraag:
        aanvraag = ingediend(andere_vestiging(self.plaats), now=self.nu)
        self.overgangen[aanvraag.pk] = 1
        return aanvraag

    @rule(aanvraag=aanvragen)
    def onvolledig(self, aanvraag: Aanvraag) -> None:
        self._probeer(
            aanvraag,
            AanvraagStatus.ONVOLLEDIG,
            lambda: aanvraag_onvolledig_verklaren(
                aanvraag=aanvraag,
                ontbrekend="Attest.",
                door=als(self.plaats.consulent),
                now=self.nu,
            ),
        )

    @rule(aanvraag=aanvragen)
    def herindienen(self, aanvraag: Aanvraag) -> None:
        self._probeer(
            aanvraag,
            AanvraagStatus.INGEDIEND,
            lambda: aanvraag_indienen(
                aanvraag=aanvraag,
                door=als(self.plaats.werkgever),
                verklaring_op_eer=True,
                now=self.nu,
            ),
        )

    @rule(aanvraag=aanvragen)
    def volledig(self, aanvraag: Aanvraag) -> None:
        self._probeer(
            aanvraag,
            AanvraagStatus.VOLLEDIG,
            lambda: aanvraag_volledig_verklaren(
                aanvraag=aanvraag, door=als(self.plaats.consulent), now=self.nu
            ),
        )

    @rule(aanvraag=aanvragen, goedkeuren=st.booleans())
    def beslissen(self, aanvraag: Aanvraag, goedkeuren: bool) -> None:
        voor = Aanvraag.objects.get(pk=aanvraag.pk)
        if (
            voor.status == AanvraagStatus.VOLLEDIG
            and vandaag(self.nu) > voor.beslissing_uiterlijk_op
        ):
            assert voor.geescaleerd_op is not None, "decision after the due date, not escalated"
        naar = AanvraagStatus.GOEDGEKEURD if goedkeuren else AanvraagStatus.AFGEWEZEN

        def beslis() -> None:
            (aanvraag_goedkeuren if goedkeuren else aanvraag_afwijzen)(
                aanvraag=aanvraag,
                motivering="Beslist.",
                door=als(self.plaats.consulent),
                now=self.nu,
            )

        if voor.status in (AanvraagStatus.GOEDGEKEURD, AanvraagStatus.AFGEWEZEN):
            with pytest.raises(AlBeslist):
                beslis()
            GEZIEN["al beslist"] += 1
            return
        self._probeer(aanvraag, naar, beslis)
        if Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.AFGEWEZEN:
            self.afgewezen_op[aanvraag.pk] = vandaag(self.nu)

    @rule(target=aanvragen, data=st.data())
    def hernieuwen(self, data) -> Aanvraag:
        lopend = list(Erkenning.objects.filter(status__in=LOPEND).order_by("pk"))
        if not lopend:
            return multiple()
        erkenning = data.draw(st.sampled_from(lopend))
        bezig = Aanvraag.objects.filter(vorige_erkenning=erkenning).exclude(
            status__in=[AanvraagStatus.AFGEWEZEN, AanvraagStatus.INGETROKKEN]
        )
        if bezig.exists():
            with pytest.raises(DomainError):
                erkenning_hernieuwen(
                    erkenning=erkenning, door=als(self.plaats.werkgever), now=self.nu
                )
            return multiple()
        aanvraag = erkenning_hernieuwen(
            erkenning=erkenning, door=als(self.plaats.werkgever), now=self.nu
        )
        GEZIEN["hernieuwing gestart"] += 1
        for mentor in [None, *aanvraag.mentoren.all()]:
            vereist = self.plaats.uittreksel if mentor else self.plaats.rsz
            aanvraag_document_opladen(
                aanvraag=aanvraag,
                vereist=vereist,
                bestand=pdf(),
                mentor=mentor,
                door=als(self.plaats.werkgever),
            )
        aanvraag_indienen(
            aanvraag=aanvraag, door=als(self.plaats.werkgever), verklaring_op_eer=True, now=self.nu
        )
        self.overgangen[aanvraag.pk] = 1
        return aanvraag

    @rule(data=st.data())
    def volgende_stap(self, data) -> None:
        """Move an open file one step forward (the bundle rules mostly probe refusals)."""
        open_ = list(
            Aanvraag.objects.filter(pk__in=self.overgangen, status__in=OPEN_STATUSSEN).order_by(
                "pk"
            )
        )
        if not open_:
            return
        aanvraag = data.draw(st.sampled_from(open_))
        if aanvraag.status == AanvraagStatus.INGEDIEND:
            self.volledig(aanvraag)
        elif aanvraag.status == AanvraagStatus.ONVOLLEDIG:
            self.herindienen(aanvraag)
        else:
            self.beslissen(aanvraag, data.draw(st.booleans()))

    @rule(dagen=st.integers(0, 20))
    def tijd_verstrijkt(self, dagen: int) -> None:
        for n in range(1, dagen + 1):
            self._beat(vandaag(self.nu) + dt.timedelta(days=n))
        self.nu += dt.timedelta(days=dagen)

    @rule(dagen=st.sampled_from([150, 200, 300, 340, 370]))
    def lange_sprong(self, dagen: int) -> None:
        self.nu += dt.timedelta(days=dagen)
        self._beat(vandaag(self.nu))  # the beat was down: it catches up once

    def _naar(self, doel: dt.date) -> None:
        """Jump to `doel`: the beat catches up the day before, then runs on the day itself."""
        if doel > vandaag(self.nu):
            self._beat(doel - dt.timedelta(days=1))
            self._beat(doel)
            self.nu = moment(doel)

    def _lopende(self, data) -> Erkenning | None:
        lopend = list(Erkenning.objects.filter(status__in=LOPEND).order_by("pk"))
        return data.draw(st.sampled_from(lopend)) if lopend else None

    @rule(data=st.data(), na=st.integers(0, 2))
    def naar_einde_geldigheid(self, data, na: int) -> None:
        """The last valid day of a running recognition, or one of the two days after it."""
        if erkenning := self._lopende(data):
            self._naar(erkenning.geldig_tot + dt.timedelta(days=na))

    @rule(data=st.data(), venster=st.sampled_from(HERNIEUWING_HERINNERINGEN), na=st.integers(-1, 1))
    def naar_herinneringsdag(self, data, venster: int, na: int) -> None:
        """Around the day a renewal reminder becomes due (180, 90 or 30 days before the end)."""
        if erkenning := self._lopende(data):
            self._naar(erkenning.geldig_tot - dt.timedelta(days=venster + na))

    @rule()
    def sweeps_twee_keer(self) -> None:
        for sweep in SWEEPS:
            sweep(now=self.nu)
            assert sweep(now=self.nu) == 0, f"{sweep.__name__} is not idempotent"
        self.laatste_sweep = vandaag(self.nu)

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def inv_geen_termijn_verstreken_zonder_escalatie(self) -> None:
        if self.laatste_sweep is None:
            return
        assert not Aanvraag.objects.filter(
            status=AanvraagStatus.VOLLEDIG,
            beslissing_uiterlijk_op__lt=self.laatste_sweep,
            geescaleerd_op__isnull=True,
        ).exists()

    @invariant()
    def inv_geldigheid_is_beslissing_plus_jaren(self) -> None:
        for erkenning in Erkenning.objects.select_related("aanvraag", "partnerschap"):
            beslist = vandaag(erkenning.aanvraag.beslist_op)
            assert erkenning.geldig_van == beslist
            jaren = erkenning.partnerschap.geldigheid_jaren
            assert erkenning.geldig_tot == beslist + relativedelta(years=jaren)

    @invariant()
    def inv_elke_statuswijziging_is_geaudit(self) -> None:
        for pk, aantal in self.overgangen.items():
            verbs = Event.objects.filter(
                content_type__model="aanvraag", object_id=pk, verb__in=STATUS_VERBS
            ).values_list("verb", flat=True)
            assert len(verbs) == aantal
        for erkenning in Erkenning.objects.exclude(status=ErkenningStatus.ACTIEF):
            assert Event.objects.filter(
                content_type__model="erkenning",
                object_id=erkenning.pk,
                after__status=erkenning.status,
            ).exists(), f"{erkenning.status} without audit event"

    @invariant()
    def inv_niets_loopt_na_de_geldigheid(self) -> None:
        if self.laatste_sweep is not None:
            assert not Erkenning.objects.filter(
                status__in=LOPEND, geldig_tot__lt=self.laatste_sweep
            ).exists()

    @invariant()
    def inv_hernieuwingsherinnering_op_tijd(self) -> None:
        if self.laatste_sweep is None:
            return
        for erkenning in Erkenning.objects.filter(status__in=LOPEND):
            # A renewal under way at the last sweep stops the reminders; one refused or
            # withdrawn since then is reminded of at the next sweep, not before.
            afgesloten_voor_sweep = Q(
                pk__in=[pk for pk, dag in self.afgewezen_op.items() if dag < self.laatste_sweep]
            )
            if erkenning.vervolgaanvragen.exclude(afgesloten_voor_sweep).exists():
                continue
            rest = (erkenning.geldig_tot - self.laatste_sweep).days
            venster = min((d for d in HERNIEUWING_HERINNERINGEN if rest <= d), default=None)
            if venster is None:
                assert erkenning.hernieuwing_herinnerd is None
            else:
                assert erkenning.hernieuwing_herinnerd is not None
                assert erkenning.hernieuwing_herinnerd <= venster

    @invariant()
    def inv_elke_hernieuwingsherinnering_een_keer(self) -> None:
        dagen = list(
            Event.objects.filter(verb="erkenning.hernieuwing_herinnerd").values_list(
                "object_id", "after__dagen"
            )
        )
        assert len(dagen) == len(set(dagen))


@pytest.mark.django_db
def test_the_application_lifecycle_keeps_its_invariants() -> None:
    run_state_machine_as_test(
        Levenscyclus,
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    print("REL6 exercised:", dict(sorted(GEZIEN.items())))

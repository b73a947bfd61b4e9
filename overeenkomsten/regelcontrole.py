"""The programme's own rules an agreement must keep (R44, R48-R49, R54-R56, R71-R72): the start
window and its late-start condition, the latest end, the maximum duration, the average workplace
hours, the age limits, the prerequisites and the employer's formalities.

The version in force when the agreement was sent governs it (`regels_van`); a draft is checked
against the version in force now. A programme without a version keeps its old checks (its own
age limits; the type's hours stay in controles.py). Boundaries, all inclusive:

- the school year of a date runs from 1 September to 31 August;
- a start on the window's last day passes, the day after is late;
- a maximum duration of N months: the last day is the day before start + N calendar months
  (start 1/9, 10 months: end 30/6 passes, 1/7 is refused);
- "age A by day D of the school year": the learner's A-th birthday falls on or before D.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from duaal.organisaties.models import Opleiding
from duaal.organisaties.opleidingsregels import LeeftijdPeil
from duaal.organisaties.programmaregels import Programmaregels, opleidingsregels_voor
from duaal.termijnen import leeftijd_op, plus_maanden

from .constants import OvereenkomstStatus
from .models import Leerling, LeerlingVooropleiding, Overeenkomst

# Agreements that show the school runs the programme this school year (R49): awaiting
# approval or signed. A withdrawn, refused or draft agreement proves nothing.
LOPEND = (OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND)


def _d(dag: dt.date) -> str:
    return dag.strftime("%d/%m/%Y")


def _dag_maand(dag: dt.date) -> str:
    # "1 september" in the active language.
    return str(formats.date_format(dag, "j F"))


def regels_van(
    opleiding: Opleiding, *, verstuurd_op: dt.datetime | None, now: dt.datetime | None = None
) -> Programmaregels:
    """The rules that govern an agreement: those in force when it was sent, else now."""
    return opleidingsregels_voor(opleiding, op=verstuurd_op or now or timezone.now())


def schooljaar_begin(dag: dt.date) -> dt.date:
    return dt.date(dag.year if dag.month >= 9 else dag.year - 1, 9, 1)


def in_schooljaar(begin: dt.date, paar: tuple[int, int]) -> dt.date:
    """The day (month, day) of the school year that starts on `begin`; 29 February in a
    common year is the 28th."""
    maand, dag = paar
    jaar = begin.year if maand >= 9 else begin.year + 1
    while True:
        try:
            return dt.date(jaar, maand, dag)
        except ValueError:
            dag -= 1


def startvenster(regels: Programmaregels, start: dt.date) -> tuple[dt.date, dt.date] | None:
    if regels.start_van is None or regels.start_tot is None:
        return None
    begin = schooljaar_begin(start)
    return in_schooljaar(begin, regels.start_van), in_schooljaar(begin, regels.start_tot)


def school_heeft_leerling(
    leerling: Leerling, venster: tuple[dt.date, dt.date], zelf_pk: int | None
) -> bool:
    """The late-start condition: another learner of the same school in the same programme has
    an agreement awaiting approval or signed that starts within this school year's window."""
    qs = Overeenkomst.objects.filter(
        onderwijsinstelling_id=leerling.onderwijsinstelling_id,
        opleiding_id=leerling.opleiding_id,
        status__in=LOPEND,
        start__gte=venster[0],
        start__lte=venster[1],
    ).exclude(leerling_id=leerling.pk)
    if zelf_pk:
        qs = qs.exclude(pk=zelf_pk)
    return qs.exists()


def _start_fouten(
    regels: Programmaregels, start: dt.date, late_start_mag: bool | None
) -> list[str]:
    """`late_start_mag`: whether the school already has a learner (None: not asked, so a late
    start is not refused before the full check asks it)."""
    venster = startvenster(regels, start)
    if venster is None or venster[0] <= start <= venster[1]:
        return []
    te_laat = start > venster[1]
    if te_laat and regels.late_start_mits_leerling and late_start_mag is not False:
        return []
    waarden = {"van": _dag_maand(venster[0]), "tot": _dag_maand(venster[1]), "start": _d(start)}
    if te_laat and regels.late_start_mits_leerling:
        return [
            _(
                "The programme starts between %(van)s and %(tot)s; %(start)s falls outside. A "
                "later start is only possible when the school already has another learner in "
                "this programme who started within that window this school year."
            )
            % waarden
        ]
    return [
        _("The programme starts between %(van)s and %(tot)s; %(start)s falls outside.") % waarden
    ]


def laatste_einddag(regels: Programmaregels, start: dt.date) -> dt.date | None:
    """The latest end the rules allow: the earliest of the school year's last day and the
    maximum duration's last day."""
    grenzen = []
    if regels.einde_uiterlijk is not None:
        grenzen.append(in_schooljaar(schooljaar_begin(start), regels.einde_uiterlijk))
    if regels.max_duur_maanden:
        grenzen.append(plus_maanden(start, regels.max_duur_maanden) - dt.timedelta(days=1))
    return min(grenzen) if grenzen else None


def _einde_fouten(regels: Programmaregels, start: dt.date, einde: dt.date) -> list[str]:
    fouten = []
    if regels.einde_uiterlijk is not None:
        uiterlijk = in_schooljaar(schooljaar_begin(start), regels.einde_uiterlijk)
        if einde > uiterlijk:
            fouten.append(
                _(
                    "The programme ends by %(uiterlijk)s of the school year it starts in; the "
                    "agreement ends on %(einde)s."
                )
                % {"uiterlijk": _d(uiterlijk), "einde": _d(einde)}
            )
    if regels.max_duur_maanden and einde > start:
        laatste = plus_maanden(start, regels.max_duur_maanden) - dt.timedelta(days=1)
        if einde > laatste:
            fouten.append(
                _(
                    "The programme lasts at most %(n)s months: an agreement starting on "
                    "%(start)s ends by %(laatste)s; it ends on %(einde)s."
                )
                % {
                    "n": regels.max_duur_maanden,
                    "start": _d(start),
                    "laatste": _d(laatste),
                    "einde": _d(einde),
                }
            )
    return fouten


def _uren_fouten(regels: Programmaregels, uren: Decimal) -> list[str]:
    # Before a programme's first version its hours are the type's check's (controles.py).
    if regels.versie_id is None or uren >= regels.gemiddelde_werkplekuren:
        return []
    return [
        _(
            "The programme averages at least %(min)s workplace hours a week; the agreement has "
            "%(uren)s."
        )
        % {
            "min": f"{regels.gemiddelde_werkplekuren:.1f}".replace(".", ","),
            "uren": f"{uren:.1f}".replace(".", ","),
        }
    ]


def leeftijd_fouten(regels: Programmaregels, leerling: Leerling, start: dt.date) -> list[str]:
    """The age limits: the maximum on the start date; the minimum on the start date or, when
    the programme says so, by a day of the start's school year."""
    leeftijd = leeftijd_op(leerling.geboortedatum, start)
    if regels.leeftijd_peil == LeeftijdPeil.SCHOOLJAAR and regels.leeftijd_peil_datum:
        peil = in_schooljaar(schooljaar_begin(start), regels.leeftijd_peil_datum)
        fouten = []
        if leeftijd_op(leerling.geboortedatum, peil) < regels.minimumleeftijd:
            fouten.append(
                _(
                    "The programme requires the learner to be %(min)s by %(peil)s; born on "
                    "%(geboren)s, the learner is %(leeftijd)s then."
                )
                % {
                    "min": regels.minimumleeftijd,
                    "peil": _d(peil),
                    "geboren": _d(leerling.geboortedatum),
                    "leeftijd": leeftijd_op(leerling.geboortedatum, peil),
                }
            )
        if leeftijd > regels.maximumleeftijd:
            fouten.append(
                _(
                    "On the start date the learner is %(leeftijd)s; the programme is for "
                    "learners up to %(max)s."
                )
                % {"leeftijd": leeftijd, "max": regels.maximumleeftijd}
            )
        return fouten
    if regels.minimumleeftijd <= leeftijd <= regels.maximumleeftijd:
        return []
    return [
        _(
            "On the start date the learner is %(leeftijd)s; %(opleiding)s is for ages "
            "%(min)s to %(max)s."
        )
        % {
            "leeftijd": leeftijd,
            "opleiding": leerling.opleiding,
            "min": regels.minimumleeftijd,
            "max": regels.maximumleeftijd,
        }
    ]


def heeft_vooropleiding(leerling: Leerling, regels: Programmaregels) -> bool:
    """One recorded prerequisite of this version suffices; a record of an earlier version
    counts when the diploma has the same name."""
    ids = [p[0] for p in regels.vooropleidingen]
    namen = [p[1] for p in regels.vooropleidingen]
    return (
        LeerlingVooropleiding.objects.filter(leerling=leerling)
        .filter(Q(vooropleiding_id__in=ids) | Q(vooropleiding__naam__in=namen))
        .exclude(bewijs="")
        .exists()
    )


def vooropleiding_fouten(regels: Programmaregels, leerling: Leerling) -> list[str]:
    if not regels.vooropleidingen or heeft_vooropleiding(leerling, regels):
        return []
    return [
        _(
            "The programme requires one of these prior qualifications: %(lijst)s. None is "
            "recorded for the learner; record it with its evidence on the learner's page."
        )
        % {"lijst": "; ".join(p[1] for p in regels.vooropleidingen)}
    ]


def getypte_regelfouten(
    regels: Programmaregels,
    *,
    leerling: Leerling,
    start: dt.date | None,
    einde: dt.date | None,
    werkplekuren: Decimal | None,
) -> list[str]:
    """What the typed values alone break, for a form that is not valid yet (no query: a late
    start waits for the full check, which asks whether the school has a learner)."""
    fouten: list[str] = []
    if start:
        fouten += _start_fouten(regels, start, None)
        # Before a programme's first version the age is checked with the rest, as it was.
        if regels.versie_id is not None:
            fouten += leeftijd_fouten(regels, leerling, start)
        if einde:
            fouten += _einde_fouten(regels, start, einde)
    if werkplekuren is not None:
        fouten += _uren_fouten(regels, werkplekuren)
    return fouten


def regelfouten(
    regels: Programmaregels,
    *,
    leerling: Leerling,
    start: dt.date,
    einde: dt.date,
    werkplekuren: Decimal,
    zelf_pk: int | None,
    vervolgfase: bool = False,
) -> list[str]:
    """Every rule of the programme at once (no early return). `vervolgfase`: the agreement
    covers a later phase of a trajectory, which starts when the previous phase ends; the
    start window is the training's, checked on its first phase (traject.py)."""
    venster = None if vervolgfase else startvenster(regels, start)
    late_start_mag = None
    if venster is not None and start > venster[1] and regels.late_start_mits_leerling:
        late_start_mag = school_heeft_leerling(leerling, venster, zelf_pk)
    return (
        (_start_fouten(regels, start, late_start_mag) if venster is not None else [])
        + _einde_fouten(regels, start, einde)
        + _uren_fouten(regels, werkplekuren)
        + leeftijd_fouten(regels, leerling, start)
        + vooropleiding_fouten(regels, leerling)
    )


def formaliteiten_fouten(overeenkomst: Overeenkomst, regels: Programmaregels) -> list[str]:
    """What keeps the employer from approving (R71, R72): a required medical examination not
    recorded or after the start, a Dimona declared after the first working day."""
    fouten = []
    start = overeenkomst.start
    medisch = overeenkomst.medisch_onderzoek_op
    if regels.medisch_onderzoek_verplicht and medisch is None:
        fouten.append(
            _(
                "The programme requires a medical examination before hiring: record its date "
                "on the agreement before you approve."
            )
        )
    if medisch is not None and medisch > start:
        fouten.append(
            _(
                "The medical examination on %(d)s comes after the start on %(start)s; it takes "
                "place before the start."
            )
            % {"d": _d(medisch), "start": _d(start)}
        )
    if overeenkomst.dimona_op is not None and overeenkomst.dimona_op > start:
        fouten.append(
            _(
                "The Dimona ALT declared on %(d)s comes after the start on %(start)s; it is "
                "declared before the first working day."
            )
            % {"d": _d(overeenkomst.dimona_op), "start": _d(start)}
        )
    return fouten


def dimona_ontbreekt(overeenkomst: Overeenkomst, *, op: dt.date) -> bool:
    """A signed agreement whose start has come without a recorded Dimona (R71). The version
    stored when it was sent says whether the programme asks it; without one, it does."""
    if (
        overeenkomst.status != OvereenkomstStatus.ONDERTEKEND
        or overeenkomst.dimona_op is not None
        or overeenkomst.start > op
    ):
        return False
    versie = overeenkomst.regelversie
    return versie is None or versie.dimona_verplicht


def dimona_ontbreekt_filter(op: dt.date) -> Q:
    """`dimona_ontbreekt` as a filter, for a list in one query."""
    return Q(status=OvereenkomstStatus.ONDERTEKEND, dimona_op__isnull=True, start__lte=op) & (
        Q(regelversie__isnull=True) | Q(regelversie__dimona_verplicht=True)
    )


def werkgever_formaliteiten(overeenkomst: Overeenkomst) -> list[str]:
    """`formaliteiten_fouten` under the rules that govern the agreement."""
    regels = regels_van(overeenkomst.opleiding, verstuurd_op=overeenkomst.verstuurd_op)
    return formaliteiten_fouten(overeenkomst, regels)


__all__ = [
    "dimona_ontbreekt",
    "dimona_ontbreekt_filter",
    "formaliteiten_fouten",
    "getypte_regelfouten",
    "in_schooljaar",
    "laatste_einddag",
    "leeftijd_fouten",
    "regelfouten",
    "regels_van",
    "schooljaar_begin",
    "werkgever_formaliteiten",
]

"""The guards an agreement must pass before it goes to the parties (R40, R44, R54-R60, R77).

Each returns a clear Dutch message; warnings inform without blocking.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import Vestiging
from duaal.termijnen import OVEREENKOMST_DUUR, leeftijd_op
from duaal.termijnen import einde as termijn_einde
from erkenning.selectors import lopende_erkenning, mag_overeenkomst_starten
from mentors.models import MentorToewijzing
from mentors.selectors import leerlingen_maximum, toewijzing_is_geldig

from .constants import MAX_DUUR_JAREN, OAO_MIN_UREN, LeerlingStatus, OvereenkomstStatus
from .models import Leerling, Overeenkomst, Roostersoort
from .regelcontrole import getypte_regelfouten, regelfouten, regels_van
from .rooster import Periode, kader_voor, periodes_fouten, periodes_van, rust_fouten
from .selectors import werkgever_aanvaard
from .soorten import soort_fouten
from .traject import fase_fouten, werkplek_aanvaard_voor_fase

ZES, TWINTIG = dt.time(6, 0), dt.time(20, 0)
# The column's check constraint (overeenkomst_uren_geldig): a full-time week is at most 38 hours
# (R60). Checked here so the coach gets a message instead of an IntegrityError.
MAX_WERKPLEKUREN = Decimal(38)


@dataclass
class Blok:
    """A timetable block as the form or the model gives it."""

    dag: int
    plaats: str
    van: dt.time
    tot: dt.time

    @property
    def uren(self) -> Decimal:
        minuten = (self.tot.hour * 60 + self.tot.minute) - (self.van.hour * 60 + self.van.minute)
        return Decimal(minuten) / 60


@dataclass
class Controle:
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)


def _overlappend(
    qs, start: dt.date, einde: dt.date, zelf_pk: int | None
):  # -> QuerySet[Overeenkomst]
    qs = qs.annotate(_einde=Coalesce("beeindigd_op", "einde")).filter(
        start__lte=einde, _einde__gte=start
    )
    return qs.exclude(pk=zelf_pk) if zelf_pk else qs


def lopend_bij_mentor(
    toewijzing: MentorToewijzing, start: dt.date, einde: dt.date, zelf_pk: int | None
) -> int:
    """Learners the mentor guides during this period (R40): agreements awaiting approval or
    signed, at any establishment of the enterprise, that the employer itself accepted (its
    accepted proposal or its approval). A school cannot fill a mentor's cap by sending
    agreements the employer never agreed to."""
    qs = Overeenkomst.objects.filter(
        toewijzing__mentor_id=toewijzing.mentor_id,
        status__in=[OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND],
    ).filter(werkgever_aanvaard())
    return _overlappend(qs, start, einde, zelf_pk).values("leerling_id").distinct().count()


@dataclass(frozen=True)
class Capaciteit:
    kan: bool
    reden: str


def mentor_kan_leerling_erbij(
    *,
    toewijzing: MentorToewijzing,
    leerlingen_op_datum: int,
    op: dt.date,
    verstuurd_op: dt.datetime | None = None,
) -> Capaciteit:
    """Can this mentor take one more learner on `op` (R40)? `leerlingen_op_datum` is
    `lopend_bij_mentor`'s count; the mentor register gives validity and the cap. The cap is
    the partnership's version in force when the agreement was sent (`verstuurd_op`; None: it
    is being sent now), so a new version never changes an agreement already under way."""
    if not toewijzing_is_geldig(toewijzing, op=op):
        return Capaciteit(
            False,
            _("%(mentor)s is not a valid mentor for this programme here.")
            % {"mentor": toewijzing.mentor},
        )
    maximum = leerlingen_maximum(toewijzing, op=verstuurd_op or timezone.now())
    if leerlingen_op_datum >= maximum:
        return Capaciteit(
            False,
            _("%(mentor)s already guides %(aantal)s learner(s); %(partnerschap)s allows %(max)s.")
            % {
                "mentor": toewijzing.mentor,
                "aantal": leerlingen_op_datum,
                "partnerschap": toewijzing.opleiding.partnerschap,
                "max": maximum,
            },
        )
    return Capaciteit(True, "")


def _leerling(
    c: Controle,
    leerling: Leerling,
    vestiging: Vestiging,
    start: dt.date,
    einde: dt.date,
    zelf_pk: int | None,
    fase_volgorde: int | None = None,
) -> None:
    if (
        leerling.status != LeerlingStatus.WERKPLEK_GOEDGEKEURD
        or leerling.werkplek_id != vestiging.pk
    ) and not werkplek_aanvaard_voor_fase(leerling, vestiging, fase_volgorde):
        c.fouten.append(
            _("Approve the learner for this workplace after the company's intake interview first.")
        )
    bezet = _overlappend(
        Overeenkomst.objects.filter(
            leerling=leerling,
            status__in=[
                OvereenkomstStatus.TER_GOEDKEURING,
                OvereenkomstStatus.ONDERTEKEND,
                OvereenkomstStatus.BEEINDIGD,
                OvereenkomstStatus.AFGELOPEN,
            ],
        ),
        start,
        einde,
        zelf_pk,
    ).first()
    if bezet is not None:
        c.fouten.append(
            _("The learner already has an agreement from %(van)s to %(tot)s at %(waar)s.")
            % {
                "van": bezet.start.strftime("%d/%m/%Y"),
                "tot": bezet.werkelijk_einde.strftime("%d/%m/%Y"),
                "waar": bezet.onderneming,
            }
        )


def _erkenning_en_mentor(
    c: Controle,
    vestiging: Vestiging,
    leerling: Leerling,
    toewijzing: MentorToewijzing,
    start: dt.date,
    einde: dt.date,
    zelf_pk: int | None,
    verstuurd_op: dt.datetime | None,
) -> None:
    opleiding = leerling.opleiding
    mag, reden = mag_overeenkomst_starten(vestiging, opleiding, op=start)
    if not mag:
        c.fouten.append(reden)
    else:
        erkenning = lopende_erkenning(vestiging, opleiding, op=start)
        if erkenning is not None and erkenning.geldig_tot < einde:
            c.waarschuwingen.append(
                _("The recognition ends on %(d)s, before the agreement does; renew it in time.")
                % {"d": erkenning.geldig_tot.strftime("%d/%m/%Y")}
            )
    if toewijzing.vestiging_id != vestiging.pk or toewijzing.opleiding_id != opleiding.pk:
        c.fouten.append(
            _("This mentor is not designated for this programme at this establishment.")
        )
        return
    capaciteit = mentor_kan_leerling_erbij(
        toewijzing=toewijzing,
        leerlingen_op_datum=lopend_bij_mentor(toewijzing, start, einde, zelf_pk),
        op=start,
        verstuurd_op=verstuurd_op,
    )
    if not capaciteit.kan:
        c.fouten.append(capaciteit.reden)


def _duur_en_uren(c: Controle, soort: str, start: dt.date, einde: dt.date, uren: Decimal) -> None:
    if einde <= start:
        c.fouten.append(_("The end date must come after the start date."))
    elif einde > termijn_einde(OVEREENKOMST_DUUR, start):
        c.fouten.append(_("An agreement runs for at most %(n)s years.") % {"n": MAX_DUUR_JAREN})
    if not 0 < uren <= MAX_WERKPLEKUREN:
        c.fouten.append(
            _("The average workplace hours per week lie between 0 and %(max)s.")
            % {"max": MAX_WERKPLEKUREN}
        )
        return
    if soort == Overeenkomsttype.OAO and uren < OAO_MIN_UREN:
        c.fouten.append(
            _(
                "An OAO averages at least %(n)s workplace hours a week; this programme's type "
                "is fixed."
            )
            % {"n": OAO_MIN_UREN}
        )
    if soort == Overeenkomsttype.SAO and uren >= OAO_MIN_UREN:
        c.fouten.append(
            _("An SAO averages less than %(n)s workplace hours a week.") % {"n": OAO_MIN_UREN}
        )


def uurrooster_fouten(
    blokken: Iterable[Blok], *, uren: Decimal, minderjarig: bool
) -> tuple[list[str], list[str]]:
    """The timetable annex must match the declared hours; minors are protected (R77)."""
    blokken = list(blokken)
    fouten: list[str] = []
    waarschuwingen: list[str] = []
    if not blokken:
        return [_("Fill in the timetable: it is a mandatory annex.")], []
    werkplek = sum((b.uren for b in blokken if b.plaats == "werkplek"), Decimal(0))
    if abs(werkplek - uren) > Decimal("0.5"):
        fouten.append(
            _("The timetable has %(rooster)s workplace hours a week; the agreement says %(uren)s.")
            % {
                "rooster": f"{werkplek:.1f}".replace(".", ","),
                "uren": f"{uren:.1f}".replace(".", ","),
            }
        )
    if not minderjarig:
        return fouten, waarschuwingen
    per_dag: dict[int, Decimal] = defaultdict(Decimal)
    for blok in blokken:
        per_dag[blok.dag] += blok.uren
        if blok.van < ZES or blok.tot > TWINTIG:
            fouten.append(_("A minor may not work or learn between 20:00 and 06:00."))
        if blok.dag == 7:
            waarschuwingen.append(_("Sunday work for a minor needs a sector exception."))
    if any(totaal > 8 for totaal in per_dag.values()):
        fouten.append(_("A minor works at most 8 hours a day, lessons included."))
    if sum(per_dag.values()) > 40:
        fouten.append(_("A minor works at most 40 hours a week, lessons included."))
    fouten += rust_fouten(blokken, waar=_("The weekly timetable"))
    return list(dict.fromkeys(fouten)), list(dict.fromkeys(waarschuwingen))


def controleren(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    toewijzing: MentorToewijzing,
    start: dt.date,
    einde: dt.date,
    werkplekuren: Decimal,
    loon_sectorschaal: Decimal | None = None,
    blokken: Iterable[Blok] | None = None,
    zelf_pk: int | None = None,
    verstuurd_op: dt.datetime | None = None,
    now: dt.datetime | None = None,
    fase_volgorde: int | None = None,
    periodes: Sequence[Periode] | None = None,
    soort: str | None = None,
    in_dienst_sinds: dt.date | None = None,
) -> Controle:
    """Every guard at once, so the coach sees all that is wrong in one go. `verstuurd_op`: when
    the agreement was sent (its cap and the programme's rules stay that day's), None for a
    draft. `soort`: the type the agreement takes (None: the programme's; soorten.py)."""
    c = Controle()
    soort = soort or leerling.opleiding.overeenkomsttype
    # No early return after a wrong period or hours: the timetable and every other check run
    # too, so one submit lists everything (each check stands on its own inputs).
    _duur_en_uren(c, soort, start, einde, werkplekuren)
    _leerling(c, leerling, vestiging, start, einde, zelf_pk, fase_volgorde)
    # The programme's rules of the day it was sent (a draft: now), age limits included.
    regels = regels_van(leerling.opleiding, verstuurd_op=verstuurd_op, now=now)
    c.fouten += regelfouten(
        regels,
        leerling=leerling,
        start=start,
        einde=einde,
        werkplekuren=werkplekuren,
        zelf_pk=zelf_pk,
        vervolgfase=bool(fase_volgorde and fase_volgorde > 1),
    )
    # The trajectory's phases (order, lengths, total, registration number): traject.py.
    c.fouten += fase_fouten(
        leerling=leerling,
        fase_volgorde=fase_volgorde,
        start=start,
        einde=einde,
        zelf_pk=zelf_pk,
        op=verstuurd_op or now,
        regels=regels,
    )
    _erkenning_en_mentor(c, vestiging, leerling, toewijzing, start, einde, zelf_pk, verstuurd_op)
    if soort == Overeenkomsttype.DA and not loon_sectorschaal:
        c.fouten.append(_("A DA pays the sector's wage scale: enter the monthly wage."))
    c.fouten += soort_fouten(
        opleiding=leerling.opleiding,
        vestiging=vestiging,
        soort=soort,
        werkplekuren=werkplekuren,
        leeftijd=leeftijd_op(leerling.geboortedatum, start),
        start=start,
        in_dienst_sinds=in_dienst_sinds,
        regels=regels,
    )
    minderjarig = leeftijd_op(leerling.geboortedatum, start) < 18
    if periodes is not None:
        # A timetable of periods (overeenkomsten/rooster.py) instead of the repeating week.
        kader = kader_voor(
            leerling=leerling,
            vestiging=vestiging,
            start=start,
            einde=einde,
            uren=werkplekuren,
            minderjarig=minderjarig,
            op=verstuurd_op or now or timezone.now(),
            regels=regels,
        )
        fouten, waarschuwingen = periodes_fouten(periodes, kader)
        c.fouten += fouten
        c.waarschuwingen += waarschuwingen
    elif blokken is not None:
        fouten, waarschuwingen = uurrooster_fouten(
            blokken, uren=werkplekuren, minderjarig=minderjarig
        )
        c.fouten += fouten
        c.waarschuwingen += waarschuwingen
    return c


def voorcontrole(
    *,
    leerling: Leerling,
    start: dt.date | None,
    einde: dt.date | None,
    werkplekuren: Decimal | None,
    blokken: list[Blok] | None,
    op: dt.date,
    periodes: Sequence[Periode] | None = None,
    vestiging: Vestiging | None = None,
    soort: str | None = None,
) -> list[str]:
    """The checks of the content that need only what is typed, for a form that is not valid
    yet: the period, the hours and the timetable, as far as the valid fields allow (None: not
    valid yet). The service runs them again with every other check (`controleren`); this
    puts them beside the field errors on the first submit. `op`: today, for a minor's limits
    while the start date is not valid."""
    c = Controle()
    if start and einde and werkplekuren is not None:
        _duur_en_uren(c, soort or leerling.opleiding.overeenkomsttype, start, einde, werkplekuren)
    c.fouten += getypte_regelfouten(
        regels_van(leerling.opleiding, verstuurd_op=None),
        leerling=leerling,
        start=start,
        einde=einde,
        werkplekuren=werkplekuren,
    )
    # As the services: an empty timetable is a draft's right; sending asks for it (R62).
    if periodes is not None and vestiging is not None and start and einde and werkplekuren:
        kader = kader_voor(
            leerling=leerling,
            vestiging=vestiging,
            start=start,
            einde=einde,
            uren=werkplekuren,
            minderjarig=is_minderjarig(leerling, start),
            op=op,
        )
        c.fouten += periodes_fouten(periodes, kader)[0]
    elif blokken and werkplekuren is not None:
        fouten, _waarschuwingen = uurrooster_fouten(
            blokken, uren=werkplekuren, minderjarig=is_minderjarig(leerling, start or op)
        )
        c.fouten += fouten
    return c.fouten


def controleren_overeenkomst(
    overeenkomst: Overeenkomst, *, met_uurrooster: bool = True, now: dt.datetime | None = None
) -> Controle:
    periodes = None
    if met_uurrooster and overeenkomst.roostersoort == Roostersoort.PERIODES:
        periodes, blokken = periodes_van(overeenkomst), None
    elif met_uurrooster:
        blokken = [
            Blok(r.dag, r.plaats, r.van, r.tot)
            for r in overeenkomst.uurrooster.all()
            if r.periode_id is None
        ]
    else:
        blokken = None
    return controleren(
        leerling=overeenkomst.leerling,
        vestiging=overeenkomst.vestiging,
        toewijzing=overeenkomst.toewijzing,
        start=overeenkomst.start,
        einde=overeenkomst.einde,
        werkplekuren=overeenkomst.werkplekuren_per_week,
        loon_sectorschaal=overeenkomst.loon_sectorschaal,
        blokken=blokken,
        zelf_pk=overeenkomst.pk,
        verstuurd_op=overeenkomst.verstuurd_op,
        now=now,
        fase_volgorde=overeenkomst.fase_volgorde,
        periodes=periodes,
        soort=overeenkomst.soort,
        in_dienst_sinds=overeenkomst.in_dienst_sinds,
    )


def is_minderjarig(leerling: Leerling, op: dt.date) -> bool:
    return leeftijd_op(leerling.geboortedatum, op) < 18


__all__ = [
    "Blok",
    "Controle",
    "controleren",
    "controleren_overeenkomst",
    "uurrooster_fouten",
    "voorcontrole",
]

"""A learner's trajectory of consecutive phases (the programme's OpleidingsFase rows), each
covered by its own tripartite agreement, possibly at another recognised workplace and employer.

The phase guards read stored state only: the learner's other phase agreements and the
employer's own act (an accepted proposal). Every message names the phase and the value that
breaks the rule."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.organisaties.models import Opleiding, OpleidingsFase, Vestiging
from duaal.organisaties.programmaregels import Fase, Programmaregels, opleidingsregels_voor
from duaal.termijnen import plus_maanden

from .constants import LeerlingStatus, OvereenkomstStatus, VoorstelStatus
from .models import Leerling, Overeenkomst, Voorstel

# A phase agreement that stands: a draft binds nobody yet but holds its phase (the coach
# sees one draft per phase); a withdrawn one never existed for the trajectory.
STAANDE = [
    OvereenkomstStatus.ONTWERP,
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.ONDERTEKEND,
    OvereenkomstStatus.AFGELOPEN,
]
# A phase under way or behind: the learner may be proposed to the next phase's employer.
LOPEND = [
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.ONDERTEKEND,
]


def datum(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def fase_naam(fase: Fase) -> str:
    """The phase as the messages name it: its own name (data, Dutch), in lower case."""
    return fase.naam[:1].lower() + fase.naam[1:]


def heeft_fases(opleiding: Opleiding) -> bool:
    """One query: whether any version of the programme's rules has phases."""
    return OpleidingsFase.objects.filter(regels__opleiding=opleiding).exists()


def regels_met_fases(opleiding: Opleiding, *, op: dt.date | dt.datetime) -> Programmaregels | None:
    """The rules in force at `op` when they have phases; None (one query) for a programme
    without phases, so agreements of other programmes pay no more than that."""
    if not heeft_fases(opleiding):
        return None
    regels = opleidingsregels_voor(opleiding, op=op)
    return regels if regels.fases else None


def fase_overeenkomsten(
    leerling: Leerling, opleiding_id: int, *, zelf_pk: int | None = None
) -> list[Overeenkomst]:
    """The learner's standing phase agreements in the programme, by phase and start."""
    qs = Overeenkomst.objects.filter(
        leerling=leerling,
        opleiding_id=opleiding_id,
        fase_volgorde__isnull=False,
        status__in=STAANDE,
    ).select_related("onderneming")
    if zelf_pk:
        qs = qs.exclude(pk=zelf_pk)
    return list(qs.order_by("fase_volgorde", "start", "pk"))


def volgende_fase(leerling: Leerling, regels: Programmaregels) -> Fase | None:
    """The phase the next agreement covers: the first phase without a standing agreement
    after the last one covered; None when every phase is covered."""
    gedekt = [o.fase_volgorde or 0 for o in fase_overeenkomsten(leerling, regels.opleiding_id)]
    hoogste = max(gedekt, default=0)
    return next((f for f in regels.fases if f.volgorde > hoogste), None)


def lopende_fase(leerling: Leerling) -> Overeenkomst | None:
    """The latest phase agreement sent or signed, when a later phase of the programme still
    needs one: the learner may then be proposed to that later phase's employer while this
    agreement keeps running. One or two queries; none of the learner's workplace changes."""
    laatste = (
        Overeenkomst.objects.filter(
            leerling=leerling,
            opleiding_id=leerling.opleiding_id,
            fase_volgorde__isnull=False,
            status__in=LOPEND,
        )
        .order_by("-fase_volgorde", "-start")
        .first()
    )
    if laatste is None or laatste.fase_volgorde is None:
        return None
    later = OpleidingsFase.objects.filter(
        regels__opleiding_id=leerling.opleiding_id, volgorde__gt=laatste.fase_volgorde
    )
    if laatste.regelversie_id:
        later = later.filter(regels_id=laatste.regelversie_id)
    gedekt = Overeenkomst.objects.filter(
        leerling=leerling,
        opleiding_id=leerling.opleiding_id,
        fase_volgorde__gt=laatste.fase_volgorde,
        status__in=STAANDE,
    )
    return laatste if later.exists() and not gedekt.exists() else None


def voor_volgende_fase(leerling: Leerling) -> bool:
    """A proposal now is one for the next phase (see lopende_fase)."""
    return (
        leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
        and lopende_fase(leerling) is not None
    )


def voorstel_termijn(leerling: Leerling) -> dt.date | None:
    """A later phase's proposal lapses when the phase under way ends: its employer answers
    before the learner would be left without an agreement."""
    if leerling.status != LeerlingStatus.WERKPLEK_GOEDGEKEURD:
        return None
    lopend = lopende_fase(leerling)
    return lopend.werkelijk_einde if lopend is not None else None


def aanvaard_sinds(leerling: Leerling, sinds: dt.datetime) -> QuerySet[Voorstel]:
    """Proposals of the learner that an employer accepted from `sinds` on."""
    return Voorstel.objects.filter(
        leerling=leerling, status=VoorstelStatus.AANVAARD, beantwoord_op__gte=sinds
    ).select_related("vestiging__onderneming")


def werkplek_voor_fase(leerling: Leerling, fase_volgorde: int | None) -> Vestiging | None:
    """Where the agreement for this phase is drafted: for phase 1 (or a programme without
    phases) the workplace the learner was approved for; for a later phase the establishment
    whose employer accepted the learner once the previous phase's agreement was sent (only
    then can the learner be proposed for the next phase), else the same workplace (the same
    employer for both phases)."""
    if fase_volgorde and fase_volgorde > 1:
        vorige = (
            Overeenkomst.objects.filter(
                leerling=leerling,
                opleiding_id=leerling.opleiding_id,
                fase_volgorde__lt=fase_volgorde,
                status__in=STAANDE,
                verstuurd_op__isnull=False,
            )
            .order_by("-fase_volgorde", "-verstuurd_op")
            .first()
        )
        if vorige is not None and vorige.verstuurd_op is not None:
            aanvaard = aanvaard_sinds(leerling, vorige.verstuurd_op)
            if leerling.werkplek_id is not None:
                aanvaard = aanvaard.exclude(vestiging_id=leerling.werkplek_id)
            voorstel = aanvaard.order_by("-beantwoord_op", "-pk").first()
            if voorstel is not None and voorstel.vestiging is not None:
                return voorstel.vestiging
    return leerling.werkplek


def werkplek_aanvaard_voor_fase(
    leerling: Leerling, vestiging: Vestiging, fase_volgorde: int | None
) -> bool:
    """For a later phase, the establishment's employer accepted the learner itself (its
    accepted proposal), so the guard for the learner's one approved workplace gives way."""
    if not fase_volgorde or fase_volgorde <= 1:
        return False
    return Voorstel.objects.filter(
        leerling=leerling, vestiging=vestiging, status=VoorstelStatus.AANVAARD
    ).exists()


@dataclass(frozen=True)
class Periode:
    fase: int
    start: dt.date
    einde: dt.date


def _volgorde_fouten(
    fase: Fase, regels: Programmaregels, andere: list[Overeenkomst]
) -> tuple[list[str], Overeenkomst | None]:
    """Phases in the programme's order; the previous phase's agreement, when there is one."""
    eerste = regels.fases[0]
    zelfde = next((o for o in andere if o.fase_volgorde == fase.volgorde), None)
    if zelfde is not None:
        return [
            _("Phase %(nummer)s (%(fase)s) already has an agreement from %(van)s to %(tot)s.")
            % {
                "nummer": fase.volgorde,
                "fase": fase_naam(fase),
                "van": datum(zelfde.start),
                "tot": datum(zelfde.einde),
            }
        ], None
    if fase.volgorde == eerste.volgorde:
        return [], None
    vorige_fase = max(
        (f for f in regels.fases if f.volgorde < fase.volgorde), key=lambda f: f.volgorde
    )
    vorige = next((o for o in andere if o.fase_volgorde == vorige_fase.volgorde), None)
    if not andere:
        return [
            _(
                "The training always starts in the %(fase)s (phase %(nummer)s): the first "
                "agreement covers that phase, not phase %(gekozen)s."
            )
            % {"fase": fase_naam(eerste), "nummer": eerste.volgorde, "gekozen": fase.volgorde}
        ], None
    if vorige is None:
        return [
            _(
                "Phase %(nummer)s (%(fase)s) follows phase %(vorige)s (%(vorige_fase)s), which "
                "has no agreement yet."
            )
            % {
                "nummer": fase.volgorde,
                "fase": fase_naam(fase),
                "vorige": vorige_fase.volgorde,
                "vorige_fase": fase_naam(vorige_fase),
            }
        ], None
    return [], vorige


def _lengte_fouten(fase: Fase, start: dt.date, einde: dt.date) -> list[str]:
    """A phase of n months runs from its start to the day before the same date n months
    later: 1 September to 31 January is 5 months, to 1 February is 5 months and a day."""
    fouten = []
    if fase.min_maanden and einde < plus_maanden(start, fase.min_maanden) - dt.timedelta(days=1):
        fouten.append(
            _(
                "Phase %(nummer)s (%(fase)s) lasts at least %(n)s months: from %(start)s it "
                "ends on %(d)s at the earliest, not on %(einde)s."
            )
            % {
                "nummer": fase.volgorde,
                "fase": fase_naam(fase),
                "n": fase.min_maanden,
                "start": datum(start),
                "d": datum(plus_maanden(start, fase.min_maanden) - dt.timedelta(days=1)),
                "einde": datum(einde),
            }
        )
    if fase.max_maanden and einde > plus_maanden(start, fase.max_maanden) - dt.timedelta(days=1):
        fouten.append(
            _(
                "Phase %(nummer)s (%(fase)s) lasts at most %(n)s months: from %(start)s it "
                "ends on %(d)s at the latest, not on %(einde)s."
            )
            % {
                "nummer": fase.volgorde,
                "fase": fase_naam(fase),
                "n": fase.max_maanden,
                "start": datum(start),
                "d": datum(plus_maanden(start, fase.max_maanden) - dt.timedelta(days=1)),
                "einde": datum(einde),
            }
        )
    return fouten


def _geheel_fouten(fase: Fase, regels: Programmaregels, periodes: list[Periode]) -> list[str]:
    """All phases together: from the first phase's start to the last phase's end, within the
    programme's maximum duration. (Each agreement's own latest end, 30 June of its school
    year, is regelcontrole.py's.)"""
    fouten = []
    begin = min(p.start for p in periodes)
    laatste = max(p.einde for p in periodes)
    if regels.max_duur_maanden:
        grens = plus_maanden(begin, regels.max_duur_maanden) - dt.timedelta(days=1)
        if laatste > grens:
            fouten.append(
                _(
                    "All phases together last at most %(n)s months: from %(start)s to %(d)s at "
                    "the latest; phase %(nummer)s (%(fase)s) makes it end on %(einde)s."
                )
                % {
                    "n": regels.max_duur_maanden,
                    "start": datum(begin),
                    "d": datum(grens),
                    "nummer": fase.volgorde,
                    "fase": fase_naam(fase),
                    "einde": datum(laatste),
                }
            )
    return fouten


def fase_fouten(
    *,
    leerling: Leerling,
    fase_volgorde: int | None,
    start: dt.date,
    einde: dt.date,
    zelf_pk: int | None = None,
    op: dt.date | dt.datetime | None = None,
    regels: Programmaregels | None = None,
) -> list[str]:
    """Every phase rule for this agreement of the learner's programme; nothing for a
    programme without phases. `op`: when the agreement was sent (its rules), None for now;
    `regels`: those rules when the caller read them already. An agreement that covers no
    phase (fase_volgorde None: drafted through the services without one, or before the
    programme had phases) is checked as one agreement, by the programme's own rules only."""
    if fase_volgorde is None:
        return []
    if regels is None:
        regels = regels_met_fases(leerling.opleiding, op=op or timezone.now())
    if regels is None or not regels.fases:
        return []
    fase = regels.fase(fase_volgorde)
    if fase is None:
        return [
            _("The programme has no phase %(nummer)s; its phases are: %(fases)s.")
            % {
                "nummer": fase_volgorde,
                "fases": ", ".join(f"{f.volgorde}. {fase_naam(f)}" for f in regels.fases),
            }
        ]
    andere = fase_overeenkomsten(leerling, regels.opleiding_id, zelf_pk=zelf_pk)
    fouten, vorige = _volgorde_fouten(fase, regels, andere)
    if vorige is not None:
        dag_na = vorige.werkelijk_einde + dt.timedelta(days=1)
        if start != dag_na:
            fouten.append(
                _(
                    "Phase %(nummer)s (%(fase)s) starts the day after phase %(vorige)s ends: on "
                    "%(d)s, not on %(start)s."
                )
                % {
                    "nummer": fase.volgorde,
                    "fase": fase_naam(fase),
                    "vorige": vorige.fase_volgorde,
                    "d": datum(dag_na),
                    "start": datum(start),
                }
            )
    if einde > start:
        fouten += _lengte_fouten(fase, start, einde)
        periodes = [Periode(o.fase_volgorde or 0, o.start, o.werkelijk_einde) for o in andere]
        periodes.append(Periode(fase.volgorde, start, einde))
        fouten += _geheel_fouten(fase, regels, periodes)
    if fase.inschrijvingsnummer_vereist and not leerling.inschrijvingsnummer_verzorgende.strip():
        fouten.append(
            _(
                "The %(fase)s phase requires the learner's registration number as care "
                "assistant; the coach records it on the learner's page first."
            )
            % {"fase": fase_naam(fase)}
        )
    return fouten


def volgende_fase_ondertekend(overeenkomst: Overeenkomst) -> bool:
    """R48: a later phase of the same trajectory is already signed, so the end of this one
    leaves the learner with an agreement and opens no new window."""
    if overeenkomst.traject_id is None or overeenkomst.fase_volgorde is None:
        return False
    return Overeenkomst.objects.filter(
        traject_id=overeenkomst.traject_id,
        fase_volgorde__gt=overeenkomst.fase_volgorde,
        status=OvereenkomstStatus.ONDERTEKEND,
    ).exists()


def heeft_latere_fase(overeenkomst: Overeenkomst) -> bool:
    """The programme (the version the agreement was sent under) has a phase after this one."""
    if overeenkomst.fase_volgorde is None:
        return False
    qs = OpleidingsFase.objects.filter(
        regels__opleiding_id=overeenkomst.opleiding_id, volgorde__gt=overeenkomst.fase_volgorde
    )
    if overeenkomst.regelversie_id:
        qs = qs.filter(regels_id=overeenkomst.regelversie_id)
    return qs.exists()

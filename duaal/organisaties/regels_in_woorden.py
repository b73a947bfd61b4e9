"""A programme's rules in force, in words an employer reads before accepting a learner: one
(label, sentence) pair per rule, in the active language. The programme page shows them; any
page that explains a programme can reuse them."""

import datetime as dt
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .constants import Overeenkomsttype
from .opleidingsregels import LeeftijdPeil, Sector
from .programmaregels import Alternatief, Fase, Programmaregels

# A leap year: a rule on 29 February is still a day of the school year.
_JAAR = 2024

Regel = tuple[str, str]


def _dag(paar: tuple[int, int]) -> str:
    maand, dag = paar
    return date_format(dt.date(_JAAR, maand, dag), "j F")


def _uren(uren: Decimal) -> str:
    return str(floatformat(uren, -1))


def _maanden(aantal: int) -> str:
    return ngettext("%(n)s month", "%(n)s months", aantal) % {"n": aantal}


def _start(r: Programmaregels) -> list[Regel]:
    if r.start_van is None or r.start_tot is None:
        return []
    zin = _("Between %(van)s and %(tot)s.") % {"van": _dag(r.start_van), "tot": _dag(r.start_tot)}
    if r.late_start_mits_leerling:
        zin += " " + _(
            "A later start is only possible when the school already has a learner in this "
            "programme."
        )
    return [(_("Start"), zin)]


def _duur(r: Programmaregels) -> list[Regel]:
    regels = []
    if r.einde_uiterlijk is not None:
        regels.append((_("Latest end"), _("By %(datum)s.") % {"datum": _dag(r.einde_uiterlijk)}))
    if r.max_duur_maanden is not None:
        regels.append((_("Maximum duration"), _maanden(r.max_duur_maanden) + "."))
    return regels


def _uren_en_type(r: Programmaregels) -> list[Regel]:
    uren = _(
        "On average %(uren)s hours a week at the workplace, over the whole training (not "
        "counting public holidays and vacation days)."
    ) % {"uren": _uren(r.gemiddelde_werkplekuren)}
    soort = str(Overeenkomsttype(r.overeenkomsttype).label)
    vast = _("%(soort)s: the programme fixes it, the employer does not choose it.")
    return [
        (_("Workplace hours"), uren),
        (_("Agreement type"), vast % {"soort": soort}),
    ]


def _leeftijd(r: Programmaregels) -> list[Regel]:
    if r.leeftijd_peil == LeeftijdPeil.SCHOOLJAAR and r.leeftijd_peil_datum is not None:
        minimum = _(
            "at least %(leeftijd)s years old during the school year (by %(datum)s at the latest)"
        ) % {"leeftijd": r.minimumleeftijd, "datum": _dag(r.leeftijd_peil_datum)}
    else:
        minimum = _("at least %(leeftijd)s years old on the start date") % {
            "leeftijd": r.minimumleeftijd
        }
    maximum = _("at most %(leeftijd)s years old") % {"leeftijd": r.maximumleeftijd}
    return [(_("Age of the learner"), f"{minimum}; {maximum}.")]


def _vooropleidingen(r: Programmaregels) -> list[Regel]:
    if not r.vooropleidingen:
        return []
    delen = [
        _("%(naam)s (evidence: %(bewijs)s)") % {"naam": naam, "bewijs": bewijs}
        for _pk, naam, bewijs in r.vooropleidingen
    ]
    if len(delen) == 1:
        return [(_("Prior education"), delen[0] + ".")]
    return [(_("Prior education"), _("One of these suffices: ") + "; ".join(delen) + ".")]


def _formaliteiten(r: Programmaregels) -> list[Regel]:
    regels = []
    if r.medisch_onderzoek_verplicht:
        zin = _(
            "A medical examination by the occupational physician before hiring, organised "
            "and paid by the employer."
        )
        regels.append((_("Medical examination"), zin))
    if r.dimona_verplicht:
        zin = _(
            "The employer declares the learner in Dimona, type ALT, before the first working day."
        )
        regels.append((_("Dimona"), zin))
    return regels


def _fase_maanden(f: Fase) -> str:
    if f.min_maanden is not None and f.max_maanden is not None:
        if f.min_maanden == f.max_maanden:
            return _maanden(f.min_maanden)
        return _("%(min)s to %(max)s months") % {"min": f.min_maanden, "max": f.max_maanden}
    if f.min_maanden is not None:
        return _("at least %(maanden)s") % {"maanden": _maanden(f.min_maanden)}
    if f.max_maanden is not None:
        return _("at most %(maanden)s") % {"maanden": _maanden(f.max_maanden)}
    return ""


def _fase(f: Fase) -> Regel:
    delen = [f.context_label, _fase_maanden(f)]
    zinnen = [", ".join(d for d in delen if d) + "."]
    if f.inschrijvingsnummer_vereist:
        zinnen.append(
            _("Before this phase the learner has a registration number as care assistant.")
        )
    if f.begeleide_dagen_eerste_maand:
        zinnen.append(
            ngettext(
                "At least %(n)s supervised day in the first month.",
                "At least %(n)s supervised days in the first month.",
                f.begeleide_dagen_eerste_maand,
            )
            % {"n": f.begeleide_dagen_eerste_maand}
        )
    if f.evaluatie_na_maanden is not None:
        zinnen.append(
            _("An evaluation after %(maanden)s: positive, or a motivated report.")
            % {"maanden": _maanden(f.evaluatie_na_maanden)}
        )
    if f.wekelijkse_feedback:
        zinnen.append(_("Then weekly feedback by the mentor."))
    label = _("Phase %(nr)s: %(naam)s") % {"nr": f.volgorde, "naam": f.naam}
    return (label, " ".join(zinnen))


def _premie(r: Programmaregels) -> list[Regel]:
    regels = []
    if r.kwalificatieniveau is not None:
        zin = _("Level %(niveau)s of the Flemish qualification structure.")
        regels.append((_("Qualification level"), zin % {"niveau": r.kwalificatieniveau}))
    if r.werkplekaandeel_procent is not None:
        zin = _("%(procent)s%% of the training time is spent at the workplace.")
        regels.append((_("Workplace share"), zin % {"procent": r.werkplekaandeel_procent}))
    return regels


def _blokperiodes(r: Programmaregels) -> Regel:
    if r.blokperiodes_toegestaan:
        return (_("Block periods"), _("Full-time block periods at the workplace are allowed."))
    return (_("Block periods"), _("No full-time block periods at the workplace."))


def _alternatief(a: Alternatief) -> Regel:
    sectoren = ", ".join(str(Sector(s).label) for s in a.sectoren if s in Sector.values)
    zin = _(
        "%(naam)s: %(soort)s of %(uren)s hours a week, for employers in: %(sectoren)s, once "
        "the partnership has confirmed the employer's sector."
    ) % {
        "naam": a.naam,
        "soort": Overeenkomsttype(a.soort).label,
        "uren": _uren(a.uren_per_week),
        "sectoren": sectoren,
    }
    return (_("Other agreement type"), zin)


def in_woorden(regels: Programmaregels) -> list[Regel]:
    """Every rule of this version, as (label, sentence), in the order an employer needs them."""
    woorden = _start(regels) + _duur(regels) + _uren_en_type(regels) + _leeftijd(regels)
    woorden += _vooropleidingen(regels) + _formaliteiten(regels)
    woorden += [_fase(f) for f in regels.fases]
    woorden += _premie(regels) + [_blokperiodes(regels)]
    woorden += [_alternatief(a) for a in regels.alternatieven]
    if regels.toelichting:
        woorden.append((_("Explanation"), regels.toelichting))
    return woorden


__all__ = ["in_woorden"]

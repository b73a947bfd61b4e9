"""Timetables in periods (block periods) and the working-time rules of minors: every limit on
both sides of its boundary, the average over periods, the drafting form, the annex and the
benchmark command."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.template.loader import render_to_string

from devtools.demo.opleidingsregels import zorg_regels
from duaal.organisaties.models import Onderneming, ParitairComite
from overeenkomsten.controles import Blok, controleren_overeenkomst, uurrooster_fouten
from overeenkomsten.models import Overeenkomst, RoosterPeriode
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.rooster import Kader, Periode, gemiddelde_werkplekuren, kader_voor
from overeenkomsten.rooster import periodes_fouten as _periodes_fouten
from overeenkomsten.services import Inhoud, overeenkomst_wijzigen
from tests import overeenkomst_screens
from tests.overeenkomst_screens import TRAJ, Plek, _gekoppeld, _inhoud, url
from tests.support import als

from .conftest import EINDE, ROOSTER, START

W, S = "werkplek", "school"
SCHOOL, WERKPLEK, GEMENGD = (
    RoosterPeriode.Soort.SCHOOL,
    RoosterPeriode.Soort.WERKPLEK,
    RoosterPeriode.Soort.GEMENGD,
)
MAANDAG = dt.date(2026, 10, 5)
plek = overeenkomst_screens.plek


def t(tekst: str) -> dt.time:
    uur, minuut = tekst.split(":")
    return dt.time(int(uur), int(minuut))


def b(dag: int, van: str, tot: str, plaats: str = W) -> Blok:
    return Blok(dag, plaats, t(van), t(tot))


def dag(dag_: int, *tijden: tuple[str, str], plaats: str = W) -> list[Blok]:
    return [b(dag_, van, tot, plaats) for van, tot in tijden]


# A minor's workplace week of 37.5 hours: 7.5 hours a day with an hour's break.
WERKWEEK = [blok for d in range(1, 6) for blok in dag(d, ("08:00", "12:00"), ("13:00", "16:30"))]
SCHOOLWEEK = [
    blok for d in range(1, 6) for blok in dag(d, ("08:30", "12:00"), ("13:00", "15:30"), plaats=S)
]


def periode(volgorde: int, soort: str, weken: int, blokken, van: dt.date | None = None):
    van = van or MAANDAG + dt.timedelta(weeks=volgorde - 1)
    tot = van + dt.timedelta(weeks=weken) - dt.timedelta(days=1)
    return Periode(volgorde, soort, van, tot, tuple(blokken))


def week(blokken, soort: str = GEMENGD) -> list[Periode]:
    """One period of one week holding `blokken`."""
    return [periode(1, soort, 1, blokken)]


def kader(periodes, **kwargs) -> Kader:
    return Kader(
        **{
            "start": periodes[0].van,
            "einde": periodes[-1].tot,
            # The declared average the periods give: each test looks at one rule.
            "uren": gemiddelde_werkplekuren(periodes),
            "minderjarig": True,
            "blokperiodes_toegestaan": True,
            "opleiding": "Verzorgende/zorgkundige duaal",
        }
        | kwargs
    )


def fouten(periodes, **kwargs) -> list[str]:
    return _periodes_fouten(periodes, kader(periodes, **kwargs))[0]


def met(fouten_: list[str], tekst: str) -> list[str]:
    return [f for f in fouten_ if tekst in f]


def test_a_valid_sequence_of_school_and_workplace_periods_passes() -> None:
    periodes = [
        periode(1, SCHOOL, 2, SCHOOLWEEK),
        periode(2, WERKPLEK, 2, WERKWEEK, van=MAANDAG + dt.timedelta(weeks=2)),
        periode(3, SCHOOL, 1, [], van=MAANDAG + dt.timedelta(weeks=4)),
    ]
    assert _periodes_fouten(periodes, kader(periodes)) == ([], [])


# A minor: 8 hours a day, lessons included.


def test_a_minor_may_work_8_hours_a_day() -> None:
    acht = dag(1, ("08:00", "12:00"), ("13:00", "17:00"))
    assert fouten(week(acht)) == []


def test_a_minor_may_not_work_8_hours_15_a_day() -> None:
    langer = dag(1, ("08:00", "12:00"), ("13:00", "17:15"))
    assert fouten(week(langer)) == [
        "Period 1 (05/10/2026–11/10/2026), Monday: 8,25 hours; a minor works at most 8 hours "
        "a day, lessons included."
    ]


# A minor: 40 hours a week, lessons included, in every period.

VEERTIG = [
    *(blok for d in (1, 2, 3) for blok in dag(d, ("08:00", "12:00"), ("13:00", "17:00"))),
    *(blok for d in (4, 5) for blok in dag(d, ("08:00", "12:00"), ("13:00", "17:00"), plaats=S)),
]


def test_a_minor_may_have_40_hours_a_week_in_a_period() -> None:
    assert fouten(week(VEERTIG)) == []


def test_a_minor_may_not_have_40_and_a_half_hours_a_week_in_any_period() -> None:
    periodes = [
        periode(1, GEMENGD, 1, VEERTIG[:-2]),  # 32 hours: fine
        periode(2, GEMENGD, 1, [*VEERTIG, b(6, "09:00", "09:30", S)]),
    ]
    assert met(fouten(periodes), "40 hours a week") == [
        "Period 2 (12/10/2026–18/10/2026): 40,5 hours a week; a minor works at most 40 hours a "
        "week, lessons included."
    ]


# A minor: at least 12 hours of rest between working days.

AVOND = dag(1, ("11:00", "15:00"), ("16:00", "20:00"))


def test_twelve_hours_of_rest_between_working_days_is_enough() -> None:
    assert fouten(week([*AVOND, *dag(2, ("08:00", "12:00"))])) == []


def test_eleven_hours_45_of_rest_is_refused() -> None:
    assert fouten(week([*AVOND, *dag(2, ("07:45", "11:45"))])) == [
        "Period 1 (05/10/2026–11/10/2026): 11:45 (hours:minutes) of rest between Monday and "
        "Tuesday; a minor needs at least 12 hours."
    ]


def test_rest_counts_from_sunday_into_the_next_weeks_monday() -> None:
    zondag = dag(7, ("11:00", "15:00"), ("16:00", "20:00"))
    fouten_, waarschuwingen = _periodes_fouten(
        week([*zondag, *dag(1, ("07:45", "11:45"))]), kader(week(zondag))
    )
    assert met(fouten_, "of rest between Sunday and Monday")
    assert waarschuwingen == [
        "Period 1 (05/10/2026–11/10/2026): Sunday work for a minor needs a sector exception."
    ]


def test_the_repeating_week_checks_rest_too() -> None:
    blokken = [*AVOND, *dag(2, ("07:45", "11:45"))]
    fouten_, _w = uurrooster_fouten(blokken, uren=Decimal(12), minderjarig=True)
    assert fouten_ == [
        "The weekly timetable: 11:45 (hours:minutes) of rest between Monday and Tuesday; a "
        "minor needs at least 12 hours."
    ]
    assert uurrooster_fouten(blokken, uren=Decimal(12), minderjarig=False) == ([], [])


# A minor: a break of 30 minutes after at most 4.5 hours; an hour on a day over 6 hours.


def test_four_and_a_half_hours_without_a_break_is_allowed() -> None:
    assert fouten(week(dag(1, ("08:00", "12:30")))) == []


def test_four_hours_45_without_a_break_is_refused() -> None:
    assert fouten(week(dag(1, ("08:00", "12:45")))) == [
        "Period 1 (05/10/2026–11/10/2026), Monday: 4:45 (hours:minutes) without a break of 30 "
        "minutes; a minor gets a break after at most 4.5 hours."
    ]


def test_a_gap_shorter_than_30_minutes_is_no_break() -> None:
    assert met(fouten(week(dag(1, ("08:00", "10:00"), ("10:15", "12:45")))), "4:45")


def test_a_day_over_6_hours_needs_an_hour_of_break() -> None:
    assert fouten(week(dag(1, ("08:00", "12:00"), ("12:30", "15:00")))) == [
        "Period 1 (05/10/2026–11/10/2026), Monday: 6:30 (hours:minutes) of work with 30 "
        "minutes of break; a day of more than 6 hours needs an hour of break."
    ]
    assert fouten(week(dag(1, ("08:00", "12:00"), ("13:00", "15:30")))) == []


def test_an_adult_is_not_held_to_the_minors_limits() -> None:
    assert fouten(week(dag(1, ("06:00", "17:00"))), minderjarig=False) == []


# Block periods and the weekly maximum of the joint committee.


def test_a_full_time_workplace_period_needs_a_programme_that_allows_block_periods() -> None:
    periodes = week(WERKWEEK, soort=WERKPLEK)
    assert fouten(periodes) == []
    assert fouten(periodes, blokperiodes_toegestaan=False) == [
        "Period 1 (05/10/2026–11/10/2026) is a full-time period at the workplace; "
        "Verzorgende/zorgkundige duaal does not allow block periods."
    ]


VEERTIG_WERK = [
    blok for d in range(1, 6) for blok in dag(d, ("08:00", "12:00"), ("12:30", "16:30"))
]


def test_a_single_weeks_maximum_comes_from_the_joint_committee() -> None:
    periodes = week(VEERTIG_WERK, soort=WERKPLEK)
    assert fouten(periodes, minderjarig=False, weekmaximum=Decimal(40), comite="PC 124") == []
    assert fouten(periodes, minderjarig=False, weekmaximum=Decimal("38.00"), comite="PC 330") == [
        "Period 1 (05/10/2026–11/10/2026) has 40 workplace hours a week; the full-time week of "
        "PC 330 is 38 hours."
    ]


def test_without_a_joint_committee_a_week_is_at_most_38_hours() -> None:
    assert met(fouten(week(VEERTIG_WERK, soort=WERKPLEK), minderjarig=False), "38 hours")


# Order, coverage and the average.


def test_periods_follow_one_another_from_start_to_end_without_gap_or_overlap() -> None:
    periodes = [
        periode(1, SCHOOL, 1, []),
        periode(2, SCHOOL, 1, [], van=MAANDAG + dt.timedelta(days=9)),
    ]
    assert fouten(
        periodes, start=MAANDAG - dt.timedelta(days=1), einde=dt.date(2026, 10, 31), uren=0
    ) == [
        "The first period must start on the start date, 04/10/2026; it starts on 05/10/2026.",
        "Period 2 (14/10/2026–20/10/2026) must start the day after the previous period ends, "
        "on 12/10/2026: periods follow one another without gap or overlap.",
        "The last period must end on the end date, 31/10/2026; it ends on 20/10/2026.",
    ]


VIJFENDERTIG = [
    blok for d in range(1, 6) for blok in dag(d, ("08:00", "12:00"), ("13:00", "16:00"))
]


def test_the_average_weighs_each_period_by_its_days() -> None:
    # One week at school, then three days of 35 workplace hours a week: 35 x 3 / 10 = 10.5.
    periodes = [
        periode(1, SCHOOL, 1, []),
        Periode(2, WERKPLEK, dt.date(2026, 10, 12), dt.date(2026, 10, 14), tuple(VIJFENDERTIG)),
    ]
    assert gemiddelde_werkplekuren(periodes) == Decimal("10.5")
    assert fouten(periodes, uren=Decimal("11")) == []  # within half an hour
    assert fouten(periodes, uren=Decimal("11.5")) == [
        "Over its periods the timetable averages 10,5 workplace hours a week; the agreement "
        "says 11,5."
    ]


def test_a_school_period_holds_no_workplace_blocks() -> None:
    assert fouten(week(WERKWEEK, soort=SCHOOL)) == [
        "Period 1 (05/10/2026–11/10/2026) is a school period but has a block “workplace” on Monday."
    ]


# Read from the database: the programme's rules, the committee, the stored periods.


def test_the_frame_reads_the_care_programmes_rules_and_the_committee(traject) -> None:
    leerling = traject.leerling()
    zonder = kader_voor(
        leerling=leerling,
        vestiging=traject.vestiging,
        start=START,
        einde=EINDE,
        uren=Decimal(24),
        minderjarig=True,
        op=START,
    )
    assert not zonder.blokperiodes_toegestaan and zonder.weekmaximum == 38
    zorg_regels(traject.opleiding)
    bouw = ParitairComite.objects.get(nummer="124")  # seeded by a data migration
    Onderneming.objects.filter(pk=traject.onderneming.pk).update(paritair_comite=bouw)
    met_regels = kader_voor(
        leerling=leerling,
        vestiging=traject.vestiging,
        start=START,
        einde=EINDE,
        uren=Decimal(24),
        minderjarig=True,
        op=START,
    )
    assert met_regels.blokperiodes_toegestaan and met_regels.weekmaximum == 40
    assert met_regels.comite == "PC 124 Bouwbedrijf"


ACHT_UUR = [blok for d in (1, 2, 3) for blok in dag(d, ("08:00", "12:00"), ("13:00", "17:00"))]


def _twee_periodes(start: dt.date = START, einde: dt.date = EINDE) -> list[Periode]:
    """Four days at school, then the rest of the agreement 24 workplace hours a week."""
    splitsing = start + dt.timedelta(days=4)
    return [
        Periode(1, SCHOOL, start, splitsing - dt.timedelta(days=1), ()),
        Periode(2, GEMENGD, splitsing, einde, tuple(ACHT_UUR)),
    ]


def test_drafting_stores_the_periods_and_the_guard_reads_them(traject) -> None:
    o = traject.ontwerp(roostersoort="periodes", periodes=_twee_periodes(), blokken=[])
    assert o.roostersoort == "periodes"
    assert list(o.roosterperiodes.values_list("volgorde", "soort")) == [(1, SCHOOL), (2, GEMENGD)]
    assert o.uurrooster.filter(periode__volgorde=2).count() == 6
    assert controleren_overeenkomst(o).fouten == []
    # A change to the periods is checked the same way: a late second period is refused.
    te_laat = _twee_periodes()
    te_laat[1] = Periode(2, GEMENGD, te_laat[1].van + dt.timedelta(days=1), EINDE, ACHT_UUR)
    with pytest.raises(Exception) as fout:
        overeenkomst_wijzigen(
            overeenkomst=o,
            inhoud=Inhoud.van(o).met(periodes=te_laat),
            door=als(traject.coach),
        )
    assert "without gap or overlap" in str(fout.value)


def test_back_to_a_repeating_week_removes_the_periods(traject) -> None:
    o = traject.ontwerp(roostersoort="periodes", periodes=_twee_periodes(), blokken=[])
    o = overeenkomst_wijzigen(
        overeenkomst=o, inhoud=Inhoud.van(o).met(blokken=ROOSTER), door=als(traject.coach)
    )
    o.refresh_from_db()
    assert o.roostersoort == "week" and not o.roosterperiodes.exists()
    assert o.uurrooster.count() == len(ROOSTER)


def test_sending_without_periods_asks_for_them(traject) -> None:
    o = traject.ontwerp(roostersoort="periodes", periodes=None, blokken=[])
    assert "Fill in the periods: a timetable of periods needs at least one." in (
        controleren_overeenkomst(o).fouten
    )


def test_the_annex_shows_each_period_with_its_dates_and_week(traject) -> None:
    o = traject.ontwerp(roostersoort="periodes", periodes=_twee_periodes(), blokken=[])
    html = render_to_string(TEMPLATE, presenteer(o).context())
    assert "Uurrooster in opeenvolgende periodes" in html
    assert "Periode 1: 01/10/2026 – 04/10/2026, schoolperiode" in html
    assert "Periode 2: 05/10/2026 – 30/06/2028, werkplek en lessen" in html
    assert "Per week in deze periode: 24 uur op de werkplek" in html
    assert "Wekelijks uurrooster" not in html


# The coach's form: choose, enter, and see every objection in Dutch with the input kept.


def _periodes_data(plek: Plek, periodes: list[tuple], **extra) -> dict:
    data = _inhoud(plek, [], roostersoort="periodes", **{"periodes-aantal": str(len(periodes))})
    for i, (soort, van, tot, blokken) in enumerate(periodes):
        data |= {f"periode-{i}-soort": soort, f"periode-{i}-van": van, f"periode-{i}-tot": tot}
        data |= {f"periode-{i}-blok-TOTAL_FORMS": "8", f"periode-{i}-blok-INITIAL_FORMS": "0"}
        for j, (d, plaats, van_, tot_) in enumerate(blokken):
            data |= {f"periode-{i}-blok-{j}-dag": d, f"periode-{i}-blok-{j}-plaats": plaats}
            data |= {f"periode-{i}-blok-{j}-van": van_, f"periode-{i}-blok-{j}-tot": tot_}
    return data | extra


def _screen_periodes(tweede_van: str = "08/01/2027") -> list[tuple]:
    return [
        ("school", "04/01/2027", "07/01/2027", []),
        ("gemengd", tweede_van, "30/06/2028", SCREEN_WEEK),
    ]


WERKUREN = [("08:00", "12:00"), ("13:00", "17:00")]
SCREEN_WEEK = [(d, "werkplek", van, tot) for d in (1, 2, 3) for van, tot in WERKUREN]


def test_the_form_offers_the_choice_and_period_rows(world, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    body = world.client_for("A", TRAJ).get(url("overeenkomst_opstellen", leerling)).content
    assert b'name="roostersoort"' in body and b'name="periode-2-soort"' in body
    assert b'name="periode-0-blok-7-dag"' in body


def test_the_coach_drafts_a_timetable_in_periods(world, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    data = _periodes_data(plek, _screen_periodes())
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    o = Overeenkomst.objects.get(leerling=leerling)
    assert o.roostersoort == "periodes" and o.roosterperiodes.count() == 2
    assert o.uurrooster.filter(periode__isnull=False).count() == 6
    # The edit page shows the stored periods again.
    body = world.client_for("A", TRAJ).get(url("overeenkomst_bewerken", o)).content.decode()
    assert 'value="08/01/2027"' in body and 'value="gemengd" selected' in body
    # The check-your-answers page before sending lists the periods, not one flat week.
    body = world.client_for("A", TRAJ).get(url("overeenkomst_versturen", o)).content.decode()
    assert "Bijlage: uurrooster in periodes" in body and "08/01/2027–30/06/2028" in body


def test_every_period_objection_in_dutch_and_nothing_lost(world, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    periodes = _screen_periodes(tweede_van="10/01/2027")
    periodes[1][3].append((4, "werkplek", "08:00", "12:45"))  # 4:45 without a break
    periodes.append(("school", "01/07/2028", "", []))  # a row half filled in
    data = _periodes_data(plek, periodes)
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Overeenkomst.objects.exists()
    assert "Vul de soort periode en beide datums in, of niets." in body
    assert 'value="10/01/2027"' in body and 'value="12:45"' in body
    # The row errors first; once the rows are right, the period rules in one round.
    data = _periodes_data(plek, periodes[:2])
    body = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    tekst = re.sub(r"\s+", " ", body.content.decode())
    assert "moet beginnen op de dag na het einde van de vorige periode, op 08/01/2027" in tekst
    assert "zonder pauze van 30 minuten" in tekst


def test_the_benchmark_command_runs_with_small_numbers(db) -> None:
    uit = io.StringIO()
    call_command("bench_regelcontrole", n=3, warmup=1, weken=4, periodes=2, stdout=uit)
    tekst = uit.getvalue()
    assert "repeating week: median" in tekst and "4 weeks in 2 periods" in tekst
    assert re.search(r"ratio of the medians: [\d.]+x \(limit 1.5x\) (OK|TE TRAAG)", tekst)
    assert not Overeenkomst.objects.exists()  # rolled back

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from duaal.termijnen import (
    OVEREENKOMST_DUUR,
    OVEREENKOMST_SLUITEN,
    OVEREENKOMST_SLUITEN_HERINNERING,
)


class Advies(models.TextChoices):
    """R46: the class council's (or the coach's) non-binding advice."""

    POSITIEF = "positief", _("Positive")
    NEGATIEF = "negatief", _("Negative")
    GEEN = "geen", _("No advice")


class AdviesDoor(models.TextChoices):
    KLASSENRAAD = "klassenraad", _("Class council of the previous training")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectory coach")


class LeerlingStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Registered: screening")
    AANLOOPFASE = "aanloopfase", _("Preparatory phase (willing, not yet ready)")  # R47
    GOEDGEKEURD = "goedgekeurd", _("Approved for dual learning: looking for a workplace")
    WERKPLEK_GOEDGEKEURD = "werkplek_goedgekeurd", _("Approved for a workplace")
    GESTOPT = "gestopt", _("Stopped the dual training")


LEERLING_OVERGANGEN: dict[str, set[str]] = {
    LeerlingStatus.AANGEMELD: {
        LeerlingStatus.GOEDGEKEURD,
        LeerlingStatus.AANLOOPFASE,
        LeerlingStatus.GESTOPT,
    },
    LeerlingStatus.AANLOOPFASE: {LeerlingStatus.GOEDGEKEURD, LeerlingStatus.GESTOPT},
    LeerlingStatus.GOEDGEKEURD: {LeerlingStatus.WERKPLEK_GOEDGEKEURD, LeerlingStatus.GESTOPT},
    # Back to "looking" when the match falls through or an agreement ends early (R48).
    LeerlingStatus.WERKPLEK_GOEDGEKEURD: {LeerlingStatus.GOEDGEKEURD, LeerlingStatus.GESTOPT},
    LeerlingStatus.GESTOPT: set(),
}
# Approval for dual learning follows the screening; the way back from a workplace is
# "release", not approval.
TE_BEOORDELEN = [LeerlingStatus.AANGEMELD, LeerlingStatus.AANLOOPFASE]


class Situatie(models.TextChoices):
    """R66: the learner's situation decides the learning-allowance level."""

    A = "A", _("A: has not completed the 2nd grade and is in a 1st training year")
    B = "B", _("B: has completed the 2nd grade, or a 1st training year and starts a 2nd")
    C = (
        "C",
        _(
            "C: has completed the 1st year of the 3rd grade, two training years, or the "
            "qualification phase of BuSO OV3"
        ),
    )


# R66 [S25]: percentage of the GGMMI per level. The GGMMI itself is a dated table (Ggmmi).
LEERVERGOEDING_PERCENTAGE: dict[str, Decimal] = {
    Situatie.A: Decimal("0.29"),
    Situatie.B: Decimal("0.32"),
    Situatie.C: Decimal("0.345"),
}


class OvereenkomstStatus(models.TextChoices):
    ONTWERP = "ontwerp", _("Draft")
    TER_GOEDKEURING = "ter_goedkeuring", _("Awaiting approval of the parties")
    # Every party approved, but a signature recorded for a party by someone else still awaits
    # that party's confirmation (or the partnership's verification): it binds nobody yet.
    TE_BEVESTIGEN = "te_bevestigen", _("Awaiting confirmation of a signature")
    ONDERTEKEND = "ondertekend", _("Signed")
    BEEINDIGD = "beeindigd", _("Ended early")
    AFGELOPEN = "afgelopen", _("Ended")
    GEANNULEERD = "geannuleerd", _("Cancelled")


OVEREENKOMST_OVERGANGEN: dict[str, set[str]] = {
    OvereenkomstStatus.ONTWERP: {
        OvereenkomstStatus.TER_GOEDKEURING,
        OvereenkomstStatus.GEANNULEERD,
    },
    OvereenkomstStatus.TER_GOEDKEURING: {
        OvereenkomstStatus.ONDERTEKEND,
        OvereenkomstStatus.TE_BEVESTIGEN,
        OvereenkomstStatus.GEANNULEERD,
    },
    # Confirmed: signed. "Not ours" voids the signature: back to awaiting that approval.
    OvereenkomstStatus.TE_BEVESTIGEN: {
        OvereenkomstStatus.ONDERTEKEND,
        OvereenkomstStatus.TER_GOEDKEURING,
        OvereenkomstStatus.GEANNULEERD,
    },
    OvereenkomstStatus.ONDERTEKEND: {OvereenkomstStatus.BEEINDIGD, OvereenkomstStatus.AFGELOPEN},
    OvereenkomstStatus.BEEINDIGD: set(),
    OvereenkomstStatus.AFGELOPEN: set(),
    OvereenkomstStatus.GEANNULEERD: set(),
}

# The coach may still change the content; a change while awaiting approval resets approvals.
BEWERKBAAR = [
    OvereenkomstStatus.ONTWERP,
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.TE_BEVESTIGEN,
]
# These occupy the learner's calendar (no overlap). The mentor's capacity (R40) counts only
# those the employer itself accepted (selectors.werkgever_aanvaard).
BEZET = [
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.TE_BEVESTIGEN,
    OvereenkomstStatus.ONDERTEKEND,
    OvereenkomstStatus.BEEINDIGD,
    OvereenkomstStatus.AFGELOPEN,
]
# An agreement in one of these still stands: no second draft is offered next to it.
STAAT = [
    OvereenkomstStatus.ONTWERP,
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.ONDERTEKEND,
]
# A recorded signature is answered while its agreement awaits approval or confirmation.
OPEN_VOOR_BEVESTIGING = [OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.TE_BEVESTIGEN]


class VoorstelStatus(models.TextChoices):
    """A school's proposal of a learner to a workplace: the employer answers it (R48)."""

    VOORGESTELD = "voorgesteld", _("Proposed: awaiting the employer's answer")
    AANVAARD = "aanvaard", _("Accepted by the employer")
    GEWEIGERD = "geweigerd", _("Refused by the employer")
    INGETROKKEN = "ingetrokken", _("Withdrawn by the school")
    VERVALLEN = "vervallen", _("Lapsed: no answer within the learner's term")


VOORSTEL_OVERGANGEN: dict[str, set[str]] = {
    VoorstelStatus.VOORGESTELD: {
        VoorstelStatus.AANVAARD,
        VoorstelStatus.GEWEIGERD,
        VoorstelStatus.INGETROKKEN,
        VoorstelStatus.VERVALLEN,
    },
    VoorstelStatus.AANVAARD: set(),
    VoorstelStatus.GEWEIGERD: set(),
    VoorstelStatus.INGETROKKEN: set(),
    VoorstelStatus.VERVALLEN: set(),
}


class Partij(models.TextChoices):
    WERKGEVER = "werkgever", _("Employer")
    SCHOOL = "school", _("Training provider")
    LEERLING = "leerling", _("Learner")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Legal representative of the learner")


# The learner and the legal representative approve through a personal link (no account).
PARTIJEN_MET_LINK = [Partij.LEERLING, Partij.VERTEGENWOORDIGER]


class GoedkeuringWijze(models.TextChoices):
    PORTAAL = "portaal", _("Approved in the portal")
    PAPIER = "papier", _("Signed outside the portal")


class Bevestiging(models.TextChoices):
    """Whether an approval binds its party: only the party's own act does (or one it confirms,
    or a signature the competent partnership verified)."""

    EIGEN = "eigen", _("Given by the party itself")
    TE_BEVESTIGEN = "te_bevestigen", _("Recorded for the party: awaiting its confirmation")
    BEVESTIGD = "bevestigd", _("Confirmed by the party")
    GEVERIFIEERD = "geverifieerd", _("Verified by the partnership")
    BETWIST = "betwist", _("Disputed by the party: void")


# The approvals that bind their party.
BEVESTIGING_TELT = [Bevestiging.EIGEN, Bevestiging.BEVESTIGD, Bevestiging.GEVERIFIEERD]


class SchorsingReden(models.TextChoices):
    """R73: the grounds for suspension, as with an employment contract."""

    ZIEKTE = "ziekte", _("Illness or accident")
    VAKANTIE = "vakantie", _("Annual holidays")
    FEESTDAG = "feestdag", _("Public holiday")
    KLEIN_VERLET = "klein_verlet", _("Short leave")
    DWINGENDE_REDEN = "dwingende_reden", _("Compelling reason")
    GEWAARBORGD_LOON = "gewaarborgd_loon", _("Guaranteed daily pay")
    TIJDELIJKE_WERKLOOSHEID = "tijdelijke_werkloosheid", _("Temporary unemployment")
    TUCHT = "tucht", _("Disciplinary suspension")


# R73: compelling reasons up to 10 days per calendar year; longer than 14 days -> tell the coach.
DWINGENDE_REDEN_MAX_DAGEN = 10
SCHORSING_MELDEN_NA_DAGEN = 14


class BeeindigingReden(models.TextChoices):
    MATCH = "match", _("Poor match or cooperation between company and learner")  # R76
    LEERLING = "leerling", _("The learner stops")
    WERKGEVER = "werkgever", _("The employer stops")
    ERKENNING = "erkenning", _("The recognition was lifted or the company excluded")  # R74
    GESLAAGD = "geslaagd", _("The learner completed the training successfully")  # R74
    ANDERE = "andere", _("Other reason")


# R48: an agreement within 20 training days of the start of lessons or of the previous end;
# the coach is reminded when 5 training days or fewer remain (the kernel's term definitions).
OPLEIDINGSDAGEN_TERMIJN = OVEREENKOMST_SLUITEN.lengte
OPLEIDINGSDAGEN_HERINNERING = OVEREENKOMST_SLUITEN_HERINNERING.lengte
# A learner's (or legal representative's) personal approval link stays valid this long.
LINK_GELDIG_DAGEN = 14
# The outbox's reference to a personal approval link (duaal/meldingen/links.py).
UITNODIGING_LINK = "overeenkomsten.uitnodiging"
# The same personal link once the version is signed: it opens the signed copy (links.py).
KOPIE_LINK = "overeenkomsten.kopie"
# R60: a fixed term, at most 3 years (the kernel's term definition counts 36 months).
MAX_DUUR_JAREN = OVEREENKOMST_DUUR.lengte // 12
# R54: an OAO averages at least 20 workplace hours a week, an SAO less.
OAO_MIN_UREN = 20
# The salt of the signed token a personal link carries.
LINK_SALT = "overeenkomsten.uitnodiging"


class AuditVerb(models.TextChoices):
    """Every verb this app records; old verbs stay so their timeline lines keep a label."""

    LEERLING_GEREGISTREERD = "leerling.geregistreerd", _("learner registered")
    LEERLING_GEWIJZIGD = "leerling.gewijzigd", _("learner details changed")
    LEERLING_ADVIES = "leerling.advies", _("advice on readiness and willingness recorded")
    LEERLING_GOEDGEKEURD = "leerling.goedgekeurd", _("approved for dual learning")
    LEERLING_AANLOOPFASE = "leerling.aanloopfase", _("referred to the preparatory phase")
    LEERLING_WERKPLEK_GOEDGEKEURD = (
        "leerling.werkplek_goedgekeurd",
        _("approved for a workplace after the intake"),
    )
    LEERLING_WERKPLEK_LOSGELATEN = "leerling.werkplek_losgelaten", _("workplace match fell through")
    LEERLING_GESTOPT = "leerling.gestopt", _("stopped the dual training")
    LEERLING_TERMIJN_VERSTREKEN = (
        "leerling.termijn_verstreken",
        _("no agreement within 20 training days"),
    )
    VOORSTEL_GEDAAN = "voorstel.gedaan", _("proposed to a workplace")
    VOORSTEL_AANVAARD = "voorstel.aanvaard", _("proposal accepted by the employer")
    VOORSTEL_GEWEIGERD = "voorstel.geweigerd", _("proposal refused by the employer")
    VOORSTEL_INGETROKKEN = "voorstel.ingetrokken", _("proposal withdrawn")
    VOORSTEL_VERVALLEN = "voorstel.vervallen", _("proposal lapsed without an answer")
    OVEREENKOMST_OPGESTELD = "overeenkomst.opgesteld", _("agreement drafted")
    OVEREENKOMST_GEWIJZIGD = "overeenkomst.gewijzigd", _("agreement changed")
    OVEREENKOMST_VERSTUURD = "overeenkomst.verstuurd", _("agreement sent for approval")
    OVEREENKOMST_GOEDGEKEURD = "overeenkomst.goedgekeurd", _("agreement approved by a party")
    OVEREENKOMST_ONDERTEKEND = "overeenkomst.ondertekend", _("agreement signed by every party")
    OVEREENKOMST_TE_BEVESTIGEN = (
        "overeenkomst.te_bevestigen",
        _("every party approved; a signature on paper awaits its party's confirmation"),
    )
    HANDTEKENING_BEVESTIGD = (
        "overeenkomst.handtekening_bevestigd",
        _("signature on paper confirmed by its party"),
    )
    HANDTEKENING_GEVERIFIEERD = (
        "overeenkomst.handtekening_geverifieerd",
        _("signature on paper verified by the partnership"),
    )
    HANDTEKENING_BETWIST = (
        "overeenkomst.handtekening_betwist",
        _("signature on paper disputed by its party: void"),
    )
    LEERLING_VOOROPLEIDING = "leerling.vooropleiding", _("prerequisite recorded")
    LEERLING_VOOROPLEIDING_WEG = "leerling.vooropleiding_weg", _("prerequisite removed")
    FORMALITEITEN_VASTGELEGD = (
        "overeenkomst.formaliteiten",
        _("medical examination and Dimona dates recorded"),
    )
    OVEREENKOMST_GESCHORST = "overeenkomst.geschorst", _("suspension recorded")
    OVEREENKOMST_BEEINDIGD = "overeenkomst.beeindigd", _("agreement ended early")
    OVEREENKOMST_AFGELOPEN = "overeenkomst.afgelopen", _("agreement ended")
    OVEREENKOMST_GEANNULEERD = "overeenkomst.geannuleerd", _("agreement withdrawn")
    OVEREENKOMST_TE_BEEINDIGEN = (
        "overeenkomst.te_beeindigen",
        _("recognition ended: agreement to be ended early"),
    )
    VERWEESDE_PDF_VERWIJDERD = (
        "overeenkomst.verweesde_pdf_verwijderd",
        _("agreement PDF without a record deleted"),
    )
    EVALUATIE_GEREGISTREERD = "overeenkomst.evaluatie", _("evaluation recorded")
    EVALUATIE_VERSTREKEN = (
        "overeenkomst.evaluatie_verstreken",
        _("required evaluation overdue"),
    )
    BEGELEIDE_DAG_GEREGISTREERD = "overeenkomst.begeleide_dag", _("supervised day recorded")
    FEEDBACK_GEREGISTREERD = "overeenkomst.feedback", _("feedback moment recorded")
    KLASSENRAAD_BESLISSING = "leerling.klassenraad", _("class council decision recorded")
    INSCHRIJVINGSNUMMER_GEREGISTREERD = (
        "leerling.inschrijvingsnummer",
        _("registration number as care assistant recorded"),
    )

"""The tripartite agreement (OAO/SAO/DA, R54-R61) and its timetable annex."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from duaal.organisaties.constants import Overeenkomsttype
from overeenkomsten.constants import BeeindigingReden, OvereenkomstStatus, Situatie
from overeenkomsten.querysets import OvereenkomstQuerySet, PerOvereenkomstQuerySet


class Traject(BaseModel):
    """A learner's training in one programme as consecutive phases, possibly at different
    recognised workplaces and employers: one agreement per phase and employer."""

    leerling = models.ForeignKey(
        "overeenkomsten.Leerling",
        on_delete=models.PROTECT,
        related_name="trajecten",
        verbose_name=_("learner"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.leerling} – {self.opleiding}"


class Roostersoort(models.TextChoices):
    WEEK = "week", _("A repeating week")
    PERIODES = "periodes", _("A sequence of periods (block periods)")


class Overeenkomst(BaseModel):
    leerling = models.ForeignKey(
        "overeenkomsten.Leerling",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("learner"),
    )
    onderwijsinstelling = models.ForeignKey(
        "organisaties.Onderwijsinstelling",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("training provider"),
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trajectory coach"),
    )
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("enterprise"),
    )
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("establishment"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("programme"),
    )
    toewijzing = models.ForeignKey(
        "mentors.MentorToewijzing",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("mentor"),
    )
    # The trajectory and phase (the programme's OpleidingsFase.volgorde) this agreement
    # covers; empty for a programme without phases.
    traject = models.ForeignKey(
        Traject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("trajectory"),
    )
    fase_volgorde = models.PositiveSmallIntegerField(_("phase"), null=True, blank=True)
    # The version of the programme's rules in force when the agreement was sent; it governs.
    regelversie = models.ForeignKey(
        "organisaties.OpleidingsRegels",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme rules"),
    )
    # R56: copied from the programme, never chosen (a programme's named alternative aside).
    soort = models.CharField(_("agreement type"), max_length=8, choices=Overeenkomsttype.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OvereenkomstStatus.choices,
        default=OvereenkomstStatus.ONTWERP,
    )
    # Every substantive change makes a new version: approvals and the PDF belong to one.
    versie = models.PositiveIntegerField(_("version"), default=1)

    start = models.DateField(_("start date"))
    einde = models.DateField(_("end date"))
    werkplekuren_per_week = models.DecimalField(
        _("average workplace hours per week"), max_digits=4, decimal_places=1
    )
    # R58: an ODO(W) is done at the learner's own employer; the coach records since when the
    # learner works there, and the employer's approval of the agreement confirms it.
    in_dienst_sinds = models.DateField(
        _("employed by this enterprise since"), null=True, blank=True
    )
    roostersoort = models.CharField(
        _("kind of timetable"),
        max_length=10,
        choices=Roostersoort.choices,
        default="week",
        db_default="week",
    )
    # Employer formalities before the start (R71, R72), recorded by the employer.
    medisch_onderzoek_op = models.DateField(_("medical examination on"), null=True, blank=True)
    dimona_op = models.DateField(_("Dimona ALT declared on"), null=True, blank=True)
    opleidingsplan = models.TextField(
        _("individual training plan"),
        help_text=_("Drawn up with the mentor and the learner; annex to the agreement."),
    )
    vakantiebijlage = models.TextField(
        _("school-holiday annex: learning opportunities"),
        blank=True,
        help_text=_(
            "Only when the learner trains during a school holiday: the learning opportunities "
            "that exist only then, and when the days are recovered."
        ),
    )
    # R66: level and amount fixed from the GGMMI in force on the start date.
    situatie = models.CharField(
        _("allowance level"), max_length=1, choices=Situatie.choices, blank=True
    )
    leervergoeding = models.DecimalField(
        _("learning allowance (EUR per month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # R55/R68: a DA pays the sector's wage scale, entered by the coach.
    loon_sectorschaal = models.DecimalField(
        _("wage on the sector's scale (EUR per month)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )

    # R59/R61: fixed when sent: the learner was a minor, so the legal representative signs too.
    met_vertegenwoordiger = models.BooleanField(_("the legal representative signs"), default=False)
    verstuurd_op = models.DateTimeField(_("sent for approval at"), null=True, blank=True)
    ondertekend_op = models.DateTimeField(_("signed at"), null=True, blank=True)
    beeindigd_op = models.DateField(_("ended early on"), null=True, blank=True)
    beeindiging_reden = models.CharField(
        _("reason for ending"), max_length=16, choices=BeeindigingReden.choices, blank=True
    )
    beeindiging_toelichting = models.TextField(_("ending explained"), blank=True)
    # R24/R74: the recognition ended, so this agreement must end early; set by the signal.
    te_beeindigen_sinds = models.DateField(_("to be ended early since"), null=True, blank=True)

    objects = OvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("start")), name="overeenkomst_einde_na_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OvereenkomstStatus.values),
                name="overeenkomst_status_geldig",
            ),
            models.CheckConstraint(
                condition=Q(werkplekuren_per_week__gt=0, werkplekuren_per_week__lte=38),
                name="overeenkomst_uren_geldig",
            ),
        ]
        indexes = [
            # The end-of-term sweep selects signed agreements by end date.
            models.Index(
                fields=["einde"],
                condition=Q(status="ondertekend"),
                name="overeenkomst_lopend_einde_idx",
            ),
            models.Index(fields=["leerling", "status"], name="overeenkomst_leerling_idx"),
            models.Index(fields=["toewijzing", "status"], name="overeenkomst_mentor_idx"),
            # The school's dashboard and lists filter a school's agreements by status.
            models.Index(fields=["onderwijsinstelling", "status"], name="overeenkomst_school_idx"),
            # The sweep for agreements whose recognition ended (R24) runs every few minutes
            # over the running agreements not flagged yet, by place.
            models.Index(
                fields=["vestiging", "opleiding", "einde"],
                condition=Q(
                    status__in=["ter_goedkeuring", "ondertekend"], te_beeindigen_sinds__isnull=True
                ),
                name="overeenkomst_te_markeren_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.leerling} – {self.onderneming}"

    def get_absolute_url(self) -> str:
        return reverse("overeenkomsten:overeenkomst_detail", kwargs={"public_id": self.public_id})

    @property
    def referentie(self) -> str:
        """A short reference to quote to the school or the partnership: the first 8 hex
        digits of the public id and the version sent."""
        return f"O-{self.public_id.hex[:8].upper()}-{self.versie}"

    @property
    def werkelijk_einde(self):
        return self.beeindigd_op or self.einde

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The school drafts, sends, changes and withdraws (R61, R69); the employer and the
        school each approve for themselves, and follow up a signed agreement (R73-R74); the
        employer answers for its own signature."""
        if permission in (perms.OVEREENKOMST_GOEDKEUREN, perms.OVEREENKOMST_OPVOLGEN):
            return {self.onderneming_id, self.onderwijsinstelling_id}
        if permission == perms.WERKGEVER_INSTEMMEN:
            return {self.onderneming_id}
        return {self.onderwijsinstelling_id}


class RoosterPeriode(models.Model):
    """One period of a block-period timetable: from `van` to `tot` the learner is at school,
    at the workplace, or both, following the period's own week (its UurroosterRegel rows)."""

    class Soort(models.TextChoices):
        SCHOOL = "school", _("School period")
        WERKPLEK = "werkplek", _("Workplace period")
        GEMENGD = "gemengd", _("School and workplace")

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.CASCADE,
        related_name="roosterperiodes",
        verbose_name=_("agreement"),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"))
    soort = models.CharField(_("kind of period"), max_length=10, choices=Soort.choices)
    van = models.DateField(_("from"))
    tot = models.DateField(_("until"))

    objects = PerOvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("timetable period")
        verbose_name_plural = _("timetable periods")
        ordering = ["overeenkomst", "volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=F("van")), name="roosterperiode_tot_na_van"
            ),
            models.UniqueConstraint(
                fields=["overeenkomst", "volgorde"], name="roosterperiode_volgorde_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.van:%d/%m/%Y}–{self.tot:%d/%m/%Y}"


class UurroosterRegel(models.Model):
    """One block of the weekly timetable annex (R62.7): where the learner is, when."""

    class Plaats(models.TextChoices):
        WERKPLEK = "werkplek", _("Workplace")
        SCHOOL = "school", _("Lessons")

    class Dag(models.IntegerChoices):
        MAANDAG = 1, _("Monday")
        DINSDAG = 2, _("Tuesday")
        WOENSDAG = 3, _("Wednesday")
        DONDERDAG = 4, _("Thursday")
        VRIJDAG = 5, _("Friday")
        ZATERDAG = 6, _("Saturday")
        ZONDAG = 7, _("Sunday")

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.CASCADE,
        related_name="uurrooster",
        verbose_name=_("agreement"),
    )
    # Empty in a repeating week; in a block-period timetable, the period whose week this is.
    periode = models.ForeignKey(
        RoosterPeriode,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blokken",
        verbose_name=_("period"),
    )
    dag = models.PositiveSmallIntegerField(_("day"), choices=Dag.choices)
    plaats = models.CharField(_("where"), max_length=10, choices=Plaats.choices)
    van = models.TimeField(_("from"))
    tot = models.TimeField(_("until"))

    objects = PerOvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("timetable block")
        verbose_name_plural = _("timetable")
        ordering = ["dag", "van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gt=F("van")), name="uurrooster_tot_na_van")
        ]

    def __str__(self) -> str:
        tijd = f"{self.van:%H:%M}–{self.tot:%H:%M}"
        return f"{self.get_dag_display()} {tijd} {self.get_plaats_display()}"

    @property
    def uren(self) -> float:
        return (
            (self.tot.hour * 60 + self.tot.minute) - (self.van.hour * 60 + self.van.minute)
        ) / 60

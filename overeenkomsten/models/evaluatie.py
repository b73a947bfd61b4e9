"""Evaluations of a learner by mentor and coach (R52), the evaluations a programme requires at
a moment, the class council's decision, and the home-care records (supervised days, weekly
feedback)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duaal.models import BaseModel
from duaal.uploads import private_naam


def evaluatie_pad(instance: models.Model, filename: str) -> str:
    return private_naam("overeenkomsten/evaluaties", filename)


class EvaluatieSoort(models.TextChoices):
    TUSSENTIJDS = "tussentijds", _("Interim evaluation")
    EERSTE_MAAND = "eerste_maand", _("Evaluation after the first month of a phase")
    EIND = "eind", _("Final evaluation")
    ANDERE = "andere", _("Other evaluation")


class EvaluatieUitkomst(models.TextChoices):
    POSITIEF = "positief", _("Positive")
    NIET_POSITIEF = "niet_positief", _("Not positive (motivated report)")


class EvaluatieRol(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectory coach")


class Evaluatie(BaseModel):
    leerling = models.ForeignKey(
        "overeenkomsten.Leerling",
        on_delete=models.PROTECT,
        related_name="evaluaties",
        verbose_name=_("learner"),
    )
    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluaties",
        verbose_name=_("agreement"),
    )
    fase_volgorde = models.PositiveSmallIntegerField(_("phase"), null=True, blank=True)
    datum = models.DateField(_("date of the evaluation"))
    soort = models.CharField(_("kind"), max_length=16, choices=EvaluatieSoort.choices)
    uitkomst = models.CharField(_("outcome"), max_length=16, choices=EvaluatieUitkomst.choices)
    notities = models.TextField(_("notes"), blank=True)
    # Required when the outcome is not positive: the motivated report.
    verslag = models.TextField(_("motivated report"), blank=True)
    document = models.FileField(_("document"), upload_to=evaluatie_pad, blank=True)
    rol = models.CharField(_("recorded as"), max_length=20, choices=EvaluatieRol.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    geregistreerd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["leerling", "datum"], name="evaluatie_leerling_idx")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d/%m/%Y}"


class VerplichteEvaluatie(models.Model):
    """An evaluation the programme requires for a phase by a date: met by a positive
    evaluation or a motivated report. The beat sweep flags it when the date has passed."""

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.CASCADE,
        related_name="verplichte_evaluaties",
        verbose_name=_("agreement"),
    )
    fase_volgorde = models.PositiveSmallIntegerField(_("phase"), null=True, blank=True)
    uiterlijk = models.DateField(_("due by"))
    voldaan_met = models.ForeignKey(
        Evaluatie,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("met by"),
    )
    herinnerd_op = models.DateTimeField(_("reminded at"), null=True, blank=True)
    verstreken_op = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)

    class Meta:
        verbose_name = _("required evaluation")
        verbose_name_plural = _("required evaluations")
        ordering = ["uiterlijk", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "fase_volgorde"], name="verplichte_evaluatie_uniek"
            )
        ]
        indexes = [
            models.Index(
                fields=["uiterlijk"],
                condition=Q(voldaan_met__isnull=True),
                name="verplichte_evaluatie_open_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.overeenkomst_id} fase {self.fase_volgorde} by {self.uiterlijk}"


class KlassenraadBeslissing(models.Model):
    """The class council's decision on progression (R52), recorded by the coach."""

    class Beslissing(models.TextChoices):
        GESLAAGD = "geslaagd", _("Completed successfully: may progress")
        NIET_GESLAAGD = "niet_geslaagd", _("Not completed successfully")

    leerling = models.ForeignKey(
        "overeenkomsten.Leerling",
        on_delete=models.PROTECT,
        related_name="klassenraadbeslissingen",
        verbose_name=_("learner"),
    )
    schooljaar = models.PositiveSmallIntegerField(
        _("school year (year it starts)"), help_text=_("For example 2026 for 2026-2027.")
    )
    datum = models.DateField(_("date of the decision"))
    beslissing = models.CharField(_("decision"), max_length=16, choices=Beslissing.choices)
    toelichting = models.TextField(_("explanation"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    geregistreerd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("class council decision")
        verbose_name_plural = _("class council decisions")
        ordering = ["-schooljaar", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "schooljaar"], name="klassenraad_per_schooljaar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.leerling_id} {self.schooljaar}: {self.beslissing}"


class BegeleideDag(models.Model):
    """A day the learner worked in the presence or under the supervision of the mentor."""

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.CASCADE,
        related_name="begeleide_dagen",
        verbose_name=_("agreement"),
    )
    datum = models.DateField(_("date"))
    notities = models.CharField(_("notes"), max_length=300, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    geregistreerd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("supervised day")
        verbose_name_plural = _("supervised days")
        ordering = ["overeenkomst", "datum"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "datum"], name="begeleide_dag_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.overeenkomst_id} {self.datum}"


class Feedbackmoment(models.Model):
    """The mentor's weekly feedback while the learner works under remote supervision."""

    class Wijze(models.TextChoices):
        MAIL = "mail", _("By e-mail")
        TELEFOON = "telefoon", _("By phone")
        GESPREK = "gesprek", _("In person")
        WIJKWERKING = "wijkwerking", _("At a neighbourhood meeting")

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.CASCADE,
        related_name="feedbackmomenten",
        verbose_name=_("agreement"),
    )
    datum = models.DateField(_("date"))
    wijze = models.CharField(_("how"), max_length=16, choices=Wijze.choices)
    notities = models.TextField(_("notes"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    geregistreerd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("feedback moment")
        verbose_name_plural = _("feedback moments")
        ordering = ["overeenkomst", "-datum"]

    def __str__(self) -> str:
        return f"{self.overeenkomst_id} {self.datum}"

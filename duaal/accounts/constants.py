from django.db import models
from django.utils.translation import gettext_lazy as _

from duaal.organisaties.constants import OrganisatieSoort


class Rol(models.TextChoices):
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Employer representative")
    ONDERNEMING_MEDEWERKER = "onderneming_medewerker", _("Employer staff (read only)")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectory coach")
    SECTORCONSULENT = "sectorconsulent", _("Sector consultant")
    PARTNERSCHAPSBEHEERDER = "partnerschapsbeheerder", _("Partnership administrator")
    PLATFORMBEHEERDER = "platformbeheerder", _("Platform administrator")


# Which kind of organisation each role acts for.
ROL_ORGANISATIESOORT: dict[str, str] = {
    Rol.VERTEGENWOORDIGER: OrganisatieSoort.ONDERNEMING,
    Rol.ONDERNEMING_MEDEWERKER: OrganisatieSoort.ONDERNEMING,
    Rol.TRAJECTBEGELEIDER: OrganisatieSoort.ONDERWIJSINSTELLING,
    Rol.SECTORCONSULENT: OrganisatieSoort.PARTNERSCHAP,
    Rol.PARTNERSCHAPSBEHEERDER: OrganisatieSoort.PARTNERSCHAP,
    Rol.PLATFORMBEHEERDER: OrganisatieSoort.DEPARTEMENT,
}


class AuditVerb(models.TextChoices):
    """The accounts' audit verbs; the labels are what the timeline shows."""

    MEMBERSHIP_TOEGEKEND = "membership.toegekend", _("membership granted in management")
    MEMBERSHIP_GEWIJZIGD = "membership.gewijzigd", _("membership changed in management")
    MEMBERSHIP_INGETROKKEN = "membership.ingetrokken", _("membership removed in management")
    ONDERNEMING_REGISTRATIE_BEVESTIGD = (
        "onderneming.registratie_bevestigd",
        _("registration confirmed"),
    )

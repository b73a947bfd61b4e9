from django.db import models
from django.utils.translation import gettext_lazy as _


class MeldingStatus(models.TextChoices):
    TE_VERZENDEN = "te_verzenden", _("To be sent")
    BEZIG = "bezig", _("Sending")
    VERZONDEN = "verzonden", _("Sent")
    MISLUKT = "mislukt", _("Failed")
    # Not sent: the link it was to carry no longer works (replaced, or expired while queued).
    VERVALLEN = "vervallen", _("Lapsed")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentors")

    def ready(self) -> None:
        from duaal.audit.models import VERB_LABELS

        from . import acties  # noqa: F401 - registers the mentor dashboard sections

        VERB_LABELS.update(
            {
                "mentor.geregistreerd": _("mentor registered"),
                "mentor.toegewezen": _("mentor designated"),
                "toewijzing.aanvaard": _("designation accepted"),
                "toewijzing.geweigerd": _("designation refused"),
                "toewijzing.gedeactiveerd": _("mentor deactivated here"),
                "toewijzing.gereactiveerd": _("mentor reactivated here"),
                "uittreksel.opgeladen": _("criminal-record extract uploaded"),
                "uittreksel.gecontroleerd": _("criminal-record extract checked"),
                "uittreksel.bestand_verwijderd": _("extract file deleted after the check"),
                "uitzondering.aangevraagd": _("exception requested"),
                "uitzondering.toegekend": _("exception granted"),
                "uitzondering.geweigerd": _("exception refused"),
                "mentoropleiding.gepland": _("mentor training planned"),
                "mentoropleiding.gevolgd": _("mentor training completed"),
                "mentoropleiding.vrijgesteld": _("exempted from the mentor training"),
                "mentoropleiding.herinnering": _("mentor training reminder sent"),
                "mentoropleiding.achterstallig": _("mentor training overdue"),
            }
        )

    def demo_data(self) -> None:
        from .demo import demo_mentoren_laden

        demo_mentoren_laden()

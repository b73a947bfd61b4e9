from django.utils.translation import gettext_lazy as _

from duaal.exceptions import DomainError, StatusTransitionError


class MentorFout(DomainError):
    """A refused mentor action; the message says why, in the user's language."""


class OngeldigeStatusOvergang(MentorFout, StatusTransitionError):
    def __init__(self, van: str, naar: str) -> None:
        super().__init__(str(_("This step is not possible from status “%(van)s”.")) % {"van": van})
        self.van, self.naar = van, naar

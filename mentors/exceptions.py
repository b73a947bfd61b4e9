from django.utils.translation import gettext_lazy as _


class MentorFout(Exception):
    """A refused mentor action; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OngeldigeStatusOvergang(MentorFout):
    def __init__(self, van: str, naar: str) -> None:
        super().__init__(str(_("This step is not possible from status “%(van)s”.")) % {"van": van})
        self.van, self.naar = van, naar

from django.utils.translation import gettext_lazy as _


class ErkenningFout(Exception):
    """A refused action on an application or recognition; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OngeldigeStatusOvergang(ErkenningFout):
    def __init__(self, huidig_label: str) -> None:
        super().__init__(
            str(_("This step is not possible while the file is “%(status)s”."))
            % {"status": huidig_label}
        )


class AlBeslist(ErkenningFout):
    """Two consultants decided at the same moment: the other one was first (R4)."""

    def __init__(self) -> None:
        super().__init__(
            str(_("A colleague decided this application a moment ago. Reload the page to see it."))
        )

from django.utils.translation import gettext_lazy as _

from duaal.exceptions import DomainError, StatusTransitionError


class ErkenningFout(DomainError):
    """A refused action on an application or recognition; the message says why."""


class OngeldigeStatusOvergang(ErkenningFout, StatusTransitionError):
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

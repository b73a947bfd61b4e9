from django.utils.translation import gettext_lazy as _

from duaal.exceptions import DomainError, StatusTransitionError


class OvereenkomstFout(DomainError):
    """A refused action on a learner or an agreement; the message says why."""


class OngeldigeStatusOvergang(OvereenkomstFout, StatusTransitionError):
    def __init__(self, huidig_label: str) -> None:
        super().__init__(
            str(_("This step is not possible while the status is “%(status)s”."))
            % {"status": huidig_label}
        )


class OngeldigeLink(OvereenkomstFout):
    def __init__(self) -> None:
        super().__init__(
            str(
                _(
                    "This link is no longer valid: it has expired, was already used, or the "
                    "agreement changed since. Ask the trajectory coach for a new link."
                )
            )
        )

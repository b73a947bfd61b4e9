"""The errors every app's services raise for a refused action; each app subclasses them, so
the shared views (duaal.views) can show any app's refusal without importing that app."""


class DomainError(Exception):
    """A refused action; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StatusTransitionError(DomainError):
    """The step is not possible from the object's current status: the page the user acted on
    was stale, so the message concerns the whole form, not one field."""

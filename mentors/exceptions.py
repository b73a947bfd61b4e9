from duaal.exceptions import DomainError


class MentorFout(DomainError):
    """A refused mentor action; the message says why, in the user's language."""

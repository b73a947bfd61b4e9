from .bewijs import Uittreksel, Uitzondering
from .mentor import Mentor, MentorToewijzing
from .opleiding import Mentoropleiding

__all__ = ["Mentor", "MentorToewijzing", "Mentoropleiding", "Uittreksel", "Uitzondering"]

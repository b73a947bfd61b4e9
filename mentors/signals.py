"""Signals other apps listen to; mentors imports none of them (apps depend downwards)."""

from django.dispatch import Signal

# Sent after commit when an establishment x programme loses its last valid mentor (R43).
# Arguments: vestiging, opleiding, now. The recognition app marks the recognition
# "zonder geldige mentor" and blocks new agreements until a valid mentor is back.
geen_geldige_mentor_meer = Signal()

# Sent after commit when a designation becomes valid (accepted or reactivated) so the place has
# a valid mentor; the recognition app lifts "zonder geldige mentor". Same arguments.
geldige_mentor_beschikbaar = Signal()

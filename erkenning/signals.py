"""Signals for the apps above erkenning (agreements); erkenning imports none of them."""

from django.dispatch import Signal

# Sent after commit when a recognition stops running (expired, lifted, excluded). Arguments:
# erkenning, reden, now. The agreements app lists its running agreements for early termination
# and notifies their trajectory coaches (R24).
erkenning_beeindigd = Signal()

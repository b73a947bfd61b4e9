"""Signals for the apps above erkenning (agreements); erkenning imports none of them."""

from django.dispatch import Signal

# Sent after commit when recognitions stop running (expired, lifted, excluded). Arguments:
# erkenning_ids (a list: the expiry sweep sends one signal per batch, so a receiver can work per
# set instead of per row), reden, now. The agreements app flags their running agreements for
# early termination and notifies the parties (R24).
erkenning_beeindigd = Signal()

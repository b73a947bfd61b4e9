"""Receivers: a recognition that stops running flags its running agreements (R24, R74)."""

from django.dispatch import receiver

from erkenning.signals import erkenning_beeindigd


@receiver(erkenning_beeindigd, dispatch_uid="overeenkomsten.erkenning_beeindigd")
def _erkenning_beeindigd(sender, *, erkenning_ids, reden, now, **kwargs) -> None:
    from .services import na_erkenning_beeindigd

    na_erkenning_beeindigd(erkenning_ids=erkenning_ids, reden=reden, now=now)

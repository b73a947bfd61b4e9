"""Check your answers: the page before a final action lists every answer with a link to where
it is changed, and the final POST comes from that page. The page carries a fingerprint of what
it showed; a POST from an older page (the answers changed in another tab) is stopped and the
current summary shown, so nobody submits what they did not see. The action's guard stays the
one check of whether the action may happen (style.md G26)."""

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.forms import Form
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

# The hidden field that carries the fingerprint.
SLEUTEL = "samenvatting"

VEROUDERD = _(
    "The answers changed after this summary was shown. Check them below again, then confirm."
)


@dataclass(frozen=True)
class Antwoord:
    """One line: the question, the answer, and where to change it ("": it cannot change)."""

    vraag: str
    antwoord: str
    wijzigen: str = ""


@dataclass
class Rubriek:
    titel: str
    antwoorden: list[Antwoord] = field(default_factory=list)


def vingerafdruk(rubrieken: list[Rubriek]) -> str:
    """What the summary showed, in a few characters."""
    tekst = "\n".join(f"{a.vraag}\t{a.antwoord}" for r in rubrieken for a in r.antwoorden)
    return hashlib.sha256(tekst.encode()).hexdigest()[:32]


if TYPE_CHECKING:
    from django.views.generic import FormView

    _Base = FormView[Any]
else:
    _Base = object


class SamenvattingMixin(_Base):
    """For an action view (duaal.views.ActieView): `rubrieken()` builds the summary; the
    template shows `rubrieken` (partials/samenvatting.html) and puts `sleutel` in the form."""

    def rubrieken(self) -> list[Rubriek]:
        raise NotImplementedError

    def _rubrieken(self) -> list[Rubriek]:
        if not hasattr(self, "_rubrieken_cache"):
            self._rubrieken_cache = self.rubrieken()
        return self._rubrieken_cache

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rubrieken = self._rubrieken()
        kwargs.setdefault("rubrieken", rubrieken)
        kwargs.setdefault("sleutel_naam", SLEUTEL)
        kwargs.setdefault("sleutel", vingerafdruk(rubrieken))
        return super().get_context_data(**kwargs)

    def form_valid(self, form: Form) -> HttpResponse:
        # The guard answers first: when the action is no longer possible, its reasons are the
        # answer, not "look again".
        allowed = self.guard().allowed  # type: ignore[attr-defined]
        if allowed and self.request.POST.get(SLEUTEL) != vingerafdruk(self._rubrieken()):
            form.add_error(None, VEROUDERD)
            return self.form_invalid(form)
        return super().form_valid(form)

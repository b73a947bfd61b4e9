"""The access policy's two entry points for views: fetch visible objects, require permissions.

Not visible -> 404 (existence is never revealed); visible but the role lacks the action -> 403.
"""

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast
from uuid import UUID

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.generic.base import TemplateResponseMixin, View

from duaal.accounts.actor import Actor
from duaal.http import PortalRequest

M = TypeVar("M", bound=Model)

AUTHENTICATED = "authenticated"


class VisibleQuerySet(Protocol[M]):
    """A queryset of a domain model: its access policy answers `visible_to(actor)`."""

    model: type[M]

    def all(self) -> "VisibleQuerySet[M]": ...

    def visible_to(self, actor: Actor) -> QuerySet[M]: ...


def get_visible_or_404(queryset: VisibleQuerySet[M], actor: Actor, *, public_id: UUID | str) -> M:
    """Return the object with this public id if the actor may see it, else raise 404."""
    try:
        return queryset.visible_to(actor).get(public_id=public_id)
    # Every model class has its DoesNotExist; the stubs know it per model, not on type[M].
    except (queryset.model.DoesNotExist, ValueError):  # type: ignore[attr-defined]
        raise Http404 from None


def require_perm(actor: Actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied


if TYPE_CHECKING:

    class _PortalView(TemplateResponseMixin, View):
        """For the checker only: these mixins go into Django views whose request went through
        the portal's middleware. Django's TemplateResponseMixin declares `request` as well, so
        this base names it too, else the narrower type would clash with it in the views."""

        request: PortalRequest

else:
    _PortalView = object


class ActorRequiredMixin(LoginRequiredMixin, _PortalView):
    """Views declare `permission`; the acting membership's role must hold it (else 403).

    `permission = AUTHENTICATED` marks a view any logged-in user may open.
    """

    permission: str | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # The portal's middleware ran first: the request carries its actor.
        self.check_access(cast(PortalRequest, request))
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request: PortalRequest) -> None:
        if self.permission is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no permission.")
        if self.permission != AUTHENTICATED:
            require_perm(request.actor, self.permission)


class VisibleObjectMixin(ActorRequiredMixin):
    """Object-bound views: look the object up through `visible_to(actor)` first (404), then
    check the permission (403), so a foreign object's existence is never revealed."""

    queryset: VisibleQuerySet[Any] | None = None
    object: Any = None

    def check_access(self, request: PortalRequest) -> None:
        self.object = self.get_object()
        super().check_access(request)

    def get_queryset(self) -> VisibleQuerySet[Any]:
        assert self.queryset is not None
        return self.queryset.all()

    def get_object(self, queryset: VisibleQuerySet[Any] | None = None) -> Any:
        if self.object is not None:
            return self.object
        return get_visible_or_404(
            queryset if queryset is not None else self.get_queryset(),
            self.request.actor,
            public_id=self.kwargs["public_id"],
        )

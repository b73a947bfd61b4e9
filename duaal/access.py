"""The access policy's two entry points for views: fetch visible objects, require permissions.

Not visible -> 404 (existence is never revealed); visible but the role lacks the action -> 403.
"""

from typing import Any, TypeVar
from uuid import UUID

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

from duaal.accounts.actor import Actor

M = TypeVar("M", bound=Model)

AUTHENTICATED = "authenticated"


def get_visible_or_404(queryset: QuerySet[M], actor: Actor, *, public_id: UUID | str) -> M:
    """Return the object with this public id if the actor may see it, else raise 404."""
    try:
        return queryset.visible_to(actor).get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def require_perm(actor: Actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied


class ActorRequiredMixin(LoginRequiredMixin):
    """Views declare `permission`; the acting membership's role must hold it (else 403).

    `permission = AUTHENTICATED` marks a view any logged-in user may open.
    """

    permission: str | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_access(request)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request: HttpRequest) -> None:
        if self.permission is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no permission.")
        if self.permission != AUTHENTICATED:
            require_perm(request.actor, self.permission)


class VisibleObjectMixin(ActorRequiredMixin):
    """Object-bound views: look the object up through `visible_to(actor)` first (404), then
    check the permission (403), so a foreign object's existence is never revealed."""

    queryset: QuerySet | None = None
    object: Any = None

    def check_access(self, request: HttpRequest) -> None:
        self.object = self.get_object()
        super().check_access(request)

    def get_queryset(self) -> QuerySet:
        assert self.queryset is not None
        return self.queryset.all()

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        if self.object is not None:
            return self.object
        return get_visible_or_404(
            queryset if queryset is not None else self.get_queryset(),
            self.request.actor,
            public_id=self.kwargs["public_id"],
        )

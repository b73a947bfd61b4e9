"""Where a page's queries come from: the view, a context processor or a template (P1).

P1 asks for "no query from a template": a template that follows a relation or evaluates a
queryset runs its query lazily, once per row, where no query count in the view can see it.
`query_sources()` wraps the connection's execute and classifies every query by the Python
stack that issued it:

- "context processor": issued while `RequestContext.bind_template` runs the processors. Those
  run once per page, so they are a fixed cost of the page, not a lazy per-row lookup;
- "template": issued while a template renders, i.e. a frame of `django/template/` (nodes,
  variable lookups, filters) or of a `templatetags` module is on the stack;
- "view": everything else (middleware, view, presenter, form construction).

For a template query it names the template nodes being rendered (template:line and the tag
or variable), innermost last, so a failure message says which line of which template to fix.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Literal

import django.template
from django.db import DEFAULT_DB_ALIAS, connections
from django.template.base import TokenType

Source = Literal["view", "context processor", "template"]

TEMPLATE_PACKAGE = os.path.dirname(django.template.__file__) + os.sep
CONTEXT_MODULE = TEMPLATE_PACKAGE + "context.py"
BASE_MODULE = TEMPLATE_PACKAGE + "base.py"
TEMPLATETAGS = f"{os.sep}templatetags{os.sep}"
DJANGO_PACKAGE = os.path.dirname(os.path.dirname(TEMPLATE_PACKAGE)) + os.sep
# Templates of installed packages (form widgets, crispy fields) live beside Django.
PACKAGES = os.path.dirname(os.path.dirname(DJANGO_PACKAGE)) + os.sep
# The template nodes named per template query; the innermost are the ones to fix.
NODES_SHOWN = 3


@dataclass(frozen=True)
class SourcedQuery:
    sql: str
    params: Any
    source: Source
    where: str  # template nodes, the context processor, or the innermost project frame

    def __str__(self) -> str:
        return f"[{self.source}] {self.where or '?'}\n    {self.sql} {self.params!r}"


@dataclass
class QuerySources:
    """The queries of one `query_sources()` block, in execution order."""

    queries: list[SourcedQuery] = field(default_factory=list)

    def of(self, source: Source) -> list[SourcedQuery]:
        return [query for query in self.queries if query.source == source]

    @property
    def template(self) -> list[SourcedQuery]:
        return self.of("template")

    @property
    def context_processor(self) -> list[SourcedQuery]:
        return self.of("context processor")

    def report(self, source: Source = "template") -> str:
        """The queries of one source, with their SQL and where they came from."""
        found = self.of(source)
        lines = [f"{len(found)} of {len(self.queries)} queries from a {source}:"]
        return "\n".join([*lines, *(f"  {query}" for query in found)])


def _node(frame: FrameType) -> tuple[str, bool] | None:
    """template:line and the {{ variable }} or {% tag %} a render_annotated frame renders, and
    whether the template is the project's own (not a package's, e.g. a form widget's)."""
    node = frame.f_locals.get("self")
    origin, token = getattr(node, "origin", None), getattr(node, "token", None)
    if origin is None or token is None:
        return None
    name = getattr(origin, "template_name", None) or origin.name
    contents = token.contents if len(token.contents) <= 60 else token.contents[:57] + "..."
    opener, closer = ("{{", "}}") if token.token_type == TokenType.VAR else ("{%", "%}")
    own = not str(origin.name).startswith(PACKAGES)
    return f"{name}:{token.lineno} {opener} {contents} {closer}", own


def _frame_label(frame: FrameType) -> str:
    return f"{frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}"


def _nodes_label(nodes: list[tuple[str, bool]]) -> str:
    """The innermost nodes, outer to inner, led by the innermost node of a project template
    when those are all in a package's templates (a widget, a crispy field)."""
    shown = [label for label, _ in nodes[:NODES_SHOWN]]
    own = next((label for label, project in nodes if project), None)
    if own is not None and own not in shown:
        shown.append(f"{own} > ...")
    return " > ".join(reversed(shown))


def classify(frame: FrameType | None) -> tuple[Source, str]:
    """The source of a query issued with this stack (innermost frame first), and where."""
    nodes: list[tuple[str, bool]] = []
    in_template = False
    project_frame = callee = ""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename == CONTEXT_MODULE and frame.f_code.co_name == "bind_template":
            return "context processor", callee
        if filename.startswith(TEMPLATE_PACKAGE) or TEMPLATETAGS in filename:
            in_template = True
            if filename == BASE_MODULE and frame.f_code.co_name == "render_annotated":
                if node := _node(frame):
                    nodes.append(node)
        elif not project_frame and not filename.startswith(DJANGO_PACKAGE):
            project_frame = _frame_label(frame)
        callee = _frame_label(frame)  # the processor, when the next frame is bind_template
        frame = frame.f_back
    if in_template:
        return "template", _nodes_label(nodes) or project_frame
    return "view", project_frame


@contextmanager
def query_sources(using: str = DEFAULT_DB_ALIAS) -> Iterator[QuerySources]:
    """Record every query run on the connection inside the block, with its source."""
    sources = QuerySources()

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        source, where = classify(sys._getframe(1))
        sources.queries.append(SourcedQuery(sql=sql, params=params, source=source, where=where))
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(record):
        yield sources

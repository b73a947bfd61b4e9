"""The query budget: a page's query count is fixed (the same for 1 and 30 rows) and small."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

MAX_QUERIES = 12


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


def assert_query_budget(
    client: Client,
    url: str,
    add_rows: Callable[[int], None],
    *,
    small: int = 1,
    large: int = 30,
    limit: int = MAX_QUERIES,
) -> int:
    """Add `small` rows, count; add up to `large`, count again; the counts must be equal."""
    add_rows(small)
    # Warm the per-process caches (content types, translations) so both counts are steady-state.
    count_queries(client, url)
    few = count_queries(client, url)
    add_rows(large - small)
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries for {small} rows, {many} for {large} (N+1)"
    assert many <= limit, f"{url}: {many} queries, budget is {limit}"
    return many

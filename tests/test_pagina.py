"""The shared pagination (duaal.views.pagina): the page is chosen on the keys alone and only its
rows are fetched, in the list's order, with their joins (P1: deep pages of long lists)."""

import pytest

from django.test import RequestFactory

from duaal.views import pagina
from erkenning.models import Erkenning
from tests.erkenning.factories import ErkenningFactory

pytestmark = pytest.mark.django_db


def _pagina(nummer: str, django_assert_num_queries):
    qs = Erkenning.objects.select_related("vestiging").order_by("-geldig_tot", "-pk")
    with django_assert_num_queries(3):  # count, the page's keys, its rows
        page = pagina(RequestFactory().get("/", {"pagina": nummer}), qs, 3)
    return page, list(qs)


def test_a_middle_page_holds_its_rows_in_the_lists_order_with_their_joins(
    django_assert_num_queries,
) -> None:
    ErkenningFactory.create_batch(7)
    page, alles = _pagina("2", django_assert_num_queries)
    assert page.object_list == alles[3:6] and page.paginator.count == 7
    with django_assert_num_queries(0):
        assert all(rij.vestiging.naam for rij in page.object_list)


def test_a_page_past_the_end_shows_the_last_one(django_assert_num_queries) -> None:
    ErkenningFactory.create_batch(7)
    page, alles = _pagina("999999", django_assert_num_queries)
    assert page.number == 3 and page.object_list == alles[6:]


def test_an_empty_list_costs_no_row_query(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):  # the count; no keys and no rows to fetch
        page = pagina(RequestFactory().get("/"), Erkenning.objects.order_by("pk"), 3)
    assert page.object_list == [] and page.paginator.count == 0

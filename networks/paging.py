"""A paginator for lists too large to count on every page: an estimated count past a threshold, and
the page's rows loaded by id.

COUNT(*) reads every matching row; for a search with tens of thousands of matches that costs more
than the page itself. PostgreSQL's planner already estimates the number of rows of the query: when
that estimate is above `exact_up_to`, the paginator takes it, rounded, and says so (`estimated`);
at or below it, the count is exact. Other databases always count exactly.

`load` lets the ordering query stay narrow: the paginator slices the ordered queryset for the page's
ids only (no joins for the page's display, no per-row subqueries), then `load(ids)` fetches the
rows to show, which are put back in the ordering's order.
"""

from __future__ import annotations

import json

from django.core.paginator import Page, Paginator
from django.db import connections
from django.utils.functional import cached_property

# Past this many rows (as the planner estimates them), a count is estimated rather than counted.
EXACT_COUNT_UP_TO = 2_000


def planner_rows(queryset) -> int | None:
    """The planner's estimate of the rows `queryset` returns (PostgreSQL), else None."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def rounded(n: int) -> int:
    """An estimate to two significant figures (22,560 -> 23,000): no more precise than it is."""
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return int(round(n / step)) * step


class EstimatingPaginator(Paginator):
    def __init__(self, object_list, per_page, *, load=None, exact_up_to=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.load = load
        self.exact_up_to = EXACT_COUNT_UP_TO if exact_up_to is None else exact_up_to

    @cached_property
    def _estimate(self) -> int | None:
        estimate = planner_rows(self.object_list)
        return estimate if estimate is not None and estimate > self.exact_up_to else None

    @property
    def estimated(self) -> bool:
        return self._estimate is not None

    @cached_property
    def count(self) -> int:
        return rounded(self._estimate) if self.estimated else super().count

    def page(self, number) -> Page:
        """As Paginator's, but an estimated count never cuts a page short: the rows are there."""
        if not self.estimated:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    def _get_page(self, object_list, number, paginator) -> Page:
        if self.load is None:
            return Page(object_list, number, paginator)
        ids = list(object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.load(ids)}
        return Page([rows[pk] for pk in ids if pk in rows], number, paginator)

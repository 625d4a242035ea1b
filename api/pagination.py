"""Pages of a list without counting it: one row more than a page tells whether another follows,
so a list of a million rows costs the same as one of ten."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

T = TypeVar("T")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000  # deep offsets are slow: narrow the list with its filters instead


class PageParams(Schema):
    page: Annotated[int, Field(ge=1, le=MAX_PAGE, description=_("Page number, from 1."))] = 1
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description=_("Items per page."))] = 25


class Page(Schema, Generic[T]):
    items: list[T]
    page: int
    page_size: int
    next_page: int | None = Field(description=_("The next page's number, or null on the last page."))


def paginate(queryset, params: PageParams) -> dict:
    start = (params.page - 1) * params.page_size
    rows = list(queryset[start : start + params.page_size + 1])
    more = len(rows) > params.page_size
    return {
        "items": rows[: params.page_size],
        "page": params.page,
        "page_size": params.page_size,
        "next_page": params.page + 1 if more else None,
    }

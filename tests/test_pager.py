"""One pager for every list: its links change only their own page number."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def get(query=None):
    request = RequestFactory().get("/list/", query)
    request.user = AnonymousUser()
    return request


def pager(query, **context):
    request = get(query)
    page = Paginator(range(100), 10).page(context.pop("number", 2))
    return render_to_string("_pagination.html", {"page": page, **context}, request=request)


def test_the_links_keep_the_search_and_filters():
    html = pager({"q": "oral rehearsal", "area": "3", "page": "2"})
    assert 'href="?q=oral+rehearsal&amp;area=3&amp;page=1"' in html
    assert 'href="?q=oral+rehearsal&amp;area=3&amp;page=3"' in html
    assert "Page 2 of 10" in html


def test_two_lists_on_one_page_keep_each_others_page():
    html = pager({"pstb_page": "4"}, param="jigsaw_page", label="jigsaws")
    assert 'href="?pstb_page=4&amp;jigsaw_page=3"' in html
    assert 'aria-label="Pages of jigsaws"' in html
    assert '<span class="visually-hidden"> jigsaws</span>' in html


def test_one_page_has_no_pager():
    request = get()
    page = Paginator(range(5), 10).page(1)
    assert render_to_string("_pagination.html", {"page": page}, request=request).strip() == ""

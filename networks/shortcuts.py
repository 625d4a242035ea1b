"""What every app's views share: load through a scope (out of reach is a 404), check a rule, page.

The loaders and the rule check live in networks.permissions; these take the request. A loader
given `perm` checks that rule on what it found too.

A person who may see a page but not act on it gets a 404 too, never a 403 that confirms it exists.
"""

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .permissions import consortium_for_user_or_404, network_for_user_or_404, require_rule, school_for_user_or_404

PAGE_SIZE = 25


def network_or_404(request, slug, perm=None):
    return network_for_user_or_404(request.user, slug, perm)


def school_or_404(request, urn, perm=None):
    return school_for_user_or_404(request.user, urn, perm)


def consortium_or_404(request, slug, perm=None):
    return consortium_for_user_or_404(request.user, slug, perm)


def require_perm(request, perm, obj=None):
    require_rule(request.user, perm, obj)


def paginate(request, queryset, size=PAGE_SIZE, param="page"):
    """The page the query string's `param` names (a page shows two lists with two params)."""
    return Paginator(queryset, size).get_page(request.GET.get(param))


def posted(request):
    """The submitted data on a POST, None on a GET: an unbound form even for an empty POST body."""
    return request.POST if request.method == "POST" else None


def safe_next(request, fallback):
    """The `next` the request names, only if it is a path on this site; else `fallback`."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    on_this_site = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # A path only: "4027" or "home" would be read by redirect() as a view's name (a 500).
    if on_this_site and next_url.startswith("/"):
        return next_url
    return fallback


def redirect_next(request, fallback):
    """Back to the page the form came from (`next`), only if it is on this site; else to `fallback`."""
    return HttpResponseRedirect(safe_next(request, fallback))

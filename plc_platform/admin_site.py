"""The admin site signs nobody in itself: its login page sends people to the account sign-in.

Django's own admin login takes a password alone, which would skip two-step sign-in for an
operator who has it on. Sending every admin sign-in through allauth means one sign-in page,
with the same brute-force lockout, rate limits and second step everywhere.
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from networks.shortcuts import safe_next


class PlatformAdminSite(admin.AdminSite):
    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(next_url)
            # Signed in, but not an operator: the admin is out of reach, like any other page.
            raise Http404
        return redirect_to_login(next_url, login_url=reverse("account_login"))

"""Email preferences: signed in, or from the link at the foot of every email (no sign-in needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import notice_services
from .models import EmailPreference
from .notice_forms import EmailPreferenceForm

TEMPLATE = "networks/email_preferences.html"


@require_http_methods(["GET", "POST"])
def email_preferences(request):
    return _preferences_page(request, request.user, signed_in=True)


@login_not_required
@require_http_methods(["GET", "POST"])
def email_preferences_by_link(request, token):
    """The link in every email: the signed token stands for the person, so no sign-in is asked."""
    person = notice_services.user_from_preferences_token(token)
    if person is None:
        return render(request, TEMPLATE, {"invalid": True}, status=404)
    return _preferences_page(request, person, signed_in=False)


def _preferences_page(request, person, *, signed_in):
    instance = EmailPreference.objects.filter(user=person).first() or EmailPreference(user=person)
    form = EmailPreferenceForm(request.POST if request.method == "POST" else None, instance=instance)
    if form.is_valid():
        notice_services.email_preferences_set(user=person, **form.cleaned_data)
        messages.success(request, "Your email preferences are saved.")
        return redirect(request.path)
    return render(request, TEMPLATE, {"form": form, "person": person, "signed_in": signed_in})

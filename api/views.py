"""Personal access tokens on the profile: create (the secret shown once), list, revoke."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import services
from .forms import TokenForm
from .models import AccessToken


@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = services.access_token_create(user=request.user, **form.cleaned_data)
        form = TokenForm()
    tokens = AccessToken.objects.of(request.user)
    context = {"form": form, "tokens": tokens, "secret": secret, "docs_url": reverse("api:openapi-view")}
    return render(request, "api/tokens.html", context)


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    """Someone else's token is a 404, as for one that does not exist."""
    token = get_object_or_404(AccessToken.objects.of(request.user), pk=pk)
    if request.method == "POST":
        services.access_token_revoke(token=token)
        messages.success(request, f"“{token.name}” is revoked: it no longer works.")
        return redirect("tokens:token_list")
    return render(request, "api/token_revoke.html", {"token": token})

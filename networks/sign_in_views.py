"""The consortium's sign-in settings: which email domains may use Google Workspace or Microsoft 365."""

import re

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from . import services
from .models import SignInDomain, SignInProvider
from .permissions import sign_in_domain_of_consortium_or_404
from .shortcuts import consortium_or_404, posted

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class SignInDomainForm(forms.ModelForm):
    class Meta:
        model = SignInDomain
        fields = ["provider", "domain"]
        labels = {"provider": _("Sign in with"), "domain": _("Email domain")}

    def __init__(self, *args, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium = consortium

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower().lstrip("@")
        if not DOMAIN.match(domain):
            raise forms.ValidationError(
                gettext("Give the part of the address after the @, for example ysgol-llanwern.cymru.")
            )
        return domain

    def clean(self):
        cleaned = super().clean()
        provider, domain = cleaned.get("provider"), cleaned.get("domain")
        taken = SignInDomain.objects.filter(consortium=self.consortium, provider=provider, domain=domain)
        if provider and domain and taken.exists():
            self.add_error(
                "domain",
                gettext("%(domain)s may already sign in with %(provider)s.")
                % {"domain": domain, "provider": SignInProvider(provider).label},
            )
        return cleaned


@require_http_methods(["GET", "POST"])
def sign_in_settings(request, slug):
    consortium = consortium_or_404(request, slug, perm="networks.change_sign_in")
    form = SignInDomainForm(posted(request), consortium=consortium)
    if form.is_valid():
        domain = services.sign_in_domain_add(consortium=consortium, added_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            gettext("People with %(domain)s addresses may now sign in with %(provider)s.")
            % {"domain": domain.domain, "provider": domain.get_provider_display()},
        )
        return redirect("networks:sign_in_settings", slug=slug)
    domains = consortium.sign_in_domains.order_by("domain", "provider")
    return render(
        request, "networks/sign_in_settings.html", {"consortium": consortium, "domains": domains, "form": form}
    )


@require_http_methods(["GET", "POST"])
def sign_in_domain_remove(request, slug, pk):
    consortium = consortium_or_404(request, slug, perm="networks.change_sign_in")
    domain = sign_in_domain_of_consortium_or_404(consortium, pk)
    if request.method == "POST":
        services.sign_in_domain_remove(domain=domain)
        messages.success(
            request,
            gettext("%(domain)s may no longer sign in with %(provider)s.")
            % {"domain": domain.domain, "provider": domain.get_provider_display()},
        )
        return redirect("networks:sign_in_settings", slug=slug)
    return render(request, "networks/sign_in_domain_remove.html", {"consortium": consortium, "domain": domain})

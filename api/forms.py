from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Scope
from .services import LIFETIMES_DAYS


def _days(days: int) -> str:
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


_lifetime = lazy(_days, str)  # in the language of the request, not of the import


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What it is for, for example “the consortium's data warehouse”.")
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read and write lets it start and change your enquiries and add evidence notes."),
    )
    days = forms.TypedChoiceField(
        label=_("Lasts for"),
        coerce=int,
        choices=[(days, _lifetime(days)) for days in LIFETIMES_DAYS],
        initial=90,
    )

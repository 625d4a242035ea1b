"""Pages of a person's data-protection rights (plc_platform.privacy): their copy, and erasure."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.models import DataExport, Membership, User
from networks.shortcuts import consortium_or_404, require_perm

from . import privacy

RECENT_EXPORTS = 5


@require_GET
def data_page(request):
    exports = list(DataExport.objects.of(request.user)[:RECENT_EXPORTS])
    return render(request, "plc_platform/privacy/data.html", {"exports": _with_progress(exports)})


@require_POST
def export_request(request):
    privacy.data_export_request(user=request.user)
    messages.success(
        request, gettext("Your copy is being prepared. It is ready in a minute or two; this page shows when.")
    )
    return redirect("privacy:data")


@require_GET
def export_status(request, pk):
    """The export's row of the list, for the page to refresh while it is prepared."""
    export = get_object_or_404(DataExport.objects.of(request.user), pk=pk)
    return render(request, "plc_platform/privacy/_export_row.html", {"export": _with_progress([export])[0]})


@require_GET
def export_download(request, pk):
    export = get_object_or_404(DataExport.objects.of(request.user), pk=pk, status=DataExport.Status.READY)
    try:
        handle = privacy.data_export_open(export=export)
    except FileNotFoundError:
        raise Http404 from None
    name = f"plc-platform-my-data-{export.created_at:%Y-%m-%d}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")


def _with_progress(exports):
    for export in exports:
        export.progress = privacy.export_progress(export)
    return exports


class EraseOwnForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    understood = forms.BooleanField(
        label=_("I understand that my account, my private enquiries and my personal details are erased for good"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("That is not your password."))
        return password


@require_http_methods(["GET", "POST"])
def erase_own(request):
    form = EraseOwnForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.account_erase(user=user)
        return redirect("privacy:erased")
    return render(request, "plc_platform/privacy/erase_own.html", {"form": form})


@login_not_required
@require_GET
def erased(request):
    return render(request, "plc_platform/privacy/erased.html")


class ErasePersonForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"), max_length=254)
    reference = forms.CharField(
        label=_("Where the request came from"),
        max_length=200,
        help_text=_("For example: email to the data protection officer, 3 March."),
    )


@require_http_methods(["GET", "POST"])
def erase_person(request, slug):
    """Consortium staff (or an operator) erase someone who asked by other means than the platform."""
    consortium = consortium_or_404(request, slug)
    require_perm(request, "networks.invite_to_consortium", consortium)
    form = ErasePersonForm(request.POST if request.method == "POST" else None)
    person = None
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None or not privacy.erasable_by(request.user, person) or not _in(person, consortium):
            form.add_error(
                "email", gettext("Nobody with that address has a role in this consortium that you may erase.")
            )
            person = None
        elif request.POST.get("confirm") == "yes":
            privacy.account_erase(user=person, by=request.user)
            messages.success(
                request, gettext("The account is erased. Their shared work is credited to a former member.")
            )
            return redirect("networks:consortium_detail", slug=consortium.slug)
    roles = Membership.objects.filter(user=person).select_related("consortium", "network", "school") if person else []
    return render(
        request,
        "plc_platform/privacy/erase_person.html",
        {"consortium": consortium, "form": form, "person": person, "roles": roles},
    )


def _in(person, consortium) -> bool:
    from networks.permissions import consortium_ids_for

    return consortium.pk in consortium_ids_for(person)

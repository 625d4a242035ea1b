"""The statement of account: thin views over plc_platform.statements (the figures),
statement_services (the writes) and statement_pdf (the PDF)."""

from __future__ import annotations

import csv
import functools
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.charts import dot_plot
from networks.forms import DateRangeMixin
from networks.models import Network
from networks.shortcuts import network_or_404, paginate, posted, require_perm
from networks.text import csv_safe

from . import statement_access  # noqa: F401  (registers the rules)
from . import statement_services as services
from .dashboard import money_chart
from .flowmap import periods_around
from .models import Statement, StatementShare
from .statement_pdf import font_urls, pdf_available, render_pdf, static_file_text, static_file_url
from .statements import csv_rows, statement_figures

OTHER_DATES = "dates"


class NewStatementForm(DateRangeMixin, forms.Form):
    date_range = ("start", "end")
    date_range_error = _("The last day must be on or after the first.")
    period = forms.ChoiceField(label=_("Period"))
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.key: p for p in periods_around(today)}
        self.fields["period"].choices = [(p.key, p.label) for p in self.periods.values()] + [
            (OTHER_DATES, gettext("Other dates (give them below)"))
        ]
        self.fields["start"].help_text = gettext("Only for other dates.")

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("period")
        if key in self.periods:
            period = self.periods[key]
            cleaned["start"], cleaned["end"], cleaned["label"] = period.start, period.end, period.label
        elif key == OTHER_DATES:
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start:
                self.add_error("start", gettext("Give the first day of the period."))
            if not end:
                self.add_error("end", gettext("Give the last day of the period."))
            self.dates_reversed()
            if start and end:
                cleaned["label"] = gettext("%(start)s to %(end)s") % {
                    "start": date_format(start, "j F Y"),
                    "end": date_format(end, "j F Y"),
                }
        return cleaned


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["introduction", "next_steps"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6}), "next_steps": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "introduction": _("What the network set out to do this period, in your own words."),
            "next_steps": _("What the network will do next, and what it asks of its schools."),
        }


class ShareForm(forms.Form):
    label = forms.CharField(label=_("Who it is for"), max_length=120, required=False)
    expires_on = forms.DateField(
        label=_("Last day it works"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for 90 days from today."),
    )


def _statement_or_404(request, pk, perm="plc_platform.read_statement"):
    statement = get_object_or_404(
        Statement.objects.select_related("network__consortium", "superseded_by"),
        pk=pk,
        network__in=Network.objects.visible_to(request.user).values("pk"),
    )
    require_perm(request, perm, statement)
    return statement


def _figures(statement):
    """The frozen figures of a published statement; a draft's are read now."""
    if statement.is_published:
        return statement.figures
    return statement_figures(statement.network, statement.starts_on, statement.ends_on)


def _number(text):
    return None if text is None else float(text)


def _body(statement, figures):
    """What the statement's body template draws: the figures, and each self-review's dot plot."""
    reviews = [
        (
            review,
            dot_plot([(row["name"], _number(row["mean"]), _number(row["previous"])) for row in review["features"]]),
        )
        for review in figures["reviews"]
    ]
    money = figures["money"]
    chart = money_chart(
        None if money["budget"] is None else Decimal(money["budget"]),
        *(Decimal(money["total"][measure]) for measure in ("planned", "approved", "spent")),
    )
    return {
        "statement": statement,
        "f": figures,
        "network": statement.network,
        "reviews": reviews,
        "money_chart": chart,
    }


@require_http_methods(["GET", "POST"])
def statement_list(request, slug):
    network = network_or_404(request, slug)
    can_write = request.user.has_perm("plc_platform.write_statement", network)
    statements = Statement.objects.filter(network=network).select_related("superseded_by")
    if not can_write:
        statements = statements.published()
    form = NewStatementForm(posted(request), today=timezone.localdate())
    if request.method == "POST":
        require_perm(request, "plc_platform.write_statement", network)
        if form.is_valid():
            data = form.cleaned_data
            statement = services.statement_create(
                network=network, start=data["start"], end=data["end"], label=data["label"], by=request.user
            )
            messages.success(
                request, gettext("A draft is started. Write the introduction and next steps, then publish.")
            )
            return redirect(statement)
    context = {"network": network, "page": paginate(request, statements), "form": form, "can_write": can_write}
    return render(request, "plc_platform/statements/statement_list.html", context)


@require_http_methods(["GET", "POST"])
def statement_detail(request, pk):
    statement = _statement_or_404(request, pk)
    can_change = request.user.has_perm("plc_platform.change_statement", statement)
    form = None
    if not statement.is_published and can_change:
        form = NarrativeForm(posted(request), instance=statement)
        if request.method == "POST" and form.is_valid():
            try:
                services.statement_write(statement=statement, **form.cleaned_data)
            except services.StatementError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, gettext("The draft is saved."))
                return redirect(statement)
    elif request.method == "POST":
        raise Http404
    shares = []
    if statement.is_published and can_change:
        shares = list(statement.shares.order_by("-created_at"))
        counts = dict(
            StatementShare.objects.filter(statement=statement).values_list("pk").annotate(n=Count("openings"))
        )
        today = timezone.localdate()
        for share in shares:
            share.openings_count = counts.get(share.pk, 0)
            share.works = share.works_on(today)
            share.url = request.build_absolute_uri(reverse("statements:shared", args=[services.share_token(share)]))
    context = {
        **_body(statement, _figures(statement)),
        "can_change": can_change,
        "form": form,
        "shares": shares,
        "share_form": ShareForm() if statement.is_published and can_change else None,
        "pdf_available": pdf_available(),
    }
    return render(request, "plc_platform/statements/statement_detail.html", context)


@require_http_methods(["GET", "POST"])
def statement_publish(request, pk):
    statement = _statement_or_404(request, pk, "plc_platform.change_statement")
    if statement.is_published:
        raise Http404
    if request.method == "POST":
        services.statement_publish(statement=statement, by=request.user)
        messages.success(request, gettext("The statement is published. Its figures are kept as they are today."))
        return redirect(statement)
    return render(request, "plc_platform/statements/statement_publish.html", {"statement": statement})


@require_POST
def share_create(request, pk):
    statement = _statement_or_404(request, pk, "plc_platform.change_statement")
    form = ShareForm(request.POST)
    if not statement.is_published:
        raise Http404
    if form.is_valid():
        try:
            services.share_create(statement=statement, by=request.user, **form.cleaned_data)
        except services.StatementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("The link is made: copy it from the list of links below."))
    else:
        messages.error(request, gettext("Give the last day as a date, for example 31/07/2026."))
    return redirect(statement)


@require_POST
def share_revoke(request, pk, share_pk):
    statement = _statement_or_404(request, pk, "plc_platform.change_statement")
    share = get_object_or_404(StatementShare, statement=statement, pk=share_pk)
    services.share_revoke(share=share)
    messages.success(request, gettext("The link is revoked: it no longer opens the statement."))
    return redirect(statement)


def _csv_response(statement, figures):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(statement)}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in csv_rows(figures):
        writer.writerow([csv_safe(cell) for cell in row])
    return response


def _pdf_response(request, statement, figures):
    if not pdf_available():
        return render(request, "plc_platform/statements/pdf_unavailable.html", {"statement": statement}, status=503)
    html = render_to_string(
        "plc_platform/statements/statement_pdf.html",
        {
            **_body(statement, figures),
            "fonts": font_urls(),
            "charts_css": static_file_url("css/charts.css"),
            # WeasyPrint styles an inline SVG only from a stylesheet inside it (no CSP in a PDF).
            "svg_css": static_file_text("css/charts.css"),
            "printed_on": timezone.localdate(),
        },
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(statement)}.pdf"'
    return response


def _filename(statement):
    return f"{statement.network.slug}-statement-{statement.starts_on:%Y%m%d}-{statement.ends_on:%Y%m%d}"


@require_GET
def statement_csv(request, pk):
    statement = _statement_or_404(request, pk)
    return _csv_response(statement, _figures(statement))


@require_GET
def statement_pdf(request, pk):
    statement = _statement_or_404(request, pk)
    return _pdf_response(request, statement, _figures(statement))


# The share link: no account needed ---------------------------------------------------------------


def _share_link_page(view):
    """A page of a statement's share link, for people with no account: a forged link is a 404, a
    revoked or expired one the 410 page; a link that works today opens `view(request, share, token)`."""

    @login_not_required
    @require_GET
    @functools.wraps(view)
    def page(request, token):
        share = services.share_from_token(token)
        if share is None or not share.statement.is_published:
            raise Http404
        if not share.works_on(timezone.localdate()):
            return render(request, "410.html", status=410)
        return view(request, share, token)

    return page


@_share_link_page
def statement_shared(request, share, token):
    services.share_open(share=share)
    statement = share.statement
    context = {
        **_body(statement, statement.figures),
        "token": token,
        "pdf_available": pdf_available(),
        "shared": True,
    }
    return render(request, "plc_platform/statements/statement_shared.html", context)


@_share_link_page
def statement_shared_pdf(request, share, token):
    return _pdf_response(request, share.statement, share.statement.figures)

"""The consortium's audit trail, for its staff: filtered, a page at a time, or as a CSV."""

import csv

from django import forms
from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import reads, services
from .models import AuditAction
from .shortcuts import consortium_or_404, paginate
from .text import csv_safe

CSV_HEADER = [_("When"), _("Who"), _("What"), _("About whom"), _("Details"), _("Event number")]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("Anything")), *AuditAction.choices])
    actor = forms.EmailField(label=_("Who (their email address)"), required=False, max_length=254)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", gettext("The end date is before the start date."))
        return cleaned

    def filters(self) -> dict:
        """The trail's filters; with a form in error, none (the errors say why)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"action": data["action"], "actor_email": data["actor"], "since": data["since"], "until": data["until"]}

    def described(self) -> str:
        """The filters in words, for the trail's record of a download: no one's address in it. Kept
        in the row as written, so in the platform's language (English), whoever downloads."""
        if not self.is_valid():
            return ""
        data, said = self.cleaned_data, []
        if data["action"]:
            with translation.override(settings.LANGUAGE_CODE):
                said.append(str(AuditAction(data["action"]).label))
        if data["actor"]:
            said.append("one person's actions")
        if data["since"]:
            said.append(f"from {data['since']:%Y-%m-%d}")
        if data["until"]:
            said.append(f"to {data['until']:%Y-%m-%d}")
        return "; ".join(said)


def _trail(request, slug):
    consortium = consortium_or_404(request, slug, perm="networks.view_audit_trail")
    form = AuditFilterForm(request.GET)
    return consortium, form, reads.audit_trail(consortium, **form.filters())


def _rows(events):
    for event in events:
        yield (
            event,
            [
                timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                reads.audit_actor_name(event),
                event.get_action_display(),
                reads.audit_subject_name(event),
                reads.audit_description(event),
                event.pk,
            ],
        )


@require_GET
def audit_trail(request, slug):
    consortium, form, events = _trail(request, slug)
    page = paginate(request, events)
    rows = [[event.created_at, *row[1:]] for event, row in _rows(page)]  # the time written by the template
    context = {"consortium": consortium, "form": form, "page": page, "rows": rows}
    return render(request, "networks/audit_trail.html", context)


class _Echo:
    def write(self, value):
        return value


@require_GET
def audit_trail_csv(request, slug):
    """Every event the filters select, streamed; the download itself is in the trail (it holds
    people's names)."""
    consortium, form, events = _trail(request, slug)
    services.audit_trail_download_record(
        actor=request.user, consortium=consortium, rows=events.count(), filters=form.described()
    )
    writer = csv.writer(_Echo())
    language = translation.get_language()

    def lines():
        # Streamed after the view returns: in the language of the request, whatever is active then.
        with translation.override(language):
            yield "\ufeff" + writer.writerow(CSV_HEADER)
            for _event, row in _rows(events.iterator(chunk_size=2000)):
                yield writer.writerow([csv_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{consortium.slug}.csv"'
    return response

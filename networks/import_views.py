"""Schools import pages: upload a register extract, preview what it would do, confirm it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from . import services
from .import_forms import SchoolImportForm
from .importer import ImportRefused, ImportReport, school_import_confirm, school_import_progress
from .models import SchoolImport
from .permissions import import_consortium_for_user_or_404, school_import_of_consortium_or_404

PREVIEW_SKIPPED_ROWS = 200


@require_http_methods(["GET", "POST"])
def school_import_upload(request, slug):
    consortium = import_consortium_for_user_or_404(request.user, slug)
    form = SchoolImportForm(request.POST, request.FILES) if request.method == "POST" else SchoolImportForm()
    if form.is_bound and form.is_valid():
        try:
            school_import = services.school_import_create(
                consortium=consortium,
                uploaded_by=request.user,
                filename=form.cleaned_data["file"].name,
                text=form.cleaned_data["text"],
            )
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            return redirect("networks:school_import_preview", slug=consortium.slug, pk=school_import.pk)
    return render(request, "networks/school_import_upload.html", {"consortium": consortium, "form": form})


@require_http_methods(["GET", "POST"])
def school_import_preview(request, slug, pk):
    """The check of an upload; confirmed, the import runs in the background and this page shows
    how far it has got (refreshed by htmx, or by the person without JavaScript), then the result."""
    consortium = import_consortium_for_user_or_404(request.user, slug)
    school_import = school_import_of_consortium_or_404(consortium, pk)
    if request.method == "POST":
        if school_import_confirm(school_import=school_import):
            messages.info(request, gettext("The import has started: this page shows how far it has got."))
        elif school_import.status == SchoolImport.Status.DONE:
            messages.info(request, gettext("This import has been applied already; it was not run again."))
        else:
            messages.info(request, gettext("This import is under way already; it was not started again."))
        return redirect(request.path)
    report = ImportReport.from_dict(school_import.report)
    done, total = school_import_progress(school_import)
    return render(
        request,
        "networks/school_import_preview.html",
        {
            "consortium": consortium,
            "school_import": school_import,
            "ImportStatus": SchoolImport.Status,
            "report": report,
            "rows_done": done,
            "rows_total": total,
            "percent_done": int(100 * done / total) if total else 0,
            "skipped_rows": report.skipped[:PREVIEW_SKIPPED_ROWS],
            "skipped_more": max(len(report.skipped) - PREVIEW_SKIPPED_ROWS, 0),
        },
    )

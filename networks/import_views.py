"""Schools import pages: upload a register extract, preview what it would do, confirm it."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .import_forms import SchoolImportForm
from .importer import ImportRefused, ImportReport, school_import_apply, schools_import
from .models import Consortium, SchoolImport

PREVIEW_SKIPPED_ROWS = 200


def _consortium_for_import(request, slug) -> Consortium:
    """The consortium, if the person may import its schools; a 404 otherwise."""
    consortium = get_object_or_404(Consortium.objects.visible_to(request.user), slug=slug)
    if not request.user.has_perm("networks.import_schools", consortium):
        raise Http404
    return consortium


@require_http_methods(["GET", "POST"])
def school_import_upload(request, slug):
    consortium = _consortium_for_import(request, slug)
    form = SchoolImportForm(request.POST, request.FILES) if request.method == "POST" else SchoolImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        text = form.cleaned_data["text"]
        try:
            report = schools_import(consortium=consortium, text=text, dry_run=True)
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            school_import = SchoolImport.objects.create(
                consortium=consortium,
                uploaded_by=request.user,
                filename=upload.name[:255],
                content=text,
                report=report.to_dict(),
            )
            return redirect("networks:school_import_preview", slug=consortium.slug, pk=school_import.pk)
    return render(request, "networks/school_import_upload.html", {"consortium": consortium, "form": form})


@require_http_methods(["GET", "POST"])
def school_import_preview(request, slug, pk):
    consortium = _consortium_for_import(request, slug)
    school_import = get_object_or_404(SchoolImport, pk=pk, consortium=consortium)
    if request.method == "POST":
        if school_import.applied_at:
            messages.info(request, "This import has been applied already; it was not run again.")
            return redirect("networks:school_list")
        try:
            report = school_import_apply(school_import=school_import)
        except ImportRefused as error:
            messages.error(request, str(error))
            return redirect("networks:school_import_upload", slug=consortium.slug)
        except IntegrityError:
            # Another import added one of these URNs at the same moment; the whole run rolled back.
            messages.error(
                request, "Another import added some of these schools just now, so nothing was saved. Confirm again."
            )
            return redirect(request.path)
        if report is None:
            messages.info(request, "This import has been applied already; it was not run again.")
        else:
            messages.success(request, f"Imported: {report.summary()}.")
        return redirect("networks:school_list")
    report = ImportReport.from_dict(school_import.report)
    return render(
        request,
        "networks/school_import_preview.html",
        {
            "consortium": consortium,
            "school_import": school_import,
            "report": report,
            "skipped_rows": report.skipped[:PREVIEW_SKIPPED_ROWS],
            "skipped_more": max(len(report.skipped) - PREVIEW_SKIPPED_ROWS, 0),
        },
    )

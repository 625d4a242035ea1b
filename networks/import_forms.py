"""The upload form of the schools import (the import itself is networks/importer.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .importer import ImportRefused, check_header, decode_upload

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class SchoolImportForm(forms.Form):
    file = forms.FileField(
        label=_("Register extract (CSV)"),
        help_text=_("A .csv file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext(
                    "The file is %(size)s MB; the largest that can be imported is 10 MB. "
                    "Export fewer schools (filter by local authority, for example) and import them in parts."
                )
                % {"size": f"{upload.size / (1024 * 1024):.1f}"}
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(gettext("Choose a .csv file: export the schools from the register as CSV."))
        try:
            text = decode_upload(upload.read())
            check_header(text)
        except ImportRefused as error:
            raise forms.ValidationError(str(error)) from None
        self.cleaned_data["text"] = text
        return upload

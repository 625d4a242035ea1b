"""What an evidence file really is, from its content, never from its name.

Allowed: PDF, PNG, JPEG, GIF, WebP, Word/Excel/PowerPoint (Office Open XML: a zip whose
[Content_Types].xml names the document), OpenDocument text and spreadsheets (a zip whose
`mimetype` entry says so), and plain text or CSV (valid UTF-8, no NUL bytes). Everything else is
refused with a message that says why: an empty file, one over the size limit, a program (whatever
its name), a web page, an SVG drawing (it can carry script), or a type we do not take.

Checked by magic numbers and by opening zips with the standard library, so no package is needed
and an office document is told apart from any other zip.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
HEAD_BYTES = 8192
# An office document is a zip. Real ones unpack to a few times their size (XML compresses about
# 10:1, images not at all); a zip bomb unpacks to a thousand times it or more. These limits are
# read from the archive's own directory, before anything is unpacked.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ARCHIVE_MEMBERS = 5000


def max_upload_bytes() -> int:
    return getattr(settings, "ENQUIRY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


class UploadRefused(Exception):
    """The file cannot be kept; the message says why, for the person."""


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str
    label: str


PDF = Detected("application/pdf", ".pdf", _("PDF"))
PNG = Detected("image/png", ".png", _("PNG image"))
JPEG = Detected("image/jpeg", ".jpg", _("JPEG image"))
GIF = Detected("image/gif", ".gif", _("GIF image"))
WEBP = Detected("image/webp", ".webp", _("WebP image"))
DOCX = Detected("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", _("Word document"))
XLSX = Detected("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", _("Excel spreadsheet"))
PPTX = Detected(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", _("PowerPoint presentation")
)
ODT = Detected("application/vnd.oasis.opendocument.text", ".odt", _("OpenDocument text"))
ODS = Detected("application/vnd.oasis.opendocument.spreadsheet", ".ods", _("OpenDocument spreadsheet"))
CSV = Detected("text/csv", ".csv", _("CSV file"))
TEXT = Detected("text/plain", ".txt", _("text file"))

# The main part each Office Open XML document declares in [Content_Types].xml.
OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.ms-word.document.macroEnabled.main+xml": None,  # macros: refused
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml": None,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": None,
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
PROGRAM_SIGNATURES = (
    b"MZ",  # Windows executables and DLLs
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal, Java classes
    b"#!",  # scripts
)
WEB_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<?php")
ACCEPTED = _("a PDF, an image (PNG, JPEG, GIF or WebP), a Word, Excel, PowerPoint or OpenDocument file, or a CSV")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_upload(upload) -> Detected:
    """The detected type of an uploaded file, or UploadRefused with the reason."""
    name = os.path.basename(upload.name or "the file")
    size = upload.size or 0
    limit = max_upload_bytes()
    if size == 0:
        raise UploadRefused(
            gettext("“%(name)s” is empty: choose the file again, or check it saved properly.") % {"name": name}
        )
    if size > limit:
        raise UploadRefused(
            gettext(
                "“%(name)s” is %(size)s; the largest file you can attach is %(limit)s. Make it smaller (a photo at "
                "a lower resolution, a PDF of fewer pages) or add a link to it instead."
            )
            % {"name": name, "size": megabytes(size), "limit": megabytes(limit)}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    detected = _detect(upload, head, name)
    upload.seek(0)
    return detected


def _detect(upload, head: bytes, name: str) -> Detected:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(upload, name)
    if head.startswith(PROGRAM_SIGNATURES):
        raise UploadRefused(
            gettext("“%(name)s” is a program, not a document, so it cannot be attached (whatever its name).")
            % {"name": name}
        )
    return _detect_text(upload, name)


def _detect_zip(upload, name: str) -> Detected:
    unknown = UploadRefused(
        gettext("“%(name)s” is a zip archive, not a document. Attach %(accepted)s.")
        % {"name": name, "accepted": ACCEPTED}
    )
    try:
        with zipfile.ZipFile(upload) as archive:
            _refuse_bombs(archive, name)
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                detected = ODF_MIMETYPES.get(archive.read("mimetype").strip())
                if detected:
                    return detected
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > 1024 * 1024:
                    raise unknown
                types = archive.read("[Content_Types].xml")
                for part, detected in OOXML_MAIN_PARTS.items():
                    if part in types:
                        if detected is None:
                            raise UploadRefused(
                                gettext(
                                    "“%(name)s” contains macros, which can run code, so it cannot be attached. "
                                    "Save it as an ordinary document (.docx, .xlsx or .pptx) and attach that."
                                )
                                % {"name": name}
                            )
                        return detected
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        raise UploadRefused(
            gettext("“%(name)s” looks like an office document but is damaged: save it again.") % {"name": name}
        ) from None
    raise unknown


def _refuse_bombs(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive that would unpack to far more than any real document does."""
    members = archive.infolist()
    unpacked = sum(info.file_size for info in members)
    ratios = (info.file_size / max(info.compress_size, 1) for info in members if info.file_size > 1024 * 1024)
    if (
        len(members) > MAX_ARCHIVE_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or any(r > MAX_COMPRESSION_RATIO for r in ratios)
    ):
        raise UploadRefused(
            gettext(
                "“%(name)s” unpacks to %(size)s, far more than a real document does, so it cannot be attached. "
                "Save it again from the program that made it, or attach a PDF instead."
            )
            % {"name": name, "size": megabytes(unpacked)}
        )


def _detect_text(upload, name: str) -> Detected:
    data = upload.read()
    not_accepted = UploadRefused(
        gettext(
            "“%(name)s” is not a type of file that can be attached (its content was checked, not its name). Attach "
            "%(accepted)s."
        )
        % {"name": name, "accepted": ACCEPTED}
    )
    if b"\x00" in data:
        raise not_accepted
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_accepted from None
    start = text.lstrip().lower().encode()[:2048]
    lowered = text.lower()
    if "<svg" in lowered:
        raise UploadRefused(
            gettext(
                "“%(name)s” is an SVG drawing, which can carry script, so it cannot be attached. Save it as a PNG "
                "image and attach that."
            )
            % {"name": name}
        )
    if start.startswith(WEB_MARKERS) or "<script" in lowered:
        raise UploadRefused(
            gettext("“%(name)s” is a web page or contains script, so it cannot be attached.") % {"name": name}
        )
    if start.startswith(b"<?xml"):
        raise not_accepted
    return CSV if name.lower().endswith(".csv") else TEXT


def download_name(original: str, detected: Detected) -> str:
    """The name a download carries: the person's own, with the extension of what it really is."""
    base = os.path.basename(original or "").strip() or "evidence"
    stem, extension = os.path.splitext(base)
    allowed = {detected.extension}
    if detected is JPEG:
        allowed.add(".jpeg")
    if detected is TEXT:
        allowed.add(".text")
    if extension.lower() not in allowed:
        base = (stem or "evidence") + detected.extension
    # Keep it a plain name: no path separators or control characters.
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '/\\"')
    return cleaned[:200] or "evidence" + detected.extension

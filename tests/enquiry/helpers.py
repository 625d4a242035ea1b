"""Builders for enquiry tests: real rows made through the services, and small real files."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from enquiry import services
from enquiry.models import Sharing
from enquiry.uploads import check_upload


def png_bytes(width=2, height=2) -> bytes:
    """A real, tiny PNG."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x1d\x4f\x73" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def office_bytes(main_part: str, folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{folder}/document.xml" ContentType="{main_part}"/></Types>',
        )
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_enquiry(owner, school, network=None, sharing=Sharing.PRIVATE, **data):
    data.setdefault("title", "Oral rehearsal and paragraphing")
    data.setdefault("question", "Does oral rehearsal before writing improve Year 5 boys' paragraphing?")
    enquiry = services.enquiry_create(owner=owner, school=school, network=network, **data)
    if sharing != Sharing.PRIVATE:
        services.enquiry_share(enquiry=enquiry, sharing=sharing)
    return enquiry


def attach_file(enquiry, by, name="frame.png", content=None):
    file = upload(name, content if content is not None else png_bytes(), "image/png")
    detected = check_upload(file)
    return services.evidence_add(enquiry=enquiry, kind="file", by=by, upload=file, detected=detected, title="A frame")

"""Small evidence files made by code for the demo: a PNG bar chart and a one-page PDF.

Both are a few kilobytes, built with the standard library only, and pass the enquiry app's upload
checks (enquiry.uploads.check_upload: real PNG and PDF signatures, well under the size limit).
"""

from __future__ import annotations

import struct
import zlib

WHITE = (255, 255, 255)
GREY = (200, 200, 200)
BASELINE = (120, 120, 120)
OUTCOME = (13, 110, 253)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bar_chart_png(values: list[float], *, width: int = 240, height: int = 160, top: float = 100.0) -> bytes:
    """A plain bar chart of `values` (0 to `top`): grey for the first, blue for the rest, on white."""
    pixels = [[WHITE] * width for _ in range(height)]
    for x in range(width):  # the axis
        pixels[height - 10][x] = GREY
    gap = width // (len(values) * 2 + 1)
    for number, value in enumerate(values):
        left = gap + number * gap * 2
        bar = max(1, round((height - 30) * min(value, top) / top))
        colour = BASELINE if number == 0 else OUTCOME
        for y in range(height - 10 - bar, height - 10):
            for x in range(left, min(width, left + gap)):
                pixels[y][x] = colour
    raw = b"".join(b"\x00" + bytes(channel for pixel in row for channel in pixel) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")
    )


def _pdf_text(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def one_page_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with a title and lines of text in Helvetica."""
    text = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        text += [f"({_pdf_text(line)}) Tj", "0 -16 Td"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

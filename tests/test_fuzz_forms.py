"""Bad input to every form the access matrix knows: 0 responses of 500.

For each URL of the matrix that takes a POST, the least privileged person allowed to use it posts
generated values (oversized strings, NUL bytes, invalid UTF-8 and lone surrogates, negative and
huge numbers, malformed dates, junk files) to the fields of the page's own forms, with the right
and wrong content types and broken multipart bodies. Hypothesis runs a fixed number of examples
per URL, derandomised, so CI sees the same requests each time; the total is printed. A URL whose
form has the same fields as one already fuzzed (the many buttons that post nothing but the CSRF
token, the admin's add and change pages of one model) gets one generated body beside its empty
POST: the values that break a field were tried on the first form of that shape.
"""

import json
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .access import ROLES
from .test_access_matrix import ALL_ROWS, APP_ROWS, matrix_world  # noqa: F401, F811 - the fixture

EXAMPLES, ADMIN_EXAMPLES, SAME_SHAPE_EXAMPLES = 4, 1, 1
CHUNKS = 4  # one world built per chunk; two xdist workers take two each
ALLOWED = {200, 302, "200 if it exists, else 302"}
# Fields for a URL whose form lives on another page (a button's POST), and junk beside real ones.
FALLBACK_FIELDS = ["title", "name", "email", "text", "body", "date", "amount", "role", "status", "next", "pk"]
BOUNDARY = "fuzzBOUNDARYfuzz"


def targets():
    """(row, role) for each URL name once, preferring its POST row, with the least privileged
    person it lets in (the roles are listed from the least)."""
    chosen = {}
    for row in sorted(ALL_ROWS, key=lambda row: row.method != "post"):
        if row.name in chosen or row.name.endswith("_delete") or row.name in {"account_logout", "admin:logout"}:
            continue
        role = next((role for role in ROLES[1:] + ROLES[:1] if row.expected.get(role) in ALLOWED), None)
        if role is not None:
            chosen[row.name] = (row, role)
    return sorted(chosen.values(), key=lambda pair: pair[0].name)


TARGETS = targets()


class Forms(HTMLParser):
    """The names of the fields of the page's POST forms."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_post_form = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = (attrs.get("method") or "").lower() == "post"
        elif (
            self.in_post_form
            and tag in ("input", "select", "textarea")
            and attrs.get("name") not in (None, "csrfmiddlewaretoken", *self.fields)
        ):
            self.fields.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False


def form_fields(client, url):
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = Forms()
    parser.feed(response.content.decode(errors="replace"))
    return parser.fields


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
values = st.one_of(
    text.map(str.encode),
    st.sampled_from(
        [
            b"",
            b"\x00",
            b"a\x00b",
            "\ud800".encode("utf-8", "surrogatepass"),  # a lone surrogate
            "x\udfff".encode("utf-8", "surrogatepass"),
            b"\xff\xfe\xfa",  # not UTF-8 at all
            b"\xc3\x28",
            b"-1",
            b"-99999999999999999999",
            b"99999999999999999999999999999999",
            b"1e309",
            b"NaN",
            b"-inf",
            b"0.0000000000000000000001",
            b"12345678901234567890.123456",
            b"2024-02-30",
            b"0000-00-00",
            b"99999-12-31",
            b"2024-13-45T25:61",
            b"31/12/2024",
            b"1900-01-01",
            b"9999-12-31",
            b"x" * 100_001,
            b"<script>alert(1)</script>",
            b"../../../etc/passwd",
            b"%00",
            b"[]",
            b"{}",
        ]
    ),
    st.binary(max_size=30),
    st.integers(min_value=-(10**40), max_value=10**40).map(lambda n: str(n).encode()),
)
junk_file = st.tuples(
    st.sampled_from(["a.csv", "../../x.pdf", "evil\x00.png", "", "ü" * 300 + ".docx", "x.exe"]),
    st.sampled_from([b"", b"\x00" * 100, b"PK\x03\x04junk", b"%PDF-1.4 junk", b"URN,Name\n\xff\xfe,\x00\n"]),
)


def urlencoded(pairs):
    return "&".join(
        quote_from_bytes(name.encode("utf-8", "surrogatepass")) + "=" + quote_from_bytes(value) for name, value in pairs
    ).encode()


def multipart(pairs, files):
    parts = []
    for name, value in pairs:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        )
    for name, (filename, content) in files:
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(
            head.encode("utf-8", "surrogatepass")
            + b"Content-Type: application/octet-stream\r\n\r\n"
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@st.composite
def bodies(draw, fields):
    """(content type, body) for the fields, in one of the ways a client could get it wrong."""
    names = fields or FALLBACK_FIELDS
    chosen = draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True)) if names else []
    extra = draw(st.lists(st.sampled_from([*FALLBACK_FIELDS, "a\x00b", "ü", "x" * 300]), max_size=2))
    pairs = [(name, draw(values)) for name in chosen + extra]
    kind = draw(st.sampled_from(["form", "form", "multipart", "multipart-broken", "json", "text", "no-type"]))
    if kind == "form":
        return "application/x-www-form-urlencoded", urlencoded(pairs)
    if kind == "multipart":
        files = [(name, draw(junk_file)) for name in draw(st.lists(st.sampled_from(names or ["file"]), max_size=2))]
        return f"multipart/form-data; boundary={BOUNDARY}", multipart(pairs, files)
    if kind == "multipart-broken":
        content_type = draw(
            st.sampled_from(
                ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=other"]
            )
        )
        return content_type, multipart(pairs, [])[: draw(st.integers(0, 200))]
    if kind == "json":
        return "application/json", draw(
            st.sampled_from(
                [json.dumps({name: value.decode("latin-1") for name, value in pairs}).encode(), b"{not json", b"\x00"]
            )
        )
    if kind == "text":
        return "text/plain", urlencoded(pairs)
    return "", urlencoded(pairs)


def fuzz(client, url, user, fields, examples, counts):
    """Post `examples` generated bodies to the URL as the user: each answer under 500."""

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=bodies(fields))
    def post(body):
        content_type, data = body
        if user is not None and "_auth_user_id" not in client.session:
            client.force_login(user)
        response = client.generic("POST", url, data=data, content_type=content_type)
        counts["requests"] += 1
        assert response.status_code < 500, (url, content_type, data[:300])

    post()


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_generated_post_gets_a_500(chunk, matrix_world):  # noqa: F811 - the fixture
    clients = {}  # one browser per role, signed in once: a sign-in costs more than a request
    counts = {"urls": 0, "requests": 0, "without_post": 0}
    shapes = set()
    for row, role in TARGETS[chunk::CHUNKS]:
        for module in APP_ROWS:
            getattr(module, "reset", lambda world: None)(matrix_world)
        args = row.args(matrix_world) if row.args else []
        url = reverse(row.name, args=args)
        client = clients.setdefault(role, Client())
        user = getattr(matrix_world.people, role) if role != "anonymous" else None
        if user is None and "_auth_user_id" in client.session:
            client.logout()  # a generated body that happened to sign someone in
        elif user is not None and client.session.get("_auth_user_id") != str(user.pk):
            client.force_login(user)  # the first time, or after a POST that signed them out
        fields = form_fields(client, url)
        first = client.post(url, {})
        counts["requests"] += 1
        assert first.status_code < 500, url
        if first.status_code == 405:
            counts["without_post"] += 1
            continue
        counts["urls"] += 1
        shape = (row.name.startswith("admin:"), frozenset(fields))
        examples = SAME_SHAPE_EXAMPLES if shape in shapes else ADMIN_EXAMPLES if shape[0] else EXAMPLES
        shapes.add(shape)
        fuzz(client, url, user, fields, examples, counts)
    print(
        f"\nchunk {chunk}: {counts['urls']} URLs taking a POST ({counts['without_post']} without), "
        f"{counts['requests']} requests, 0 x 500"
    )

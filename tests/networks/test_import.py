"""The schools import from the register's format (Get Information About Schools)."""

import csv
import io
import random
import re
import time
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from networks import importer
from networks.import_forms import MAX_UPLOAD_BYTES
from networks.importer import ImportRefused, ImportReport, SkippedRow, decode_upload, schools_import
from networks.models import OutboxTask, School, SchoolImport

from ..conftest import service_missing
from ..factories import ConsortiumFactory, SchoolFactory

REGISTER_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "schools-england-2017.csv"
HEADER = [
    "URN",
    "Establishment name",
    "Local authority (name)",
    "Type of establishment",
    "Phase of education",
    "Town",
    "Postcode",
    "Region",
    "Easting",
    "Northing",
    "Establishment status",
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def school_row(urn, name, **values):
    row = {
        "URN": str(urn),
        "Establishment name": name,
        "Local authority (name)": "Cardiff",
        "Type of establishment": "Community school",
        "Phase of education": "Primary",
        "Town": "Cardiff",
        "Postcode": "CF10 1AA",
        "Region": "Wales",
        "Easting": "318000",
        "Northing": "176000",
        "Establishment status": "Open",
    }
    row.update(values)
    return [row[column] for column in HEADER]


def csv_text(*rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def reasons(report):
    return {line: reason for line, _, reason in report.skipped}


def register_file():
    if not REGISTER_FILE.exists():
        service_missing(f"The shared register extract is not at {REGISTER_FILE}")
    return REGISTER_FILE


def valid_rows_in_register(path):
    """Counted independently of the importer: rows with a positive whole-number URN, a name, once."""
    urns = set()
    rows = 0
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            urn = row["URN"].strip()
            if urn.isascii() and urn.isdigit() and int(urn) > 0 and row["Establishment name"].strip():
                urns.add(int(urn))
    return rows, len(urns)


# The real register extract


def test_the_real_register_extract_imports_and_a_second_run_changes_nothing(db):
    path = register_file()
    rows, valid = valid_rows_in_register(path)
    consortium = ConsortiumFactory(slug="england")
    text = decode_upload(path.read_bytes())

    first = schools_import(consortium=consortium, text=text, dry_run=False)

    assert first.created == valid
    assert first.created + len(first.skipped) == rows
    assert School.objects.filter(consortium=consortium).count() == valid
    school = School.objects.get(urn=100001)
    assert school.name == "City of London School for Girls"
    assert (school.local_authority, school.postcode, school.region) == ("City of London", "EC2Y 8BB", "London")
    assert (school.easting, school.northing, school.is_open) == (532192, 181798, True)
    assert School.objects.filter(consortium=consortium, easting__isnull=True).count() >= 1

    second = schools_import(consortium=consortium, text=text, dry_run=False)

    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert second.skipped == first.skipped
    assert School.objects.count() == valid


def test_the_command_imports_the_real_register_extract(db):
    path = register_file()
    _, valid = valid_rows_in_register(path)
    ConsortiumFactory(slug="england")

    out = io.StringIO()
    call_command("import_schools", str(path), "--consortium", "england", "--dry-run", stdout=out)
    assert f"Created {valid}, updated 0, unchanged 0, skipped 0." in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert not School.objects.exists()

    out = io.StringIO()
    call_command("import_schools", str(path), "--consortium", "england", stdout=out)
    assert f"Created {valid}, updated 0, unchanged 0, skipped 0." in out.getvalue()
    assert "Took " in out.getvalue()
    assert School.objects.count() == valid


# Rows skipped with a reason, the rest imported


def test_a_blank_urn_is_skipped_and_the_other_rows_imported(world):
    text = csv_text(school_row(700001, "First Primary"), school_row("", "No URN Primary"), school_row(700002, "Last"))

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert (report.created, len(report.skipped)) == (2, 1)
    assert report.skipped == [SkippedRow(3, "", "The URN is blank.")]
    assert set(School.objects.filter(urn__in=[700001, 700002]).values_list("name", flat=True)) == {
        "First Primary",
        "Last",
    }


@pytest.mark.parametrize("urn", ["ABC123", "0", "-5", "12.5", "1e6", "99999999999"])
def test_a_urn_that_is_not_a_positive_whole_number_is_skipped(world, urn):
    text = csv_text(school_row(urn, "Odd Primary"), school_row(700003, "Good Primary"))

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 1
    [(line, urn_text, reason)] = report.skipped
    assert (line, urn_text) == (2, urn)
    assert urn in reason
    assert not School.objects.filter(name="Odd Primary").exists()


def test_a_urn_repeated_in_the_file_is_skipped_after_its_first_row(world):
    text = csv_text(school_row(700004, "First Copy"), school_row(700005, "Other"), school_row(700004, "Second Copy"))

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 2
    assert reasons(report) == {4: "The URN is also on line 2."}
    assert School.objects.get(urn=700004).name == "First Copy"


def test_a_urn_of_another_consortium_is_skipped_and_left_alone(world):
    text = csv_text(school_row(world.other_school.urn, "Taken Over Primary"), school_row(700006, "New Primary"))

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 1
    assert report.skipped[0].line == 2
    assert "another consortium" in report.skipped[0].reason
    world.other_school.refresh_from_db()
    assert (world.other_school.name, world.other_school.consortium) == ("Bangor Primary", world.other_consortium)


def test_blank_names_bad_coordinates_and_overlong_values_are_skipped(world):
    text = csv_text(
        school_row(700007, ""),
        school_row(700008, "Bad Easting", Easting="not known"),
        school_row(700009, "Bad Northing", Northing="-3"),
        school_row(700010, "Long Postcode", Postcode="CF10 1AA CF10 1AB"),
        school_row(700011, "x" * 201),
        school_row(700012, "No Coordinates", Easting="", Northing=""),
        school_row(700023, "Huge Easting", Easting="9" * 400),
        school_row(700024, "Decimal Easting", Easting="318000.6", Northing=" 176000 "),
    )

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 2
    skipped = reasons(report)
    assert sorted(skipped) == [2, 3, 4, 5, 6, 8]
    assert "name is blank" in skipped[2]
    assert "Easting" in skipped[3]
    assert "Northing" in skipped[4]
    assert "Postcode" in skipped[5]
    assert "at most 200" in skipped[6]
    assert "too large" in skipped[8]
    assert School.objects.values_list("easting", "northing").get(urn=700024) == (318001, 176000)
    school = School.objects.get(urn=700012)
    assert (school.easting, school.northing) == (None, None)


def test_line_numbers_count_the_header_and_lines_inside_quoted_values(world):
    text = 'URN,Establishment name\r\n700013,"Two-line\nName"\r\n,Blank URN\r\n\r\n,,\r\nabc,Bad URN\r\n'

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 1
    assert [(line, urn) for line, urn, _ in report.skipped] == [(4, ""), (7, "abc")]


def test_a_row_with_more_values_than_columns_is_skipped(world):
    text = "URN,Establishment name,Town\r\n700014,Smith, Jones and Co School,Leeds\r\n700015,Fine,Leeds,\r\n"

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.created == 1  # a trailing empty value is harmless
    assert report.skipped[0].line == 2
    assert "4 values" in report.skipped[0].reason


def test_a_changed_row_updates_the_school_and_an_identical_one_is_unchanged(world):
    school = world.school_1
    same = world.school_2
    same_row = [
        str(same.urn),
        same.name,
        same.local_authority,
        same.establishment_type,
        same.phase,
        same.town,
        same.postcode,
        same.region,
        "",
        "",
        "Open",
    ]
    text = csv_text(
        school_row(school.urn, "Ysgol Gynradd Llanwern (renamed)", **{"Establishment status": "Closed"}), same_row
    )

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 1, 1, [])
    school.refresh_from_db()
    assert school.name == "Ysgol Gynradd Llanwern (renamed)"
    assert (school.town, school.easting, school.is_open) == ("Cardiff", 318000, False)
    assert school.consortium == world.consortium


def test_columns_absent_from_the_file_are_left_as_they_were(world):
    school = world.school_1
    school.easting, school.northing = 300000, 190000
    school.save()
    text = csv_text([str(school.urn), "Renamed"], header=["URN", "Establishment name"])

    report = schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert report.updated == 1
    school.refresh_from_db()
    assert (school.name, school.easting, school.town, school.is_open) == ("Renamed", 300000, "Pontypridd", True)


@pytest.mark.parametrize(
    ("status", "is_open"),
    [("Open", True), ("Open, but proposed to close", True), ("", True), ("Closed", False), ("Proposed to open", False)],
)
def test_establishment_status(world, status, is_open):
    text = csv_text(school_row(700016, "Status Primary", **{"Establishment status": status}))

    schools_import(consortium=world.consortium, text=text, dry_run=False)

    assert School.objects.get(urn=700016).is_open is is_open


def test_a_dry_run_writes_nothing_and_reports_what_a_real_run_does(world):
    text = csv_text(
        school_row(700017, "New Primary"),
        school_row(world.school_1.urn, "Renamed Primary"),
        school_row(world.other_school.urn, "Not Ours"),
        school_row("x", "Bad URN"),
    )
    before = list(School.objects.order_by("urn").values())

    dry = schools_import(consortium=world.consortium, text=text, dry_run=True)

    assert list(School.objects.order_by("urn").values()) == before
    real = schools_import(consortium=world.consortium, text=text, dry_run=False)
    assert dry == real
    assert (real.created, real.updated, len(real.skipped)) == (1, 1, 2)


def test_the_import_makes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    existing = SchoolFactory.create_batch(40, consortium=world.consortium)
    rows = [school_row(school.urn, school.name + " renamed") for school in existing]
    rows += [school_row(710000 + n, f"New School {n}") for n in range(60)]

    with django_assert_max_num_queries(8):
        report = schools_import(consortium=world.consortium, text=csv_text(*rows), dry_run=False)

    assert (report.created, report.updated) == (60, 40)


def test_the_report_survives_a_json_field(world):
    report = ImportReport(created=3, updated=1, unchanged=2, skipped=[SkippedRow(4, "x", "The URN is bad.")])
    school_import = SchoolImport.objects.create(
        consortium=world.consortium, filename="a.csv", content="", report=report.to_dict()
    )
    school_import.refresh_from_db()

    assert ImportReport.from_dict(school_import.report) == report
    assert report.total == 7


# Files refused as a whole


def test_a_file_missing_the_required_columns_is_refused_and_nothing_saved(world):
    text = "Name,Town\r\nSomewhere Primary,Leeds\r\n"
    count = School.objects.count()

    with pytest.raises(ImportRefused, match="missing the columns: URN, Establishment name"):
        schools_import(consortium=world.consortium, text=text, dry_run=False)

    with pytest.raises(ImportRefused, match=r"missing the columns: Establishment name\.$"):
        schools_import(consortium=world.consortium, text="URN,Town\r\n700018,Leeds\r\n", dry_run=False)
    assert School.objects.count() == count


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG, "image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook or a zip file"),
        (b"URN,Establishment name\r\n1,A\x00B\r\n", "binary data"),
        ("URN,Name\r\n".encode("utf-16"), "saved as UTF-16"),
        (b"", "empty"),
        (b"  \r\n", "empty"),
    ],
)
def test_files_that_are_not_csv_text_are_refused(data, message):
    with pytest.raises(ImportRefused, match=message):
        decode_upload(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("URN;Establishment name\r\n700019;Semicolon School\r\n", "only one column"),
        ("\r\n\r\nURN,Establishment name\r\n", "no header row"),
        (",,\r\n1,A,B\r\n", "no header row"),
        ("100001,City of London School,London\r\n", "first line should name the columns"),
    ],
)
def test_files_without_a_usable_header_are_refused(world, text, message):
    with pytest.raises(ImportRefused, match=message):
        schools_import(consortium=world.consortium, text=text, dry_run=True)


def test_windows_1252_and_utf8_files_decode(world):
    text = csv_text(
        school_row(700020, "Ysgol Gymraeg Bro Ogwr"),
        school_row(700021, "École Française Jacques Prévert"),
        school_row(700022, "St Mary’s RC Primary"),
    )

    assert decode_upload(text.encode("cp1252")) == text
    assert decode_upload(text.encode("utf-8")) == text
    assert decode_upload(text.encode("utf-8-sig")) == text

    report = schools_import(consortium=world.consortium, text=decode_upload(text.encode("cp1252")), dry_run=False)

    assert report.created == 3
    assert School.objects.get(urn=700021).name == "École Française Jacques Prévert"
    assert School.objects.get(urn=700022).name == "St Mary’s RC Primary"


# The command


def test_the_command_reports_skipped_rows_and_refuses_bad_input(world, tmp_path):
    rows = [school_row(700100 + n, f"School {n}") for n in range(3)]
    rows += [school_row(f"bad{n}", f"Bad {n}") for n in range(55)]
    path = tmp_path / "extract.csv"
    path.write_bytes(csv_text(*rows).encode("cp1252"))

    out = io.StringIO()
    call_command("import_schools", str(path), "--consortium", "central-south", stdout=out)

    output = out.getvalue()
    assert "Created 3, updated 0, unchanged 0, skipped 55." in output
    assert "line 5 (URN bad0): The URN “bad0” is not a positive whole number." in output
    assert "bad49" in output
    assert "bad50" not in output
    assert "... and 5 more" in output
    assert School.objects.filter(urn__in=[700100, 700101, 700102], consortium=world.consortium).count() == 3

    with pytest.raises(CommandError, match="no consortium with the slug 'nowhere'"):
        call_command("import_schools", str(path), "--consortium", "nowhere")
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_schools", str(tmp_path / "missing.csv"), "--consortium", "central-south")
    png = tmp_path / "logo.csv"
    png.write_bytes(PNG)
    with pytest.raises(CommandError, match="image"):
        call_command("import_schools", str(png), "--consortium", "central-south")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Name,Town\r\nA,B\r\n")
    with pytest.raises(CommandError, match="missing the columns: URN, Establishment name"):
        call_command("import_schools", str(wrong), "--consortium", "central-south")


# The pages


def upload_url(consortium):
    return reverse("networks:school_import_upload", args=[consortium.slug])


def preview_url(school_import):
    return reverse("networks:school_import_preview", args=[school_import.consortium.slug, school_import.pk])


def upload(client, consortium, data, name="schools.csv"):
    return client.post(upload_url(consortium), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def confirm(client, school_import):
    """Confirm on the preview page; the import's task runs once the request has committed, as
    the outbox hands it to a worker (in-process here)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(preview_url(school_import))


def test_staff_upload_preview_then_confirm(client, world):
    client.force_login(world.people.consortium_staff)
    response = client.get(upload_url(world.consortium))
    assert response.status_code == 200
    assert b"Establishment name" in response.content

    text = csv_text(
        school_row(700200, "Parc Primary"),
        school_row(700201, "Ysgol Bro Ogwr"),
        school_row(world.school_1.urn, "Llanwern Renamed"),
        school_row("", "Blank URN"),
    )
    response = upload(client, world.consortium, text.encode("cp1252"))

    school_import = SchoolImport.objects.get()
    assert response.status_code == 302
    assert response.url == preview_url(school_import)
    assert (school_import.uploaded_by, school_import.filename, school_import.applied_at) == (
        world.people.consortium_staff,
        "schools.csv",
        None,
    )
    assert not School.objects.filter(urn__in=[700200, 700201]).exists()

    response = client.get(response.url)
    assert response.status_code == 200
    assert "2 new, 1 updated, 0 unchanged, 1 skipped" in response.content.decode()
    assert "The URN is blank." in response.content.decode()
    assert b"Confirm import" in response.content
    assert not School.objects.filter(urn__in=[700200, 700201]).exists()

    response = confirm(client, school_import)

    assert response.status_code == 302
    assert response.url == preview_url(school_import)
    assert messages_of(response) == ["The import has started: this page shows how far it has got."]
    assert School.objects.filter(urn__in=[700200, 700201], consortium=world.consortium).count() == 2
    school_import.refresh_from_db()
    assert school_import.status == SchoolImport.Status.DONE
    assert school_import.applied_at is not None
    assert school_import.report["created"] == 2
    page = client.get(preview_url(school_import)).content.decode()
    assert "Imported schools.csv" in page
    assert "2 new, 1 updated, 0 unchanged, 1 skipped" in page

    # Confirming again does not run it again.
    School.objects.filter(urn=700200).update(name="Changed Since")
    response = client.post(preview_url(school_import))
    assert response.status_code == 302
    assert "applied already" in messages_of(response)[-1]
    assert School.objects.get(urn=700200).name == "Changed Since"
    response = client.get(preview_url(school_import))
    assert b"Confirm import" not in response.content


def test_the_preview_lists_at_most_200_skipped_rows(client, world):
    client.force_login(world.people.consortium_staff)
    text = csv_text(*[school_row(f"x{n}", f"Bad {n}") for n in range(205)])
    response = upload(client, world.consortium, text.encode())

    response = client.get(response.url)

    content = response.content.decode()
    assert "0 new, 0 updated, 0 unchanged, 205 skipped" in content
    assert content.count("is not a positive whole number") == 200
    assert "and 5 more skipped rows" in content


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.csv", PNG, "This is an image, not a CSV file."),
        ("schools.xlsx", b"PK\x03\x04\x14\x00", "Choose a .csv file"),
        ("schools.csv", b"Name,Town\r\nA,B\r\n", "The file is missing the columns: URN, Establishment name."),
        ("schools.csv", b"", "The submitted file is empty."),
    ],
)
def test_an_upload_that_is_not_a_register_extract_is_refused(client, world, name, data, message):
    client.force_login(world.people.consortium_staff)
    count = School.objects.count()

    response = upload(client, world.consortium, data, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SchoolImport.objects.exists()
    assert School.objects.count() == count


def test_an_upload_over_10_mb_is_refused(client, world):
    client.force_login(world.people.consortium_staff)
    data = csv_text(school_row(700300, "Big")).encode() + b" " * MAX_UPLOAD_BYTES

    response = upload(client, world.consortium, data)

    assert response.status_code == 200
    assert "the largest that can be imported is 10 MB" in response.content.decode()
    assert not SchoolImport.objects.exists()


def test_a_teacher_gets_404_on_both_pages(client, world):
    school_import = SchoolImport.objects.create(
        consortium=world.consortium, filename="a.csv", content=csv_text(school_row(700400, "A")), report={}
    )
    client.force_login(world.people.teacher_a)

    assert client.get(upload_url(world.consortium)).status_code == 404
    assert upload(client, world.consortium, csv_text(school_row(700401, "B")).encode()).status_code == 404
    assert client.get(preview_url(school_import)).status_code == 404
    assert client.post(preview_url(school_import)).status_code == 404
    assert not School.objects.filter(urn__in=[700400, 700401]).exists()
    assert school_import.applied_at is None


def test_another_consortiums_import_is_a_404(client, world):
    theirs = SchoolImport.objects.create(
        consortium=world.other_consortium, filename="a.csv", content=csv_text(school_row(700500, "A")), report={}
    )
    client.force_login(world.people.consortium_staff)

    other_slug = reverse("networks:school_import_preview", args=[world.consortium.slug, theirs.pk])
    assert client.get(other_slug).status_code == 404
    assert client.post(other_slug).status_code == 404
    assert client.get(preview_url(theirs)).status_code == 404
    assert client.get(upload_url(world.other_consortium)).status_code == 404
    assert not School.objects.filter(urn=700500).exists()


# Files as people really send them (issue 13, bad input): each answered with a clear message,
# within the request's time limit (gunicorn's `timeout`, docker/gunicorn.conf.py).

REQUEST_TIME_LIMIT = 60


def preview_of(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url).content.decode()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-8"])
def test_an_upload_in_windows_1252_latin_1_or_with_a_byte_order_mark_reads_its_names_right(client, world, encoding):
    client.force_login(world.people.consortium_staff)
    text = csv_text(school_row(700400, "École Française Jacques Prévert"), school_row(700401, "Ysgol Gymraeg Bro Ogwr"))

    content = preview_of(client, upload(client, world.consortium, text.encode(encoding)))

    assert "2 new, 0 updated, 0 unchanged, 0 skipped" in content
    assert SchoolImport.objects.get().content == text
    confirm(client, SchoolImport.objects.get())
    assert School.objects.get(urn=700400).name == "École Française Jacques Prévert"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (csv_text(school_row(700410, "Parc Primary")).encode("utf-16"), "saved as UTF-16"),
        (csv_text(school_row(700411, "Parc Primary")).encode("utf-16-be"), "binary data"),
        (
            csv_text(school_row(700412, "Ysgol Llanfihangel")).encode("utf-8") + b"\x81\x8d\x8f\x90\x9d",
            "could not be read",
        ),
    ],
)
def test_an_upload_in_an_encoding_it_cannot_read_says_so(client, world, data, message):
    client.force_login(world.people.consortium_staff)

    response = upload(client, world.consortium, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Export the schools from Get Information About Schools as CSV" in response.content.decode()
    assert not SchoolImport.objects.exists()


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("bytes", "binary data"),
        ("text", "The file is missing the columns: URN, Establishment name."),
    ],
)
def test_10_mb_of_garbage_is_refused_with_a_message_in_time(client, world, kind, message):
    client.force_login(world.people.consortium_staff)
    generator = random.Random(13)
    size = MAX_UPLOAD_BYTES - 1
    if kind == "bytes":
        data = generator.randbytes(size)
    else:  # printable junk with commas and quotes, no NUL: it reaches the CSV reader
        data = "".join(generator.choices('abcxyz,;"\r\n 0123456789éü', k=size)).encode()[:size]

    started = time.monotonic()
    response = upload(client, world.consortium, data)
    seconds = time.monotonic() - started

    print(f"\n10 MB of {kind}: refused in {seconds:.2f} s")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert seconds < REQUEST_TIME_LIMIT
    assert not SchoolImport.objects.exists()


def test_100000_rows_are_previewed_within_the_request_time_limit_and_imported(client, world):
    client.force_login(world.people.consortium_staff)
    header = ["URN", "Establishment name", "Town", "Postcode"]
    rows = [[str(800000 + n), f"School {n}", "Leeds", "LS1 1AA"] for n in range(100_000)]
    data = csv_text(*rows, header=header).encode()
    assert len(data) < MAX_UPLOAD_BYTES

    started = time.monotonic()
    content = preview_of(client, upload(client, world.consortium, data))
    previewed = time.monotonic() - started
    assert "100000 new, 0 updated, 0 unchanged, 0 skipped" in content

    school_import = SchoolImport.objects.get()
    assert school_import.rows_total == 100_000
    with TestCase.captureOnCommitCallbacks() as task:
        started = time.monotonic()
        response = client.post(preview_url(school_import))
        confirmed = time.monotonic() - started
    assert response.status_code == 302
    assert not School.objects.filter(urn__gte=800000).exists()  # queued, not run in the request

    started = time.monotonic()
    [run] = task
    run()  # the outbox hands the task to a worker
    imported = time.monotonic() - started

    print(
        f"\n100,000 rows ({len(data) / 1e6:.1f} MB): previewed in {previewed:.1f} s, confirmed in {confirmed:.2f} s, "
        f"imported in the background in {imported:.1f} s"
    )
    assert School.objects.filter(consortium=world.consortium, urn__gte=800000).count() == 100_000
    assert "100000 new, 0 updated, 0 unchanged, 0 skipped" in client.get(preview_url(school_import)).content.decode()
    # What a person waits for (the preview after choosing the file, and the confirmation) is
    # answered within the limit; the import itself runs in the background with its progress shown.
    assert previewed < REQUEST_TIME_LIMIT
    assert confirmed < REQUEST_TIME_LIMIT


# Confirmed, the import runs in the background: its page shows how far it has got, and a run that
# fails saves nothing.


def test_the_page_shows_the_imports_progress_while_it_runs(client, world, monkeypatch):
    client.force_login(world.people.consortium_staff)
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)
    rows = [school_row(world.school_1.urn, "Llanwern Renamed")]
    rows += [school_row(720000 + n, f"School {n}") for n in range(34)]
    upload(client, world.consortium, csv_text(*rows).encode())
    school_import = SchoolImport.objects.get()
    pages = []

    def progress_report(row, value):
        real_progress_report(row, value)
        pages.append(client.get(preview_url(school_import)).content.decode())

    real_progress_report = importer.progress_report
    monkeypatch.setattr(importer, "progress_report", progress_report)
    with TestCase.captureOnCommitCallbacks() as task:
        client.post(preview_url(school_import))
    waiting = client.get(preview_url(school_import)).content.decode()
    assert "Importing schools.csv" in waiting
    assert "0 of 35 rows done." in waiting
    assert 'data-hx-trigger="every 2s"' in waiting
    assert "Refresh this page" in waiting  # without JavaScript, the person reloads
    assert "htmx.min" in waiting.split("</main>")[1]  # the page loads htmx, which the others do not
    assert "Confirm import" not in waiting

    [run] = task
    run()

    done = [re.search(r"([0-9,]+) of ([0-9,]+) rows done", page).groups() for page in pages]
    # Once the file is read, then after each batch saved: 34 new schools in batches of 10, then the update.
    assert done == [("0", "35"), ("10", "35"), ("20", "35"), ("30", "35"), ("34", "35"), ("35", "35")]
    assert all('data-hx-get="' in page and "<progress" in page for page in pages)
    finished = client.get(preview_url(school_import)).content.decode()
    assert "Imported schools.csv" in finished
    assert "34 new, 1 updated, 0 unchanged, 0 skipped" in finished
    assert "every 2s" not in finished
    assert School.objects.filter(urn__gte=720000).count() == 34


def test_a_run_that_fails_midway_saves_nothing_and_says_so(client, world, monkeypatch):
    client.force_login(world.people.consortium_staff)
    monkeypatch.setattr(importer, "BATCH_SIZE", 10)
    rows = [school_row(world.school_1.urn, "Llanwern Renamed")] + [
        school_row(730000 + n, f"School {n}") for n in range(30)
    ]
    upload(client, world.consortium, csv_text(*rows).encode())
    school_import = SchoolImport.objects.get()
    schools_before = sorted(School.objects.values_list("urn", "name"))

    def progress_report(row, value):
        real_progress_report(row, value)
        if value == (10, 31):
            # Between the first batch and the second, another import adds a school the second
            # batch holds: PostgreSQL refuses the second batch's insert.
            SchoolFactory(consortium=world.other_consortium, urn=730015)

    real_progress_report = importer.progress_report
    monkeypatch.setattr(importer, "progress_report", progress_report)
    confirm(client, school_import)

    assert sorted(School.objects.values_list("urn", "name")) == schools_before
    school_import.refresh_from_db()
    assert (school_import.status, school_import.applied_at) == (SchoolImport.Status.FAILED, None)
    page = client.get(preview_url(school_import)).content.decode()
    assert "Another import added some of these schools while this one ran, so nothing was saved." in page
    assert "Confirm again" in page
    assert "30 new, 1 updated, 0 unchanged, 0 skipped" in page

    monkeypatch.setattr(importer, "progress_report", real_progress_report)
    confirm(client, school_import)

    assert School.objects.filter(urn__gte=730000).count() == 30
    assert School.objects.get(urn=world.school_1.urn).name == "Llanwern Renamed"
    school_import.refresh_from_db()
    assert (school_import.status, school_import.failure) == (SchoolImport.Status.DONE, "")


def test_confirming_twice_queues_one_import(client, world):
    client.force_login(world.people.consortium_staff)
    upload(client, world.consortium, csv_text(school_row(740000, "Parc Primary")).encode())
    school_import = SchoolImport.objects.get()

    with TestCase.captureOnCommitCallbacks() as tasks:
        client.post(preview_url(school_import))
        again = client.post(preview_url(school_import))

    assert messages_of(again)[-1] == "This import is under way already; it was not started again."
    assert OutboxTask.objects.filter(task="networks.tasks.run_school_import").count() == 1
    for run in tasks:
        run()
    assert School.objects.filter(urn=740000).count() == 1

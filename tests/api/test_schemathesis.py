"""schemathesis against the OpenAPI document, on the live test server, with a read and write token:
no server errors, and every response (its status, content type, headers and body) as documented.

The counts of the run (operations, cases, failures) are printed, and the JUnit report is kept in
test-artifacts/schemathesis.xml."""

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from enquiry.models import Sharing
from tests.activities.helpers import plan
from tests.enquiry.helpers import make_enquiry

from .helpers import closed_round, token_for

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
    ]
)
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30")


@pytest.mark.django_db(transaction=True)
def test_schemathesis(live_server, world, settings, artifacts):
    settings.API_RATE_LIMIT = "100000/m"  # the run's own pace is not the point here (tests/api/test_api.py)
    teacher = world.people.teacher_a
    mine = make_enquiry(teacher, world.school_1, world.network_a, title="Mine")
    make_enquiry(world.people.school_lead, world.school_1, world.network_a, sharing=Sharing.PUBLIC, title="Shared")
    activity = plan(world, title="Visit to Maes y Coed")
    round = closed_round(world, world.network_a)
    token = token_for(teacher, "write")
    junit = Path(artifacts) / "schemathesis.xml"
    # Path parameters that exist, so the valid cases reach each operation's logic and not only its 404.
    config = Path(artifacts) / "schemathesis.toml"
    config.write_text(
        "[parameters]\n"
        f'"path.enquiry_id" = {mine.pk}\n'
        f'"path.activity_id" = {activity.pk}\n'
        f'"path.round_id" = {round.pk}\n'
        f'"path.urn" = {world.school_1.urn}\n'
        f'"path.slug" = "{world.network_a.slug}"\n'
    )
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("st")),
            "--config-file",
            str(config),
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            CHECKS,
            "--max-examples",
            MAX_EXAMPLES,
            "--seed",
            "16",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--report",
            "junit",
            "--report-junit-path",
            str(junit),
            "--output-truncate",
            "true",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=artifacts,  # schemathesis keeps its cache in the folder it runs in
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"},
    )
    print(run.stdout[-6000:])
    suites = ElementTree.parse(junit).getroot()
    cases = list(suites.iter("testcase"))
    failures = sum(1 for case in cases if case.find("failure") is not None or case.find("error") is not None)
    generated = re.search(r"(\d+) generated", run.stdout)
    print(
        f"schemathesis: {len(cases)} operations, {generated.group(1) if generated else '?'} cases, {failures} failures"
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert len(cases) == 16
    assert failures == 0

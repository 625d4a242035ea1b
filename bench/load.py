"""The platform's main pages under load, measured against two bare views in the same run. Run on
demand, never in the suite, on a database bench/scale.py made:

    .venv/bin/python bench/scale.py plc_national_small --scale 0.004   # once (1/250)
    .venv/bin/python bench/load.py plc_national_small                  # every page, 3 runs
    .venv/bin/python bench/load.py plc_national --quick                # fewer pages, 1 run
    .venv/bin/python bench/load.py plc_national --pages home-teacher,library-search --runs 1

It serves the platform with gunicorn on 127.0.0.1 in production settings (DEBUG off, the
workers and config of the Docker image: docker/gunicorn.conf.py, WEB_CONCURRENCY 3), with
bench/settings.py, which adds the two bare views (bench/urls.py): `bare` is an HttpResponse
through the whole middleware stack, `base` the base template rendered with the same context
processors. Three changes from production, printed with the results: REQUIRE_TWO_STEP=False
(production asks leaders and staff for a second step at sign-in, which a benchmark cannot pass),
SECURE_SSL_REDIRECT=False (no TLS proxy in front), and the static files served unhashed, as in
the suite's production settings (no collectstatic manifest).

It picks three people by query (a network leader of the network with the most schools, 20 at
full scale; school staff with the most enquiries of their own; consortium staff of the consortium
with the most schools, 1,250 at full scale), among those with a password (bench/scale.py gives
three `bench-password`), signs each in through the real login form, and checks every page
answers 200 to its person. Then, for each run and each number of connections (8 and 32), it runs
wrk (Debian package `wrk`) for --duration seconds on the two bare views and then on each page,
with the person's session cookie, waiting after each until the server has drained (a bare
request answers quickly three times running). It prints a markdown table: requests a second,
latency at the 50th, 95th and 99th percentile, errors (socket errors, timeouts and statuses of
400 and above, over all runs), and the ratio of the page's requests a second to the bare view's
in the same run. With several runs each figure is the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path(__file__).resolve().parent / "wrk_report.lua"
PASSWORD = "bench-password"  # as bench/scale.py sets it
LIBRARY_QUERY = "reading comprehension"
WORKERS = 3  # WEB_CONCURRENCY in the Dockerfile and docker-compose.yml


@dataclass
class Page:
    name: str
    role: str  # leader, teacher or officer
    path: str
    quick: bool = False
    status: str = ""  # why it is not measured, when it did not answer 200


@dataclass
class Result:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


@dataclass
class Row:
    name: str
    connections: int
    results: list[Result] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    status: str = ""


def setup_django(database: str, host: str) -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@{host}:5432/{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # for explain_slowest's test client
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_people_and_pages() -> tuple[dict[str, str], list[Page]]:
    """The three people and every page's path, found by query in the database."""
    from django.db.models import Count, Q

    from activities.models import Activity
    from brokerage.models import Engagement, PracticeEntry, Specialist, SupportRequest
    from enquiry.models import Enquiry
    from networks.models import Consortium, Membership, Network, PracticeArea, Role
    from plc_platform.models import Statement
    from reviews.models import ReviewRound, RoundStatus

    with_password = Membership.objects.exclude(user__password__startswith="!")
    network = (
        Network.objects.filter(memberships__in=with_password.filter(role=Role.NETWORK_LEADER))
        .annotate(school_count=Count("network_schools", distinct=True))
        .order_by("-school_count", "pk")
        .first()
    )
    leader = with_password.filter(role=Role.NETWORK_LEADER, network=network).order_by("pk").first().user
    consortium = (
        Consortium.objects.filter(memberships__in=with_password.filter(role=Role.CONSORTIUM_STAFF))
        .annotate(school_count=Count("schools", distinct=True))
        .order_by("-school_count", "pk")
        .first()
    )
    officer = with_password.filter(role=Role.CONSORTIUM_STAFF, consortium=consortium).order_by("pk").first().user
    teacher = (
        with_password.filter(role=Role.SCHOOL_STAFF)
        .annotate(own=Count("user__enquiries", distinct=True))
        .order_by("-own", "pk")
        .first()
        .user
    )
    people = {"leader": leader.email, "teacher": teacher.email, "officer": officer.email}

    school = network.network_schools.select_related("school").order_by("school__name").first().school
    closed = ReviewRound.objects.filter(network=network, status=RoundStatus.CLOSED).order_by("-closed_at").first()
    enquiry = Enquiry.objects.filter(owner=teacher).annotate(items=Count("evidence")).order_by("-items", "pk").first()
    activity = Activity.objects.filter(network=network).order_by("-starts_at").first()
    statement = (
        Statement.objects.filter(network=network).order_by("-status", "-ends_on").first()
    )  # "published" sorts after "draft"
    support = SupportRequest.objects.filter(consortium=consortium).order_by("-pk").first()
    area = (
        PracticeArea.objects.filter(consortium=consortium)
        .annotate(shared=Count("enquiries", filter=~Q(enquiries__sharing="private")))
        .order_by("-shared", "pk")
        .first()
    )
    specialist = Specialist.objects.filter(consortium=consortium).order_by("pk").first()
    entry = PracticeEntry.objects.filter(school__consortium=consortium).order_by("pk").first()
    engagement = Engagement.objects.filter(consortium=consortium).order_by("pk").first()
    town = school.town.split()[0] if school.town else school.name.split()[0]
    n, c = network.slug, consortium.slug

    def page(name, role, path, quick=False):
        return Page(name, role, path, quick)

    def pk(row):
        """The row's id, or 0 (a page that answers 404) where the data set has none."""
        return row.pk if row is not None else 0

    pages = [
        # The main pages (issue 12), those in --quick first.
        page("home (leader)", "leader", "/", quick=True),
        page("home (teacher)", "teacher", "/", quick=True),
        page("home (officer)", "officer", "/", quick=True),
        page("network page", "leader", f"/networks/{n}/", quick=True),
        page("school directory", "officer", "/schools/"),
        page("school search", "officer", f"/schools/?q={town}"),
        page("round results", "leader", f"/reviews/{pk(closed)}/results/", quick=True),
        page("library search", "teacher", "/library/?q=" + LIBRARY_QUERY.replace(" ", "+"), quick=True),
        page("enquiry", "teacher", f"/enquiries/{pk(enquiry)}/"),
        page("activities", "leader", f"/networks/{n}/activities/"),
        page("budget", "leader", f"/networks/{n}/activities/budget/"),
        page("brokerage candidates", "officer", f"/brokerage/requests/{pk(support)}/match/", quick=True),
        page("consortium overview", "officer", f"/consortia/{c}/overview/", quick=True),
        page("knowledge flows (consortium)", "officer", f"/consortia/{c}/flows/", quick=True),
        page("knowledge flows (network)", "leader", f"/networks/{n}/flows/"),
        page("what works", "officer", f"/consortia/{c}/what-works/?area={area.slug if area else ''}", quick=True),
        page("statement of account", "leader", f"/statements/{pk(statement)}/", quick=True),
        # The other pages people read.
        page("statements", "leader", f"/networks/{n}/statements/"),
        page("network exchange", "officer", f"/brokerage/consortia/{c}/exchange/"),
        page("networks", "officer", "/networks/"),
        page("network members", "leader", f"/networks/{n}/members/"),
        page("school", "leader", f"/schools/{school.urn}/"),
        page("school maturity", "officer", f"/schools/{school.urn}/maturity/"),
        page("review rounds", "leader", f"/networks/{n}/reviews/"),
        page("enquiries (mine)", "teacher", "/enquiries/"),
        page("network enquiries", "leader", f"/enquiries/network/{n}/"),
        page("library", "teacher", "/library/"),
        page("activity", "leader", f"/activities/{pk(activity)}/"),
        page("activity history", "leader", f"/networks/{n}/activities/history/"),
        page("tools", "leader", f"/networks/{n}/tools/"),
        page("consortium", "officer", f"/consortia/{c}/"),
        page("audit trail", "officer", f"/consortia/{c}/audit/"),
        page("brokerage requests", "officer", "/brokerage/"),
        page("brokerage request", "officer", f"/brokerage/requests/{pk(support)}/"),
        page("engagements", "officer", "/brokerage/engagements/"),
        page("engagement", "officer", f"/brokerage/engagements/{pk(engagement)}/"),
        page("specialists", "officer", f"/brokerage/consortia/{c}/specialists/"),
        page("specialist", "officer", f"/brokerage/specialists/{pk(specialist)}/"),
        page("practice entries", "officer", f"/brokerage/consortia/{c}/practice/"),
        page("practice entry", "officer", f"/brokerage/practice/{pk(entry)}/"),
        page("profile", "teacher", "/profile/"),
        page("your data", "teacher", "/profile/data/"),
    ]
    return people, pages


class Server:
    """gunicorn serving the platform in production settings, on a free local port."""

    def __init__(self, database_url: str, redis_url: str, workers: int):
        from tests.live import free_port

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="plc-load-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "REQUIRE_TWO_STEP": "False",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": "dummymail://",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "plc_platform.wsgi:application", "--no-control-socket"]
            + ["--config", "docker/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(workers), "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/bench/bare/", timeout=5).close()  # noqa: S310 - our own server
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not start; its log is {self.log.name}")

    def drain(self, timeout: float = 120) -> float:
        """Wait until a bare request answers in under 100 ms three times running: the requests
        wrk left queued are done. Returns the seconds waited."""
        started = time.monotonic()
        quick = 0
        while quick < 3 and time.monotonic() - started < timeout:
            asked = time.monotonic()
            try:
                urllib.request.urlopen(self.base + "/bench/bare/", timeout=timeout).close()  # noqa: S310 - our own server
            except OSError:
                time.sleep(0.5)
                continue
            quick = quick + 1 if time.monotonic() - asked < 0.1 else 0
            time.sleep(0.1)
        return time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def sign_in(base: str, email: str):
    """A tests.live.Browser signed in through the login form: its cookies, as a Cookie header."""
    from tests.live import Browser

    browser = Browser(base)
    if browser.get("/accounts/login/").status != 200:
        sys.exit("The login form did not open.")
    reply = browser.post("/accounts/login/", {"login": email, "password": PASSWORD})
    if reply.status != 302:
        sys.exit(f"Signing in as {email} answered {reply.status}, not a redirect.")
    return browser, "; ".join(f"{cookie.name}={cookie.value}" for cookie in browser.jar)


def first_opening(browser, path: str) -> str:
    """Open the page once (warming the caches); why it cannot be measured, or "" if it answered 200.
    gunicorn's worker timeout is 60 s, so 90 s is as long as any answer can take."""
    request = urllib.request.Request(browser.base + path)  # noqa: S310 - our own server
    try:
        with browser.opener.open(request, timeout=90) as response:
            status, location = response.status, ""
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location", "")
    except TimeoutError:
        return "no answer in 90 s"
    return "" if status == 200 else f"answered {status} {location}".strip()


def wrk(url: str, cookie: str, connections: int, duration: int) -> Result:
    command = ["wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{duration}s"]
    command += ["--timeout", "60s", "--script", str(REPORT), "--header", "Accept-Encoding: gzip"]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    seconds = report["duration_us"] / 1e6
    return Result(
        rps=report["requests"] / seconds,
        p50=report["p50_us"] / 1000,
        p95=report["p95_us"] / 1000,
        p99=report["p99_us"] / 1000,
        errors=report["errors"],
        requests=report["requests"],
    )


def explain_slowest(page: Page, email: str) -> str:
    """The page opened once in this process as its person (Django's test client), each SELECT it
    sent run again under EXPLAIN ANALYZE, and the plan of the one the database took longest over
    (its own time: on a shared machine a query's wall time is mostly waiting for a core)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from networks.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    client.get(page.path)  # warm
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        status = client.get(page.path).status_code
        elapsed = (time.perf_counter() - started) * 1000
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    timed = []
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            (plan,) = cursor.fetchone()
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            timed.append((plan["Planning Time"] + plan["Execution Time"], sql))
        total, (worst, sql) = sum(t for t, _ in timed), max(timed)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    return (
        f"### {page.name} ({page.path})\n\nOne opening in-process: {status}, {elapsed:,.0f} ms wall, "
        f"{len(captured.captured_queries)} queries, {total:,.0f} ms of database time under EXPLAIN ANALYZE; "
        f"the longest, {worst:,.1f} ms (planning and execution):\n\n"
        f"```sql\n{sql}\n```\n\n```\n{plan}\n```\n"
    )


def median(values):
    return statistics.median(values) if values else float("nan")


def table(rows: list[Row], runs: int) -> str:
    lines = [
        "| page | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.status:
            lines.append(f"| {row.name} | {row.connections} | {row.status} | | | | | |")
            continue
        r = row.results
        if not sum(x.requests for x in r):
            lines.append(f"| {row.name} | {row.connections} | no request finished within a run | | | | | |")
            continue
        lines.append(
            f"| {row.name} | {row.connections} | {median([x.rps for x in r]):,.1f} | {median([x.p50 for x in r]):,.0f} "
            f"| {median([x.p95 for x in r]):,.0f} | {median([x.p99 for x in r]):,.0f} | {sum(x.errors for x in r)} "
            f"| {median(row.ratios):.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL's host (user postgres, port 5432).")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/2", help="Redis for the cache, as production.")
    parser.add_argument("--quick", action="store_true", help="The pages marked quick, one run.")
    parser.add_argument("--pages", help="Only these pages: names or parts of names, comma-separated.")
    parser.add_argument("--runs", type=int, help="Runs of every measurement (3; 1 with --quick).")
    parser.add_argument("--connections", default="8,32", help="Concurrent connections, comma-separated.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each measurement.")
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn's workers.")
    parser.add_argument("--output", type=Path, help="Also write the table to this file.")
    parser.add_argument(
        "--explain", type=int, default=3, help="EXPLAIN ANALYZE the slowest query of this many slowest pages."
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    runs = args.runs or (1 if args.quick else 3)
    connections = [int(c) for c in args.connections.split(",")]

    setup_django(args.database, args.host)
    people, pages = pick_people_and_pages()
    if args.quick:
        pages = [p for p in pages if p.quick]
    if args.pages:
        wanted = [w.strip().lower() for w in args.pages.split(",")]
        pages = [p for p in pages if any(w in p.name.lower() for w in wanted)]

    server = Server(os.environ["DATABASE_URL"], args.redis, args.workers)
    try:
        cookies = {}
        for role, email in people.items():
            browser, cookies[role] = sign_in(server.base, email)
            for page in pages:
                if page.role == role:
                    page.status = first_opening(browser, page.path)
                    print(f"  {page.name}, as the {role}: {page.status or 'opened'}", flush=True)
        bare = [
            Page("bare: HttpResponse", "leader", "/bench/bare/"),
            Page("bare: base template", "leader", "/bench/base/"),
        ]
        rows = {(p.name, c): Row(p.name, c, status=p.status) for p in bare + pages for c in connections}
        print(
            f"{args.database}: {len(pages)} pages, {runs} run(s) of {args.duration} s at {connections} connections, "
            f"gunicorn with {args.workers} sync workers; as {people}",
            flush=True,
        )
        started = time.monotonic()
        for run in range(runs):
            for count in connections:
                bare_rps = None
                for page in bare + pages:
                    row = rows[(page.name, count)]
                    if row.status:
                        continue
                    result = wrk(server.base + page.path, cookies[page.role], count, args.duration)
                    waited = server.drain()
                    if bare_rps is None:
                        bare_rps = result.rps
                    row.results.append(result)
                    row.ratios.append(result.rps / bare_rps)
                    print(
                        f"  run {run + 1}, {count} connections, {page.name}: {result.rps:,.1f}/s, "
                        f"p95 {result.p95:,.0f} ms, {result.errors} errors (drained in {waited:.1f} s)",
                        flush=True,
                    )
        loads = os.getloadavg()
    finally:
        server.stop()
    report = (
        f"{table(list(rows.values()), runs)}\n\n"
        f"Database {args.database}; {runs} run(s) of {args.duration} s each; medians over the runs, errors added up; "
        f"ratio: the page's requests a second over the bare HttpResponse's in the same run and connections. "
        f"gunicorn {args.workers} sync workers, production settings with REQUIRE_TWO_STEP=False, "
        f"SECURE_SSL_REDIRECT=False and unhashed static files. Took {time.monotonic() - started:.0f} s; "
        f"load average {loads[0]:.1f} / {loads[1]:.1f} / {loads[2]:.1f} at the end on {os.cpu_count()} cores."
    )
    measured = [row for row in rows.values() if row.results and not row.name.startswith("bare")]
    # Slowest first; a page none of whose requests finished is slower than any.
    slowest = sorted(
        measured,
        key=lambda row: -median([x.p95 if x.requests else float("inf") for x in row.results]),
    )
    by_name = {page.name: page for page in pages}
    explained = []
    for row in slowest:
        if len(explained) == args.explain:
            break
        if row.name not in {e.name for e in explained}:
            explained.append(by_name[row.name])
    if explained:
        report += "\n\nThe slowest pages by p95, each with its slowest query:\n\n" + "\n".join(
            explain_slowest(page, people[page.role]) for page in explained
        )
    print("\n" + report)
    if args.output:
        args.output.write_text(report + "\n")


if __name__ == "__main__":
    main()

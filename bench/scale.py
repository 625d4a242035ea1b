"""The national data set, for measuring pages at the scale of the country. Run on demand, never in
the suite:

    .venv/bin/python bench/scale.py plc_national                     # the whole country
    .venv/bin/python bench/scale.py plc_national_small --scale 0.004 # 1/250, a quick run
    .venv/bin/python bench/scale.py plc_national --seed 7 --today 2026-12-01

It drops the PostgreSQL database named (127.0.0.1, user postgres; --host to change) and makes it
again as a copy of a template database the project's migrations were run on (made, with
`manage.py migrate`, the first time and whenever a migration or the pinned requirements change),
makes the 20 consortia through the ORM (so their practice areas, approaches, rates and settings
are the ones a new consortium gets), and then loads every other row with binary COPY, or with
INSERT ... SELECT on the server for the rows that follow from others (stage history, answers).
At --scale 1:

- 25,000 schools in 20 consortia: the located schools of ../shared/data/schools-england-2017.csv,
  replicated with positions jittered by up to 3 km; 1,250 neighbouring schools to a consortium;
- 2,000 networks: 100 to a consortium, 12-20 of its schools each (each consortium's first has 20;
  the very first, the bench leader's, has 40: issue 14's network of 40 schools);
- 500,000 people: a school lead for each school, a leader and a co-leader for each network, five
  staff for each consortium, school staff for the rest (one in eight also a network member);
- 1,000,000 enquiry cycles owned by school staff, 1-2 practice areas, private (40%) or shared with
  the school, network, consortium or the public library; their stage history, 1.5M evidence items
  (notes, links, measures and tiny files), impact claims, collaborators and comments;
- 6,000 closed self-review rounds, 3 to a network on the 29-question framework, 15 responses
  each: 2.6M answers, and their notices, sent;
- 200,000 activities, 100 to a network, with participants, practice areas and cost lines; a budget
  for each network;
- 5,000 specialists and 100,000 practice entries as bench_matching.py makes them (areas, phases,
  travel, availability, past engagements), and 4,000 earlier requests with proposals, engagements
  and their days.

The same seed and --today give the same rows. Foreign keys are not checked row by row while
loading (session_replication_role = replica): the rows are made consistent here, and the
sequences are set past them afterwards. The empty tables' secondary indexes and unique
constraints are dropped before the load and built after it. The library's search vectors are
made in one parallel query (the platform's trigger is off while loading), and a sample is checked
against the platform's own function. It ends with VACUUM ANALYZE and the statements of account,
and prints the time of each step, the total and the machine's load average.

Three people are given the password `bench-password` for bench/load.py:
`leader@bench.example` (leader of the first network, 40 schools), `teacher@bench.example`
(school staff with enquiries of their own and others shared with them) and
`officer@bench.example` (staff of the first consortium, 1,250 schools).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "schools-england-2017.csv"
PASSWORD = "bench-password"
BENCH_EMAILS = ("leader@bench.example", "teacher@bench.example", "officer@bench.example")

# At --scale 1.
CONSORTIA = 20
SCHOOLS = 25_000
NETWORKS = 2_000
PEOPLE = 500_000
ENQUIRIES = 1_000_000
FIRST_NETWORK_SCHOOLS = 40  # issue 14 measures the dashboard and the statement on a network of 40
ROUNDS_PER_NETWORK = 3
RESPONSES_PER_ROUND = 15
ACTIVITIES = 200_000
SPECIALISTS = 5_000
PRACTICE_ENTRIES = 100_000
EARLIER_REQUESTS = 4_000

STAGES = ["investigate", "plan", "implement", "observe", "reflect", "share"]
STAGE_ARRAY = "ARRAY[" + ", ".join(f"'{stage}'" for stage in STAGES) + "]"
SHARING = ["private"] * 40 + ["school"] * 20 + ["network"] * 15 + ["consortium"] * 10 + ["public"] * 15
STRENGTHS = [1] * 35 + [2] * 25 + [3] * 20 + [4] * 15 + [5] * 5
WORDS = str.split(
    "reading writing oracy vocabulary fractions number phonics feedback questioning metacognition "
    "behaviour attendance science history geography inclusion send disadvantaged boys girls year "
    "retrieval practice modelling scaffolding homework parents assessment marking talk maths "
    "comprehension fluency spelling handwriting problem solving reasoning curriculum transition"
)


def psql(sql: str, host: str) -> None:
    subprocess.run(["psql", "-h", host, "-U", "postgres", "-q", "-c", sql], check=True)


def migrated_template(host: str) -> str:
    """A database the project's migrations have been run on, to copy with CREATE DATABASE ...
    TEMPLATE (a second or two) instead of migrating each new database (about a minute). It is named
    by a digest of every migration and of the pinned requirements, so any change to them makes a
    new one; older ones are dropped then."""
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    name = f"plc_scale_template_{digest.hexdigest()[:12]}"
    listed = subprocess.run(
        [
            "psql",
            "-h",
            host,
            "-U",
            "postgres",
            "-Atc",
            "SELECT datname FROM pg_database WHERE datname LIKE 'plc_scale_template_%'",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if name in listed:
        return name
    for old in listed:
        psql(f"DROP DATABASE {old}", host)
    started = time.perf_counter()
    psql(f"CREATE DATABASE {name}", host)
    environment = {**os.environ, "DATABASE_URL": f"postgres://postgres@{host}:5432/{name}"}
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=environment, check=True
        )
    except BaseException:
        psql(f"DROP DATABASE {name}", host)
        raise
    print(f"  migrations into the template {name}: {time.perf_counter() - started:.1f} s")
    return name


def setup_django(database: str, host: str, media: Path) -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@{host}:5432/{database}"
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plc_platform.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def real_schools() -> list[dict]:
    with DATA.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["Easting"] and row["Northing"]]


class Loader:
    """COPY of rows given as tuples in a chosen column order. The model's other columns get its
    field defaults (an empty string where a blank text has none), so a row names only what matters."""

    def __init__(self, now: dt.datetime):
        from django.db import connection

        self.connection = connection
        self.now = now
        self.next_ids: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def ids(self, model, count: int) -> range:
        """The next `count` primary keys of the model's table."""
        table = model._meta.db_table
        start = self.next_ids.get(table)
        if start is None:
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
                start = cursor.fetchone()[0]
        self.next_ids[table] = start + count
        return range(start, start + count)

    def numbered(self, model, rows: list[tuple]):
        """The rows, each with the next primary key in front."""
        return ((pk, *row) for pk, row in zip(self.ids(model, len(rows)), rows, strict=True))

    def copy_numbered(self, model, columns: list[str], rows: list[tuple]) -> int:
        """`copy` of new rows, each numbered with the next primary key: the first of the columns."""
        return self.copy(model, columns, self.numbered(model, rows))

    def _tail(self, model, columns):
        from django.db import models
        from django.db.models.fields import NOT_PROVIDED

        names, values = [], []
        for field in model._meta.concrete_fields:
            if field.column in columns:
                continue
            if field.primary_key:
                raise ValueError(f"{model.__name__}: give the ids")
            if field.has_default():
                value = field.get_default()
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.now
            elif field.null:
                if field.db_default is NOT_PROVIDED:
                    continue  # the column's own default, NULL: also spares a dumper for tsvector
                value = None
            elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
                value = ""
            else:
                raise ValueError(f"{model.__name__}.{field.name} needs a value")
            if isinstance(field, models.JSONField):
                value = field.get_db_prep_value(value, self.connection)
            names.append(field.column)
            values.append(value)
        return names, tuple(values)

    def _types(self, table: str, columns: list[str]) -> list[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                [table],
            )
            oids = dict(cursor.fetchall())
        return [oids[name] for name in columns]

    def copy(self, model, columns: list[str], rows, table: str | None = None) -> int:
        """COPY in PostgreSQL's binary format: about eight times the rows a second of the text
        format, whose cost is mostly formatting dates and numbers in Python. Into the model's table,
        or another with the same columns."""
        table = table or model._meta.db_table
        tail_names, tail = self._tail(model, set(columns))
        names = columns + tail_names
        quoted = ", ".join(f'"{name}"' for name in names)
        sql = f"COPY {table} ({quoted}) FROM STDIN (FORMAT BINARY)"
        count = 0
        types = self._types(table, names)
        with self.connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row + tail)
                count += 1
        self.counts[table] = self.counts.get(table, 0) + count
        return count

    def insert_select(self, model, columns: list[str], select: str, params=()) -> int:
        """Rows made by the server from rows already loaded: `select` gives `columns`, the
        model's other columns get their defaults as in copy()."""
        table = model._meta.db_table
        tail_names, tail = self._tail(model, set(columns))
        quoted = ", ".join(f'"{name}"' for name in columns + tail_names)
        tail_sql = "".join(", %s" for _ in tail)
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({quoted}) SELECT *{tail_sql} FROM ({select}) made", [*tail, *params])
            count = cursor.rowcount
        self.counts[table] = self.counts.get(table, 0) + count
        return count

    def finish(self) -> None:
        with self.connection.cursor() as cursor:
            for table in self.next_ids:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )


def search_vectors(cursor) -> None:
    """Move the enquiries from bench_enquiry_load into their table with the library's search
    vectors. The platform's trigger (enquiry_search_vector_of, migration 0004) looks up each
    enquiry's practice-area names with a query of its own, about 0.25 ms a row, 250 s for a million
    on one core; here the same vector is made from one join, in a parallel query (about 80 ms for
    1,000 rows on 2 cores). check_search_vectors() compares the two on a sample afterwards."""
    from enquiry.models import Enquiry

    table = Enquiry._meta.db_table
    cursor.execute(
        f"""
        CREATE UNLOGGED TABLE bench_enquiry_vector AS
        SELECT l.id, setweight(to_tsvector('english', l.title || ' ' || l.question), 'A')
            || setweight(to_tsvector('english',
                l.conclusions || ' ' || l.observations || ' ' || l.current_provision), 'B')
            || setweight(to_tsvector('english', coalesce(a.names, '')), 'C')
            || setweight(to_tsvector('english',
                l.why_it_matters || ' ' || l.plan || ' ' || l.changes || ' ' || l.pupil_group), 'D')
            AS search_vector
        FROM bench_enquiry_load l LEFT JOIN (
            SELECT link.enquiry_id, string_agg(area.name, ' ' ORDER BY link.practicearea_id) AS names
            FROM {Enquiry.practice_areas.through._meta.db_table} link
            JOIN networks_practicearea area ON area.id = link.practicearea_id
            GROUP BY link.enquiry_id
        ) a ON a.enquiry_id = l.id
        """
    )
    cursor.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
        "ORDER BY attnum",
        [table],
    )
    columns = [name for (name,) in cursor.fetchall()]
    select = ", ".join("v.search_vector" if name == "search_vector" else f'l."{name}"' for name in columns)
    cursor.execute(
        f"INSERT INTO {table} SELECT {select} FROM bench_enquiry_load l JOIN bench_enquiry_vector v USING (id)"
    )
    cursor.execute("DROP TABLE bench_enquiry_load, bench_enquiry_vector")


def check_search_vectors(cursor) -> None:
    """Every hundredth enquiry's vector is the one the platform's own function makes."""
    from enquiry.models import Enquiry

    cursor.execute(
        f"SELECT count(*) FROM {Enquiry._meta.db_table} e "
        "WHERE e.id % 100 = 0 AND e.search_vector IS DISTINCT FROM enquiry_search_vector_of(e)"
    )
    (differ,) = cursor.fetchone()
    if differ:
        raise RuntimeError(f"{differ} sampled search vectors differ from enquiry_search_vector_of()")


class DeferredIndexes:
    """The secondary indexes and unique constraints of the tables still empty, dropped before the
    load and built again after it: one sort per index instead of an insertion per row, and the
    unique constraints check the rows made here once they are all in."""

    def __init__(self, cursor):
        cursor.execute(
            """
            SELECT t.relname, i.relname, c.conname, pg_get_constraintdef(c.oid), pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid
            WHERE n.nspname = 'public' AND t.relkind = 'r' AND NOT x.indisprimary
            ORDER BY t.relname, i.relname
            """
        )
        rows = cursor.fetchall()
        empty = {}
        for table in {row[0] for row in rows}:
            cursor.execute(f'SELECT NOT EXISTS (SELECT 1 FROM "{table}")')
            empty[table] = cursor.fetchone()[0]
        self.cursor = cursor
        self.dropped = [row for row in rows if empty[row[0]]]

    def drop(self) -> None:
        from django.db import DatabaseError, transaction

        kept = []
        for table, index, constraint, _definition, _create in self.dropped:
            try:
                with transaction.atomic():
                    if constraint:
                        self.cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"')
                    else:
                        self.cursor.execute(f'DROP INDEX "{index}"')
            except DatabaseError:  # a foreign key depends on it: it stays
                kept.append(index)
        self.dropped = [row for row in self.dropped if row[1] not in kept]

    def build(self) -> int:
        self.cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for table, _index, constraint, definition, create in self.dropped:
            if constraint:
                self.cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{constraint}" {definition}')
            else:
                self.cursor.execute(create)
        return len(self.dropped)


def build(rng: random.Random, scale: float, today: dt.date, media: Path) -> dict[str, float]:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from activities.models import Activity, ActivityType, CostLine, NetworkBudget, Participant
    from brokerage.models import (
        AvailabilityBlock,
        Engagement,
        EngagementDay,
        PastEngagement,
        PracticeEntry,
        Proposal,
        Specialist,
        SpecialistPhase,
        SpecialistTravelArea,
        SupportRequest,
    )
    from enquiry.models import (
        Collaborator,
        Comment,
        Enquiry,
        Evidence,
        ImpactClaim,
        LevelOfLearning,
        StageChange,
    )
    from networks.models import Consortium, Membership, Network, NetworkSchool, PracticeArea, School, User
    from reviews.models import Answer, Framework, Notice, Question, ReviewResponse, ReviewRound

    def n(count: int) -> int:
        return max(1, round(count * scale))

    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        print(f"  {name}: {timings[name]:.1f} s", flush=True)

    call_command("migrate", verbosity=0)  # nothing left to apply after the template: a check
    step("migrations")
    now = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    load = Loader(now)

    def at(days_ago: float) -> dt.datetime:
        return now - dt.timedelta(days=days_ago)

    consortia = [
        Consortium.objects.create(name=f"Consortium {c + 1}", slug=f"consortium-{c + 1}") for c in range(CONSORTIA)
    ]
    areas = {c.pk: list(PracticeArea.objects.filter(consortium=c).values_list("pk", flat=True)) for c in consortia}
    framework = Framework.objects.get(slug="seven-key-features")
    questions = list(Question.objects.filter(feature__framework=framework).values_list("pk", flat=True))
    activity_types = list(ActivityType.objects.values_list("pk", flat=True))
    level_ids = list(LevelOfLearning.objects.values_list("pk", flat=True))
    step("consortia (ORM)")

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET LOCAL work_mem = '256MB'")  # the joins and sorts of the server-made rows
        indexes = DeferredIndexes(cursor)
        indexes.drop()
        step(f"{len(indexes.dropped)} indexes and unique constraints dropped")

        # Schools: 1,250 neighbours to a consortium.
        source = real_schools()
        school_count = n(SCHOOLS)
        school_ids = load.ids(School, school_count)
        school_consortium = [consortia[i * CONSORTIA // school_count].pk for i in range(school_count)]

        def schools():
            for i, pk in enumerate(school_ids):
                row = source[i % len(source)]
                copy_no = i // len(source)
                jitter = 3000 if copy_no else 0
                phase = row["Phase of education"]
                yield (
                    pk,
                    school_consortium[i],
                    2_000_000 + i,
                    row["Establishment name"] + (f" ({copy_no + 1})" if copy_no else ""),
                    "" if phase == "Not applicable" else phase,
                    row["Type of establishment"][:100],
                    row["Local authority (name)"],
                    row["Region"],
                    row["Town"][:100],
                    row["Postcode"][:10],
                    int(row["Easting"]) + rng.randint(-jitter, jitter),
                    int(row["Northing"]) + rng.randint(-jitter, jitter),
                    not row["Establishment status"].startswith("Closed"),
                )

        load.copy(
            School,
            [
                "id",
                "consortium_id",
                "urn",
                "name",
                "phase",
                "establishment_type",
                "local_authority",
                "region",
                "town",
                "postcode",
                "easting",
                "northing",
                "is_open",
            ],
            schools(),
        )
        schools_of = {c.pk: [] for c in consortia}
        for i, pk in enumerate(school_ids):
            schools_of[school_consortium[i]].append(pk)
        authority = {pk: source[i % len(source)]["Local authority (name)"] for i, pk in enumerate(school_ids)}
        step(f"{school_count:,} schools")

        # Networks: 100 to a consortium, overlapping runs of its schools; the first is the largest.
        network_count = n(NETWORKS)
        network_ids = load.ids(Network, network_count)
        network_consortium, network_schools = {}, {}
        for j, pk in enumerate(network_ids):
            consortium = consortia[j % CONSORTIA].pk
            members = schools_of[consortium]
            k = j // CONSORTIA
            size = FIRST_NETWORK_SCHOOLS if j == 0 else 20 if k == 0 else 12 + k % 9
            start = (k * 12) % max(1, len(members))
            network_consortium[pk] = consortium
            network_schools[pk] = [members[(start + s) % len(members)] for s in range(min(size, len(members)))]
        load.copy(
            Network,
            ["id", "consortium_id", "name", "slug", "purpose", "focus"],
            (
                (
                    pk,
                    network_consortium[pk],
                    f"Network {j + 1}",
                    f"network-{j + 1}",
                    "Schools working together on " + " ".join(rng.sample(WORDS, 3)) + ".",
                    "Improving " + " and ".join(rng.sample(WORDS, 2)) + ".",
                )
                for j, pk in enumerate(network_ids)
            ),
        )
        links = [(pk, s) for pk, members in network_schools.items() for s in members]
        load.copy(
            NetworkSchool,
            ["id", "network_id", "school_id", "joined_on"],
            (
                (i, network, school, today - dt.timedelta(days=900))
                for i, (network, school) in zip(load.ids(NetworkSchool, len(links)), links, strict=True)
            ),
        )
        Through = Network.practice_areas.through
        rows = [(pk, a) for pk in network_ids for a in rng.sample(areas[network_consortium[pk]], 2)]
        load.copy_numbered(Through, ["id", "network_id", "practicearea_id"], rows)
        networks_of_school: dict[int, list[int]] = {}
        for network, school in links:
            networks_of_school.setdefault(school, []).append(network)
        step(f"{network_count:,} networks, {len(links):,} network schools")

        # People: a school lead per school, network leaders and members, consortium staff, and
        # school staff for the rest. Every person has one school (their "home" for enquiries).
        people = n(PEOPLE)
        user_ids = load.ids(User, people)
        password = make_password(PASSWORD)
        unusable = "!bench"
        memberships = []  # (user, role, consortium, network, school)
        user_school = {}
        u = iter(user_ids)
        leader_of = {}
        for school in school_ids:
            person = next(u)
            user_school[person] = school
            memberships.append((person, "school_lead", None, None, school))
        for network in network_ids:
            for role in ("network_leader", "network_co_leader"):
                person = next(u)
                user_school[person] = network_schools[network][0]
                memberships.append((person, role, None, network, None))
                leader_of.setdefault(network, person)
        officers = {}
        for consortium in consortia:
            for _ in range(5):
                person = next(u)
                user_school[person] = schools_of[consortium.pk][0]
                memberships.append((person, "consortium_staff", consortium.pk, None, None))
                officers.setdefault(consortium.pk, person)
        staff = list(u)
        for i, person in enumerate(staff):
            school = school_ids[i % school_count]
            user_school[person] = school
            memberships.append((person, "school_staff", None, None, school))
            if i % 8 == 0 and networks_of_school.get(school):
                memberships.append((person, "network_member", None, networks_of_school[school][0], None))
        teacher = staff[0]
        bench_users = {
            leader_of[network_ids[0]]: BENCH_EMAILS[0],
            teacher: BENCH_EMAILS[1],
            officers[consortia[0].pk]: BENCH_EMAILS[2],
        }
        first_names = str.split(
            "Amira Ben Chloe Dev Ella Femi Grace Harry Isla Jack Kofi Lily Mo Nia Oscar Priya Ravi Sara Tom Zara"
        )
        last_names = str.split(
            "Ahmed Brown Clarke Davies Evans Fraser Green Hughes Iqbal Jones "
            "Khan Lewis Moore Patel Roberts Smith Taylor Walker Wood Young"
        )
        load.copy(
            User,
            ["id", "email", "full_name", "password", "is_active", "is_staff", "is_superuser", "date_joined"],
            (
                (
                    pk,
                    bench_users.get(pk, f"person{pk}@schools.example"),
                    f"{first_names[pk % 20]} {last_names[(pk // 20) % 20]}",
                    password if pk in bench_users else unusable,
                    True,
                    False,
                    False,
                    at(rng.randint(30, 1500)),
                )
                for pk in user_ids
            ),
        )
        load.copy_numbered(
            Membership, ["id", "user_id", "role", "consortium_id", "network_id", "school_id"], memberships
        )
        # A verified primary address each, as allauth keeps for everyone who has signed up:
        # production (ACCOUNT_EMAIL_VERIFICATION) lets no one in without one.
        from allauth.account.models import EmailAddress

        load.insert_select(
            EmailAddress,
            ["id", "user_id", "email", "verified", "primary"],
            f"SELECT %s + u.id - %s, u.id, u.email, true, true FROM {User._meta.db_table} u "
            "WHERE u.id BETWEEN %s AND %s",
            [load.ids(EmailAddress, people)[0], user_ids[0], user_ids[0], user_ids[-1]],
        )
        step(f"{people:,} people, {len(memberships):,} memberships, their email addresses")

        # Enquiries, their practice areas, levels, stage history, evidence, claims, collaborators
        # and comments.
        enquiry_count = n(ENQUIRIES)
        enquiry_ids = load.ids(Enquiry, enquiry_count)
        # Most are the school staff's; the bench teacher owns twelve.
        owners = [teacher] * min(12, enquiry_count) + [
            rng.choice(staff) for _ in range(enquiry_count - min(12, enquiry_count))
        ]
        plans = []
        for pk, owner in zip(enquiry_ids, owners, strict=True):
            school = user_school[owner]
            nets = networks_of_school.get(school)
            network = nets[0] if nets and rng.random() < 0.7 else None
            sharing = rng.choice(SHARING)
            if sharing == "network" and network is None:
                sharing = "school"
            stage = rng.randint(0, 5)
            created = rng.uniform(20, 1400)
            plans.append((pk, owner, school, network, sharing, stage, created))
        consortium_of_school = dict(zip(school_ids, school_consortium, strict=True))
        rows = []
        for pk, _owner, school, *_ in plans:
            chosen = rng.sample(areas[consortium_of_school[school]], rng.randint(1, 2))
            rows.extend((pk, a) for a in chosen)
        Through = Enquiry.practice_areas.through
        load.copy_numbered(Through, ["id", "enquiry_id", "practicearea_id"], rows)
        Through = Enquiry.levels.through
        rows = [(p[0], rng.choice(level_ids)) for p in plans]
        load.copy_numbered(Through, ["id", "enquiry_id", "leveloflearning_id"], rows)

        def enquiries():
            for pk, owner, school, network, sharing, stage, created in plans:
                words = rng.sample(WORDS, 4)
                updated = created * rng.random()
                yield (
                    pk,
                    at(created),
                    at(updated),
                    f"{words[0].capitalize()} and {words[1]} in year {rng.randint(1, 11)}",
                    f"Does a focus on {words[0]} improve {words[1]} for {words[2]} pupils?",
                    f"Our {words[3]} data shows a gap we want to close.",
                    stage and f"We changed how we teach {words[0]}." or "",
                    STAGES[stage],
                    at(updated),
                    sharing,
                    None if sharing == "private" else at(updated),
                    at(updated),
                    network,
                    owner,
                    school,
                )

        cursor.execute(f"CREATE UNLOGGED TABLE bench_enquiry_load (LIKE {Enquiry._meta.db_table})")
        load.copy(
            Enquiry,
            [
                "id",
                "created_at",
                "updated_at",
                "title",
                "question",
                "why_it_matters",
                "changes",
                "stage",
                "stage_changed_at",
                "sharing",
                "shared_at",
                "owner_seen_at",
                "network_id",
                "owner_id",
                "school_id",
            ],
            enquiries(),
            table="bench_enquiry_load",
        )
        search_vectors(cursor)
        step(f"{enquiry_count:,} enquiries, their search vectors")

        # Stage history, made by the server from the enquiries: a change into each stage reached,
        # spread evenly from the enquiry's start to now.
        # Ids from arithmetic (six to an enquiry, the unused ones left as gaps) rather than a
        # numbering that would sort all the rows.
        change_count = sum(p[5] + 1 for p in plans)
        first_change = load.ids(StageChange, len(STAGES) * enquiry_count)[0]
        load.insert_select(
            StageChange,
            ["id", "enquiry_id", "changed_by_id", "from_stage", "to_stage", "changed_at"],
            f"""
            SELECT %s + (e.id - %s) * {len(STAGES)} + s, e.id, e.owner_id,
                coalesce(({STAGE_ARRAY})[s], ''), ({STAGE_ARRAY})[s + 1],
                %s::timestamptz - (%s::timestamptz - e.created_at) * (1 - s / 6.0)
            FROM {Enquiry._meta.db_table} e
            CROSS JOIN generate_series(0, array_position({STAGE_ARRAY}, e.stage) - 1) s
            """,
            [first_change, enquiry_ids[0], now, now],
        )
        step(f"{change_count:,} stage changes")

        # Tiny files for the file evidence: a few hundred on disk, shared by many rows.
        evidence_dir = media / "private" / "evidence"
        evidence_dir.mkdir(parents=True, exist_ok=True)
        file_names = []
        for f in range(200):
            name = f"bench-{f:03d}"
            (evidence_dir / name).write_bytes(b"Evidence %d\n" % f)
            file_names.append(f"evidence/{name}")
        evidence = []  # (enquiry, kind, stage, owner)
        for pk, owner, _school, _network, _sharing, stage, _created in plans:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                evidence.append(
                    (pk, rng.choice(("note", "note", "link", "measure", "file")), STAGES[rng.randint(0, stage)], owner)
                )
        evidence_ids = load.ids(Evidence, len(evidence))

        def evidence_rows():
            for i, (enquiry, kind, stage, owner) in zip(evidence_ids, evidence, strict=True):
                note = url = file = file_name = content_type = measure = unit = ""
                size = baseline = outcome = baseline_on = outcome_on = None
                if kind == "note":
                    note = "We saw " + " ".join(rng.sample(WORDS, 5)) + "."
                elif kind == "link":
                    url = f"https://www.example.org/research/{i}"
                elif kind == "file":
                    file, file_name, content_type, size = rng.choice(file_names), f"notes-{i}.txt", "text/plain", 12
                else:
                    measure, unit = "Pupils at the expected standard", "%"
                    baseline, baseline_on = Decimal(rng.randint(20, 70)), today - dt.timedelta(days=200)
                    outcome, outcome_on = baseline + rng.randint(-5, 25), today - dt.timedelta(days=20)
                yield (
                    i,
                    enquiry,
                    stage,
                    kind,
                    f"Evidence {i}",
                    note,
                    url,
                    file,
                    file_name,
                    content_type,
                    size,
                    f"bench{i:x}",
                    measure,
                    unit,
                    baseline,
                    baseline_on,
                    outcome,
                    outcome_on,
                    owner,
                )

        load.copy(
            Evidence,
            [
                "id",
                "enquiry_id",
                "stage",
                "kind",
                "title",
                "note",
                "url",
                "file",
                "file_name",
                "content_type",
                "size",
                "token",
                "measure",
                "unit",
                "baseline_value",
                "baseline_on",
                "outcome_value",
                "outcome_on",
                "added_by_id",
            ],
            evidence_rows(),
        )
        step(f"{len(evidence):,} evidence items")

        claims = [(p[0], p[1]) for p in plans if p[5] >= 3 and rng.random() < 0.8]
        load.copy(
            ImpactClaim,
            ["id", "enquiry_id", "made_by_id", "area", "claim", "strength"],
            (
                (
                    i,
                    e,
                    o,
                    rng.choice(("pupils", "practice")),
                    "Pupils " + " ".join(rng.sample(WORDS, 4)) + " more.",
                    rng.choice(STRENGTHS),
                )
                for i, (e, o) in zip(load.ids(ImpactClaim, len(claims)), claims, strict=True)
            ),
        )
        # Collaborators: a colleague of the same school for one in three; the bench teacher is
        # invited to forty others' enquiries.
        staff_of_school: dict[int, list[int]] = {}
        for person in staff:
            staff_of_school.setdefault(user_school[person], []).append(person)
        collaborators = []
        for index, (pk, owner, school, *_rest) in enumerate(plans[12:], start=12):
            if index < 52:
                collaborators.append((pk, teacher, "critical_friend", owner))
            elif rng.random() < 0.3:
                colleague = rng.choice(staff_of_school[school])
                if colleague != owner:
                    collaborators.append((pk, colleague, rng.choice(("co_enquirer", "critical_friend")), owner))
        load.copy_numbered(Collaborator, ["id", "enquiry_id", "user_id", "role", "invited_by_id"], collaborators)
        comments = [
            (e, u) for e, u, role, _ in collaborators if role == "critical_friend" for _ in range(rng.randint(0, 2))
        ]
        load.copy(
            Comment,
            ["id", "enquiry_id", "author_id", "kind", "text", "created_at"],
            (
                (
                    i,
                    e,
                    a,
                    rng.choice(("question", "suggestion", "strength", "note")),
                    "Have you thought about " + " ".join(rng.sample(WORDS, 3)) + "?",
                    at(rng.uniform(1, 300)),
                )
                for i, (e, a) in zip(load.ids(Comment, len(comments)), comments, strict=True)
            ),
        )
        # Each enquiry's strongest claim, which the claims' trigger keeps (off while loading).
        cursor.execute(
            f"UPDATE {Enquiry._meta.db_table} e SET strongest_claim = c.strongest FROM "
            f"(SELECT enquiry_id, max(strength) AS strongest FROM {ImpactClaim._meta.db_table} GROUP BY enquiry_id) c "
            "WHERE c.enquiry_id = e.id"
        )
        step(f"{len(claims):,} claims, {len(collaborators):,} collaborators, {len(comments):,} comments")

        # Closed self-review rounds, 15 responses of 29 answers each, and their sent notices.
        round_ids = load.ids(ReviewRound, network_count * ROUNDS_PER_NETWORK)
        rounds = [(pk, network_ids[i // ROUNDS_PER_NETWORK], i % ROUNDS_PER_NETWORK) for i, pk in enumerate(round_ids)]
        load.copy(
            ReviewRound,
            [
                "id",
                "network_id",
                "framework_id",
                "title",
                "opens_on",
                "closes_on",
                "status",
                "opened_at",
                "closed_at",
                "opened_by_id",
            ],
            (
                (
                    pk,
                    network,
                    framework.pk,
                    f"Self-review {2024 + k}",
                    today - dt.timedelta(days=120 + 365 * (2 - k)),
                    today - dt.timedelta(days=100 + 365 * (2 - k)),
                    "closed",
                    at(120 + 365 * (2 - k)),
                    at(99 + 365 * (2 - k)),
                    leader_of[network],
                )
                for pk, network, k in rounds
            ),
        )
        members_of_network: dict[int, list[int]] = {}
        for person, _role, _c, _network, school in memberships:
            if school:
                for net in networks_of_school.get(school, ()):
                    members_of_network.setdefault(net, []).append(person)
        responses = []
        for pk, network, k in rounds:
            pool = members_of_network.get(network, [])
            for person in rng.sample(pool, min(RESPONSES_PER_ROUND, len(pool))):
                responses.append((pk, person, user_school[person], k))
        response_ids = load.ids(ReviewResponse, len(responses))
        load.copy(
            ReviewResponse,
            ["id", "round_id", "user_id", "school_id", "group", "submitted_at"],
            (
                (i, r, u, s, "staff", at(105 + 365 * (2 - k)))
                for i, (r, u, s, k) in zip(response_ids, responses, strict=True)
            ),
        )
        # Answers, made by the server: every question of every response, a rating from a hash.
        answer_count = len(response_ids) * len(questions)
        load.insert_select(
            Answer,
            ["id", "response_id", "question_id", "rating", "comment"],
            f"""
            SELECT %s + (r.id - %s) * %s + q.n - 1, r.id, q.id, abs(hashint8(r.id * 1000 + q.id)) %% 5, ''
            FROM {ReviewResponse._meta.db_table} r CROSS JOIN unnest(%s::bigint[]) WITH ORDINALITY q(id, n)
            WHERE r.id BETWEEN %s AND %s
            """,
            [load.ids(Answer, answer_count)[0], response_ids[0], len(questions), questions]
            + [response_ids[0], response_ids[-1]],
        )
        network_of_round = {pk: network for pk, network, _k in rounds}
        notices = [(u, r, network_of_round[r], at(120 + 365 * (2 - k))) for r, u, _s, k in responses]
        load.copy(
            Notice,
            ["id", "user_id", "round_id", "network_id", "kind", "due_at", "sent_at"],
            ((i, u, r, net, "round_opened", due, due) for i, u, r, net, due in load.numbered(Notice, notices)),
        )
        step(f"{len(rounds):,} rounds, {len(responses):,} responses, {answer_count:,} answers")

        # Activities: 100 to a network, with participants, areas and cost lines; a budget each.
        activity_count = n(ACTIVITIES)
        activity_ids = load.ids(Activity, activity_count)
        activity_plans = []
        for i, pk in enumerate(activity_ids):
            network = network_ids[i % network_count]
            days_ago = rng.uniform(-120, 700)
            activity_plans.append((pk, network, days_ago))
        load.copy(
            Activity,
            [
                "id",
                "network_id",
                "activity_type_id",
                "title",
                "purpose",
                "host_school_id",
                "starts_at",
                "ends_at",
                "days",
                "status",
                "created_by_id",
            ],
            (
                (
                    pk,
                    network,
                    rng.choice(activity_types),
                    "Visit: " + " and ".join(rng.sample(WORDS, 2)),
                    "To see " + " ".join(rng.sample(WORDS, 3)) + " in practice.",
                    rng.choice(network_schools[network]),
                    at(days_ago),
                    at(days_ago - 0.25),
                    Decimal("0.5"),
                    "done" if days_ago > 0 else "confirmed",
                    leader_of[network],
                )
                for pk, network, days_ago in activity_plans
            ),
        )
        participants = []
        for pk, network, _ in activity_plans:
            pool = members_of_network.get(network) or [leader_of[network]]
            people_here = {leader_of[network], *rng.sample(pool, min(4, len(pool)))}
            for person in people_here:
                participants.append(
                    (pk, person, user_school.get(person), "owner" if person == leader_of[network] else "participant")
                )
        load.copy(
            Participant,
            ["id", "activity_id", "user_id", "school_id", "role", "attendance"],
            (
                (i, a, u, s, role, "attended")
                for i, (a, u, s, role) in zip(load.ids(Participant, len(participants)), participants, strict=True)
            ),
        )
        Through = Activity.practice_areas.through
        rows = [(pk, rng.choice(areas[network_consortium[network]])) for pk, network, _ in activity_plans]
        load.copy_numbered(Through, ["id", "activity_id", "practicearea_id"], rows)
        load.copy(
            CostLine,
            [
                "id",
                "activity_id",
                "category",
                "description",
                "quantity",
                "rate",
                "amount",
                "status",
                "actual_amount",
                "school_id",
            ],
            (
                (
                    i,
                    pk,
                    "supply_cover",
                    "Supply cover for a teacher",
                    Decimal("0.5"),
                    Decimal(220),
                    Decimal(110),
                    "spent" if d > 0 else "proposed",
                    Decimal(110) if d > 0 else None,
                    rng.choice(network_schools[network]),
                )
                for i, (pk, network, d) in zip(load.ids(CostLine, activity_count), activity_plans, strict=True)
            ),
        )
        load.copy(
            NetworkBudget,
            ["id", "network_id", "starts_on", "ends_on", "amount", "note"],
            (
                (
                    i,
                    network,
                    dt.date(today.year - (today.month < 9), 9, 1),
                    dt.date(today.year + (today.month >= 9), 8, 31),
                    Decimal(20000),
                    "",
                )
                for i, network in zip(load.ids(NetworkBudget, network_count), network_ids, strict=True)
            ),
        )
        step(f"{activity_count:,} activities, {len(participants):,} participants")

        # Brokerage: practice entries, specialists and their history, as bench_matching.py.
        entry_count = n(PRACTICE_ENTRIES)

        entry_ids = load.ids(PracticeEntry, entry_count)

        def entries():
            for i in entry_ids:
                school = rng.choice(school_ids)
                end = today - dt.timedelta(days=rng.randint(0, 4 * 365))
                yield (
                    i,
                    school,
                    rng.choice(areas[consortium_of_school[school]]),
                    f"Practice {i}",
                    "What the school did and what changed.",
                    end - dt.timedelta(days=rng.randint(30, 365)),
                    None if rng.random() < 0.1 else end,
                    rng.choice(STRENGTHS),
                    rng.choice(("manual", "csv", "enquiry", "activity")),
                    dt.datetime.combine(end, dt.time(12), tzinfo=dt.UTC),
                )

        load.copy(
            PracticeEntry,
            [
                "id",
                "school_id",
                "practice_area_id",
                "title",
                "summary",
                "period_start",
                "period_end",
                "evidence_strength",
                "source",
                "shared_at",
            ],
            entries(),
        )
        specialist_count = n(SPECIALISTS)
        specialist_ids = load.ids(Specialist, specialist_count)
        specialist_consortium = {pk: consortia[i % CONSORTIA].pk for i, pk in enumerate(specialist_ids)}
        load.copy(
            Specialist,
            ["id", "consortium_id", "name", "organisation", "day_rate", "base_school_id", "is_active"],
            (
                (
                    pk,
                    specialist_consortium[pk],
                    f"Specialist {pk}",
                    f"Consultancy {pk % 700}",
                    Decimal(rng.choice([300, 350, 400, 450, 500, 550, 650])),
                    rng.choice(schools_of[specialist_consortium[pk]]) if rng.random() < 0.8 else None,
                    rng.random() < 0.95,
                )
                for pk in specialist_ids
            ),
        )
        authorities = sorted(set(authority.values()))
        links, phases, travel, blocks, past = [], [], [], [], []
        for pk in specialist_ids:
            mine = areas[specialist_consortium[pk]]
            links.extend((pk, a) for a in rng.sample(mine, rng.randint(1, 3)))
            phases.extend(
                (pk, p)
                for p in rng.sample(["primary", "secondary", "nursery", "all_through", "post_16"], rng.randint(1, 2))
            )
            if rng.random() < 0.4:
                travel.extend((pk, a) for a in rng.sample(authorities, min(len(authorities), rng.randint(1, 5))))
            for kind in ("offered", "blocked"):
                start = today + dt.timedelta(days=rng.randint(0, 150))
                blocks.append((pk, kind, start, start + dt.timedelta(days=rng.randint(3, 40))))
            for _ in range(rng.randint(0, 3)):
                past.append((pk, "A school", rng.choice(mine), rng.randint(2, 5), rng.choice(STRENGTHS)))
        Through = Specialist.practice_areas.through
        load.copy_numbered(Through, ["id", "specialist_id", "practicearea_id"], links)
        load.copy_numbered(SpecialistPhase, ["id", "specialist_id", "phase"], phases)
        load.copy_numbered(SpecialistTravelArea, ["id", "specialist_id", "local_authority"], travel)
        load.copy_numbered(AvailabilityBlock, ["id", "specialist_id", "kind", "starts_on", "ends_on"], blocks)
        load.copy_numbered(
            PastEngagement, ["id", "specialist_id", "client", "practice_area_id", "rating", "evidence_strength"], past
        )
        request_count = n(EARLIER_REQUESTS)
        request_ids = load.ids(SupportRequest, request_count)
        request_plans = []
        for i, pk in enumerate(request_ids):  # every consortium has some, at any scale
            consortium = consortia[i % CONSORTIA].pk
            request_plans.append((pk, consortium, rng.choice(schools_of[consortium])))
        load.copy(
            SupportRequest,
            [
                "id",
                "consortium_id",
                "kind",
                "school_id",
                "raised_by_id",
                "title",
                "need",
                "days",
                "status",
                "status_changed_at",
            ],
            (
                (
                    pk,
                    c,
                    "specialist_consultancy",
                    s,
                    officers[c],
                    f"Earlier request {pk}",
                    "Help.",
                    Decimal(2),
                    "proposed",
                    at(rng.uniform(1, 300)),
                )
                for pk, c, s in request_plans
            ),
        )
        Through = SupportRequest.practice_areas.through
        rows = [(pk, rng.choice(areas[c])) for pk, c, _ in request_plans]
        load.copy_numbered(Through, ["id", "supportrequest_id", "practicearea_id"], rows)
        specialists_of = {}
        for pk, c in specialist_consortium.items():
            specialists_of.setdefault(c, []).append(pk)
        proposals = []  # (request, specialist, school, consortium)
        for pk, c, _ in request_plans:
            proposals.append((pk, rng.choice(specialists_of.get(c) or specialist_ids), None, c))
            proposals.append((pk, None, rng.choice(schools_of[c]), c))
        proposal_ids = load.ids(Proposal, len(proposals))
        load.copy(
            Proposal,
            ["id", "request_id", "specialist_id", "school_id", "score", "proposed_by_id"],
            ((i, r, sp, sc, 50.0, officers[c]) for i, (r, sp, sc, c) in zip(proposal_ids, proposals, strict=True)),
        )
        engagements, days, taken = [], [], set()
        chosen = list(zip(proposal_ids, proposals, strict=True))
        for proposal_id, (request, specialist, school, c) in chosen[: 3 * request_count // 2]:
            day = today + dt.timedelta(days=rng.randint(-200, 120))
            reviewed = day < today
            engagements.append((proposal_id, request, specialist, school, c, day, reviewed))
        engagement_ids = load.ids(Engagement, len(engagements))
        load.copy(
            Engagement,
            [
                "id",
                "proposal_id",
                "request_id",
                "specialist_id",
                "host_school_id",
                "consortium_id",
                "status",
                "days",
                "starts_on",
                "ends_on",
                "rating",
                "outcome_strength",
            ],
            (
                (
                    i,
                    p,
                    r,
                    sp,
                    sc,
                    c,
                    "reviewed" if rev else "booked",
                    Decimal(1),
                    d,
                    d,
                    rng.randint(2, 5) if rev else None,
                    rng.choice(STRENGTHS) if rev else None,
                )
                for i, (p, r, sp, sc, c, d, rev) in zip(engagement_ids, engagements, strict=True)
            ),
        )
        for i, (_p, _r, specialist, _sc, _c, day, _rev) in zip(engagement_ids, engagements, strict=True):
            if specialist and (specialist, day) not in taken:
                taken.add((specialist, day))
                days.append((i, specialist, day))
        load.copy_numbered(EngagementDay, ["id", "engagement_id", "specialist_id", "day"], days)
        step(f"{entry_count:,} practice entries, {specialist_count:,} specialists, {request_count:,} requests")

        load.finish()
        cursor.execute("SET session_replication_role = DEFAULT")
        step(f"{indexes.build()} indexes and unique constraints built")
    step("commit")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        step("VACUUM ANALYZE")
        check_search_vectors(cursor)
    step("search vectors checked against the platform's function (1 in 100)")

    # Statements of account: a draft for this school year for every network, and for the first
    # network last year's published through the service (its figures frozen from the rows above).
    from plc_platform.models import Statement
    from plc_platform.statement_services import statement_create, statement_publish

    year_start = dt.date(today.year - (today.month < 9), 9, 1)
    year_end = dt.date(year_start.year + 1, 8, 31)
    label = f"{year_start.year} to {year_end.year}"
    Statement.objects.bulk_create(
        Statement(network_id=pk, starts_on=year_start, ends_on=year_end, period_label=label, created_by_id=leader)
        for pk, leader in leader_of.items()
    )
    first = Network.objects.get(pk=network_ids[0])
    leader = User.objects.get(pk=leader_of[first.pk])
    last_year = statement_create(
        network=first,
        start=year_start.replace(year=year_start.year - 1),
        end=year_end.replace(year=year_end.year - 1),
        label=f"{year_start.year - 1} to {year_start.year}",
        by=leader,
    )
    statement_publish(statement=last_year, by=leader)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Statement._meta.db_table}")
    step(f"{len(leader_of) + 1:,} statements of account, one published")
    total = sum(load.counts.values())
    print(f"  {total:,} rows loaded by COPY")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database")
    parser.add_argument("--scale", type=float, default=1.0, help="1 for the country, 0.004 for 1/250.")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),  # noqa: DTZ011 - before Django is set up; a calendar date help="The date the data is relative to."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--media", type=Path, default=Path("/tmp/plc-bench-media"), help="Where the tiny evidence files go."
    )
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"The schools' data is not at {DATA}.")
    started, loads = time.perf_counter(), os.getloadavg()
    psql(f"DROP DATABASE IF EXISTS {args.database}", args.host)
    template = migrated_template(args.host)
    copied = time.perf_counter()
    psql(f"CREATE DATABASE {args.database} TEMPLATE {template}", args.host)
    print(f"  copied from the migrated template: {time.perf_counter() - copied:.1f} s")
    setup_django(args.database, args.host, args.media)
    print(f"Building {args.database} at scale {args.scale:g}, seed {args.seed}, relative to {args.today}:")
    build(random.Random(args.seed), args.scale, args.today, args.media)
    print(
        f"Loaded in {time.perf_counter() - started:.0f} s, of which {time.process_time():.0f} s of this "
        f"process's CPU; load average {loads[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )


if __name__ == "__main__":
    main()

"""Demo data: one made-up consortium in South Wales, so a first look at the platform is not empty.

Everything is generated here from a fixed ``random.Random(seed)``: nothing is copied from a
register extract. Schools take URNs from a reserved range (990001 up) that the register does not
use, so demo schools never clash with imported ones. Every row is looked up by its natural key
(slug, URN, email; a membership by person and place; an invitation by address, role and place)
before anything is created, so a second run adds nothing and changes nothing, apart from putting
the demo logins' password back to ``DEMO_PASSWORD``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Consortium, Invitation, Membership, Network, NetworkSchool, PracticeArea, Role, School, User

SEED = 2026
DEMO_PASSWORD = "plc-demo-2026"
DEMO_DOMAIN = "demo.plc-platform.org"
URN_BASE = 990000  # demo URNs are 990001 up: a range the register does not hand out
CONSORTIUM_NAME = "Central South Consortium"
CONSORTIUM_SLUG = "central-south"

# Grid references are kept inside this box (British National Grid, metres): South Wales.
EASTING_RANGE = (290000, 330000)
NORTHING_RANGE = (170000, 205000)

# locality: (postal town, local authority, postcode district, easting, northing of its centre)
LOCALITIES = {
    "Treorchy": ("Treorchy", "Rhondda Cynon Taf", "CF42", 295800, 196700),
    "Ferndale": ("Ferndale", "Rhondda Cynon Taf", "CF43", 299700, 197100),
    "Maerdy": ("Ferndale", "Rhondda Cynon Taf", "CF43", 297400, 198600),
    "Tonypandy": ("Tonypandy", "Rhondda Cynon Taf", "CF40", 299300, 192300),
    "Porth": ("Porth", "Rhondda Cynon Taf", "CF39", 302600, 191500),
    "Pontypridd": ("Pontypridd", "Rhondda Cynon Taf", "CF37", 307200, 190000),
    "Aberdare": ("Aberdare", "Rhondda Cynon Taf", "CF44", 300400, 202600),
    "Mountain Ash": ("Mountain Ash", "Rhondda Cynon Taf", "CF45", 304800, 199300),
    "Llantrisant": ("Pontyclun", "Rhondda Cynon Taf", "CF72", 304700, 183300),
    "Merthyr Tydfil": ("Merthyr Tydfil", "Merthyr Tydfil", "CF47", 305000, 203600),
    "Aberfan": ("Merthyr Tydfil", "Merthyr Tydfil", "CF48", 307000, 200200),
    "Treharris": ("Treharris", "Merthyr Tydfil", "CF46", 309700, 197000),
    "Caerphilly": ("Caerphilly", "Caerphilly", "CF83", 315500, 186800),
    "Ystrad Mynach": ("Hengoed", "Caerphilly", "CF82", 314300, 194200),
    "Bargoed": ("Bargoed", "Caerphilly", "CF81", 315000, 199800),
    "Blackwood": ("Blackwood", "Caerphilly", "NP12", 317200, 197300),
    "Risca": ("Newport", "Caerphilly", "NP11", 323800, 191000),
    "Newbridge": ("Newport", "Caerphilly", "NP11", 320900, 197300),
    "Bridgend": ("Bridgend", "Bridgend", "CF31", 291500, 179900),
    "Pencoed": ("Bridgend", "Bridgend", "CF35", 295900, 181200),
    "Ogmore Vale": ("Bridgend", "Bridgend", "CF32", 293100, 190300),
    "Cowbridge": ("Cowbridge", "Vale of Glamorgan", "CF71", 299500, 174700),
    "Dinas Powys": ("Dinas Powys", "Vale of Glamorgan", "CF64", 315600, 171700),
    "Penarth": ("Penarth", "Vale of Glamorgan", "CF64", 318500, 171600),
    "Barry": ("Barry", "Vale of Glamorgan", "CF62", 311200, 171000),
    "Llanishen": ("Cardiff", "Cardiff", "CF14", 318200, 181600),
    "Whitchurch": ("Cardiff", "Cardiff", "CF14", 315600, 180300),
    "Llandaff": ("Cardiff", "Cardiff", "CF5", 315500, 178000),
    "Ely": ("Cardiff", "Cardiff", "CF5", 314000, 176300),
    "Rumney": ("Cardiff", "Cardiff", "CF3", 322000, 178800),
    "Splott": ("Cardiff", "Cardiff", "CF24", 320000, 176300),
}

PRIMARY, SECONDARY, MIDDLE, NURSERY, ALL_THROUGH = (
    "Primary",
    "Secondary",
    "Middle deemed secondary",
    "Nursery",
    "All-through",
)
COMMUNITY, VOLUNTARY_AIDED, FOUNDATION, SPECIAL = (
    "Community school",
    "Voluntary aided school",
    "Foundation school",
    "Special school",
)

# (name, locality, phase, type). URNs follow this order, so append; never reorder.
SCHOOLS = [
    ("Ysgol Gynradd Cwm Rhondda", "Treorchy", PRIMARY, COMMUNITY),
    ("Ferndale Community School", "Ferndale", SECONDARY, COMMUNITY),
    ("St Illtyd's Catholic Primary", "Llantrisant", PRIMARY, VOLUNTARY_AIDED),
    ("Maerdy Community Primary", "Maerdy", PRIMARY, COMMUNITY),
    ("Ysgol Gymraeg Llwyncelyn", "Porth", PRIMARY, COMMUNITY),
    ("Tonypandy Community School", "Tonypandy", SECONDARY, COMMUNITY),
    ("Cwmdare Primary School", "Aberdare", PRIMARY, COMMUNITY),
    ("Ysgol Gyfun Cwm Cynon", "Aberdare", SECONDARY, FOUNDATION),
    ("Mountain Ash Nursery School", "Mountain Ash", NURSERY, COMMUNITY),
    ("Ysgol y Dyffryn", "Pontypridd", ALL_THROUGH, SPECIAL),
    ("Cilfynydd Primary School", "Pontypridd", PRIMARY, COMMUNITY),
    ("Ysgol Gynradd Gymraeg Santes Tudful", "Merthyr Tydfil", PRIMARY, COMMUNITY),
    ("Twynyrodyn Community Primary", "Merthyr Tydfil", PRIMARY, COMMUNITY),
    ("St Aloysius Catholic Primary", "Merthyr Tydfil", PRIMARY, VOLUNTARY_AIDED),
    ("Aberfan Primary School", "Aberfan", PRIMARY, COMMUNITY),
    ("Treharris Middle School", "Treharris", MIDDLE, COMMUNITY),
    ("Pen y Dre Learning Campus", "Merthyr Tydfil", ALL_THROUGH, FOUNDATION),
    ("Ysgol Gynradd Gymraeg Caerffili", "Caerphilly", PRIMARY, COMMUNITY),
    ("Cwm Ifor Primary School", "Caerphilly", PRIMARY, COMMUNITY),
    ("St Helen's Catholic Primary", "Caerphilly", PRIMARY, VOLUNTARY_AIDED),
    ("Ystrad Mynach Primary School", "Ystrad Mynach", PRIMARY, COMMUNITY),
    ("Bargoed High School", "Bargoed", SECONDARY, COMMUNITY),
    ("Greenhill Middle School", "Blackwood", MIDDLE, FOUNDATION),
    ("Risca Nursery School", "Risca", NURSERY, COMMUNITY),
    ("Ysgol Cwm Ebwy", "Newbridge", ALL_THROUGH, SPECIAL),
    ("Brackla Primary School", "Bridgend", PRIMARY, COMMUNITY),
    ("St Mary's Catholic Primary", "Bridgend", PRIMARY, VOLUNTARY_AIDED),
    ("Ysgol Gynradd Gymraeg Cwm Ogwr", "Ogmore Vale", PRIMARY, COMMUNITY),
    ("Pencoed High School", "Pencoed", SECONDARY, COMMUNITY),
    ("Ysgol Coed y Dderwen", "Bridgend", ALL_THROUGH, SPECIAL),
    ("Cowbridge Foundation Primary", "Cowbridge", PRIMARY, FOUNDATION),
    ("St Cadoc's Church in Wales Primary", "Dinas Powys", PRIMARY, VOLUNTARY_AIDED),
    ("Penarth Community School", "Penarth", SECONDARY, COMMUNITY),
    ("Ysgol Gynradd Gymraeg Ynys y Barri", "Barry", PRIMARY, COMMUNITY),
    ("Llanishen Primary School", "Llanishen", PRIMARY, COMMUNITY),
    ("St Teilo's Church in Wales Primary", "Llandaff", PRIMARY, VOLUNTARY_AIDED),
    ("Ysgol Gymraeg Pen y Groes", "Ely", PRIMARY, COMMUNITY),
    ("Whitchurch Community School", "Whitchurch", SECONDARY, COMMUNITY),
    ("Rumney Primary School", "Rumney", PRIMARY, COMMUNITY),
    ("Ysgol Glan yr Afon", "Splott", ALL_THROUGH, FOUNDATION),
]

WRITING_NETWORK = "Valleys Writing Network"


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    purpose: str
    focus: str
    practice_areas: tuple[str, ...]
    schools: tuple[str, ...]
    teachers: int  # members besides the leaders, each on the staff of one of its schools
    # job titles for its teachers in primary schools and in secondary or middle schools
    primary_titles: tuple[str, ...]
    secondary_titles: tuple[str, ...] = ()
    leader_title: str = "Deputy headteacher"
    co_leader_title: str = "Assessment lead"


# Purposes and focuses in the words of the seed texts (004: RAISE networks; 001: enquiry methods).
NETWORKS = [
    NetworkSpec(
        name=WRITING_NETWORK,
        purpose="Raise boys' attainment in extended writing at KS2",
        focus=(
            "Oral rehearsal before writing: talk partners and 'say it, then write it' routines in Years 4 to 6. "
            "Each school runs an enquiry cycle on boys' paragraphing, evidence rather than anecdote, and the "
            "network shares what it finds through learning visits and peer observation."
        ),
        practice_areas=("Literacy", "Assessment for learning", "Thinking skills"),
        schools=(
            "Ysgol Gynradd Cwm Rhondda",
            "Maerdy Community Primary",
            "St Illtyd's Catholic Primary",
            "Ysgol Gymraeg Llwyncelyn",
            "Cwmdare Primary School",
            "Cilfynydd Primary School",
            "Twynyrodyn Community Primary",
            "Aberfan Primary School",
        ),
        teachers=6,
        primary_titles=("Year 4 teacher", "Year 5 teacher", "Year 6 teacher", "Literacy coordinator"),
        leader_title="Deputy headteacher",
        co_leader_title="Assessment lead",
    ),
    NetworkSpec(
        name="Year 3 Maths Mastery Network",
        purpose="Deepen Year 3 pupils' understanding of number, so that no pupil falls behind in arithmetic",
        focus=(
            "Mastery in Year 3: teachers plan research lessons together on place value and multiplication "
            "(concrete, pictorial, abstract), observe each other teach them and review the evidence of "
            "pupils' learning; a specialist peer consultancy supports the schools that are early starters."
        ),
        practice_areas=("Numeracy", "Curriculum design", "Coaching and mentoring"),
        schools=(
            "Cwm Ifor Primary School",
            "St Helen's Catholic Primary",
            "Ystrad Mynach Primary School",
            "Ysgol Gynradd Gymraeg Caerffili",
            "Cilfynydd Primary School",
            "Twynyrodyn Community Primary",
            "Llanishen Primary School",
            "Rumney Primary School",
        ),
        teachers=5,
        primary_titles=("Year 3 teacher", "Year 3 teacher", "Year 4 teacher", "Year 2 teacher"),
        leader_title="Numeracy lead",
        co_leader_title="Year 3 teacher",
    ),
    NetworkSpec(
        name="Pupil Voice Network",
        purpose="Give pupils a real say in their learning and wellbeing, and act on what they tell us",
        focus=(
            "Pupils as enquirers: pupil learning walks and enquiry visits to partner schools, with what the "
            "pupils find fed back to staff meetings and governors, so that collaboration is focused on "
            "learning and wellbeing."
        ),
        practice_areas=("Pupil voice", "Wellbeing", "Transition"),
        schools=(
            "Ferndale Community School",
            "Tonypandy Community School",
            "Maerdy Community Primary",
            "Ysgol y Dyffryn",
            "Mountain Ash Nursery School",
            "Treharris Middle School",
            "Bargoed High School",
            "Greenhill Middle School",
            "Ysgol Cwm Ebwy",
        ),
        teachers=4,
        primary_titles=("Year 6 teacher", "Reception teacher", "Wellbeing lead"),
        secondary_titles=("Head of Year 7", "Learning coach", "Wellbeing lead", "Teacher of Welsh"),
        leader_title="Assistant headteacher (wellbeing)",
        co_leader_title="Head of Year 7",
    ),
    NetworkSpec(
        name="Assessment for Learning Network",
        purpose=(
            "Make assessment for learning everyday practice, so that pupils know where they are in their "
            "learning, where they are going and how to get there"
        ),
        focus=(
            "Questioning and feedback across the move from Year 6 to Year 7: collaborative use of data, peer "
            "observation of questioning, and shared INSET seminars for primary and secondary colleagues."
        ),
        practice_areas=("Assessment for learning", "Use of data", "Transition"),
        schools=(
            "Pencoed High School",
            "Brackla Primary School",
            "St Mary's Catholic Primary",
            "Penarth Community School",
            "St Cadoc's Church in Wales Primary",
            "Cowbridge Foundation Primary",
            "Whitchurch Community School",
            "Llanishen Primary School",
            "Ysgol Glan yr Afon",
        ),
        teachers=5,
        primary_titles=("Year 6 teacher", "Assessment lead", "Year 5 teacher"),
        secondary_titles=("Teacher of English", "Teacher of mathematics", "Head of Year 7", "Assessment lead"),
        leader_title="Assessment lead",
        co_leader_title="Year 6 teacher",
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    key: str
    full_name: str
    job_title: str
    label: str  # the role, as the table of logins shows it

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


# One fixed login per role. The teacher is a member of the writing network and on the staff of
# its first school; the head leads that same school.
TEACHER_SCHOOL = "Ysgol Gynradd Cwm Rhondda"
DEMO_LOGINS = [
    DemoLogin("admin", "Emyr Watkins", "Platform operator", "Operator (superuser)"),
    DemoLogin("officer", "Gwenllian Morgan", "Learning consultant", "Consortium staff"),
    DemoLogin("specialist", "Dr Alun Protheroe", "Literacy consultant", "Specialist"),
    DemoLogin("leader", "Rhian Evans", "Deputy headteacher", f"Network leader ({WRITING_NETWORK})"),
    DemoLogin("colead", "Gareth Pugh", "Assessment lead", f"Network co-leader ({WRITING_NETWORK})"),
    DemoLogin("teacher", "Ffion Davies", "Year 5 teacher", "Network member and school staff (Year 5 teacher)"),
    DemoLogin("head", "Huw Llewellyn", "Headteacher", "School lead (the teacher's headteacher)"),
]

FIRST_NAMES = """
Aled Angharad Bethan Carys Catrin Ceri Cerys Claire Dafydd David Delyth Dylan Eleri Elin Emma Gethin
Gwen Hannah Helen Iwan James Joanne Karen Lisa Llinos Lowri Mared Mark Megan Nia Owain Paul Rachel
Rhodri Rhiannon Rhys Sarah Siân Sioned Stephen Tomos Thomas Non Geraint Manon Sophie Ieuan Kelly
Andrew Nerys
""".split()  # noqa: SIM905 (a list literal would run to 90 lines)
SURNAMES = """
Bevan Clarke Davies Edwards Evans Griffiths Harris Howells Hughes James Jenkins Jones Lewis Lloyd
Morgan Morris O'Brien Owen Parry Phillips Powell Price Pritchard Rees Richards Roberts Rowlands
Thomas Vaughan Walsh Watkins Williams Prosser Jeremy Meredith Bowen Humphreys
""".split()  # noqa: SIM905 (a list literal would run to 90 lines)

CONSORTIUM_STAFF_TITLES = ["Challenge adviser", "Network development officer", "Learning consultant"]
SPECIALIST_TITLES = ["Maths mastery consultant", "Specialist leader of education (wellbeing)", "Educational researcher"]
HEAD_TITLES = ["Headteacher", "Headteacher", "Headteacher", "Acting headteacher", "Head of school"]
NURSERY_TITLES = ["Nursery teacher", "Early years practitioner"]
ALL_THROUGH_TITLES = ["Class teacher", "Additional learning needs coordinator", "Head of lower school"]
SUPPORT_TITLES = ["Teaching assistant", "School business manager", "Additional learning needs coordinator"]

GENERATED_HEADS = 17  # school leads besides the fixed head
SUPPORT_STAFF = 4  # school staff in no network


@dataclass
class DemoSummary:
    consortium: Consortium
    schools: int = 0
    networks: int = 0
    people: int = 0
    pending_invitations: int = 0
    created: Counter = field(default_factory=Counter)
    logins: list[DemoLogin] = field(default_factory=lambda: list(DEMO_LOGINS))


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.created: Counter = Counter()
        self.password_hash = make_password(DEMO_PASSWORD)
        self.used_names = {login.full_name for login in DEMO_LOGINS}
        today = timezone.localdate()
        self.year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)

    # -- places -------------------------------------------------------------------------------

    def consortium(self) -> Consortium:
        # A new consortium gets its practice areas from the post_save signal.
        consortium, created = Consortium.objects.get_or_create(slug=CONSORTIUM_SLUG, defaults={"name": CONSORTIUM_NAME})
        self.created["consortium"] += created
        return consortium

    def postcode(self, district: str) -> str:
        letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters an inward code may use
        return f"{district} {self.rng.randint(1, 9)}{self.rng.choice(letters)}{self.rng.choice(letters)}"

    def grid(self, easting: int, northing: int) -> tuple[int, int]:
        e = easting + self.rng.randint(-1500, 1500)
        n = northing + self.rng.randint(-1500, 1500)
        return min(max(e, EASTING_RANGE[0]), EASTING_RANGE[1]), min(max(n, NORTHING_RANGE[0]), NORTHING_RANGE[1])

    def schools(self, consortium: Consortium) -> dict[str, School]:
        schools = {}
        for number, (name, locality, phase, kind) in enumerate(SCHOOLS, start=1):
            town, local_authority, district, easting, northing = LOCALITIES[locality]
            postcode = self.postcode(district)
            easting, northing = self.grid(easting, northing)
            school, created = School.objects.get_or_create(
                urn=URN_BASE + number,
                defaults={
                    "consortium": consortium,
                    "name": name,
                    "phase": phase,
                    "establishment_type": kind,
                    "local_authority": local_authority,
                    "town": town,
                    "postcode": postcode,
                    "easting": easting,
                    "northing": northing,
                    "region": "Wales",
                },
            )
            self.created["schools"] += created
            schools[name] = school
        return schools

    def networks(self, consortium: Consortium, schools: dict[str, School]) -> dict[str, Network]:
        areas = {area.slug: area for area in PracticeArea.objects.filter(consortium=consortium)}
        networks = {}
        for spec in NETWORKS:
            # network_create() would add a suffix to a taken slug; the demo wants the same row back.
            network, created = Network.objects.get_or_create(
                slug=slugify(spec.name),
                defaults={"consortium": consortium, "name": spec.name, "purpose": spec.purpose, "focus": spec.focus},
            )
            self.created["networks"] += created
            if created:
                network.practice_areas.add(*[areas[s] for s in map(slugify, spec.practice_areas) if s in areas])
            for name in spec.schools:
                joined_on = self.year_start + timedelta(days=self.rng.randint(0, 45))
                _, created = NetworkSchool.objects.get_or_create(
                    network=network, school=schools[name], defaults={"joined_on": joined_on}
                )
                self.created["network schools"] += created
            networks[spec.name] = network
        return networks

    # -- people -------------------------------------------------------------------------------

    def new_name(self) -> str:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            name = f"{first} {last}"
            if first != last and name not in self.used_names:
                self.used_names.add(name)
                return name

    @staticmethod
    def email_for(full_name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode().lower()
        first, last = (re.sub(r"[^a-z]", "", part) for part in ascii_name.split(" ", 1))
        return f"{first}.{last}@{DEMO_DOMAIN}"

    def person(self, email: str, full_name: str, job_title: str, *, demo_login: bool = False, **flags) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": full_name, "job_title": job_title, "password": self.password_hash, **flags},
        )
        self.created["people"] += created
        if not created and demo_login:
            # The demo logins always work with the published password.
            for name, value in {"password": self.password_hash, "is_active": True, **flags}.items():
                setattr(user, name, value)
            user.save(update_fields=["password", "is_active", *flags])
        address, created = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
        self.created["email addresses"] += created
        return user

    def grant(self, user: User, role: str, place) -> None:
        if isinstance(place, Network):
            # One role per person in a network: keep whatever role they already hold there.
            _, created = Membership.objects.get_or_create(user=user, network=place, defaults={"role": role})
        else:
            _, created = Membership.objects.get_or_create(user=user, role=role, **{type(place).__name__.lower(): place})
        self.created["memberships"] += created

    def people(self, consortium: Consortium, schools: dict[str, School], networks: dict[str, Network]) -> dict:
        fixed = {login.key: login for login in DEMO_LOGINS}
        writing = networks[WRITING_NETWORK]
        writing_schools = NETWORKS[0].schools

        def login(key: str, **flags) -> User:
            spec = fixed[key]
            return self.person(spec.email, spec.full_name, spec.job_title, demo_login=True, **flags)

        users = {"admin": login("admin", is_staff=True, is_superuser=True)}
        users["officer"] = login("officer")
        self.grant(users["officer"], Role.CONSORTIUM_STAFF, consortium)
        users["specialist"] = login("specialist")
        self.grant(users["specialist"], Role.SPECIALIST, consortium)
        users["leader"] = login("leader")
        self.grant(users["leader"], Role.NETWORK_LEADER, writing)
        self.grant(users["leader"], Role.SCHOOL_STAFF, schools[writing_schools[1]])
        users["colead"] = login("colead")
        self.grant(users["colead"], Role.NETWORK_CO_LEADER, writing)
        self.grant(users["colead"], Role.SCHOOL_STAFF, schools[writing_schools[4]])
        users["teacher"] = login("teacher")
        self.grant(users["teacher"], Role.NETWORK_MEMBER, writing)
        self.grant(users["teacher"], Role.SCHOOL_STAFF, schools[TEACHER_SCHOOL])
        users["head"] = login("head")
        self.grant(users["head"], Role.SCHOOL_LEAD, schools[TEACHER_SCHOOL])

        def generated(job_title: str) -> User:
            name = self.new_name()
            return self.person(self.email_for(name), name, job_title)

        for title in CONSORTIUM_STAFF_TITLES:
            self.grant(generated(title), Role.CONSORTIUM_STAFF, consortium)
        for title in SPECIALIST_TITLES:
            self.grant(generated(title), Role.SPECIALIST, consortium)

        # Leaders of the other networks, each on the staff of one of its schools.
        for spec in NETWORKS[1:]:
            network = networks[spec.name]
            leader = generated(spec.leader_title)
            self.grant(leader, Role.NETWORK_LEADER, network)
            self.grant(leader, Role.SCHOOL_STAFF, schools[spec.schools[0]])
            users[f"leader:{spec.name}"] = leader
            co_leader = generated(spec.co_leader_title)
            self.grant(co_leader, Role.NETWORK_CO_LEADER, network)
            self.grant(co_leader, Role.SCHOOL_STAFF, schools[spec.schools[1]])

        networked = sorted({name for spec in NETWORKS for name in spec.schools} - {TEACHER_SCHOOL})
        for name in self.rng.sample(networked, GENERATED_HEADS):
            self.grant(generated(self.rng.choice(HEAD_TITLES)), Role.SCHOOL_LEAD, schools[name])

        # Teachers: on the staff of a school in a network, and members of that network.
        for spec in NETWORKS:
            for _ in range(spec.teachers):
                name = self.rng.choice(spec.schools)
                titles = {
                    PRIMARY: spec.primary_titles,
                    NURSERY: NURSERY_TITLES,
                    ALL_THROUGH: ALL_THROUGH_TITLES,
                }.get(schools[name].phase, spec.secondary_titles)
                teacher = generated(self.rng.choice(titles))
                self.grant(teacher, Role.NETWORK_MEMBER, networks[spec.name])
                self.grant(teacher, Role.SCHOOL_STAFF, schools[name])
        for _ in range(SUPPORT_STAFF):
            name = self.rng.choice(networked)
            self.grant(generated(self.rng.choice(SUPPORT_TITLES)), Role.SCHOOL_STAFF, schools[name])
        return users

    def invitations(self, consortium, schools, networks, users) -> None:
        """A few invitations still waiting for an answer, so the invitation lists are not empty."""
        maths = NETWORKS[1].name
        wanted = [
            (Role.NETWORK_MEMBER, networks[WRITING_NETWORK], users["leader"]),
            (Role.NETWORK_MEMBER, networks[WRITING_NETWORK], users["leader"]),
            (Role.NETWORK_CO_LEADER, networks[maths], users[f"leader:{maths}"]),
            (Role.SCHOOL_STAFF, schools[TEACHER_SCHOOL], users["head"]),
            (Role.SPECIALIST, consortium, users["officer"]),
        ]
        expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
        for role, place, invited_by in wanted:
            email = self.email_for(self.new_name())
            invitation, created = Invitation.objects.get_or_create(
                email=email,
                role=role,
                **{type(place).__name__.lower(): place},
                defaults={"invited_by": invited_by, "expires_at": expires_at},
            )
            self.created["invitations"] += created
            if invitation.status == "expired":
                # Still unanswered but out of date: renew it, so the demo keeps something pending.
                invitation.expires_at = expires_at
                invitation.save(update_fields=["expires_at", "updated_at"])


@transaction.atomic
def demo_seed(*, seed: int = SEED) -> DemoSummary:
    """Create (or find again) the demo consortium, its schools, networks, people and invitations."""
    generator = _Generator(seed)
    consortium = generator.consortium()
    schools = generator.schools(consortium)
    networks = generator.networks(consortium, schools)
    users = generator.people(consortium, schools, networks)
    generator.invitations(consortium, schools, networks, users)
    return DemoSummary(
        consortium=consortium,
        schools=consortium.schools.count(),
        networks=consortium.networks.count(),
        people=User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count(),
        pending_invitations=Invitation.objects.pending().filter(email__endswith=f"@{DEMO_DOMAIN}").count(),
        created=generator.created,
    )

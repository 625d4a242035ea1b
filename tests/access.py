"""The access matrix's vocabulary: the roles, a row, and the usual expectations.

Each app's rows live in tests/<app>/access_rows.py (ROWS, and `extend_world(world)` to add the
objects its URLs need); tests/test_access_matrix.py runs them all and checks every URL has one.
"""

from dataclasses import dataclass, field

ROLES = [
    "anonymous",
    "teacher_a",
    "teacher_b",
    "school_lead",
    "leader_a",
    "consortium_staff",
    "specialist",
    "superuser",
]
SIGNED_IN = ROLES[1:]


def statuses(default, anonymous=302, **overrides):
    """Status per role: `default` for everyone signed in, unless overridden; anonymous to sign-in."""
    table = dict.fromkeys(SIGNED_IN, default)
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def only(*roles, ok=200, anonymous=302):
    """Those roles get `ok`; every other signed-in person a 404."""
    return statuses(404, anonymous=anonymous, **dict.fromkeys(roles, ok))


@dataclass
class Row:
    name: str
    args: callable = None
    expected: dict = field(default_factory=dict)
    method: str = "get"
    label: str = ""

    @property
    def id(self):
        return f"{self.method.upper()} {self.name}{' ' + self.label if self.label else ''}"


A = lambda w: [w.network_a.slug]  # noqa: E731
LEADERS_OF_A = ("leader_a", "consortium_staff", "superuser")
CONSORTIUM_STAFF = ("consortium_staff", "superuser")
OUTSIDERS = statuses(404, superuser=200)
NETWORK_A_PEOPLE = ("teacher_a", "school_lead", "leader_a", "consortium_staff", "superuser")
CONSORTIUM = lambda w: [w.consortium.slug]  # noqa: E731
OTHER_CONSORTIUM = lambda w: [w.other_consortium.slug]  # noqa: E731


def in_consortium(name):
    """The URL arguments of the world's object `name` under the (first) consortium."""
    return lambda w: [w.consortium.slug, getattr(w, name).pk]


def consortium_page(name, expected=None):
    """A page of the consortium's own: who opens the consortium's (by default its staff and the
    superuser), and the other consortium's, out of reach."""
    return [
        Row(name, CONSORTIUM, expected or only(*CONSORTIUM_STAFF)),
        Row(name, OTHER_CONSORTIUM, OUTSIDERS, label="other consortium"),
    ]

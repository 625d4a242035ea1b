from datetime import datetime, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from networks.models import Consortium, Invitation, Membership, Network, NetworkSchool, Role, School, User
from reviews import services as review_services
from reviews.models import Feature, Framework, Question

PASSWORD = "a-long-demo-password"
# The features of the shipped framework, "Seven key features of learning networks", in order.
SEVEN_KEY_FEATURES = (
    "Purpose and focus",
    "Relationships",
    "Collaboration",
    "Enquiry",
    "Leadership",
    "Accountability",
    "Building capacity and support",
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    job_title = "Teacher"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Consortium {n}")
    slug = factory.Sequence(lambda n: f"consortium-{n}")
    # Set up on the platform years ago, so its default rates (from its creation) cover every
    # activity a test dates in the past.
    created_at = factory.LazyFunction(lambda: datetime(2020, 1, 1, tzinfo=timezone.get_current_timezone()))


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    consortium = factory.SubFactory(ConsortiumFactory)
    urn = factory.Sequence(lambda n: 900000 + n)
    name = factory.Sequence(lambda n: f"Ysgol Test {n} Primary")
    phase = "Primary"
    establishment_type = "Community school"
    local_authority = "Rhondda Cynon Taf"
    town = "Pontypridd"
    postcode = "CF37 1AA"
    region = "Wales"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    consortium = factory.SubFactory(ConsortiumFactory)
    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    purpose = "Raise boys' attainment in extended writing at KS2."
    focus = "Oral rehearsal before writing."


class NetworkSchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkSchool

    network = factory.SubFactory(NetworkFactory)
    school = factory.SubFactory(SchoolFactory, consortium=factory.SelfAttribute("..network.consortium"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.NETWORK_MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.NETWORK_MEMBER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))


def in_welsh(user):
    """The person, now reading the platform in Welsh (saved)."""
    user.language = "cy"
    user.save(update_fields=["language"])
    return user


def one_question_framework(slug, name, *, source="The test", feature="Purpose"):
    """A framework of one feature (slug "purpose") that asks one question: "Is the purpose shared?"."""
    framework = Framework.objects.create(slug=slug, name=name, source=source)
    purpose = Feature.objects.create(framework=framework, position=1, slug="purpose", name=feature)
    Question.objects.create(feature=purpose, position=1, text="Is the purpose shared?")
    return framework


def leaders_round(world, framework, *, opens_in=0, closes_in=21, **fields):
    """A round of the framework for network A, set by its leader through the service: it opens
    `opens_in` days from today and closes `closes_in` days from today."""
    today = timezone.localdate()
    return review_services.round_create(
        network=world.network_a,
        framework=framework,
        opens_on=today + timedelta(days=opens_in),
        closes_on=today + timedelta(days=closes_in),
        created_by=world.people.leader_a,
        **fields,
    )

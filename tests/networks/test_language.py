"""Welsh or English (issue 16): the browser's language before sign-in, the switch on every page, the
language saved on the profile, and emails in the recipient's language."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from networks.i18n import language_of, override_for
from networks.models import Role, User
from networks.services import invitation_create
from networks.text import money

from ..factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_before_sign_in_the_browsers_language_applies(client, db):
    response = client.get(LOGIN, headers={"accept-language": "cy,en;q=0.5"})
    assert html_lang(response) == "cy"
    assert response["Content-Language"] == "cy"
    assert "Neidio i’r prif gynnwys" in response.content.decode()  # "Skip to main content"
    assert html_lang(client.get(LOGIN, headers={"accept-language": "en-GB"})) == "en-gb"
    assert html_lang(client.get(LOGIN)) == "en-gb"  # nothing asked: English, the default


def test_the_switch_is_on_every_page_and_works_without_signing_in(client, db):
    page = client.get(LOGIN).content.decode()
    assert f'action="{reverse("networks:language_set")}"' in page
    assert 'name="language" value="cy" lang="cy"' in page
    assert ">Cymraeg</button>" in page

    response = client.post(reverse("networks:language_set"), {"language": "cy", "next": LOGIN})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    page = client.get(LOGIN, headers={"accept-language": "en-GB"}).content.decode()  # the cookie wins
    assert '<html lang="cy"' in page
    assert 'name="language" value="en-gb" lang="en-gb"' in page
    assert ">English</button>" in page


def test_the_sign_in_page_is_all_welsh_allauths_strings_too(client, db):
    """allauth has no Welsh: locale_allauth/ gives its field labels and links theirs."""
    page = client.get(LOGIN, headers={"accept-language": "cy"}).content.decode()
    for welsh in ("Mewngofnodi", "Cyfrinair", "Wedi anghofio eich cyfrinair?", "drwy wahoddiad", "Platfform CDP"):
        assert welsh in page
    for english in ("Sign in", "Password", "Forgot your password?", "by invitation", "Skip to main content"):
        assert english not in page


def test_the_switch_goes_nowhere_outside_the_platform(client, db):
    response = client.post(reverse("networks:language_set"), {"language": "cy", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def switched(client, person, language):
    """The person, signed in, picks the language with the switch: the person as saved."""
    client.force_login(person)
    client.post(reverse("networks:language_set"), {"language": language, "next": "/"})
    person.refresh_from_db()
    return person


def test_the_switch_saves_a_signed_in_persons_choice(world, client):
    teacher = switched(client, world.people.teacher_a, "cy")
    assert teacher.language == "cy"
    # Another browser, English by its header and cookie: the saved choice wins once signed in.
    other = client.__class__()
    other.force_login(teacher)
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    response = other.get(reverse("networks:profile"), headers={"accept-language": "en-GB"})
    assert html_lang(response) == "cy"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"  # kept after signing out


def test_an_unknown_language_is_not_saved(world, client):
    assert switched(client, world.people.teacher_a, "fr").language == ""


def test_the_profile_saves_the_language(world, client):
    teacher = world.people.teacher_a
    client.force_login(teacher)
    page = client.get(reverse("networks:profile")).content.decode()
    assert 'name="language"' in page
    response = client.post(
        reverse("networks:profile"), {"full_name": teacher.full_name, "job_title": "", "language": "cy"}
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.language == "cy"
    assert html_lang(client.get(reverse("networks:profile"))) == "cy"


def test_after_signing_in_the_saved_language_applies(client, db):
    UserFactory(email="athro@example.org", language="cy")
    response = client.post(
        LOGIN, {"login": "athro@example.org", "password": PASSWORD}, headers={"accept-language": "en-GB"}
    )
    assert response.status_code == 302
    assert html_lang(client.get(reverse("networks:profile"), headers={"accept-language": "en-GB"})) == "cy"


def test_a_first_sign_in_keeps_the_browsers_language(client, db):
    person = UserFactory(email="newydd@example.org")
    assert person.language == ""
    client.post(LOGIN, {"login": "newydd@example.org", "password": PASSWORD}, headers={"accept-language": "cy"})
    person.refresh_from_db()
    assert person.language == "cy"


def test_an_invitation_email_is_in_the_recipients_language(world, mailoutbox, django_capture_on_commit_callbacks):
    world.people.teacher_b.language = "cy"
    world.people.teacher_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            place=world.network_a, email=world.people.teacher_b.email, role=Role.NETWORK_MEMBER,
            invited_by=world.people.leader_a,
        )  # fmt: skip
    assert "Fe’ch gwahoddir i ymuno â" in mailoutbox[0].subject
    assert "invited" not in mailoutbox[0].subject
    assert "wedi’ch gwahodd i ymuno â" in mailoutbox[0].body
    assert "fel aelod o’r rhwydwaith" in mailoutbox[0].body  # the role, from networks.Role's choices


def test_an_invitation_to_someone_new_is_in_the_inviters_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=world.people.leader_a.pk).update(language="cy")
    world.people.leader_a.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            place=world.network_a, email="new@example.org", role=Role.NETWORK_MEMBER,
            invited_by=world.people.leader_a,
        )  # fmt: skip
    assert "Fe’ch gwahoddir i ymuno â" in mailoutbox[0].subject


def test_override_for_renders_in_the_persons_language_and_restores_the_one_in_use(db):
    welsh, unset = User(language="cy"), User()
    assert language_of(welsh) == "cy"
    assert language_of(unset) == "en-gb"
    assert language_of(None) == "en-gb"
    with translation.override("en-gb"):
        with override_for(welsh):
            assert date_format(date(2026, 12, 6), "j F Y") == "6 Rhagfyr 2026"
        assert date_format(date(2026, 12, 6), "j F Y") == "6 December 2026"


def test_money_follows_the_language(db):
    with translation.override("cy"):
        assert money(Decimal("1234.5")) == "£1,234.50"
        assert money(Decimal("-5")) == "−£5.00"
    with translation.override("en-gb"):
        assert money(Decimal("1234567.891")) == "£1,234,567.89"

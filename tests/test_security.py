import secrets

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from .factories import PASSWORD


def sign_in(client, email, password, address):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address)


def test_brute_force_locks_the_person_at_that_address_only(world, client, settings):
    teacher, colleague = world.people.teacher_a, world.people.school_lead
    school_address, home_address = "203.0.113.10", "198.51.100.7"
    statuses = [
        sign_in(client, teacher.email, "wrong", school_address).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = sign_in(client, teacher.email, PASSWORD, school_address)
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content
    # A colleague on the school's shared address still signs in...
    assert sign_in(client, colleague.email, PASSWORD, school_address).status_code == 302
    client.logout()
    # ...and so does the teacher from home.
    assert sign_in(client, teacher.email, PASSWORD, home_address).status_code == 302


def test_pages_carry_a_strict_content_security_policy(world, client):
    client.force_login(world.people.teacher_a)
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_inline_script(world, client):
    client.force_login(world.people.leader_a)
    for url in [reverse("home"), world.network_a.get_absolute_url(), reverse("account_login")]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert " onclick=" not in html, url


def test_user_text_is_escaped(world, client):
    world.network_a.focus = "<script>alert(1)</script>"
    world.network_a.save()
    client.force_login(world.people.leader_a)
    html = client.get(world.network_a.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Security defects found from outside (issue 17) ---------------------------------------------------


def test_admin_login_never_signs_in_with_a_password_alone(world, client):
    operator = world.people.superuser
    TOTP.activate(operator, generate_totp_secret())
    credentials = {"username": operator.email, "email": operator.email, "password": PASSWORD}
    response = client.post(reverse("admin:login") + "?next=/admin/", credentials)
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/"
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302
    # The account sign-in asks for the second step before there is a session.
    response = client.post(reverse("account_login") + "?next=/admin/", {"login": operator.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_admin_login_keeps_next_on_this_site(world, client):
    response = client.get(reverse("admin:login") + "?next=https://evil.example/admin/")
    assert response.url == reverse("account_login") + "?next=/admin/"


def _via_proxy(client, email, password, address, *, spoofed=""):
    """A sign-in as the one trusted proxy sends it: it appends the address it was reached from."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_proxy_the_lockout_keys_on_the_client_address(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    teacher, colleague = world.people.teacher_a, world.people.school_lead
    attacker, victim = "198.51.100.7", "192.0.2.50"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _via_proxy(client, teacher.email, "wrong", attacker)
    assert _via_proxy(client, teacher.email, PASSWORD, attacker).status_code == 429
    # Writing another address into the header does not get the attacker out of the lockout...
    assert _via_proxy(client, teacher.email, PASSWORD, attacker, spoofed=victim).status_code == 429
    # ...while the victim, from their own address, and a colleague at the attacker's, sign in.
    assert _via_proxy(client, teacher.email, PASSWORD, victim).status_code == 302
    client.logout()
    assert _via_proxy(client, colleague.email, PASSWORD, attacker).status_code == 302


def test_behind_the_proxy_the_sign_in_rate_limit_is_per_client_address(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    # Fresh addresses every run: the limit's counts outlive a test in the Redis cache.
    busy, other = (f"2001:db8:{secrets.token_hex(2)}:{secrets.token_hex(2)}::1" for _ in range(2))
    teacher = world.people.teacher_a
    for _ in range(3):
        assert _via_proxy(client, teacher.email, PASSWORD, busy).status_code == 302
        client.logout()
    assert _via_proxy(client, teacher.email, PASSWORD, busy).status_code == 429
    assert _via_proxy(client, teacher.email, PASSWORD, other).status_code == 302

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
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_inline_script(world, client):
    client.force_login(world.people.leader_a)
    for url in [reverse("home"), world.network_a.get_absolute_url(), reverse("account_login")]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and " onclick=" not in html, url


def test_user_text_is_escaped(world, client):
    world.network_a.focus = "<script>alert(1)</script>"
    world.network_a.save()
    client.force_login(world.people.leader_a)
    html = client.get(world.network_a.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

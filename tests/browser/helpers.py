"""Steps the browser journeys share."""

from django.urls import reverse

from tests.factories import PASSWORD


def sign_in(page, base_url, email, password=PASSWORD):
    """Through the form, as a person does, not a forced login; done when the home page is open."""
    page.goto(f"{base_url}{reverse('account_login')}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")

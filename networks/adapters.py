from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation only: there is no open sign-up."""

    def is_open_for_signup(self, request):
        return False


def axes_username(request, credentials):
    """The address someone tried to sign in as, for django-axes to lock (user, address) pairs.

    allauth authenticates with an `email` credential; its form posts the address as `login`.
    """
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username") or request.POST.get("login", "")
    return email.strip().lower()

"""The signed part of the links the platform sends (invitations, email preferences, digests, shares).

A link's token is the value signed with the site's secret and a salt per kind of link, without a
timestamp: the same link is made every time, and what decides whether it still works is the row it
names (an invitation's expiry, a share's revocation), not the token's age. Links given out before
the timestamp was dropped still open.
"""

from django.core import signing


def _signer(salt: str) -> signing.Signer:
    return signing.Signer(salt=f"{salt}.link")


def link_token(value, *, salt: str) -> str:
    """The token for `value` (anything JSON can hold)."""
    return _signer(salt).sign_object(value)


def link_value(token: str, *, salt: str):
    """The value a token was made for, or None when the token was not made by us with this salt."""
    try:
        return _signer(salt).unsign_object(token)
    except signing.BadSignature:
        pass
    try:  # a link given out with a timestamp, before links lost it
        return signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None


def link_pk(token: str, *, salt: str) -> int | None:
    """The number of the row a token was made for, or None when the link is forged or damaged."""
    pk = link_value(token, salt=salt)
    return pk if isinstance(pk, int) else None

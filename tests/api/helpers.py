from datetime import timedelta

from django.utils import timezone

from api.models import AccessToken
from api.services import access_token_create
from reviews import services as review_services
from reviews.models import Feature, Framework, Question


def token_for(user, scope="read", days=30):
    return access_token_create(user=user, name=f"{scope} token", scope=scope, days=days)[1]


def revoked_token(user):
    token, raw = access_token_create(user=user, name="revoked", scope="write", days=30)
    AccessToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    return raw


def expired_token(user):
    token, raw = access_token_create(user=user, name="expired", scope="write", days=7)
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    return raw


def closed_round(world, network):
    framework, _ = Framework.objects.get_or_create(
        slug="api-test", defaults={"name": "API test framework", "source": "Made in the test"}
    )
    feature, _ = Feature.objects.get_or_create(framework=framework, position=1, slug="f", defaults={"name": "Feature"})
    Question.objects.get_or_create(feature=feature, position=1, defaults={"text": "A question?"})
    today = timezone.localdate()
    round = review_services.round_create(
        network=network,
        framework=framework,
        opens_on=today,
        closes_on=today + timedelta(days=21),
        created_by=world.people.superuser,
    )
    review_services.round_close(round=round)
    return round


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}

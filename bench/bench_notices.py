"""Sending a 50,000-person round's notices, on the national data set. Run on demand, never in the suite:

    .venv/bin/python bench/bench_notices.py [--database plc_national] [--people 50000] [--batch 50]

On a database that bench/scale.py built, it opens a round in the first network, puts one due
"round opened" notice for each of `--people` people (by COPY), and times `notices_send_due` until
none is due, with one worker and the locmem email backend. It checks every notice was settled
exactly once and that as many emails went out, then removes the round (its notices go with it).
"""

from __future__ import annotations

import argparse
import sys
import time

from common import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="plc_national")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=50, help="Notices claimed per transaction.")
    args = parser.parse_args()
    setup_django(args.database, args.host, EMAIL_URL="smtp://localhost")  # replaced by locmem below
    from django.conf import settings
    from django.core import mail
    from django.utils import timezone

    from networks.models import Network, User
    from reviews import notices
    from reviews.models import Framework, Notice, ReviewRound

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    network = Network.objects.order_by("pk").first()
    now = timezone.now()
    round = ReviewRound.objects.create(
        network=network,
        framework=Framework.objects.get(slug="seven-key-features"),
        title="Bench round",
        opens_on=now.date(),
        closes_on=now.date() + timezone.timedelta(days=14),
        status="open",
        opened_at=now,
    )
    try:
        people = list(User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[: args.people])
        from django.db import connection

        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                "COPY networks_notice (user_id, round_id, network_id, kind, due_at, skipped, created_at, updated_at) "
                "FROM STDIN"
            ) as copy,
        ):
            for person in people:
                copy.write_row((person, round.pk, network.pk, "round_opened", now, False, now, now))
        print(f"{len(people):,} notices due; sending with batches of {args.batch}:")
        started = time.perf_counter()
        settled = notices.notices_send_due(now=now, limit=None, batch=args.batch)
        elapsed = time.perf_counter() - started
        unsent = Notice.objects.filter(round=round, sent_at__isnull=True).count()
        emails = len(mail.outbox)
        recipients = len({message.to[0] for message in mail.outbox})
        print(f"  settled {settled:,} in {elapsed:.1f} s ({settled / elapsed:.0f} a second)")
        print(f"  emails {emails:,} to {recipients:,} people; still due: {unsent}")
        if unsent or emails != recipients:
            sys.exit("Not exactly once.")
    finally:
        round.delete()


if __name__ == "__main__":
    main()

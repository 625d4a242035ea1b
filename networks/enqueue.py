"""Hand a task to the broker once the transaction commits, without ever failing the request.

The row that the task serves is already committed when the hook runs, so a broker that is down
(Redis stopped, a network fault) must not turn a saved invitation or an opened round into a
server error. The failure is logged; the notice sweep, and the outbox where there is one, send
what is owed once the broker is back.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` after the current transaction commits (at once outside one)."""

    def send():
        try:
            task.apply_async(args=args, retry=False)
        except Exception:
            logger.exception("Could not queue %s%r: the broker is unreachable or the task failed", task.name, args)

    transaction.on_commit(send)

from celery import shared_task


@shared_task
def send_digests() -> None:
    """Plan each consortium's digest for the period just ended and send what is owed (Celery beat)."""
    from networks.sweeps import sweep_recorded

    from . import digest_services

    with sweep_recorded(send_digests.name):
        digest_services.digests_sweep()


@shared_task
def send_digest_batch(limit: int | None = 100) -> int:
    """Send up to `limit` owed digests; several workers may run it at once (SKIP LOCKED)."""
    from . import digest_services

    return digest_services.digest_send_due(limit=limit)


@shared_task
def send_proposals_email(request_id: int, proposal_ids: list[int]) -> None:
    """Tell a request's raiser that candidates are proposed (enqueued on commit)."""
    from . import services

    services.proposals_send_email(request_id=request_id, proposal_ids=proposal_ids)

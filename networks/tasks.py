from celery import shared_task

from . import services


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    services.invitation_send_email(invitation_id=invitation_id)


@shared_task
def run_outbox_task(outbox_id: int) -> None:
    from .enqueue import outbox_run

    outbox_run(outbox_id=outbox_id)


@shared_task
def sweep_outbox() -> None:
    """Run what the broker could not be told about (networks.enqueue)."""
    from .enqueue import outbox_sweep
    from .sweeps import sweep_recorded

    with sweep_recorded(sweep_outbox.name):
        outbox_sweep()


@shared_task
def run_school_import(import_id: int) -> None:
    from .importer import school_import_run

    school_import_run(import_id=import_id)

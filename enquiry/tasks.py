from celery import shared_task

from . import services


@shared_task
def send_comment_email(comment_id: int) -> None:
    """Tell an enquiry's owner about a critical friend's comment (enqueued on commit)."""
    services.comment_send_email(comment_id=comment_id)


@shared_task
def send_collaborator_email(collaborator_id: int) -> None:
    """Tell someone they were asked in as co-enquirer or critical friend (enqueued on commit)."""
    services.collaborator_send_email(collaborator_id=collaborator_id)

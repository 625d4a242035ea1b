"""The access matrix's rows for data-protection rights: a person's own copy of their data (theirs
alone: everyone else, operators included, gets a 404), erasing one's own account, and consortium
staff erasing a member of their consortium on request; and the sessions list."""

import atexit

from networks.models import DataExport
from plc_platform.privacy import data_export_build
from tests.access import CONSORTIUM, CONSORTIUM_STAFF, Row, consortium_page, only, statuses


def extend_world(world):
    world.export_waiting = DataExport.objects.create(user=world.people.teacher_a)
    ready = DataExport.objects.create(user=world.people.teacher_a)
    world.export_ready = data_export_build(export_id=ready.pk)
    atexit.register(world.export_ready.file.storage.delete, world.export_ready.file.name)


ROWS = [
    Row("privacy:data", expected=statuses(200)),
    Row("privacy:export_request", expected=statuses(302), method="post"),
    Row("privacy:export_status", lambda w: [w.export_waiting.pk], only("teacher_a")),
    Row("privacy:export_download", lambda w: [w.export_ready.pk], only("teacher_a")),
    Row("privacy:export_download", lambda w: [w.export_waiting.pk], only(), label="not ready"),
    Row("privacy:erase_own", expected=statuses(200)),
    Row("privacy:erase_own", expected=statuses(200), method="post", label="empty form"),
    Row("privacy:erased", expected=statuses(200, anonymous=200)),
    *consortium_page("privacy:erase_person"),
    Row("privacy:erase_person", CONSORTIUM, only(*CONSORTIUM_STAFF), method="post", label="empty form"),
    Row("usersessions_list", expected=statuses(200)),
]

from django.db import migrations

from networks.vendor_sql import on_postgres

# A network's enquiries counted from one index, on PostgreSQL (SQLite keeps without it): the
# network dashboard's and the consortium overview's counts (enquiry.reads.network_overview,
# enquiry_counts, stalled_enquiries) read only these columns, so PostgreSQL answers them with
# index-only scans instead of visiting each enquiry's row (about 560 heap pages for one network
# of the national data set in bench/scale.py). Enquiries with no network are left out of it.
FORWARD = """
CREATE INDEX enquiry_network_cover_idx ON enquiry_enquiry (network_id)
    INCLUDE (id, school_id, stage, strongest_claim, sharing, owner_id, stage_changed_at)
    WHERE network_id IS NOT NULL
"""
BACKWARD = "DROP INDEX IF EXISTS enquiry_network_cover_idx"


class Migration(migrations.Migration):
    dependencies = [("enquiry", "0010_school_network_index")]

    operations = [migrations.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]

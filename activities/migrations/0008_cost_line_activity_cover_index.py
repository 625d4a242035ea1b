from django.db import migrations

from networks.vendor_sql import on_postgres

# Cost lines summed by network, school, category and status (activities.reads._tallies: the
# dashboard's money, the statement and the consortium overview) from one index, on PostgreSQL
# (SQLite keeps without it): an index-only scan for each activity instead of a sequential scan of
# every cost line (200,000 on the national data set of bench/scale.py) for the consortium overview.
FORWARD = """
CREATE INDEX cost_line_activity_cover_idx ON activities_costline (activity_id)
    INCLUDE (school_id, category, status, amount, actual_amount)
"""
BACKWARD = "DROP INDEX IF EXISTS cost_line_activity_cover_idx"


class Migration(migrations.Migration):
    dependencies = [("activities", "0007_activity_type_kind_source")]

    operations = [migrations.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]

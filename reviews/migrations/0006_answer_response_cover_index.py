from django.db import migrations

from networks.vendor_sql import on_postgres

# The answers of chosen rounds counted by feature and rating (reviews.reads._counts_by_round: the
# consortium overview's heat map, the dashboard and the statement) from one index, on PostgreSQL
# (SQLite keeps without it): an index-only scan for each response instead of reading all the
# answers of the country (2.6M rows, a parallel sequential scan of 24,000 pages on the national
# data set of bench/scale.py).
FORWARD = "CREATE INDEX answer_response_cover_idx ON networks_answer (response_id) INCLUDE (question_id, rating, id)"
BACKWARD = "DROP INDEX IF EXISTS answer_response_cover_idx"


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_welsh_reference_data")]

    operations = [migrations.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]

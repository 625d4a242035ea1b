"""The area's enquiries from the index alone ("what works here", issue 15): the practice-area links
had an index on the area only, so listing an area's enquiries read each link row (3,963 buffers
for 5,070 enquiries at national scale, 23 with this index). The links table is Django's own for
the many-to-many field, so the index is SQL, the same on both engines."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("enquiry", "0008_library_recent_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX enquiry_area_enquiry_idx ON enquiry_enquiry_practice_areas (practicearea_id, enquiry_id)",
            reverse_sql="DROP INDEX enquiry_area_enquiry_idx",
        ),
    ]

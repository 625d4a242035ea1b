"""Self-review now lives in the reviews app (reviews 0001): forget its models here, keep the tables.

State only: the tables, their rows and their constraints stay exactly as they are, now owned by
the reviews app's models (which name the same tables with db_table).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0004_more_email_preferences'),
        ('reviews', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='feature',
                    name='framework',
                ),
                migrations.RemoveField(
                    model_name='question',
                    name='feature',
                ),
                migrations.RemoveField(
                    model_name='reviewround',
                    name='framework',
                ),
                migrations.RemoveField(
                    model_name='notice',
                    name='network',
                ),
                migrations.RemoveField(
                    model_name='notice',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='notice',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='reviewresponse',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='reviewresponse',
                    name='school',
                ),
                migrations.RemoveField(
                    model_name='reviewresponse',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='reviewround',
                    name='audience_schools',
                ),
                migrations.RemoveField(
                    model_name='reviewround',
                    name='network',
                ),
                migrations.RemoveField(
                    model_name='reviewround',
                    name='opened_by',
                ),
                migrations.RemoveField(
                    model_name='schoolmaturity',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='schoolmaturity',
                    name='school',
                ),
                migrations.DeleteModel(
                    name='Answer',
                ),
                migrations.DeleteModel(
                    name='Feature',
                ),
                migrations.DeleteModel(
                    name='Question',
                ),
                migrations.DeleteModel(
                    name='Framework',
                ),
                migrations.DeleteModel(
                    name='Notice',
                ),
                migrations.DeleteModel(
                    name='ReviewResponse',
                ),
                migrations.DeleteModel(
                    name='ReviewRound',
                ),
                migrations.DeleteModel(
                    name='SchoolMaturity',
                ),
            ],
        ),
    ]

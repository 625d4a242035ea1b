"""Self-review moves from the networks app into its own app, keeping its tables.

The models were created by networks 0002 (and their reference data by networks 0003). This
migration only tells Django that they now belong to `reviews`: the tables keep their names
(db_table) and their rows, nothing in the database changes. networks 0005 removes them from the
networks app's state in the same way. The content types move with them, so permissions and the
admin's history stay attached.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models



MOVED_MODELS = ["framework", "feature", "question", "reviewround", "reviewresponse", "answer", "notice", "schoolmaturity"]


def _relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED_MODELS:
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, "networks", "reviews")


def return_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, "reviews", "networks")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('networks', '0004_more_email_preferences'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Framework',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('slug', models.SlugField(max_length=60, unique=True)),
                        ('name', models.CharField(max_length=150)),
                        ('description', models.TextField(blank=True)),
                        ('source', models.TextField(help_text='Where the framework and its wording come from.')),
                    ],
                    options={
                        'db_table': 'networks_framework',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Feature',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('position', models.PositiveSmallIntegerField()),
                        ('slug', models.SlugField(max_length=60)),
                        ('name', models.CharField(max_length=150)),
                        ('description', models.TextField(blank=True)),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='features', to='reviews.framework')),
                    ],
                    options={
                        'db_table': 'networks_feature',
                        'ordering': ['framework', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='Question',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('position', models.PositiveSmallIntegerField()),
                        ('text', models.TextField()),
                        ('feature', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='reviews.feature')),
                    ],
                    options={
                        'db_table': 'networks_question',
                        'ordering': ['feature__position', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('group', models.CharField(choices=[('leader', 'Leaders'), ('staff', 'Staff')], default='staff', max_length=10)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='networks.school')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_responses', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'networks_reviewresponse',
                        'ordering': ['created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Answer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('rating', models.PositiveSmallIntegerField(choices=[(0, "Don't know"), (1, 'Not yet'), (2, 'Emerging'), (3, 'Developing'), (4, 'Embedded')])),
                        ('comment', models.TextField(blank=True, help_text='A comment or a note of evidence.')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='reviews.question')),
                        ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='reviews.reviewresponse')),
                    ],
                    options={
                        'db_table': 'networks_answer',
                        'ordering': ['question'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewRound',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('title', models.CharField(blank=True, max_length=150)),
                        ('opens_on', models.DateField()),
                        ('closes_on', models.DateField(help_text='The round closes at the end of this day.')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed')], default='draft', max_length=10)),
                        ('audience_roles', models.JSONField(blank=True, default=list, help_text='Roles asked to answer; empty for every role.')),
                        ('opened_at', models.DateTimeField(blank=True, null=True)),
                        ('closed_at', models.DateTimeField(blank=True, null=True)),
                        ('audience_schools', models.ManyToManyField(blank=True, help_text='Leave empty for every school in the network.', related_name='+', to='networks.school')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='reviews.framework')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_rounds', to='networks.network')),
                        ('opened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'networks_reviewround',
                        'ordering': ['-opens_on', '-created_at'],
                    },
                ),
                migrations.AddField(
                    model_name='reviewresponse',
                    name='round',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='reviews.reviewround'),
                ),
                migrations.CreateModel(
                    name='Notice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(max_length=40)),
                        ('due_at', models.DateTimeField()),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('skipped', models.BooleanField(default=False, help_text='Not sent: the person turned these emails off.')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='networks.network')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to=settings.AUTH_USER_MODEL)),
                        ('round', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='reviews.reviewround')),
                    ],
                    options={
                        'db_table': 'networks_notice',
                        'ordering': ['due_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SchoolMaturity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('stage', models.CharField(choices=[('early_starter', 'Early starter'), ('developer', 'Developer'), ('mature', 'Mature')], max_length=20)),
                        ('rationale', models.TextField()),
                        ('recorded_on', models.DateField(default=django.utils.timezone.localdate)),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='maturity_records', to='networks.school')),
                    ],
                    options={
                        'verbose_name_plural': 'school maturity records',
                        'db_table': 'networks_schoolmaturity',
                        'ordering': ['school', '-recorded_on', '-created_at'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='feature',
                    constraint=models.UniqueConstraint(fields=('framework', 'slug'), name='feature_unique_slug'),
                ),
                migrations.AddConstraint(
                    model_name='feature',
                    constraint=models.UniqueConstraint(fields=('framework', 'position'), name='feature_unique_position'),
                ),
                migrations.AddConstraint(
                    model_name='question',
                    constraint=models.UniqueConstraint(fields=('feature', 'position'), name='question_unique_position'),
                ),
                migrations.AddConstraint(
                    model_name='answer',
                    constraint=models.UniqueConstraint(fields=('response', 'question'), name='one_answer_per_question'),
                ),
                migrations.AddConstraint(
                    model_name='answer',
                    constraint=models.CheckConstraint(condition=models.Q(('rating__gte', 0), ('rating__lte', 4)), name='answer_rating_on_the_scale'),
                ),
                migrations.AddConstraint(
                    model_name='reviewround',
                    constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='round_closes_after_opening'),
                ),
                migrations.AddConstraint(
                    model_name='reviewresponse',
                    constraint=models.UniqueConstraint(fields=('round', 'user'), name='one_response_per_person_per_round'),
                ),
                migrations.AddIndex(
                    model_name='notice',
                    index=models.Index(fields=['sent_at', 'due_at'], name='notice_due_idx'),
                ),
                migrations.AddConstraint(
                    model_name='notice',
                    constraint=models.UniqueConstraint(condition=models.Q(('round__isnull', False)), fields=('round', 'user', 'kind'), name='notice_once_per_round'),
                ),
                migrations.AddConstraint(
                    model_name='notice',
                    constraint=models.UniqueConstraint(condition=models.Q(('round__isnull', True)), fields=('network', 'user', 'kind'), name='notice_once_per_network'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, return_content_types),
    ]

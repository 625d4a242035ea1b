from django.contrib import admin
from django.db.models import Count, Q

from .models import Feature, Framework, Notice, Question, ReviewRound, SchoolMaturity

# Self-review. Frameworks, features and questions are reference data an operator may reword.
# Answers are anonymous: Answer and ReviewResponse are deliberately not registered, no inline shows
# them, and deleting a round or a question lists only how many answers go, never the answers.


class CountsOnlyDeletionMixin:
    """On the delete page, list only the objects being deleted; the summary still counts the rest."""

    def get_deleted_objects(self, objs, request):
        deleted_objects, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return [str(obj) for obj in objs], model_count, perms_needed, protected


class FeatureInline(admin.TabularInline):
    model = Feature
    extra = 0
    fields = ["position", "name", "name_cy", "slug", "description", "description_cy"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "name_cy", "slug", "feature_count", "updated_at"]
    search_fields = ["name", "name_cy", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FeatureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(feature_total=Count("features"))

    @admin.display(description="features", ordering="feature_total")
    def feature_count(self, obj):
        return obj.feature_total


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "text_cy"]


@admin.register(Feature)
class FeatureAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "name_cy", "framework", "position", "question_count"]
    list_filter = ["framework"]
    search_fields = ["name", "name_cy", "description", "description_cy"]
    list_select_related = ["framework"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_total=Count("questions"))

    @admin.display(description="questions", ordering="question_total")
    def question_count(self, obj):
        return obj.question_total


@admin.register(Question)
class QuestionAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    list_display = ["text", "text_cy", "feature", "framework", "position"]
    list_filter = ["feature__framework"]
    search_fields = ["text", "text_cy"]
    list_select_related = ["feature__framework"]

    @admin.display(ordering="feature__framework__name")
    def framework(self, obj):
        return obj.feature.framework


@admin.register(ReviewRound)
class ReviewRoundAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    """Rounds with how many have answered; never who answered or what."""

    list_display = ["__str__", "network", "framework", "status", "opens_on", "closes_on", "responses", "submitted"]
    list_filter = ["status", "framework"]
    search_fields = ["title", "network__name"]
    list_select_related = ["network", "framework"]
    autocomplete_fields = ["network", "framework", "audience_schools", "opened_by"]
    readonly_fields = ["opened_at", "closed_at", "responses", "submitted"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                response_total=Count("responses", distinct=True),
                submitted_total=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
            )
        )

    @admin.display(description="responses started", ordering="response_total")
    def responses(self, obj):
        return getattr(obj, "response_total", 0)

    @admin.display(description="responses submitted", ordering="submitted_total")
    def submitted(self, obj):
        return getattr(obj, "submitted_total", 0)


@admin.register(SchoolMaturity)
class SchoolMaturityAdmin(admin.ModelAdmin):
    list_display = ["school", "stage", "recorded_on", "recorded_by"]
    list_filter = ["stage"]
    search_fields = ["school__name", "rationale"]
    list_select_related = ["school", "recorded_by"]
    autocomplete_fields = ["school", "recorded_by"]
    date_hierarchy = "recorded_on"


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["kind", "user", "network", "round", "due_at", "sent_at", "skipped"]
    list_filter = ["skipped", "sent_at"]
    search_fields = ["kind", "user__email", "network__name"]
    list_select_related = ["user", "network", "round__framework"]
    autocomplete_fields = ["user", "network", "round"]
    date_hierarchy = "due_at"

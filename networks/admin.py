from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, Q

from .models import (
    Consortium,
    EmailPreference,
    Feature,
    Framework,
    Invitation,
    Membership,
    Network,
    NetworkSchool,
    Notice,
    PracticeArea,
    Question,
    ReviewRound,
    School,
    SchoolImport,
    SchoolMaturity,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["consortium", "network", "school"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "job_title", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


class PracticeAreaInline(admin.TabularInline):
    model = PracticeArea
    extra = 1
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PracticeAreaInline]


@admin.register(PracticeArea)
class PracticeAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "consortium"]
    list_filter = ["consortium"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "phase", "establishment_type", "local_authority", "postcode", "is_open"]
    list_filter = ["consortium", "is_open", "phase", "local_authority"]
    search_fields = ["name", "=urn", "postcode"]
    list_select_related = ["consortium"]


class NetworkSchoolInline(admin.TabularInline):
    model = NetworkSchool
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "consortium", "is_active", "created_at"]
    list_filter = ["consortium", "is_active"]
    search_fields = ["name", "purpose", "focus"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["practice_areas"]
    inlines = [NetworkSchoolInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "consortium", "network", "school", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user", "consortium", "network", "school"]
    list_select_related = ["user", "consortium", "network", "school"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "consortium", "network", "school", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    autocomplete_fields = ["consortium", "network", "school", "invited_by", "accepted_by"]
    list_select_related = ["consortium", "network", "school"]


@admin.register(SchoolImport)
class SchoolImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "consortium", "uploaded_by", "created_at", "applied_at"]
    list_filter = ["consortium"]
    readonly_fields = ["report"]
    exclude = ["content"]


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
    fields = ["position", "name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "feature_count", "updated_at"]
    search_fields = ["name", "slug"]
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
    fields = ["position", "text"]


@admin.register(Feature)
class FeatureAdmin(CountsOnlyDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "framework", "position", "question_count"]
    list_filter = ["framework"]
    search_fields = ["name", "description"]
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
    list_display = ["text", "feature", "framework", "position"]
    list_filter = ["feature__framework"]
    search_fields = ["text"]
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


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "review_invitations", "review_reminders", "leader_summaries", "updated_at"]
    list_filter = ["review_invitations", "review_reminders", "leader_summaries"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]

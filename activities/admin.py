"""Operators' view of activity data. Templates and rates are editable here as well as on their pages;
templates and phases with their Welsh beside their English."""

from django.contrib import admin

from .models import (
    Activity,
    ActivityType,
    ActivityTypeStep,
    CalendarFeed,
    ChecklistItem,
    CostLine,
    Evaluation,
    ForceFieldAnalysis,
    InnovationPhase,
    JigsawPlan,
    NetworkBudget,
    Participant,
    ProblemSolvingRecord,
    Rate,
)


class StepInline(admin.TabularInline):
    model = ActivityTypeStep
    fields = ["position", "text", "text_cy"]
    extra = 1


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cy", "typical_level", "typical_duration", "is_active", "position"]
    list_editable = ["is_active", "position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "name_cy"),
        "slug",
        ("what", "what_cy"),
        ("when_to_use", "when_to_use_cy"),
        ("resources", "resources_cy"),
        "roles",
        "typical_level",
        "typical_kind",
        ("typical_duration", "typical_duration_cy"),
        "typical_days",
        "cost_rules",
        "source",
        "is_active",
        "position",
    ]
    inlines = [StepInline]


@admin.register(InnovationPhase)
class InnovationPhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cy", "position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [("name", "name_cy"), "slug", "position", ("description", "description_cy"), "source"]


@admin.register(Rate)
class RateAdmin(admin.ModelAdmin):
    list_display = ["consortium", "category", "amount", "unit_label", "applies_from"]
    list_filter = ["consortium", "category"]


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    raw_id_fields = ["done_by"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["user", "school"]


class CostLineInline(admin.TabularInline):
    model = CostLine
    extra = 0
    raw_id_fields = ["school", "source_rate", "approved_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "activity_type", "starts_at", "status", "collaboration_level"]
    list_filter = ["status", "collaboration_level", "activity_type"]
    search_fields = ["title", "network__name"]
    raw_id_fields = ["network", "host_school", "created_by"]
    filter_horizontal = ["practice_areas"]
    inlines = [ChecklistInline, ParticipantInline, CostLineInline]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["participant", "usefulness", "created_at"]
    raw_id_fields = ["participant"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Only who has a feed; the secret address itself is not shown."""

    list_display = ["user", "created_at", "updated_at"]
    exclude = ["token"]
    raw_id_fields = ["user"]


@admin.register(JigsawPlan)
class JigsawPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "readings", "created_at"]
    raw_id_fields = ["network", "activity", "created_by"]


@admin.register(ProblemSolvingRecord)
class ProblemSolvingRecordAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "problem_owner", "created_at"]
    raw_id_fields = ["network", "activity", "created_by"]


@admin.register(ForceFieldAnalysis)
class ForceFieldAnalysisAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "created_at"]
    raw_id_fields = ["network", "activity", "created_by"]


@admin.register(NetworkBudget)
class NetworkBudgetAdmin(admin.ModelAdmin):
    list_display = ["network", "starts_on", "ends_on", "amount", "set_by"]
    list_filter = ["network__consortium"]
    search_fields = ["network__name"]
    raw_id_fields = ["network", "set_by"]

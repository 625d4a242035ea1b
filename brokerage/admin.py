"""The brokerage desk in the admin site: for operators, to look things up and fix data."""

from django.contrib import admin

from .models import (
    AvailabilityBlock,
    BrokerageSettings,
    DigestRun,
    DigestSubscription,
    Engagement,
    EngagementDay,
    HostCapacity,
    PastEngagement,
    PracticeEntry,
    Proposal,
    RequestEvent,
    Specialist,
    SupportRequest,
)


class AvailabilityInline(admin.TabularInline):
    model = AvailabilityBlock
    extra = 0


class PastEngagementInline(admin.TabularInline):
    model = PastEngagement
    extra = 0
    raw_id_fields = ["practice_area"]


@admin.register(Specialist)
class SpecialistAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "consortium", "day_rate", "is_active"]
    list_filter = ["consortium", "is_active"]
    search_fields = ["name", "organisation", "email"]
    raw_id_fields = ["user", "base_school", "created_by"]
    filter_horizontal = ["practice_areas"]
    inlines = [AvailabilityInline, PastEngagementInline]


@admin.register(PracticeEntry)
class PracticeEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "practice_area", "evidence_strength", "source", "shared_at"]
    list_filter = ["source", "evidence_strength"]
    search_fields = ["title", "school__name"]
    raw_id_fields = ["school", "practice_area", "created_by"]
    readonly_fields = ["content_type", "object_id"]


@admin.register(HostCapacity)
class HostCapacityAdmin(admin.ModelAdmin):
    list_display = ["school", "visits_per_term", "day_rate"]
    raw_id_fields = ["school"]
    search_fields = ["school__name"]


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]
    can_delete = False


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["specialist", "school", "score", "status", "response_reason"]
    readonly_fields = ["specialist", "school", "score"]
    can_delete = False


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "consortium", "school", "network", "status", "created_at"]
    list_filter = ["status", "kind", "consortium"]
    search_fields = ["title", "school__name", "network__name"]
    raw_id_fields = ["school", "network", "raised_by"]
    filter_horizontal = ["practice_areas"]
    inlines = [ProposalInline, RequestEventInline]


class EngagementDayInline(admin.TabularInline):
    model = EngagementDay
    extra = 0
    readonly_fields = ["specialist", "day"]
    can_delete = False


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "starts_on", "ends_on", "cost"]
    list_filter = ["status", "consortium"]
    raw_id_fields = ["request", "proposal", "specialist", "host_school", "booked_by", "reviewed_by"]
    inlines = [EngagementDayInline]


@admin.register(BrokerageSettings)
class BrokerageSettingsAdmin(admin.ModelAdmin):
    list_display = ["consortium", "digest_frequency", "updated_at"]
    raw_id_fields = ["updated_by"]


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "consortium", "created_at"]
    raw_id_fields = ["user"]


@admin.register(DigestRun)
class DigestRunAdmin(admin.ModelAdmin):
    list_display = ["consortium", "period_start", "period_end", "entry_count", "engagement_count"]
    readonly_fields = ["consortium", "period_start", "period_end", "entry_count", "engagement_count"]

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import (
    AuditAction,
    AuditEvent,
    Consortium,
    EmailPreference,
    Invitation,
    Membership,
    Network,
    NetworkSchool,
    OutboxTask,
    PracticeArea,
    School,
    SchoolImport,
    SweepRun,
    User,
)


def _audit_membership_form(request, form, membership, *, removed=False):
    """The audit trail's row for a role an operator gives, changes or takes away in the admin."""
    if removed:
        services.membership_audit(membership=membership, action=AuditAction.MEMBERSHIP_REMOVED, by=request.user)
    elif form.initial.get("role") is None:
        services.membership_audit(membership=membership, action=AuditAction.MEMBERSHIP_ADDED, by=request.user)
    elif form.has_changed():
        previous = form.initial["role"]
        services.membership_audit(
            membership=membership, action=AuditAction.ROLE_CHANGED, by=request.user, previous_role=previous
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

    # What an operator changes here has the same effect on the person's sessions as anywhere else.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.user_deactivate(user=obj)
        elif change and {"is_staff", "is_superuser"} & set(form.changed_data) and (obj.is_staff or obj.is_superuser):
            services.sessions_recheck_two_step(user=obj)

    def save_formset(self, request, form, formset, change):
        roles_before = {inline.instance.pk: inline.initial.get("role") for inline in formset.initial_forms}
        if formset.model is Membership:
            for removed in formset.deleted_forms:
                if removed.instance.pk:
                    _audit_membership_form(request, removed, removed.instance, removed=True)
        kept = [f for f in formset.forms if f not in formset.deleted_forms and f.has_changed()]
        super().save_formset(request, form, formset, change)
        if formset.model is not Membership:
            return
        for changed in kept:
            _audit_membership_form(request, changed, changed.instance)
        for membership in formset.deleted_objects:
            services.sessions_follow_role_change(
                user=membership.user, before=roles_before.get(membership.pk), after=None
            )
        for membership, _ in formset.changed_objects:
            services.sessions_follow_role_change(
                user=membership.user, before=roles_before.get(membership.pk), after=membership.role
            )
        for membership in formset.new_objects:
            services.sessions_follow_role_change(user=membership.user, before=None, after=membership.role)

    def user_change_password(self, request, id, form_url=""):
        """A password an operator sets ends every session of the person (but the operator's own)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.sessions_end_for(user=self.get_object(request, id), keep=request.session.session_key)
        return response


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
    list_display = ["name", "name_cy", "consortium"]
    list_filter = ["consortium"]
    search_fields = ["name", "name_cy"]
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

    def save_model(self, request, obj, form, change):
        before = form.initial.get("role") if change else None
        super().save_model(request, obj, form, change)
        _audit_membership_form(request, form, obj)
        services.sessions_follow_role_change(user=obj.user, before=before, after=obj.role)

    def delete_model(self, request, obj):
        _audit_membership_form(request, None, obj, removed=True)
        services.membership_remove(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "consortium", "network", "school"):
            _audit_membership_form(request, None, membership, removed=True)
            services.membership_remove(membership=membership)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "consortium", "network", "school", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    autocomplete_fields = ["consortium", "network", "school", "invited_by", "accepted_by"]
    list_select_related = ["consortium", "network", "school"]


@admin.register(SchoolImport)
class SchoolImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "consortium", "uploaded_by", "created_at", "status", "applied_at"]
    list_filter = ["consortium", "status"]
    readonly_fields = ["report", "failure"]
    exclude = ["content"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "review_invitations", "review_reminders", "leader_summaries", "updated_at"]
    list_filter = ["review_invitations", "review_reminders", "leader_summaries"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """What was committed to be sent: a row left without "done" means the broker never ran it."""

    list_display = ["task", "created_at", "done_at", "attempts", "next_attempt_at", "given_up_at"]
    list_filter = ["task", ("done_at", admin.EmptyFieldListFilter), ("given_up_at", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "task",
        "args",
        "created_at",
        "done_at",
        "attempts",
        "next_attempt_at",
        "given_up_at",
        "last_error",
    ]


@admin.register(SweepRun)
class SweepRunAdmin(admin.ModelAdmin):
    """When each scheduled sweep last ran, whoever ran it (beat, `manage.py run_schedule`, cron).
    A sweep missing here has never run: nothing schedules it."""

    list_display = ["task", "every", "started_at", "finished_at", "succeeded"]
    readonly_fields = ["task", "started_at", "finished_at", "succeeded", "error"]

    @admin.display(description="scheduled")
    def every(self, run):
        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            if entry["task"] == run.task:
                value = entry["schedule"]
                return f"every {value} s" if isinstance(value, int) else str(value)
        return "not in the schedule"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, for operators to read: nobody adds, changes or deletes a row, superusers
    included (the model and, on PostgreSQL, a trigger refuse it too)."""

    list_display = ["created_at", "action", "actor", "subject", "consortium", "target_type", "target_id"]
    list_filter = ["action", "consortium"]
    list_select_related = ["actor", "subject", "consortium", "target_type"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "action", "actor", "subject", "consortium", "target_type", "target_id", "detail"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

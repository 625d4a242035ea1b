from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Activities"

    def ready(self):
        from networks.freshness import watch

        from . import permissions, signals  # noqa: F401  (registers rules and signal handlers)
        from .models import Activity, CostLine, Evaluation, NetworkBudget, Participant

        # What the network dashboard shows of activities, costs and budgets (networks.freshness).
        watch(Activity, "network")
        watch(Participant, "activity__network")
        watch(CostLine, "activity__network")
        watch(Evaluation, "participant__activity__network")
        watch(NetworkBudget, "network")

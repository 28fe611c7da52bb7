from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadersConfig(AppConfig):
    name = "leaders"
    verbose_name = _("Leader fit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.bank import rules

        from .traits import leader_part_problems

        # The leader traits travel inside the question bank: check them when it loads.
        if leader_part_problems not in rules.PART_RULES:
            rules.PART_RULES.append(leader_part_problems)

from django.contrib import admin
from django.http import HttpRequest

from .models import Assessment, QuestionnaireVersion


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin[QuestionnaireVersion]):
    list_display = ["version", "is_live", "created_at"]
    readonly_fields = ["version", "bank", "content_sha256", "is_live", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Versions come from load_question_bank, which validates them; see the README.
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = ["__str__", "status", "recommendation", "complexity_score", "submitted_at"]
    list_filter = ["status", "recommendation"]
    readonly_fields = [field.name for field in Assessment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

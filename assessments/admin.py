"""Admin for questionnaire versions: drafts are edited, previewed and published here;
published versions are read-only. Every change is kept by django-simple-history."""

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .bank import BankError, parse_bank
from .charts import impact_histogram
from .impact import preview_impact
from .management.commands.export_question_bank import bank_json
from .models import Assessment, QuestionnaireVersion, load_bank_version


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Question bank (JSON)"))


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(SimpleHistoryAdmin):
    list_display = ["version", "status", "is_live", "created_at", "published_at"]
    list_filter = ["status", "is_live"]
    actions = ["clone_to_draft", "publish", "download_json"]
    change_form_template = "admin/assessments/questionnaireversion/change_form.html"
    change_list_template = "admin/assessments/questionnaireversion/change_list.html"
    fields = ["version", "status", "is_live", "problems", "bank"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A published version is frozen; the model refuses changes too.
        if obj is not None and not obj.is_draft:
            return ["version", "status", "is_live", "problems", "bank"]
        return ["status", "is_live", "problems"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # drafts come from "clone to draft" or an upload, both validated

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or obj.is_draft

    @admin.display(description=_("Problems that block publishing"))
    def problems(self, obj: QuestionnaireVersion) -> str:
        found = obj.problems()
        if not found:
            return "—"
        return format_html_join("\n", "<div>{}</div>", ((problem,) for problem in found))

    @admin.action(description=_("Clone to a new draft"))
    def clone_to_draft(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> None:
        for version in queryset:
            draft = version.clone_to_draft(f"{version.version}-draft-{timezone.now():%Y%m%d%H%M%S}")
            self.message_user(request, _("Draft %(v)s created.") % {"v": draft.version})

    @admin.action(description=_("Publish (validate and make live)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]) -> None:
        for version in queryset:
            try:
                version.publish()
            except BankError as exc:
                self.message_user(
                    request,
                    _("%(v)s was not published: %(problems)s")
                    % {"v": version.version, "problems": "; ".join(exc.problems)},
                    messages.ERROR,
                )
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, _("%(v)s is live.") % {"v": version.version})

    @admin.action(description=_("Download as JSON"))
    def download_json(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> HttpResponse:
        version = queryset.first()
        assert version is not None
        response = HttpResponse(bank_json(version), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="bank-{version.version}.json"'
        return response

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="assessments_questionnaireversion_preview",
            ),
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="assessments_questionnaireversion_upload",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(QuestionnaireVersion, pk=pk)
        try:
            bank = parse_bank(version.bank)
        except BankError as exc:
            context = {"version": version, "problems": exc.problems}
            return render(
                request,
                "admin/assessments/preview.html",
                {**self.admin_site.each_context(request), **context},
                status=400,
            )
        impact = preview_impact(bank)
        context = {
            **self.admin_site.each_context(request),
            "version": version,
            "impact": impact.summary(),
            "figure": impact_histogram(impact.old_scores, impact.new_scores, bank.threshold),
            "flips": [
                {
                    "url": reverse("admin:assessments_assessment_change", args=[pk]),
                    "old": old,
                    "new": new,
                    "from": old_call,
                    "to": new_call,
                }
                for _change, pk, old, new, old_call, new_call in impact.top_flips
            ],
        }
        return render(request, "admin/assessments/preview.html", context)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
                version, _changed = load_bank_version(data, draft=True)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems = [f"the file is not valid JSON: {exc}"]
            except BankError as exc:
                problems = exc.problems
            except ValueError as exc:
                problems = [str(exc)]
            else:
                self.message_user(request, _("Draft %(v)s created.") % {"v": version.version})
                return HttpResponseRedirect(
                    reverse("admin:assessments_questionnaireversion_change", args=[version.pk])
                )
        context = {**self.admin_site.each_context(request), "form": form, "problems": problems}
        return render(
            request, "admin/assessments/upload.html", context, status=400 if problems else 200
        )


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin[Assessment]):
    list_display = [
        "__str__",
        "status",
        "recommendation",
        "strength",
        "complexity_score",
        "submitted_at",
    ]
    list_filter = ["status", "recommendation", "demo"]
    readonly_fields = [field.name for field in Assessment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

"""Admin for questionnaire versions: drafts are edited, previewed and published here;
published versions are read-only. Every change is kept by django-simple-history."""

from functools import wraps
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from rolefit import security_log
from rolefit.formsets import EditsStoredRowsOnly
from rolefit.untrusted import UntrustedInputError, parse_json
from rolefit.validators import UntrustedJSONField

from . import weights_editor
from .bank.answers import AnswersError, parse_answers
from .bank.rules import BankError, parse_bank
from .charts import impact_histogram
from .impact import preview_impact
from .models import (
    Assessment,
    DraftNumber,
    DraftText,
    NoLiveQuestionnaire,
    QuestionnaireVersion,
    ReferenceUnit,
)
from .versions import bank_json, load_bank_version


class DraftTextFormSet(
    EditsStoredRowsOnly, BaseInlineFormSet[DraftText, QuestionnaireVersion, Any]
):
    """The draft's own texts, as stored: a tampered counter is a form error, not a 500."""


class DraftTextInline(admin.TabularInline[DraftText, QuestionnaireVersion]):
    model = DraftText
    formset = DraftTextFormSet
    fields = ["label", "en", "es"]
    readonly_fields = ["label"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("Texts, English and Spanish side by side")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the places are the bank's; new ones come from an upload

    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}
    }


@admin.register(DraftNumber, DraftText)
class DraftFieldAdmin(SimpleHistoryAdmin):
    """Each weight's and text's own page, for its history of old and new values."""

    readonly_fields = ["version", "label"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False  # reached from the version page, not the index

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The user's own permission first; then only a draft's rows can change.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.version.is_draft)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        obj.version.apply_fields()


PREFIX = "assessments_questionnaireversion"


def _draft(pk: int) -> QuestionnaireVersion:
    return get_object_or_404(QuestionnaireVersion, pk=pk, status=QuestionnaireVersion.Status.DRAFT)


# The shipped bank is under 50 KB; twenty times that is still a bank, not an accident.
MAX_UPLOAD_BYTES = 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Question bank (JSON)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s KB; a question bank may be at most %(limit)s KB.")
                % {"size": upload.size // 1024, "limit": MAX_UPLOAD_BYTES // 1024}
            )
        return upload


class ReferenceUnitForm(forms.ModelForm[ReferenceUnit]):
    answers = UntrustedJSONField(
        label=_("Answers"),
        help_text=_(
            'Keyed by question, as the API takes them, e.g. {"sales_channels": 2, '
            '"revenue_model": "recurring"}. Every required question needs an answer.'
        ),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
    )

    class Meta:
        model = ReferenceUnit
        fields = ["label_en", "label_es", "position", "answers"]

    def clean_answers(self) -> Any:
        try:
            return parse_answers(QuestionnaireVersion.live().parsed(), self.cleaned_data["answers"])
        except AnswersError as exc:
            raise forms.ValidationError(
                [f"{key}: {message}" for key, message in exc.errors.items()]
            ) from None
        except NoLiveQuestionnaire:
            raise forms.ValidationError(_("Load a question bank first.")) from None


@admin.register(ReferenceUnit)
class ReferenceUnitAdmin(admin.ModelAdmin[ReferenceUnit]):
    """The example units the weights editor scores each draft on, beside live."""

    form = ReferenceUnitForm
    list_display = ["label_en", "label_es", "position"]
    list_editable = ["position"]


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(SimpleHistoryAdmin):
    list_display = ["version", "status", "is_live", "created_at", "published_at"]
    list_filter = ["status", "is_live"]
    actions = ["clone_to_draft", "publish", "download_json"]
    change_form_template = "admin/assessments/questionnaireversion/change_form.html"
    change_list_template = "admin/assessments/questionnaireversion/change_list.html"
    # The raw JSON is there for the curious, folded away: numbers are changed in the
    # weights editor, texts below, and whole banks by download and upload.
    fieldsets = [
        (None, {"fields": ["version", "status", "is_live", "problems"]}),
        (_("The whole bank as JSON"), {"fields": ["bank"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A published version is frozen (the model refuses changes too); a draft is edited
        # through its field rows below, and its JSON follows them.
        return ["version", "status", "is_live", "problems", "bank"]

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [DraftTextInline] if obj is not None and obj.is_draft else []

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        form.instance.apply_fields()

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

    @admin.action(description=_("Clone to a new draft"), permissions=["change"])
    def clone_to_draft(
        self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]
    ) -> None:
        for version in queryset:
            draft = version.clone_to_draft(version.draft_name(timezone.now()))
            self.message_user(request, _("Draft %(v)s created.") % {"v": draft.version})

    @admin.action(description=_("Publish (validate and make live)"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]) -> None:
        for version in queryset:
            self._publish_one(request, version)

    def _publish_one(self, request: HttpRequest, version: QuestionnaireVersion) -> bool:
        """Publish and tell the admin what happened; the one path for the list's action
        and the weights editor's button."""
        try:
            version.publish()
        except BankError as exc:
            self.message_user(
                request,
                _("%(v)s was not published: %(problems)s")
                % {"v": version.version, "problems": "; ".join(exc.problems)},
                messages.ERROR,
            )
            return False
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return False
        security_log.record("bank_published", request, version=version.version)
        self.message_user(request, _("%(v)s is live.") % {"v": version.version})
        return True

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
        pages = [
            ("<int:pk>/preview/", self.preview_view, "preview"),
            ("upload/", self.upload_view, "upload"),
            ("<int:pk>/weights/", self.weights_view, "weights"),
            (
                "<int:pk>/weights/preview/",
                require_POST(self.weights_preview),
                "weights_preview",
            ),
            (
                "<int:pk>/weights/publish/",
                require_POST(self.weights_publish),
                "weights_publish",
            ),
        ]
        return [
            path(
                route, self.admin_site.admin_view(self._for_editors(view)), name=f"{PREFIX}_{name}"
            )
            for route, view, name in pages
        ] + super().get_urls()

    def _for_editors(self, view: Any) -> Any:
        """These pages read and change versions: staff who may change them, no one else."""

        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not self.has_change_permission(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    def weights_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        draft = get_object_or_404(
            QuestionnaireVersion, pk=pk, status=QuestionnaireVersion.Status.DRAFT
        )
        return weights_editor.editor(request, draft, self.admin_site.each_context(request))

    def weights_preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        draft = get_object_or_404(
            QuestionnaireVersion, pk=pk, status=QuestionnaireVersion.Status.DRAFT
        )
        return weights_editor.preview(request, draft)

    def weights_publish(self, request: HttpRequest, pk: int) -> HttpResponse:
        draft = get_object_or_404(
            QuestionnaireVersion, pk=pk, status=QuestionnaireVersion.Status.DRAFT
        )
        if self._publish_one(request, draft):
            return HttpResponseRedirect(reverse(f"admin:{PREFIX}_changelist"))
        return HttpResponseRedirect(reverse(f"admin:{PREFIX}_weights", args=[pk]))

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
                data = parse_json(form.cleaned_data["file"].read())
                version, _changed = load_bank_version(data, draft=True)
            except UntrustedInputError as exc:
                problems = [f"the file {exc}"]
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

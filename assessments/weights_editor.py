"""The weights editor: a draft's numbers on one card per question, what differs from the
live version, and the effect on reference units and stored results as the admin types.

Staff only, inside the admin (QuestionnaireVersionAdmin.get_urls). The page works without
JavaScript: saving redraws everything. With it, `js/weights_editor.js` posts the unsaved
numbers to `preview` and redraws the panel, the highlights and the problems.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rolefit.i18n import current_language

from . import charts, drafts, weights
from .bank.rules import check_bank
from .bank.schema import QuestionBank
from .impact import preview_impact
from .models import (
    DraftNumber,
    ImmutableVersionError,
    NoLiveQuestionnaire,
    QuestionnaireVersion,
    ReferenceUnit,
)

# The stored results the live panel re-scores: enough to see a trend within a second.
LATEST_STORED = 5000


@dataclass
class Row:
    """One number on a card: its input, the live value, and whether they differ."""

    number: DraftNumber
    label: str
    value: float
    live: float | None

    @property
    def name(self) -> str:
        return f"n-{self.number.pk}"

    @property
    def changed(self) -> bool:
        return self.live is None or not math.isclose(self.value, self.live)


@dataclass
class Card:
    key: str
    title: str
    help: str = ""
    kind: str = "choice"  # choice, bands, saturating, model, leader
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _posted_values(
    request: HttpRequest, rows: list[DraftNumber]
) -> tuple[dict[int, float], dict[int, str]]:
    """The numbers the form sent, by row; and what is wrong with those that are not."""
    values, errors = {}, {}
    for number in rows:
        raw = request.POST.get(f"n-{number.pk}", "").strip().replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            errors[number.pk] = _("Enter a number.")
            continue
        if not math.isfinite(value) or abs(value) > 1e6:
            errors[number.pk] = _("Enter a number between -1,000,000 and 1,000,000.")
            continue
        values[number.pk] = value
    return values, errors


def _draft_bank(
    draft: QuestionnaireVersion, numbers: list[DraftNumber], values: dict[int, float]
) -> Any:
    edits = (
        (
            path := json.loads(number.path),
            drafts.tidy_number(values.get(number.pk, number.value), path),
        )
        for number in numbers
    )
    return drafts.apply(draft.bank, iter(edits))


def _live() -> QuestionnaireVersion | None:
    try:
        return QuestionnaireVersion.live()
    except NoLiveQuestionnaire:
        return None


def _cards(
    bank: Any, live: Any, numbers: list[DraftNumber], values: dict[int, float], language: str
) -> list[Card]:
    """Every number on the card it belongs to, in the bank's order."""
    cards: dict[str, Card] = {}
    model = Card(weights.MODEL_CARD, _("Threshold and strength bands"), kind="model")
    leader = Card("leader", _("Leader fit"), kind="leader")
    for number in numbers:
        path = json.loads(number.path)
        value = values.get(number.pk, number.value)
        row = Row(number, _row_label(bank, path, language), value, _live_value(live, path))
        if path[0] == "sections" and len(path) > 3:
            question = bank["sections"][path[1]]["questions"][path[3]]
            card = cards.get(question["key"])
            if card is None:
                card = cards[question["key"]] = _question_card(question, language)
            card.rows.append(row)
        elif path[0] == "leader":
            leader.rows.append(row)
        else:
            model.rows.append(row)
    return [*cards.values(), model, *([leader] if leader.rows else [])]


def _question_card(question: dict[str, Any], language: str) -> Card:
    scoring = question.get("scoring", {})
    kind = scoring.get("type", "choice") if question["kind"] == "integer" else "choice"
    return Card(
        question["key"],
        question["text"][language],
        question.get("help", {}).get(language, "") if question.get("help") else "",
        kind,
    )


def _live_value(live: Any, path: list[Any]) -> float | None:
    value = weights.value_at(live, path) if live is not None else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _row_label(bank: Any, path: list[Any], language: str) -> str:
    """What a number is, in words an admin reads at a glance."""
    parent = weights.value_at(bank, path[:-1]) or {}
    last = path[-1]
    if "options" in path:
        return str(parent.get("label", {}).get(language, parent.get("value")))
    if "bands" in path:
        start = parent.get("min")
        return _("starts at") if last == "min" else _("points from %(start)s") % {"start": start}
    if "strength_bands" in path:
        return _("%(band)s: margin below") % {"band": parent.get("label", {}).get(language, "")}
    if "traits" in path:
        return str(parent.get("statement", {}).get(language, parent.get("key")))
    names = {
        "threshold": _("Threshold (CRO at or above)"),
        "max_points": _("Most points"),
        "half_at": _("Half of them at"),
        "archetype_margin": _("Balanced within"),
        "level_weight": _("Share of fit from level"),
    }
    return names.get(str(last), str(last))


@dataclass
class EditorState:
    cards: list[Card]
    changes: list[weights.Change]
    problems: list[str]
    calls: list[weights.Call]
    stored: dict[str, Any]
    curves: dict[str, tuple[list[int], list[float]]]
    scored: bool  # False when the numbers break the bank's shape, so nothing is scored

    @property
    def can_publish(self) -> bool:
        return not self.problems and not any(card.problems for card in self.cards)

    def figures(self) -> dict[str, dict[str, Any]]:
        """Each integer question's curve as a plotly figure, by the id its chart reads."""
        return {
            f"figure-{key}": charts.points_curve(xs, ys) for key, (xs, ys) in self.curves.items()
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "changed": [row.name for card in self.cards for row in card.rows if row.changed],
            "changes": [
                {"label": change.label, "draft": change.draft, "live": change.live}
                for change in self.changes
            ],
            "problems": {card.key: card.problems for card in self.cards if card.problems},
            "other_problems": self.problems,
            "calls": [_call_json(call) for call in self.calls],
            "stored": self.stored,
            "figures": self.figures(),
            "can_publish": self.can_publish,
            "scored": self.scored,
        }


def _call_json(call: weights.Call) -> dict[str, Any]:
    return {
        "label": call.label,
        "draft": call.draft.recommendation,
        "score": call.draft.complexity_score,
        "margin": call.margin,
        "live": call.live.recommendation if call.live else None,
        "flipped": call.flipped,
    }


def _state(draft: QuestionnaireVersion, values: dict[int, float]) -> EditorState:
    language = current_language()
    numbers = list(draft.numbers.all())
    bank = _draft_bank(draft, numbers, values)
    live_version = _live()
    live = live_version.bank if live_version else None
    cards = _cards(bank, live, numbers, values, language)
    parsed, problems = check_bank(bank)
    by_card = weights.problems_by_card(problems)
    for card in cards:
        card.problems = by_card.pop(card.key, [])
    places = [(json.loads(number.path), number.label) for number in numbers]
    labels = {
        tuple(json.loads(row.number.path)): f"{card.title} · {row.label}"
        for card in cards
        for row in card.rows
    }
    changes = [
        weights.Change(
            change.path, labels.get(change.path, change.label), change.draft, change.live
        )
        for change in weights.changes(bank, live, places)
    ]
    return EditorState(
        cards,
        changes,
        [problem for found in by_card.values() for problem in found],
        _calls(parsed, live_version, language),
        _stored(parsed),
        weights.curves(parsed) if parsed else {},
        scored=parsed is not None,
    )


def _calls(
    parsed: QuestionBank | None, live: QuestionnaireVersion | None, language: str
) -> list[weights.Call]:
    if parsed is None:
        return []
    units = [(unit.label(language), unit.answers) for unit in ReferenceUnit.objects.all()]
    return weights.reference_calls(parsed, live.parsed() if live else None, units)


def _stored(parsed: QuestionBank | None) -> dict[str, Any]:
    return preview_impact(parsed, latest=LATEST_STORED).summary() if parsed else {}


def editor(
    request: HttpRequest, draft: QuestionnaireVersion, admin_context: dict[str, Any]
) -> HttpResponse:
    numbers = list(draft.numbers.all())
    values: dict[int, float] = {}
    errors: dict[int, str] = {}
    if request.method == "POST":
        values, errors = _posted_values(request, numbers)
        if not errors:
            try:
                _save(request, draft, numbers, values)
            except ImmutableVersionError as exc:
                messages.error(request, str(exc))
                return redirect("admin:assessments_questionnaireversion_change", draft.pk)
            return redirect("admin:assessments_questionnaireversion_weights", draft.pk)
    return render(
        request,
        "admin/assessments/weights.html",
        {
            **admin_context,
            "title": _("Weights of %(version)s") % {"version": draft.version},
            "draft": draft,
            "state": _state(draft, values),
            "errors": {f"n-{pk}": message for pk, message in errors.items()},
            "opts": QuestionnaireVersion._meta,
        },
        status=400 if errors else 200,
    )


def _save(
    request: HttpRequest,
    draft: QuestionnaireVersion,
    numbers: list[DraftNumber],
    values: dict[int, float],
) -> None:
    """Write the changed numbers, each with its own history entry, then the draft's bank,
    all or nothing. "Revert" puts one number back to its live value."""
    live = _live()
    reverting = request.POST.get("revert", "")
    changed = 0
    with transaction.atomic():
        # Saves and a publish of this draft take turns: each sees the other's result.
        if not QuestionnaireVersion.objects.select_for_update().get(pk=draft.pk).is_draft:
            raise ImmutableVersionError(f"version {draft.version} is already published")
        for number in numbers:
            value = values[number.pk]
            if reverting == str(number.pk) and live is not None:
                live_value = _live_value(live.bank, json.loads(number.path))
                value = live_value if live_value is not None else value
            if not math.isclose(value, number.value):
                number.value = value
                number.save()
                changed += 1
        if changed:
            # Refuses, and so undoes the rows, if the draft was published meanwhile.
            draft.apply_fields()
    messages.success(
        request,
        ngettext("Saved: %(count)d number changed.", "Saved: %(count)d numbers changed.", changed)
        % {"count": changed},
    )


def preview(request: HttpRequest, draft: QuestionnaireVersion) -> JsonResponse:
    """The panel, highlights and problems for numbers not saved yet."""
    values, errors = _posted_values(request, list(draft.numbers.all()))
    if errors:
        return JsonResponse(
            {"errors": {f"n-{pk}": message for pk, message in errors.items()}}, status=400
        )
    return JsonResponse(_state(draft, values).as_json())

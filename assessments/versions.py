"""Loading question banks into versions, for the loader command, the admin's upload and
the tools that run without a database."""

from __future__ import annotations

import json
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from rolefit import FIXTURES_DIR, SHIPPED_BANK
from rolefit.commands import read_json_file

from .bank.rules import parse_bank
from .bank.schema import QuestionBank
from .models import NoLiveQuestionnaire, QuestionnaireVersion, ReferenceUnit, content_digest


def load_bank_version(data: object, *, draft: bool = False) -> tuple[QuestionnaireVersion, bool]:
    """Load a bank: as a new draft, or validated and published as the live version.

    Loading the same bank twice is a no-op. Returns the version and whether anything
    changed. Raises BankError for a bad bank and ValueError when the version number is
    taken by different content.
    """
    if draft:
        # Checked on the way in with the publishing rules, so a draft is always one an
        # admin can open, edit and preview.
        version = parse_bank(data).version
        if QuestionnaireVersion.objects.filter(version=version).exists():
            raise ValueError(f"version {version} already exists; give the draft a new one")
        created = QuestionnaireVersion.objects.create(
            version=version, bank=data, status=QuestionnaireVersion.Status.DRAFT
        )
        created.extract_fields()
        return created, True
    bank = parse_bank(data)
    canonical = bank.model_dump(mode="json")
    digest = content_digest(canonical)
    with transaction.atomic():
        existing = QuestionnaireVersion.objects.filter(version=bank.version).first()
        if existing is not None:
            if existing.content_sha256 != digest or existing.is_draft:
                raise ValueError(
                    f"version {bank.version} is already loaded with different content; "
                    "give the changed bank a new version"
                )
            if existing.is_live:
                return existing, False
            existing.make_live()
            return existing, True
        created = QuestionnaireVersion.objects.create(
            version=bank.version, bank=canonical, published_at=timezone.now()
        )
        created.make_live()
    return created, True


def live_or_shipped_bank() -> QuestionBank:
    """The live questionnaire; with no database or nothing loaded, the shipped bank."""
    try:
        return QuestionnaireVersion.live().parsed()
    except (NoLiveQuestionnaire, DatabaseError):
        return parse_bank(read_json_file(SHIPPED_BANK))


def bank_json(version: QuestionnaireVersion) -> str:
    """A version in the fixture format: stable key order, so export, load, export agree."""
    return json.dumps(version.bank, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def seed_reference_units(unit_model: Any = None) -> int:
    """Add the example units that ship with the product when there are none; admins edit
    them afterwards. The migration passes its historical model. Returns how many."""
    unit_model = unit_model or ReferenceUnit
    if unit_model.objects.exists():
        return 0
    units = json.loads((FIXTURES_DIR / "reference_units.json").read_text(encoding="utf-8"))
    unit_model.objects.bulk_create(
        unit_model(
            label_en=unit["label"]["en"],
            label_es=unit["label"]["es"],
            answers=unit["answers"],
            position=position,
        )
        for position, unit in enumerate(units)
    )
    return len(units)

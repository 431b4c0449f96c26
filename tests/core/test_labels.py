"""One catalogue of labels (app/core/labels.py): every enum value has a zh-CN and an English label, and the
SPA's copy (frontend/src/generated/labels.ts) is generated from it."""

import importlib.util
import inspect
import pkgutil
import re
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import get_args

import app
from app.attachments.models import Category
from app.authz.policy import Action
from app.authz.roles import Role, Scope
from app.conflicts.schemas import DecisionCreate, Kind
from app.coordination.models import CoordinationCategory, CoordinationProgress, CoordinationStatus
from app.coordination.service import STEP_FROM
from app.core.labels import CATALOGUE
from app.enterprises.classes import EnterpriseClass
from app.events.models import EventKind
from app.feed.models import RecordKind
from app.imports.models import ImportKind, ImportStatus
from app.leads.models import LeadSource, LeadState
from app.notices.models import Channel, NoticeKind
from app.projects.models import AdvancedClass, FourNew, Stage
from app.records.models import Region, Status
from app.targets.models import AppliesTo, Period
from app.units.models import LinkKind, UnitType
from app.visits.models import LeaderLevel
from app.webhooks.models import DeliveryStatus

ROOT = Path(__file__).resolve().parents[2]
LABELLED: dict[str, type[StrEnum]] = {
    "status": Status, "region": Region, "stage": Stage, "fourNew": FourNew, "advancedClass": AdvancedClass,
    "enterpriseClass": EnterpriseClass, "eventKind": EventKind, "leadSource": LeadSource, "leadState": LeadState,
    "leaderLevel": LeaderLevel, "period": Period, "appliesTo": AppliesTo, "role": Role, "unitType": UnitType,
    "attachmentCategory": Category,
    "coordinationCategory": CoordinationCategory, "coordinationStatus": CoordinationStatus,
    "coordinationProgress": CoordinationProgress,
    "noticeKind": NoticeKind, "noticeChannel": Channel, "recordKind": RecordKind, "deliveryStatus": DeliveryStatus,
    "linkKind": LinkKind, "importStatus": ImportStatus, "importKind": ImportKind,
}
# Codes the API speaks as plain strings (Literal types, table names), labelled in the same catalogue.
CODES: dict[str, set[str]] = {
    "conflictKind": set(get_args(Kind)),
    "conflictDecision": set(get_args(DecisionCreate.model_fields["decision"].annotation)),
    "targetStatus": {"ahead", "on_track", "behind", "missed", "no_target"},
    "adjustmentStatus": {"proposed", "approved", "rejected"},
    "actorType": {"user", "client", "system"},
    "entity": set(CATALOGUE["entity"]),  # the audited tables (audit/hooks names them by table)
    "auditAction": set(CATALOGUE["auditAction"]),
    "coordinationStep": set(STEP_FROM),  # a coordination item's steps, named in its errors and its history
}
# Enums no person reads as a label, each with the reason.
UNLABELLED: dict[type[StrEnum], str] = {
    Action: "permission names, shown to developers in the API's 403 and /me, not to clerks",
    Scope: "OAuth2 scopes of API clients, written as the protocol spells them",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_enum_value_has_a_chinese_and_an_english_label():
    assert set(CATALOGUE) == set(LABELLED) | set(CODES)
    for name, codes in [*((n, {member.value for member in e}) for n, e in LABELLED.items()), *CODES.items()]:
        assert set(CATALOGUE[name]) == codes, name
    for name in CATALOGUE:
        for code, (zh, en) in CATALOGUE[name].items():
            assert CJK.search(zh), (name, code, zh)
            assert en.strip() and not CJK.search(en), (name, code, en)


def test_every_enum_of_the_app_is_labelled_or_says_why_not():
    found = set()
    for module in pkgutil.walk_packages(app.__path__, "app."):
        for _, obj in inspect.getmembers(import_module(module.name), inspect.isclass):
            if issubclass(obj, StrEnum) and obj.__module__.startswith("app."):
                found.add(obj)
    assert found - set(LABELLED.values()) - set(UNLABELLED) == set()


def test_the_spa_labels_are_generated_from_the_catalogue():
    spec = importlib.util.spec_from_file_location("gen_labels", ROOT / "scripts" / "gen_labels.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    stale = "frontend/src/generated/labels.ts is stale: run `python scripts/gen_labels.py`"
    assert (ROOT / "frontend" / "src" / "generated" / "labels.ts").read_text(encoding="utf-8") == gen.render(), stale

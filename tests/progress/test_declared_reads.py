"""The rollups' upkeep follows what each metric declares it reads, and a metric cannot read more unnoticed."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col, select

from app.leads.models import Lead
from app.progress import upkeep
from app.progress.metrics import REGISTRY, Metric
from app.progress.reads import Parent
from app.progress.upkeep import check_declarations, dependencies
from app.targets.rules import Rules
from app.visits.models import Visit

RULE_VARIANTS = [Rules(), Rules(territorial_attribution="credit"), Rules(territorial_attribution="both"),
                 Rules(credit_weighting="full"), Rules(china500_lists=["中国企业500强"]),
                 Rules(city_visits_include_territorial=False)]


def _visits_of_hot_leads(rules: Rules, start: date, end: date, city: bool):
    """A new metric: visits that followed a lead from a chosen unit — it reads each visit's lead."""
    hot = select(col(Lead.id)).where(col(Lead.unit_id) == 1)
    return (select(col(Visit.id).label("rid"), col(Visit.unit_id).label("unit_id"), col(Visit.visit_date).label("on"),
                   col(Visit.status).label("status"), col(Visit.id).label("raw"))
            .where(col(Visit.lead_id).in_(hot)))


HOT_LEADS = Metric("visits_hot_leads", "线索走访", "Visits of hot leads", "count", "visit",
                   lambda r: "", lambda r: "", _visits_of_hot_leads)


def test_every_metric_reads_only_what_it_declares():
    check_declarations(REGISTRY.values(), RULE_VARIANTS)


def test_a_metric_reading_an_undeclared_relation_is_refused():
    with pytest.raises(RuntimeError, match=r"visits_hot_leads: table lead"):
        check_declarations([HOT_LEADS], [Rules()])


def test_declaring_the_relation_makes_upkeep_watch_and_walk_it():
    declared = replace(HOT_LEADS, reads=(Parent(record=col(Visit.id), link=col(Visit.lead_id)),))
    check_declarations([declared], [Rules()])
    deps = dependencies([*REGISTRY.values(), declared])
    assert "lead" in deps.parent_tables and "lead" not in upkeep.DEPS.parent_tables  # a changed lead is walked
    assert {(p.parent, p.child) for p in deps.parents} - {(p.parent, p.child) for p in upkeep.DEPS.parents} == {
        ("lead", "visit")}


def test_a_link_to_a_declared_table_through_another_column_is_refused():
    """Reading the enterprise through a visit's lead, when only the visit's own enterprise is declared."""
    def rows(rules: Rules, start: date, end: date, city: bool):
        return (select(col(Visit.id).label("rid"), col(Lead.enterprise_id))
                .join(Lead, col(Lead.id) == col(Visit.lead_id)))
    metric = Metric("probe", "", "", "count", "visit", lambda r: "", lambda r: "", rows,
                    reads=(Parent(record=col(Visit.id), link=col(Visit.enterprise_id)),))
    with pytest.raises(RuntimeError, match=r"table lead"):
        check_declarations([metric], [Rules()])


def test_the_derived_dependencies_are_the_ones_upkeep_kept_by_hand():
    """What was written twice by hand before: the watched tables and the two-relation walk."""
    deps = upkeep.DEPS
    assert deps.watched == {"visit", "lead", "event", "funds_report", "project", "project_credit",
                            "project_enterprise", "enterprise", "unit"}
    assert {(p.table, p.parent, p.child) for p in deps.parents} == {
        ("visit", "enterprise", "visit"), ("project_enterprise", "enterprise", "project"),
        ("funds_report", "project", "funds_report")}
    assert {t: {p.record for p in parts} for t, parts in deps.parts.items()} == {
        "project_credit": {"project"}, "project_enterprise": {"project"}}
    assert deps.everything == {"unit"}
    assert deps.records == {"visit", "lead", "event", "funds_report", "project"}


def test_the_hooks_are_installed_at_start_up(app):
    """By the app factory (and the CLI, the worker and the test harness), each once."""
    assert event.contains(OrmSession, "before_flush", upkeep._before_flush)
    upkeep.install()
    upkeep.install()
    assert event.contains(OrmSession, "before_commit", upkeep._before_commit)

"""Quarter close, the frozen figures with their adjustments, and the dispatch report downloads."""

import json
from typing import Annotated

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.core.deps import SessionDep
from app.core.downloads import PDF, XLSX, attachment, binary
from app.core.models import pk
from app.core.schemas import IdPath
from app.idempotency.service import IdempotencyDep
from app.progress import service as progress
from app.quarters import report, report_layout, report_pdf, service
from app.quarters.models import Snapshot
from app.quarters.report_layout import Report
from app.quarters.schemas import (
    AdjustmentCreate,
    AdjustmentDecision,
    AdjustmentPublic,
    QuarterClose,
    SnapshotPublic,
    SnapshotsPublic,
    SnapshotSummary,
)

router = APIRouter(prefix="/api/v1/quarters", tags=["quarters"])
Reader = Annotated[Principal, allow(Action.progress_city_read)]
Office = Annotated[Principal, allow(Action.quarters_manage)]


def _detail(session: Session, snap: Snapshot) -> SnapshotPublic:
    adjs = service.adjustments(session, pk(snap))
    content = json.loads(snap.content)
    return SnapshotPublic(**SnapshotSummary.model_validate(snap).model_dump(),
                          hash_ok=service.digest(snap.content) == snap.content_hash, as_of=content["as_of"],
                          rules=content["rules"], items=service.items_with_adjustments(snap, adjs),
                          adjustments=[AdjustmentPublic.model_validate(a) for a in adjs])


@router.get("", response_model=SnapshotsPublic)
def list_quarters(session: SessionDep, _: Reader) -> SnapshotsPublic:
    return SnapshotsPublic(data=[SnapshotSummary.model_validate(s) for s in service.list_snapshots(session)])


@router.post("", response_model=SnapshotPublic, status_code=201)
def close_quarter(data: QuarterClose, session: SessionDep, principal: Office, idem: IdempotencyDep) -> Response:
    """Freezes every figure of the quarter (as of its last day) with the rule version and a SHA-256 hash."""
    target_set = progress.get_target_set(session, data.target_set_id)
    snap = service.close_quarter(session, principal, target_set, data.year, data.quarter)
    return idem.respond(_detail(session, snap), 201)


@router.get("/{snapshot_id}", response_model=SnapshotPublic)
def get_quarter(snapshot_id: IdPath, session: SessionDep, _: Reader) -> SnapshotPublic:
    """The frozen figures exactly as stored, `hash_ok` re-checked, approved adjustments shown beside them."""
    return _detail(session, service.get_snapshot(session, snapshot_id))


@router.post("/{snapshot_id}/adjustments", response_model=AdjustmentPublic, status_code=201)
def propose_adjustment(snapshot_id: IdPath, data: AdjustmentCreate, session: SessionDep, principal: Office,
                       idem: IdempotencyDep) -> Response:
    snap = service.get_snapshot(session, snapshot_id)
    adj = service.propose_adjustment(session, principal, snap, **data.model_dump())
    return idem.respond(AdjustmentPublic.model_validate(adj), 201)


@router.post("/{snapshot_id}/adjustments/{adjustment_id}/decision", response_model=AdjustmentPublic)
def decide_adjustment(snapshot_id: IdPath, adjustment_id: IdPath, data: AdjustmentDecision, session: SessionDep,
                      principal: Office, idem: IdempotencyDep) -> Response:
    """Approved by an office user other than the one who proposed it."""
    snap = service.get_snapshot(session, snapshot_id)
    adj = service.decide_adjustment(session, principal, snap, adjustment_id, data.decision == "approve")
    return idem.respond(AdjustmentPublic.model_validate(adj), 200)


def _report(session: Session, snapshot_id: int) -> tuple[Snapshot, Report]:
    """The report of a frozen quarter, drawn from its stored figures and the adjustments beside them."""
    snap = service.get_snapshot(session, snapshot_id)
    adjs = service.adjustments(session, pk(snap))
    content = json.loads(snap.content)
    meta = {"year": snap.year, "quarter": snap.quarter, "as_of": content["as_of"], "frozen_by": snap.frozen_by,
            "frozen_at": snap.frozen_at, "rule_version_id": snap.rule_version_id, "content_hash": snap.content_hash}
    adjustments = [AdjustmentPublic.model_validate(a).model_dump(mode="json") for a in adjs]
    return snap, report_layout.build(meta, service.items_with_adjustments(snap, adjs), adjustments)


@router.get("/{snapshot_id}/report.xlsx", response_class=Response,
            responses=binary(XLSX, "调度通报 Excel（百分比、整数、金额格式，A4 横向打印设置）"))
def download_report_xlsx(snapshot_id: IdPath, session: SessionDep, _: Reader) -> Response:
    snap, content = _report(session, snapshot_id)
    return attachment(report.workbook(content), XLSX, f"dispatch-{snap.year}Q{snap.quarter}.xlsx")


@router.get("/{snapshot_id}/report.pdf", response_class=Response,
            responses=binary(PDF, "调度通报 PDF（服务器生成，中文字体内嵌）"))
def download_report_pdf(snapshot_id: IdPath, session: SessionDep, _: Reader) -> Response:
    """The same report as the workbook, as an A4 PDF (a quarter renders in well under a second)."""
    snap, content = _report(session, snapshot_id)
    return attachment(report_pdf.render(content), PDF, f"dispatch-{snap.year}Q{snap.quarter}.pdf")


@router.get("/{snapshot_id}/report.html", response_class=HTMLResponse)
def view_report_html(snapshot_id: IdPath, session: SessionDep, _: Reader) -> HTMLResponse:
    """Printable page (print from the browser)."""
    _snap, content = _report(session, snapshot_id)
    return HTMLResponse(report.print_page(content))

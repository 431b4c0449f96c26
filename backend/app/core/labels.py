"""Labels of the codes the API uses: for each enum, its values with a zh-CN and an English label.

The one catalogue: the exports read it (`zh(name)`), and the SPA's enum labels are generated from it
(`python3 scripts/gen_labels.py` writes frontend/src/generated/labels.ts; a stale copy fails
tests/core/test_labels.py and `scripts/frontend.sh check api`). Names are the SPA's (`enumLabel(t, 'stage', …)`).
A test checks that every value of every labelled enum has both labels. Codes that are not a StrEnum (audited
table names, audit actions, conflict kinds, target and adjustment statuses) are labelled here too, so each
Chinese label exists once.
"""

from collections.abc import Mapping
from enum import Enum
from typing import Any

Label = tuple[str, str]  # zh-CN, English

CATALOGUE: dict[str, dict[str, Label]] = {
    "status": {
        "draft": ("草稿", "Draft"),
        "submitted": ("已报送", "Submitted"),
        "verified": ("已核实", "Verified"),
        "returned": ("已退回", "Returned"),
    },
    "region": {
        "jingjinji": ("京津冀", "Beijing–Tianjin–Hebei"),
        "yangtze_delta": ("长三角", "Yangtze River Delta"),
        "pearl_delta": ("珠三角", "Pearl River Delta"),
        "other": ("其他地区", "Other regions"),
    },
    "stage": {
        "negotiating": ("在谈", "Negotiating"),
        "signed": ("签约", "Signed"),
        "started": ("开工", "Started"),
        "in_production": ("投产", "In production"),
        "dropped": ("终止", "Dropped"),
    },
    "fourNew": {
        "new_technology": ("新技术", "New technology"),
        "new_industry": ("新产业", "New industry"),
        "new_business_format": ("新业态", "New business format"),
        "new_model": ("新模式", "New model"),
    },
    "advancedClass": {
        "new_generation_it": ("新一代信息技术", "New-generation IT"),
        "high_end_equipment": ("高端装备", "High-end equipment"),
        "new_energy_materials": ("新能源新材料", "New energy & materials"),
        "medical_health": ("医养健康", "Medical & health"),
        "other_advanced": ("其他先进制造业/战略性新兴产业", "Other advanced / strategic emerging"),
    },
    "enterpriseClass": {
        "fortune500": ("世界500强", "Fortune Global 500"),
        "china500": ("中国500强", "China Top 500"),
        "central_soe": ("央企", "Central SOE"),
        "champion": ("行业（隐形）冠军", "Industry (hidden) champion"),
        "unicorn": ("独角兽", "Unicorn"),
        "industry_leader": ("行业龙头", "Industry leader"),
        "listed": ("上市公司", "Listed company"),
        "internet_plus": ("“互联网+”科技企业", "“Internet+” tech firm"),
        "association": ("行业协会/商会", "Association / chamber"),
    },
    "eventKind": {
        "concentrated": ("重点项目集中招商活动", "Concentrated investment event"),
        "promotion": ("产业专题推介活动", "Industry promotion event"),
        "other": ("其他活动", "Other event"),
    },
    "leadSource": {
        "chamber": ("商会", "Chamber of commerce"),
        "agency": ("中介机构", "Agency"),
        "native_abroad": ("聊城籍在外人员", "Liaocheng native abroad"),
        "backbone_enterprise": ("骨干企业", "Backbone enterprise"),
        "own_research": ("自主研究", "Own research"),
        "other": ("其他", "Other"),
    },
    "leadState": {
        "open": ("跟进中", "Open"),
        "converted": ("已转化为项目", "Converted to project"),
        "closed": ("已关闭", "Closed"),
    },
    "leaderLevel": {
        "city_leader": ("市级领导", "City leader"),
        "county_leader": ("县级领导", "County leader"),
        "department_head": ("部门负责人", "Department head"),
        "staff": ("工作人员", "Staff"),
    },
    "period": {
        "year": ("每年", "Per year"),
        "quarter": ("每季度", "Per quarter"),
        "plan": ("方案期累计", "Plan cumulative"),
    },
    "appliesTo": {
        "city": ("全市", "City"),
        "unit_type": ("该类每个单位", "Each unit of the type"),
        "unit_type_total": ("该类单位合计", "Units of the type together"),
        "unit": ("单个单位", "One unit"),
    },
    "attachmentCategory": {
        "contract": ("合同", "Contract"),
        "receipt": ("到位凭证", "Funds receipt"),
        "photo": ("照片", "Photo"),
        "sign_in_sheet": ("签到表", "Sign-in sheet"),
        "other": ("其他", "Other"),
    },
    "noticeKind": {
        "record_returned": ("记录被退回", "Record returned"),
        "record_verified": ("记录已核实", "Record verified"),
        "record_reopened": ("记录被重新打开", "Record reopened"),
        "conflict_raised": ("疑似重复申报", "Suspected double claim"),
        "enterprise_merged": ("企业合并", "Enterprises merged"),
        "funds_due": ("到位资金月报提醒", "Funds report due"),
        "quarter_close": ("季度关账提醒", "Quarter closing"),
        "target_behind": ("目标进度提醒", "Target behind pace"),
        "coordination_raised": ("新的协调事项", "Coordination item raised"),
        "coordination_assigned": ("协调事项交办", "Coordination item assigned"),
        "coordination_answered": ("协调事项答复", "Coordination item answered"),
        "coordination_due": ("协调事项办理时限提醒", "Coordination item due"),
        "coordination_escalated": ("协调事项提交季度会议", "Coordination item escalated"),
        "coordination_closed": ("协调事项办结", "Coordination item closed"),
    },
    "coordinationCategory": {
        "land": ("土地", "Land"),
        "planning": ("规划审批", "Planning approval"),
        "environment": ("环评能评", "Environmental / energy assessment"),
        "funding": ("资金", "Funding"),
        "utilities": ("水电气", "Water, power, gas"),
        "other": ("其他", "Other"),
    },
    "coordinationStatus": {
        "raised": ("已提出", "Raised"),
        "assigned": ("已交办", "Assigned"),
        "answered": ("已答复", "Answered"),
        "escalated": ("已提交季度会议", "Escalated"),
        "closed": ("已办结", "Closed"),
    },
    "coordinationStep": {
        "assign": ("交办", "Assign"),
        "reply": ("答复", "Reply"),
        "escalate": ("提交季度会议", "Escalate"),
        "close": ("办结", "Close"),
    },
    "coordinationProgress": {
        "in_progress": ("办理中", "In progress"),
        "done": ("已办结（待确认）", "Done (to be confirmed)"),
    },
    "noticeChannel": {
        "inbox": ("站内", "Inbox"),
        "email": ("邮件", "E-mail"),
    },
    "recordKind": {
        "enterprise": ("企业", "Enterprise"),
        "lead": ("线索", "Lead"),
        "visit": ("走访", "Visit"),
        "event": ("活动", "Event"),
        "project": ("项目", "Project"),
        "funds_report": ("到位资金", "Funds report"),
    },
    "deliveryStatus": {
        "pending": ("待发送", "Pending"),
        "delivered": ("已送达", "Delivered"),
        "failed": ("发送失败", "Failed"),
    },
    "role": {
        "admin": ("系统管理员", "Administrator"),
        "office": ("招商办", "City office"),
        "leader": ("市领导", "City leader"),
        "unit_editor": ("单位填报员", "Unit editor"),
        "unit_viewer": ("单位查阅员", "Unit viewer"),
    },
    "unitType": {
        "office": ("招商办", "City office"),
        "industry_group": ("产业招商团组", "Industry group"),
        "county": ("县（市、区）", "County / district"),
        "dev_zone": ("开发区", "Development zone"),
        "department": ("市直部门", "Municipal department"),
        "chamber": ("商会", "Chamber of commerce"),
    },
    "importStatus": {
        "checking": ("检查中", "Checking"),
        "checked": ("已检查", "Checked"),
        "writing": ("写入中", "Writing"),
        "done": ("已完成", "Done"),
        "failed": ("失败", "Failed"),
    },
    "importKind": {
        "enterprises": ("企业", "Enterprises"),
        "leads": ("线索", "Leads"),
        "visits": ("走访", "Visits"),
        "events": ("活动", "Events"),
        "projects": ("项目", "Projects"),
        "funds-reports": ("到位资金", "Funds reports"),
    },
    "linkKind": {
        "lead_department": ("牵头部门", "Lead department"),
        "member": ("成员单位", "Member unit"),
    },
    "entity": {
        "unit": ("单位", "Unit"),
        "unit_link": ("单位关联", "Unit link"),
        "unit_cluster": ("单位产业集群", "Unit cluster"),
        "cluster": ("产业集群", "Cluster"),
        "app_user": ("用户", "User"),
        "api_client": ("接口客户端", "API client"),
        "enterprise": ("企业", "Enterprise"),
        "lead": ("线索", "Lead"),
        "visit": ("走访", "Visit"),
        "event": ("活动", "Event"),
        "event_enterprise": ("活动参与企业", "Event enterprise"),
        "project": ("项目", "Project"),
        "project_credit": ("项目分成", "Project credit"),
        "project_enterprise": ("项目企业", "Project enterprise"),
        "funds_report": ("资金到位", "Funds report"),
        "target": ("目标", "Target"),
        "target_set": ("目标方案", "Target set"),
        "rule_version": ("计分规则", "Rule version"),
        "scoring_scheme": ("考核方案", "Scoring scheme"),
        "assessment_veto": ("一票否决", "Veto"),
        "snapshot": ("季度快照", "Quarter snapshot"),
        "snapshot_adjustment": ("快照调整", "Snapshot adjustment"),
        "conflict_decision": ("冲突处理", "Conflict decision"),
    },
    "auditAction": {
        "submit": ("报送", "Submitted"),
        "withdraw": ("撤回", "Withdrawn"),
        "verify": ("核实", "Verified"),
        "return": ("退回", "Returned"),
        "reopen": ("重新打开", "Reopened"),
        "delete_draft": ("删除草稿", "Draft deleted"),
        "propose_classes": ("提出类别变更", "Class change proposed"),
        "verify_classes": ("核实类别变更", "Class change verified"),
        "reject_classes": ("退回类别变更", "Class change returned"),
        "create": ("新建", "Created"),
        "update": ("修改", "Updated"),
        "delete": ("删除", "Deleted"),
        "merge": ("合并", "Merged"),
        "funds_override": ("资金调整", "Funds override"),
        "close_quarter": ("季度关账", "Quarter closed"),
        "lift_veto": ("撤销一票否决", "Veto lifted"),
        "approved": ("批准", "Approved"),
        "rejected": ("驳回", "Rejected"),
    },
    "actorType": {
        "user": ("用户", "User"),
        "client": ("接口客户端", "API client"),
        "system": ("系统", "System"),
    },
    "conflictKind": {
        "enterprise_multi_unit": ("多个单位申报同一企业", "One enterprise, several units"),
        "duplicate_project": ("疑似重复项目", "Possible duplicate project"),
        "duplicate_enterprise": ("疑似重复企业", "Possible duplicate enterprise"),
    },
    "conflictDecision": {
        "not_a_conflict": ("不是冲突", "Not a conflict"),
        "keep_first": ("保留 A", "Keep A"),
        "keep_second": ("保留 B", "Keep B"),
        "merged": ("已合并", "Merged"),
    },
    "targetStatus": {
        "ahead": ("已完成", "Met"),
        "on_track": ("进度正常", "On track"),
        "behind": ("滞后", "Behind"),
        "missed": ("未完成", "Missed"),
        "no_target": ("无目标值", "No target"),
    },
    "adjustmentStatus": {
        "proposed": ("待审批", "Awaiting approval"),
        "approved": ("已批准", "Approved"),
        "rejected": ("已驳回", "Rejected"),
    },
}


def zh(name: str) -> dict[str, str]:
    """code → zh-CN label of one enum (what the exports and Chinese messages show)."""
    return {code: labels[0] for code, labels in CATALOGUE[name].items()}


def en(name: str) -> dict[str, str]:
    return {code: labels[1] for code, labels in CATALOGUE[name].items()}


def label(labels: Mapping[Any, str], code: Any) -> str:
    """The label of a code; an unknown code is shown as it is, a missing one as empty."""
    if code is None:
        return ""
    if isinstance(code, Enum):
        code = code.value
    return labels.get(code, str(code))

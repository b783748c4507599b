"""Answers about cases (Art. 12-18, 34, 36)."""
from marshmallow import fields

from weiquan.contracts.answers.base import Answer, Page, enum, listing, maybe, when
from weiquan.contracts.answers.common import DueV1, ReckonedDayV1
from weiquan.contracts.codes import (APPEAL_OUTCOMES, CASE_STATUSES, CATEGORIES, CHANNELS,
                                     CONCLUSION_OUTCOMES, DEADLINE_STATES, DEPARTMENT_ROLES,
                                     REEXAMINATION_OUTCOMES, WORK_STATES)


class DeadlineV1(Answer):
    kind = fields.String(required=True)
    due = when(required=True)
    provisional = fields.Boolean(required=True)
    state = enum(DEADLINE_STATES, required=True)
    start = maybe(when)
    satisfied_at = maybe(when)
    holder = maybe(fields.String, metadata={"description": "null: the applicant's own window"})
    statutory = fields.Boolean()
    extended_from = maybe(when, metadata={"description": "the statutory date before an "
                                                         "extension (Art. 16)"})
    working_days_left = maybe(fields.Integer, metadata={
        "description": "剩余 N 个工作日 / N working days left. Running only (else null): the "
                       "working days from today (Asia/Shanghai) to the due day, both "
                       "included, today only if it is a working day: 1 on the due day"})
    days_overdue = maybe(fields.Integer, metadata={
        "description": "已逾期 N 天 / N days overdue. Overdue only (else null): calendar days "
                       "since the due day, 1 on the day after"})


class DeadlineRuleV1(Answer):
    counting = enum(("working_days", "days"), required=True)
    n = fields.Integer(required=True)


class DeadlineReckoningV1(Answer):
    """One deadline of a case and the reckoning of its kind's rule from its clock's start."""
    case_no = fields.String(required=True)
    deadline = fields.Nested(DeadlineV1, required=True)
    rule = fields.Nested(DeadlineRuleV1, required=True)
    from_ = fields.Date(required=True, data_key="from",
                        metadata={"description": "the start day (not counted when n > 0)"})
    reckoned = fields.Nested(DueV1, required=True, metadata={
        "description": "the rule's due date; differs from the deadline's when it was "
                       "extended or the calendar changed since"})
    extended = fields.Boolean(required=True, metadata={
        "description": "the director extended it (Art. 16): its due date is not reckoned"})
    note = maybe(fields.String, required=True)
    note_zh = maybe(fields.String, required=True)
    reckoning = listing(ReckonedDayV1, required=True)


class DecisionRecordV1(Answer):
    accept = fields.Boolean(required=True)
    reason = maybe(fields.String)
    decided_at = when(required=True)
    decided_by = fields.String()
    recorded_at = maybe(when)


class AppealRecordV1(Answer):
    reason = fields.String()
    appealed_at = when()
    answer_received_at = when()
    window_closes = when()
    by = fields.String()
    reference = maybe(fields.String)
    outcome = maybe(fields.String, metadata={"enum": [*APPEAL_OUTCOMES, None]})
    decided_at = maybe(when)


class ConclusionRecordV1(Answer):
    findings = fields.String(required=True)
    outcome = enum(CONCLUSION_OUTCOMES, required=True)
    concluded_at = when(required=True)
    by = fields.String()


class ReexaminationRecordV1(Answer):
    reason = fields.String(required=True)
    requested_at = when(required=True)
    body = fields.String()
    by = fields.String()
    reference = maybe(fields.String)
    outcome = maybe(fields.String, metadata={"enum": [*REEXAMINATION_OUTCOMES, None]})
    decided_at = maybe(when)
    note = maybe(fields.String)


class EscalationRecordV1(Answer):
    id = fields.Integer(required=True)
    reason = fields.String(required=True)
    body = fields.String(required=True)
    reference = maybe(fields.String)
    escalated_at = when(required=True)
    by = fields.String()
    outcome = maybe(fields.String)
    answered_at = maybe(when)


class LocationV1(Answer):
    at = enum(("committee_office", "higher_level"), required=True)
    why = maybe(fields.String, metadata={"enum": ["appeal", "reexamination", "escalation", None]})


class TimelineEntryV1(Answer):
    at = when(required=True)
    action = fields.String(required=True)
    actor = fields.String(required=True)
    detail = fields.Dict()


class WorkItemV1(Answer):
    """A department's task on the case as its service announced it (DESIGN.md "Work items");
    the summary never carries health, psychological, money or offender details."""
    item_id = fields.String(required=True)
    case_no = fields.String(required=True)
    department = enum(DEPARTMENT_ROLES, required=True)
    department_label = fields.String(metadata={"description": "the department's Chinese name"})
    kind = fields.String(required=True, metadata={"description": "contracts.codes WORK_KINDS"})
    kind_label = fields.String()
    owner = fields.String(required=True, metadata={"description": "a username or the "
                                                                  "department's role name"})
    due = maybe(when, required=True)
    state = enum(WORK_STATES, required=True)
    state_label = fields.String()
    summary = fields.String(required=True)
    opened_at = when()
    updated_at = when()


class WorkItemListV1(Page):
    """A department's queue: nearest due first, the items without a due date last."""
    items = listing(WorkItemV1, required=True)
    total = fields.Integer(required=True)
    departments = maybe(fields.List, fields.String(), metadata={
        "description": "the departments listed; null: every department (the committee)"})
    state = enum(WORK_STATES)


class CaseV1(Answer):
    case_no = fields.String(required=True)
    status = enum(CASE_STATUSES, required=True)
    category = enum(CATEGORIES, required=True)
    channel = enum(CHANNELS, required=True)
    applicant = fields.Dict()
    officer = fields.Dict()
    incident = fields.Dict()
    received_at = when()
    submitted_at = when()
    filed_by = fields.String()
    incident_id = maybe(fields.String)
    deadlines = listing(DeadlineV1, required=True)
    decision_due = fields.Nested(DeadlineV1, metadata={"description": "while undecided"})
    decision = maybe(fields.Nested, DecisionRecordV1)
    appeal = maybe(fields.Nested, AppealRecordV1)
    conclusion = maybe(fields.Nested, ConclusionRecordV1)
    reexamination = maybe(fields.Nested, ReexaminationRecordV1)
    escalations = listing(EscalationRecordV1)
    location = fields.Nested(LocationV1)
    timeline = listing(TimelineEntryV1, required=True)
    work_items = listing(WorkItemV1, metadata={
        "description": "every department's work items on the case, in the order opened"})


class CaseOfficerV1(Answer):
    name = fields.String()
    unit = fields.String()


class CaseSummaryV1(Answer):
    case_no = fields.String(required=True)
    status = enum(CASE_STATUSES, required=True)
    category = enum(CATEGORIES)
    channel = enum(CHANNELS)
    received_at = when()
    deadlines = listing(DeadlineV1)
    decision_due = fields.Nested(DeadlineV1)
    officer = fields.Nested(CaseOfficerV1)
    anti_gang = fields.Boolean()
    overdue = fields.Boolean()
    location = fields.Nested(LocationV1, metadata={
        "description": "where the case is now: at the higher level while an appeal, a "
                       "re-examination or an escalation (Art. 15, 17, 18) awaits its answer"})


class CaseListV1(Page):
    items = listing(CaseSummaryV1, required=True)
    total = fields.Integer(required=True)


class SubmittedV1(Answer):
    case_no = fields.String(required=True)
    status = enum(("submitted",), required=True)
    decision_due = maybe(fields.Nested, DeadlineV1)


class AccountabilityEntryV1(Answer):
    case_no = fields.String(required=True)
    clock_kind = fields.String(required=True)
    holder = maybe(fields.String)
    statutory = fields.Boolean()
    due = when(required=True)
    detected_at = when()
    satisfied_at = maybe(when)
    late_seconds = fields.Integer()
    still_open = fields.Boolean()


class AccountabilityListV1(Page):
    items = listing(AccountabilityEntryV1, required=True)


class NotificationV1(Answer):
    id = fields.Integer(required=True)
    recipient = fields.String(required=True)
    kind = fields.String(required=True)
    day = fields.Date()
    items = fields.Raw(metadata={"description": "the digest's entries"})
    created_at = maybe(when)


class NotificationListV1(Answer):
    items = listing(NotificationV1, required=True)


class IncidentCaseV1(Answer):
    incident_id = fields.String(required=True)
    case_no = fields.String(required=True)

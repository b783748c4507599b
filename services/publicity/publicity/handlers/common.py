"""What every handler of the publicity office starts with: the principal checked against its
contract and the policy table, fresh ids, a statement loaded (and visible) or a not-found, and
``CaseKnowledge``: what the case knows of its people (intake's case, legal affairs' offenders),
asked over RPC with a timeout before the unit of work, so redaction never runs blind."""
import uuid

from weiquan.contracts import policy
from weiquan.contracts.base import load_or_error
from weiquan.contracts.commands import PrincipalV1
from weiquan.errors import Invalid, NotFound
from weiquan.kit.errors import AppError
from weiquan.kit.rpc import ServiceUnavailable, call

from publicity.domain.redaction import Known, Person
from publicity.domain.visibility import may_read

# Read-only identity for asking intake about a case; intake shows committee roles every case.
CASE_READER = {"username": "svc-publicity", "roles": ["committee_member"],
               "police_id": None, "unit": None, "name": None}
# Legal affairs gives the offenders' names and numbers to the publicity office alone.
TERMS_READER = {"username": "svc-publicity", "roles": ["publicity"],
                "police_id": None, "unit": None, "name": None}
SERVICE_ACTOR = {"username": "svc-publicity", "roles": ["publicity"]}


def new_id():
    return str(uuid.uuid4())


def authorized(principal, action):
    """The principal, once contracts.policy lets it attempt ``action``."""
    principal = load_or_error(PrincipalV1, principal)
    policy.require("publicity", action, principal)
    return principal


def statement(repo, statement_id, principal=None, for_update=False):
    found = repo.get(statement_id, for_update=for_update)
    if found is None or (principal is not None and not may_read(found, principal)):
        raise NotFound("statement", statement_id)
    return found


def _walk(value, found):
    """Every (key, text) pair in a nested answer: names, police ids, phones, addresses."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                found.append((key, item))
            else:
                _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)
    return found


def known_from(case, terms):
    """Known for redact(): the applicant's and officer's details from intake's case, the
    offenders from legal affairs. Pure, so a unit test can feed it answers."""
    people, police_ids, phones, addresses, id_numbers = [], [], [], [], []
    for role in ("officer", "applicant"):
        part = (case or {}).get(role) or {}
        if part.get("name"):
            people.append(Person(part["name"], "officer" if role == "officer" else "applicant",
                                 part.get("police_id")))
    for key, text in _walk(case or {}, []):
        if key == "police_id":
            police_ids.append(text)
        elif key in ("phone", "contact_phone", "mobile"):
            phones.append(text)
        elif key in ("address", "home_address"):
            addresses.append(text)
    for person in (terms or {}).get("people", []):
        if person.get("name"):
            people.append(Person(person["name"], "offender"))
        if person.get("phone"):
            phones.append(person["phone"])
        if person.get("id_number"):
            id_numbers.append(person["id_number"])
    return Known(people=tuple(people), police_ids=tuple(sorted(set(police_ids))),
                 id_numbers=tuple(sorted(set(id_numbers))),
                 phones=tuple(sorted(set(phones))), addresses=tuple(sorted(set(addresses))))


class CaseKnowledge:
    """Asks intake and legal affairs about a case; built per call from the service's proxies.
    Tests pass any callable ``knowledge(case_no) -> (Known, officer_unit)``."""

    def __init__(self, intake, legal_aid, timeout):
        self.intake, self.legal_aid, self.timeout = intake, legal_aid, timeout

    def __call__(self, case_no):
        if not case_no:
            return Known(), None
        try:
            case = call(self.intake.get_case, case_no, CASE_READER, timeout=self.timeout,
                        service="intake")
        except AppError as exc:
            if exc.status in (404, 422):
                raise Invalid.one("case_no", "unknown_case", case_no=case_no) from None
            raise
        try:
            terms = call(self.legal_aid.redaction_terms, case_no, TERMS_READER,
                         timeout=self.timeout, service="legal_aid")
        except AppError as exc:
            # never save a text redacted without the offenders' names: refuse instead
            raise ServiceUnavailable(
                "redaction_unavailable", "暂时无法完成脱敏（法制大队服务无响应），未保存，请稍后重试",
                "Redaction could not run (legal_aid did not answer); nothing was saved",
                status=503) from exc
        return known_from(case, terms), (case.get("officer") or {}).get("unit")

"""Special legal counsel (Art. 25): the roster and the assignment to a case, with recusal.

Art. 21 para. 2 applies the recusal rules of the Criminal Procedure Law (a party, a party's
relative, someone who acted in the case or has another relation that may bias them steps
aside). So a counsel is NEVER assigned when they are the offender or the officer, a relative
of either, acted for the offender before, work at a firm that represents the offender, or
were involved in the case in another role. Among the rest, the least loaded counsel with the
speciality asked for is chosen (ties by id, so the choice is reproducible). When every free
counsel with the speciality has a conflict, the assignment is refused and says who and why.

People are compared by the offender-matching identities (legal_aid.domain.offenders), so an
ID typed with spaces or a phone with +86 still finds the relation."""
from dataclasses import dataclass, field

from weiquan.contracts.codes import COUNSEL_CONFLICT_LABELS_ZH, COUNSEL_SPECIALITIES
from weiquan.errors import Conflict, Invalid

from legal_aid.domain import offenders

RELATION_KINDS = ("relative", "former_client", "case_role")


@dataclass(frozen=True)
class Relation:
    """A relation a counsel declared: ``relative`` or ``former_client`` of ``person`` (an
    OffenderRecord-like identity: name, id_number, phone, birth_date), or ``case_role`` in
    ``case_no`` (witness, expert, counsel of another party)."""
    kind: str
    person: offenders.OffenderRecord = None
    case_no: str = None


@dataclass(frozen=True)
class Counsel:
    id: str
    name: str
    firm: str
    specialities: tuple
    load: int = 0
    capacity: int = 5
    active: bool = True
    id_number: str = None
    phone: str = None
    relations: tuple = field(default_factory=tuple)

    @property
    def free(self):
        return self.active and self.load < self.capacity

    def identity(self):
        return offenders.OffenderRecord(id=self.id, case_no="", name=self.name,
                                        id_number=self.id_number, phone=self.phone)


@dataclass(frozen=True)
class Parties:
    """Who the case is about: the officers and the offenders (OffenderRecord identities), and
    ``firm_clients``: firm name -> identities that firm represents."""
    case_no: str
    officers: tuple = ()
    offenders: tuple = ()
    firm_clients: dict = field(default_factory=dict)


def _same(a, b):
    return len(offenders.group([a, b])) == 1


def _any_same(person, people):
    return any(_same(person, p) for p in people)


def conflicts_of(counsel, parties):
    """Every reason ``counsel`` must step aside on this case (codes of COUNSEL_CONFLICTS)."""
    found = []
    me = counsel.identity()
    if _any_same(me, parties.offenders):
        found.append("is_offender")
    if _any_same(me, parties.officers):
        found.append("is_officer")
    for rel in counsel.relations:
        if rel.kind == "case_role" and rel.case_no == parties.case_no:
            found.append("involved_in_case")
        elif rel.kind == "relative" and rel.person and _any_same(rel.person, parties.offenders):
            found.append("relative_of_offender")
        elif rel.kind == "relative" and rel.person and _any_same(rel.person, parties.officers):
            found.append("relative_of_officer")
        elif rel.kind == "former_client" and rel.person and \
                _any_same(rel.person, parties.offenders):
            found.append("acted_for_offender")
    if any(_any_same(client, parties.offenders)
           for client in parties.firm_clients.get(counsel.firm, ())):
        found.append("firm_represents_offender")
    return tuple(dict.fromkeys(found))


def check(counsel, parties):
    """A named assignment: refused (Conflict ``counsel_conflicted``) when the counsel has any
    conflict on the case, or is not free."""
    conflicts = conflicts_of(counsel, parties)
    if conflicts:
        raise Conflict("counsel_conflicted", counsel_id=[counsel.id], counsel=[counsel.name],
                       conflicts=list(conflicts),
                       detail_zh=_detail_zh([(counsel, conflicts)]))
    if not counsel.free:
        raise Conflict("counsel_not_free", counsel_id=counsel.id, counsel=counsel.name,
                       load=counsel.load, capacity=counsel.capacity)


@dataclass(frozen=True)
class Assignment:
    counsel: Counsel
    passed_over: tuple  # ((counsel id, conflicts), ...): the recusals, for the record


def assign(roster, speciality, parties):
    """The least loaded free counsel with ``speciality`` and no conflict on the case."""
    if speciality not in COUNSEL_SPECIALITIES:
        raise Invalid.one("speciality", "unknown_speciality", speciality=speciality)
    free = sorted((c for c in roster if c.free and speciality in c.specialities),
                  key=lambda c: (c.load, c.id))
    if not free:
        raise Conflict("no_counsel_free", speciality=speciality)
    passed_over = []
    for counsel in free:
        conflicts = conflicts_of(counsel, parties)
        if not conflicts:
            return Assignment(counsel, tuple((c.id, codes) for c, codes in passed_over))
        passed_over.append((counsel, conflicts))
    raise Conflict("counsel_conflicted", counsel_id=[c.id for c, _ in passed_over],
                   counsel=[c.name for c, _ in passed_over],
                   conflicts=sorted({code for _, codes in passed_over for code in codes}),
                   detail_zh=_detail_zh(passed_over), speciality=speciality)


def _detail_zh(pairs):
    """"王律师（系侵权行为人的近亲属）；李律师（曾代理侵权行为人）": who and why, for the message."""
    return "；".join(f"{c.name}（{'、'.join(COUNSEL_CONFLICT_LABELS_ZH[x] for x in codes)}）"
                    for c, codes in pairs)


def validate_counsel(cmd):
    """A roster entry: name and firm, at least one known speciality, a non-negative load."""
    problems = {}
    for name in ("name", "firm"):
        if not (cmd.get(name) or "").strip():
            problems[name] = "blank"
    specialities = tuple(cmd.get("specialities") or ())
    if not specialities:
        problems["specialities"] = "required"
    for i, s in enumerate(specialities):
        if s not in COUNSEL_SPECIALITIES:
            problems[f"specialities.{i}"] = "unknown_speciality"
        elif s in specialities[:i]:
            problems[f"specialities.{i}"] = "legal_listed_twice"
    for name in ("load", "capacity"):
        value = cmd.get(name, 0 if name == "load" else 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < (name == "capacity"):
            problems[name] = "bad_counsel_count"
    for i, rel in enumerate(cmd.get("relations") or ()):
        if rel.get("kind") not in RELATION_KINDS:
            problems[f"relations.{i}.kind"] = "unknown_relation_kind"
    if problems:
        raise Invalid(problems)

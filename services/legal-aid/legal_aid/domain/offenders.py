"""The people who acted against an officer (Art. 20, 35), recorded per case and matched across
cases, so a repeat assailant or a serial malicious complainant shows on every case they touch.

Who is "the same person" (strongest evidence first):
1. the same valid resident ID;
2. the same mobile number;
3. the same normalised name AND the same birth date (written, or read from a valid ID).
A common name alone never merges two people. Grouping is transitive (union-find): three
records with three spellings of a name but one ID or one phone are one person. A union that
would put two different valid resident IDs into one person is refused: the IDs prove they
are two people, whatever phone or name they share."""
from dataclasses import dataclass
from datetime import date

from weiquan.errors import Invalid

from legal_aid.domain import identity


@dataclass(frozen=True)
class OffenderRecord:
    """One person as entered on one case; the raw values are kept as typed."""
    id: str
    case_no: str
    name: str
    id_number: str = None
    phone: str = None
    birth_date: date = None


@dataclass(frozen=True)
class Person:
    """A matched person: the records, the cases they touch and the evidence that linked them."""
    record_ids: tuple
    case_nos: tuple
    linked_by: tuple  # sorted subset of ("id_number", "phone", "name_birth_date")


def check_record(record, today):
    """Refuse what cannot identify anyone: no name, an ID that fails its checksum, a phone that
    is neither a mobile nor a plausible landline, a birth date in the future or one that
    contradicts the ID. Raises Invalid naming each bad field."""
    problems = {}
    if not identity.name(record.name):
        problems["name"] = "blank"
    normal_id = identity.resident_id(record.id_number) if record.id_number else None
    if record.id_number and not normal_id:
        problems["id_number"] = "offender_bad_id"
    if record.phone and not identity.mobile(record.phone) and not _landline(record.phone):
        problems["phone"] = "offender_bad_phone"
    if record.birth_date and record.birth_date > today:
        problems["birth_date"] = "in_future"
    elif record.birth_date and normal_id and \
            identity.birth_date_of_id(normal_id) != record.birth_date:
        problems["birth_date"] = "birth_date_not_id"
    if problems:
        raise Invalid(problems)


def _landline(raw):
    digits = "".join(ch for ch in identity.half_width(raw) if ch.isdigit())
    return 7 <= len(digits) <= 12 and not digits.startswith("1")


def keys_of(record):
    """The matching keys of a record, strongest first: [(kind, value), ...]."""
    keys = []
    normal_id = identity.resident_id(record.id_number)
    if normal_id:
        keys.append(("id_number", normal_id))
    phone = identity.mobile(record.phone)
    if phone:
        keys.append(("phone", phone))
    name = identity.name(record.name)
    born = record.birth_date or identity.birth_date_of_id(normal_id)
    if name and born:
        keys.append(("name_birth_date", (name, born)))
    return keys


class _Groups:
    """Union-find over record indexes; each root knows the one valid ID its group holds."""

    def __init__(self, records):
        self.parent = list(range(len(records)))
        self.id_of = [identity.resident_id(r.id_number) for r in records]
        self.links = [set() for _ in records]

    def root(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b, kind):
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            self.links[ra].add(kind)
            return
        if self.id_of[ra] and self.id_of[rb] and self.id_of[ra] != self.id_of[rb]:
            return  # two different valid IDs: two people
        self.parent[rb] = ra
        self.id_of[ra] = self.id_of[ra] or self.id_of[rb]
        self.links[ra] |= self.links[rb] | {kind}


def group(records):
    """The people behind ``records``, each a Person, in the order of their first record."""
    records = list(records)
    groups = _Groups(records)
    for kind in ("id_number", "phone", "name_birth_date"):
        first_with = {}
        for i, record in enumerate(records):
            for key in keys_of(record):
                if key[0] == kind:
                    if key in first_with:
                        groups.union(first_with[key], i, kind)
                    else:
                        first_with[key] = i
    members = {}
    for i in range(len(records)):
        members.setdefault(groups.root(i), []).append(i)
    people = []
    for root, idx in sorted(members.items(), key=lambda item: item[1][0]):
        people.append(Person(
            record_ids=tuple(records[i].id for i in idx),
            case_nos=tuple(sorted({records[i].case_no for i in idx})),
            linked_by=tuple(sorted(groups.links[root]))))
    return people


def person_of(records, record_id):
    """The Person a given record belongs to (its other records, cases and evidence)."""
    for person in group(records):
        if record_id in person.record_ids:
            return person
    return None


def repeat_offenders(records):
    """The people who appear on more than one case: the list of their own (Art. 35)."""
    return [p for p in group(records) if len(p.case_nos) > 1]

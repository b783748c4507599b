"""The redaction step every publicity text passes before review and publication (Art. 11(8),
30, 31, 35): the personal data of the officer, the relatives and everyone else on the case never
reach a statement, a typical-case release or a warning.

``redact(text, known)`` returns the redacted text and one ``Finding`` per replacement (kind,
original span, replacement, bilingual reason) so the reviewer sees what went and why. Detectors
(names, numbers, places) propose candidates; overlaps are resolved longest-first; the result is
deterministic and idempotent (no replacement token matches any detector)."""
import re
from dataclasses import dataclass, field

from publicity.domain.redaction_hit import Hit
from publicity.domain.redaction_names import name_hits
from publicity.domain.redaction_numbers import (  # noqa: F401 (re-exported checks)
    ID_TOKEN, PHONE_TOKEN, POLICE_TOKEN, luhn_valid, number_hits, old_id_plausible, resident_id_valid)
from publicity.domain.redaction_places import ADDRESS_TOKEN, address_hits, plate_hits

ROLES = ("officer", "relative", "applicant", "offender", "other")


@dataclass(frozen=True)
class Person:
    name: str
    role: str = "other"
    police_id: str | None = None


@dataclass(frozen=True)
class Known:
    """What the case knows: its people, and any phones, plates, addresses and police numbers
    recorded on it (found literally even where the generic patterns would not)."""
    people: tuple = ()
    police_ids: tuple = ()
    id_numbers: tuple = ()  # resident IDs as recorded, found even with a wrong check digit
    phones: tuple = ()
    plates: tuple = ()
    addresses: tuple = ()
    keep_surname: bool = True
    public: tuple = ()  # official numbers/addresses that may stay (the bureau's duty phone)

    @property
    def names(self):
        return tuple(p.name for p in self.people if p.name)

    @property
    def all_police_ids(self):
        return tuple(dict.fromkeys(
            [*self.police_ids, *(p.police_id for p in self.people if p.police_id)]))


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    original: str
    replacement: str
    reason_zh: str
    reason_en: str

    @property
    def reason(self):
        return f"{self.reason_zh} / {self.reason_en}"


@dataclass(frozen=True)
class Redaction:
    text: str
    findings: tuple = field(default=())


def _flexible(value, sep=r"[\s\-·•.]?"):
    chars = [c for c in value if not re.match(r"[\s\-·•.]", c)]
    return sep.join(re.escape(c) for c in chars)


def _phone_variants(phone):
    """The recorded number, and also without +86 or without the area code as people write."""
    digits = re.sub(r"\D", "", phone)
    variants = [digits]
    if digits.startswith("86") and len(digits) == 13:
        variants.append(digits[2:])
    if digits.startswith("0") and len(digits) >= 10:
        variants += [d for d in (digits[3:], digits[4:]) if len(d) >= 7 and d[0] in "23456789"]
    return [d for d in variants if len(d) >= 5]


def _county_cut(address):
    """Index after the county-level prefix of a known address (0 when it has none)."""
    m = re.match(r"(?:[^省]{2,4}?(?:省|自治区))?(?:[^市]{2,6}?(?:市|自治州|州|盟))?"
                 r"(?:[^区县旗镇乡路]{1,6}?(?:区|县|旗|市)+)?", address)
    return m.end() if m else 0


def _address_tails(address):
    """The part below the county, and its shorter tails below the town or village (people
    write 荷花塘边第三户 for 城关镇荷花塘边第三户), longest first."""
    detail = address[_county_cut(address):] or address
    tails = [detail] + [detail[m.end():] for m in re.finditer(r"镇|乡|街道|村|社区", detail)]
    return [t for t in tails if len(t) >= 4]


def _known_hits(text, known):
    for pid in known.all_police_ids:
        for m in re.finditer(r"(?<![0-9A-Za-z])" + re.escape(pid) + r"(?![0-9A-Za-z])", text):
            yield Hit(m.start(), m.end(), "police_no", POLICE_TOKEN,
                      "案件记录的警号", "police number recorded on the case", 3)
    for number in known.id_numbers:
        body = re.sub(r"[\s\-]", "", number or "")
        if len(body) >= 15:
            pat = r"(?<![0-9A-Za-z])" + _flexible(body) + r"(?![0-9A-Za-z])"
            for m in re.finditer(pat, text, re.IGNORECASE):
                yield Hit(m.start(), m.end(), "resident_id", ID_TOKEN,
                          "案件记录的身份证号", "resident ID number recorded on the case", 3)
    for phone in known.phones:
        for digits in _phone_variants(phone):
            pat = r"(?<!\d)" + _flexible(digits) + r"(?!\d)"
            for m in re.finditer(pat, text):
                yield Hit(m.start(), m.end(), "phone", PHONE_TOKEN,
                          "案件记录的电话号码", "phone number recorded on the case", 3)
    for plate in known.plates:
        body = re.sub(r"[\s\-·•.]", "", plate)
        if len(body) >= 5:
            for m in re.finditer(_flexible(body), text, re.IGNORECASE):
                yield Hit(m.start(), m.end(), "plate", body[:2] + "·" + "*" * (len(body) - 2),
                          "案件记录的车牌号", "licence plate recorded on the case", 3)
    for address in known.addresses:
        if len(address) < 4:
            continue
        for m in re.finditer("|".join(map(re.escape, _address_tails(address))), text):
            yield Hit(m.start(), m.end(), "address", ADDRESS_TOKEN,
                      "案件记录的地址（县级以下部分）",
                      "address recorded on the case, below county level", 3)


def _candidates(text, known):
    yield from name_hits(text, known.names, known.keep_surname)
    yield from number_hits(text)
    yield from plate_hits(text)
    yield from address_hits(text)
    yield from _known_hits(text, known)


def _resolve(hits):
    """Longest span first (ties: lower rank, earlier start); a span overlapping one already
    taken is dropped. Deterministic for a given text and ``known``."""
    taken = []
    for h in sorted(set(hits), key=lambda h: (-(h.end - h.start), h.rank, h.start, h.kind)):
        if all(h.end <= t.start or h.start >= t.end for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


def redact(text, known=None):
    """Replace every personal datum of ``text`` (see the module docstring)."""
    known = known or Known()
    allowed = [(m.start(), m.end()) for p in known.public if p
               for m in re.finditer(re.escape(p), text)]
    chosen = _resolve(h for h in _candidates(text, known)
                      if not any(s <= h.start and h.end <= e for s, e in allowed))
    out, pos, findings = [], 0, []
    for h in chosen:
        out.append(text[pos:h.start])
        out.append(h.replacement)
        findings.append(Finding(h.kind, h.start, h.end, text[h.start:h.end], h.replacement,
                                h.reason_zh, h.reason_en))
        pos = h.end
    out.append(text[pos:])
    return Redaction("".join(out), tuple(findings))

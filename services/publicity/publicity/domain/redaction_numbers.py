"""Number-shaped personal data (Art. 11(8), 31): resident IDs (GB 11643 checksum), old 15-digit
IDs, bank cards (Luhn), mobile and landline numbers, police numbers. Each detector yields
``Hit`` candidates; redaction.redact resolves overlaps. Boundaries are ASCII alphanumerics only,
so a number glued to Chinese text is still found while a case number (GX-WQ-2026-000123), a date
(2026-11-30), an amount or an emergency number (110, 120, 12345) is never touched."""
import re
from datetime import date

from weiquan.resident_id import checksum_ok

from publicity.domain.redaction_hit import Hit

ID_TOKEN = "[身份证号已隐去]"
CARD_TOKEN = "[银行卡号已隐去]"
PHONE_TOKEN = "[电话已隐去]"
POLICE_TOKEN = "[警号已隐去]"

_L = r"(?<![0-9A-Za-z_\-/.])"  # left: not inside a code, path, decimal or dashed number
_R = r"(?![0-9A-Za-z_元万%])"

_DIGIT_RUN = re.compile(_L + r"(\d{17}[\dXx]|\d{15,19})" + _R)
# IDs and cards written in groups: 3607 2119 9001 0112 34, 360721 19900101 123X, 6222 0238 ...
_GROUPED = re.compile(_L + r"(\d{2,8}(?:[ \-]\d{2,8}){1,4}[Xx]?)" + _R)
_MOBILE = re.compile(r"(?<![0-9A-Za-z_/.])((?:(?:\+|00)?86[\s\-]?)?(?:\(\+?86\)\s?)?"
                     r"1[3-9]\d(?:[\s\-]?\d{4}){2})" + _R)
_LANDLINE = re.compile(_L + r"((?:[\(（]0\d{2,3}[\)）]\s?|0\d{2,3}[\s\-]?)[2-9]\d{6,7}"
                       r"(?:\s?(?:-|转|分机|ext\.?)\s?\d{1,5})?)" + _R)
# Without an area code a local number is only taken after a word that says it is a phone.
_LOCAL = re.compile(r"(?:电话|座机|固话|号码|联系方式|拨打|致电)[^\d\n]{0,4}?"
                    r"(?<![0-9A-Za-z_\-/.])([2-9]\d{2,3}[\-\s]?\d{4}(?:\s?(?:-|转|分机)\s?\d{1,5})?)"
                    + _R)
_POLICE = re.compile(r"((?:辅警号|警号)\s*[:：为是]?\s*[A-Za-z]?\d{4,8})" + _R)


def resident_id_valid(number):
    """GB 11643-1999 check digit of an 18-character resident ID (last may be X); the birth
    date is not required to be real (a typo there is still someone's ID to hide)."""
    return checksum_ok(number)


def luhn_valid(number):
    """Luhn check of a bank card number (digits only)."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _birth_ok(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def old_id_plausible(number):
    """A 15-digit old-style ID: 6 region digits, YYMMDD birth date (19YY), 3 sequence digits."""
    return (len(number) == 15 and number.isdigit() and number[0] != "0"
            and _birth_ok(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])))


def _digit_run(s, e, raw):
    """Classify a 15-19 character number run (spaces and dashes already removed)."""
    n = len(raw)
    if n == 18 and resident_id_valid(raw):
        return Hit(s, e, "resident_id", ID_TOKEN,
                   "身份证号（校验位有效）", "resident ID, checksum valid", 1)
    if raw.isdigit() and 16 <= n <= 19 and luhn_valid(raw):
        return Hit(s, e, "bank_card", CARD_TOKEN,
                   "银行卡号（Luhn校验有效）", "bank card number, Luhn check valid", 1)
    if n == 18:
        return Hit(s, e, "resident_id", ID_TOKEN,
                   "18位号码校验位无效，按疑似身份证号隐去",
                   "invalid checksum, redacted as a possible ID", 1)
    if n == 15 and old_id_plausible(raw):
        return Hit(s, e, "resident_id", ID_TOKEN,
                   "15位旧身份证号（出生日期有效）", "15-digit old resident ID, birth date valid", 1)
    return None


def number_hits(text):
    """Every number-shaped personal datum in ``text``."""
    for m in _DIGIT_RUN.finditer(text):
        hit = _digit_run(m.start(1), m.end(1), m.group(1))
        if hit:
            yield hit
    for m in _GROUPED.finditer(text):
        joined = re.sub(r"[ \-]", "", m.group(1))
        if 15 <= len(joined) <= 19 and len(set(re.findall(r"[ \-]", m.group(1)))) == 1:
            hit = _digit_run(m.start(1), m.end(1), joined)
            if hit:
                yield hit
    for m in _MOBILE.finditer(text):
        yield Hit(m.start(1), m.end(1), "mobile", PHONE_TOKEN, "手机号码", "mobile number", 2)
    for m in _LANDLINE.finditer(text):
        yield Hit(m.start(1), m.end(1), "landline", PHONE_TOKEN,
                  "固定电话（含区号）", "landline number with area code", 3)
    for m in _LOCAL.finditer(text):
        yield Hit(m.start(1), m.end(1), "landline", PHONE_TOKEN,
                  "固定电话（无区号，前有“电话”等字样）", "local landline number after a phone word", 4)
    for m in _POLICE.finditer(text):
        yield Hit(m.start(1), m.end(1), "police_no", POLICE_TOKEN, "警号", "police number", 2)

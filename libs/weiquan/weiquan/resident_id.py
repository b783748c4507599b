"""The 18-character resident identity number (GB 11643-1999), once for every service: the
check character, validity and the birth date written in it. Pure functions, no I/O, so domain
modules may use them. What counts as "the same" ID after normalising (spaces, full-width
digits, 15-digit old IDs) stays with the service that matches people (legal_aid); what counts
as ID-shaped text stays with redaction (publicity)."""
import re
from datetime import date

# Weight of position i (0-based, left to right) is 2^(17-i) mod 11:
# 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2.
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
CHECK_CHARS = "10X98765432"     # the check character is CHECK_CHARS[weighted sum mod 11]
_SHAPE = re.compile(r"\d{17}[\dXx]")


def check_char(first17):
    """The check character ("0"-"9" or "X") of the first 17 digits."""
    if not re.fullmatch(r"\d{17}", first17 or ""):
        raise ValueError("the first 17 characters of a resident ID are digits")
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def checksum_ok(number):
    """17 digits and the right check character (a lower-case x is taken as X); the birth
    date is not looked at."""
    if not _SHAPE.fullmatch(number or ""):
        return False
    return check_char(number[:17]) == number[17].upper()


def birth_date(number):
    """The birth date written at positions 7-14 (YYYYMMDD), or None when it is no real date."""
    if not number or len(number) < 14 or not number[6:14].isdigit():
        return None
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def valid(number):
    """An 18-character ID with its correct check character and a real birth date."""
    return checksum_ok(number) and birth_date(number) is not None

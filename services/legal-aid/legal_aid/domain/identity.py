"""Normalised identities of a person (Art. 20, 35): the same offender is keyed in on several
cases by different people, with spaces, full-width digits, a 15-digit old ID or a +86 prefix.
Matching compares these normal forms only, so the rules here decide what counts as "the same"
resident ID, mobile number or name. Pure functions, no I/O."""
import re
import unicodedata

# GB 11643-1999 (check character, birth date) is the shared package's, one place for all.
from weiquan.resident_id import birth_date as _birth_of
from weiquan.resident_id import check_char

_SPACES = re.compile(r"\s+")
_PHONE_NOISE = re.compile(r"[\s\-()（）.]")
# Middle dots separate the parts of transliterated names (阿不都·热合曼); typists use any of them.
_NAME_DOTS = re.compile(r"[·•・‧．.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


def half_width(text):
    """NFKC folds full-width digits, letters and the ideographic space to their ASCII forms."""
    return unicodedata.normalize("NFKC", text or "")


def resident_id(raw):
    """The 18-character normal form of a valid resident ID, or None. A 15-digit ID (issued
    before 1999) becomes 18 by inserting the century "19" and computing the check character;
    an 18-character ID must carry its correct check character and a real birth date."""
    text = _SPACES.sub("", half_width(raw)).upper()
    if re.fullmatch(r"\d{15}", text):
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_char(first17)
    elif not re.fullmatch(r"\d{17}[\dX]", text) or check_char(text[:17]) != text[17]:
        return None
    return text if _birth_of(text) else None


def birth_date_of_id(normal_id):
    """The birth date written in a normalised resident ID."""
    return _birth_of(normal_id) if normal_id else None


def mobile(raw):
    """The 11-digit normal form of a mainland mobile number, or None. A landline is not an
    identity (a household or an office shares it), so it never matches anyone."""
    text = _PHONE_NOISE.sub("", half_width(raw))
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix):]
            break
    return text if _MOBILE.fullmatch(text) else None


def name(raw):
    """Spaces (ASCII or ideographic) and middle dots removed, full-width folded, Latin letters
    lower-cased: "张 伟", "张　伟" and "Ｚhang Wei"/"zhangwei" each compare equal to their twin."""
    text = _NAME_DOTS.sub("", _SPACES.sub("", half_width(raw)))
    return text.casefold() or None

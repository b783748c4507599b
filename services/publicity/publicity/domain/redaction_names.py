"""Names of the people on the case (Art. 11(8)): only names given in ``known`` are replaced,
never a word that merely contains a surname character (张贴, 李子, 高速, 周末, 方向).

Decision: a known person's name is found also when split by spaces or a middle dot
(张 伟, 买买提·艾力); a known person's surname followed by a title (张警官, 张同志, 李女士) is
replaced too. Already anonymised forms (张某, 张某某) are left alone, which keeps redaction
idempotent. Replacement: surname + 某 (张某) by default, 某某 when surnames are not kept."""
import re

from publicity.domain.redaction_hit import Hit

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯",
    "长孙", "宇文", "司徒", "端木", "独孤", "南宫", "西门", "轩辕", "申屠", "澹台", "钟离")
TITLES = ("副所长", "副队长", "教导员", "指导员", "警官", "同志", "警长", "所长", "队长", "政委",
          "科长", "女士", "先生", "老师", "师傅", "阿姨", "大姐", "大哥")
_GAP = r"[\s\u3000·•・.]*"


def surname(name):
    name = re.sub(r"[\s\u3000·•・.]", "", name)
    for s in COMPOUND_SURNAMES:
        if name.startswith(s) and len(name) > len(s):
            return s
    return name[:1]


def _masked(name, keep_surname):
    if not re.match(r"[\u4e00-\u9fff]", name) or re.search(r"[·•・.]", name):
        return "某某"  # a Latin or transliterated name has no surname to keep
    return surname(name) + "某" if keep_surname else "某某"


def _name_pattern(name):
    chars = [c for c in name if not re.match(r"[\s\u3000·•・.]", c)]
    body = _GAP.join(re.escape(c) for c in chars)
    # A Latin name must not be part of a longer word; a Chinese one cannot be bounded.
    if re.fullmatch(r"[A-Za-z]+", "".join(chars)):
        return re.compile(r"(?<![A-Za-z])" + body + r"(?![A-Za-z])", re.IGNORECASE)
    return re.compile(body)


def name_hits(text, names, keep_surname=True):
    """``names``: the full names of the case's people (officer, relatives, applicants,
    offenders)."""
    surnames = set()
    for name in names:
        if len(re.sub(r"[\s\u3000·•・.]", "", name)) < 2:
            continue  # a single character is no name we can safely search for
        for m in _name_pattern(name).finditer(text):
            yield Hit(m.start(), m.end(), "name", _masked(name, keep_surname),
                      "案件当事人姓名", "name of a person on the case", 1)
        if re.match(r"[\u4e00-\u9fff]", name) and not re.search(r"[·•・.]", name):
            surnames.add(surname(name))
    if not surnames:
        return
    by_length = sorted(surnames, key=len, reverse=True)
    titled = re.compile("(" + "|".join(map(re.escape, by_length)) + ")(" +
                        "|".join(TITLES) + ")")
    for m in titled.finditer(text):
        lead = m.group(1) + "某" if keep_surname else "某"
        yield Hit(m.start(), m.end(), "name", lead + m.group(2),
                  "已知当事人姓氏加称谓", "known person's surname with a title", 2)

"""Place-shaped personal data: licence plates and detailed addresses (Art. 11(8), 31).

A plate keeps its province and issuing-office letter (赣B·*****), which names a prefecture, not
a person. An address keeps nothing more precise than the county: the detector matches only the
chain below it (town, village, road, compound, house number, building, unit, room), so the
province/city/county words before it stay in the text. A chain is redacted when it carries a
number (号, 栋, 单元, 室, 组...) or a residential compound, or links two place parts (town +
road); a lone place word (城关镇, 红旗大道, 王府井) is ordinary text and stays."""
import re

from publicity.domain.redaction_hit import Hit

ADDRESS_TOKEN = "[详细地址已隐去]"
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

_PLATE = re.compile(
    r"(?<![A-Za-z0-9])([" + PROVINCES + r"])([A-HJ-NP-Z])[·•・.\s\-]?"
    r"((?=(?:[A-HJ-NP-Z]*\d){2})[A-HJ-NP-Z0-9]{5,6})(?:挂|学|警)?(?![A-Za-z0-9])")

# Characters that never belong to a place name: function words, verbs of motion and the
# admin suffixes above the county line (so 赣县区 / 南昌市 stay outside the chain).
_STOP = "在住居于到至往从自去来回向经沿过进入出抵达赴的是与及或将把被对为其他她我你们该某此这那址称了着于省市县区州、，。；：:,;（）()“”\"' \t\n"
_NC = r"(?:(?![" + re.escape(_STOP) + r"\d])[\u4e00-\u9fff])"
_NUM = r"(?:\d+|[一二三四五六七八九十]+)"
_TOWN = r"(?P<town>" + _NC + r"{2,4}(?:镇|乡|街道))"
_VILLAGE = r"(?P<village>" + _NC + r"{1,4}(?:村|社区|居委会))"
_ROAD = r"(?P<road>" + _NC + r"{2,6}?(?:大道|大街|路|街|巷|弄|胡同)(?:[东西南北中]段)?)"
_COMPOUND = r"(?P<compound>" + _NC + r"{2,6}?(?:小区|花园|公寓|家园|新村|大厦|苑))"
_HOUSE = r"(?P<house>(?:附)?\d+(?:[\-之]\d+)?号(?:院|楼(?=\d))?)"
_GROUP = r"(?P<group>" + _NUM + r"组)"
_BUILDING = r"(?P<building>\d+(?:栋|幢|座|号楼))"
_UNIT = r"(?P<unit>\d+单元)"
_FLOOR = r"(?P<floor>\d+(?:楼|层)(?!\d))"
_ROOM = r"(?P<room>\d+(?:室|房|号房))"
_ADDRESS = re.compile(
    "(?:" + _TOWN + ")?(?:" + _VILLAGE + ")?(?:" + _ROAD + ")?(?:" + _COMPOUND + ")?"
    "(?:" + _HOUSE + "|" + _GROUP + ")?(?:" + _BUILDING + ")?(?:" + _UNIT + ")?"
    "(?:" + _FLOOR + ")?(?:" + _ROOM + ")?")
_PLACES = ("town", "village", "road", "compound")
_NUMBERS = ("house", "group", "building", "unit", "floor", "room")


def plate_hits(text):
    for m in _PLATE.finditer(text):
        masked = f"{m.group(1)}{m.group(2)}·{'*' * len(m.group(3))}"
        yield Hit(m.start(), m.end(), "plate", masked, "机动车号牌", "licence plate", 2)


def _is_address(m):
    places = [g for g in _PLACES if m.group(g)]
    numbers = [g for g in _NUMBERS if m.group(g)]
    if m.group("compound"):
        return True
    if places and numbers:
        return True
    if len(places) >= 2:
        return True
    # building + unit / unit + room without a street: still a home
    return len(numbers) >= 2 and not m.group("house") and not m.group("group")


def address_hits(text):
    pos, spans = 0, []
    while pos < len(text):
        m = _ADDRESS.search(text, pos)
        if not m:
            break
        if m.end() == m.start():
            pos = m.start() + 1
            continue
        if _is_address(m):
            # a chain continued right after (路88号 + 阳光小区5栋) is one address
            if spans and spans[-1][1] == m.start():
                spans[-1][1] = m.end()
            else:
                spans.append([m.start(), m.end()])
        pos = m.end()
    for start, end in spans:
        yield Hit(start, end, "address", ADDRESS_TOKEN,
                  "详细地址（县级以下部分）", "detailed address below county level", 3)

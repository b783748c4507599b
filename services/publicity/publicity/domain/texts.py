"""Template texts without personal data: the automatic name-clearing draft (Art. 30).
Publicity edits them before review (the safety warning's prefill is the portal's form)."""
from weiquan.contracts.codes import CATEGORY_LABELS_ZH, DISCIPLINE_OUTCOME_LABELS_ZH

CLEARING_TITLE = "关于依法为民警澄清正名的情况通报"


def clearing_after_conclusion(category):
    what = CATEGORY_LABELS_ZH.get(category, "侵权")
    return CLEARING_TITLE, (
        "经公安民警维权工作委员会依法调查核实，反映我局民警的有关问题不属实，"
        f"相关情形系「{what}」。根据《赣县区公安局维护民警执法权威工作实施办法》第三十条，"
        "现予以澄清，为民警正名，消除不良影响。\n"
        "对捏造事实、诬告陷害民警或恶意炒作的行为，我局将依法追究相关人员责任。")


def clearing_after_revocation(revoked_outcome):
    what = DISCIPLINE_OUTCOME_LABELS_ZH.get(revoked_outcome, "处理")
    return CLEARING_TITLE, (
        f"经复核，对我局民警作出的「{what}」处理决定依法予以撤销。"
        "根据《赣县区公安局维护民警执法权威工作实施办法》第三十条，现予以澄清，为民警正名，"
        "恢复名誉，消除不良影响。")


"""Reasons to refuse an application, in the regulation's own words (《赣县区公安局维护民警执法
权威工作实施办法》): Art. 14 accepts what lies within the committee's
remit and a refusal must say why in writing; the remit is drawn by Art. 3, 11, 12 and 39.
The office picks one as the written reason's basis and may add its own words."""

# (code, the written reason as recorded on the case)
REFUSAL_REASONS = (
    ("outside_art11",
     "所述情形不属于本办法第十一条规定的侵犯民警执法权威的情形"),
    ("not_lawful_duty",
     "所受侵害并非发生在民警依法履行职责、行使职权过程中，也不是因依法履行职责、行使职权引起"
     "（第三条、第十一条）"),
    ("applicant_not_entitled",
     "申请人不是民警本人、民警的近亲属（配偶、父母、子女、同胞兄弟姐妹，第三十九条）或者民警所在"
     "单位，不能提出维权申请（第十二条）"),
    ("outside_remit",
     "申请事项不属于本级维权委维权职责范围（第十四条）"),
)
_TEXT = dict(REFUSAL_REASONS)


def refusal_reason(code, own_words):
    """The written reason: the chosen template, then the office's own words; either alone
    is enough, neither is the contract's 422 at the reason field (Art. 14)."""
    template = _TEXT.get((code or "").strip(), "")
    own_words = (own_words or "").strip()
    if template and own_words:
        return f"{template}。{own_words}"
    return template or own_words

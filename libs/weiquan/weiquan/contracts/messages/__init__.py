"""Bilingual text of every domain error code, kept apart from the rules that raise them.

Each department has its own module (``MESSAGES``: code -> (zh, en); ``FIELD_PROBLEMS``:
problem -> (zh, en); ``THINGS``: noun -> (zh, en)); templates use ``str.format`` with the
error's details. ``text_of`` is what the RPC edge calls."""
from weiquan.contracts.messages import (common, dispatch, evidence, intake, legal_aid,
                                       logistics, publicity, welfare)

_MODULES = (common, intake, dispatch, evidence, welfare, logistics, legal_aid, publicity)


def _merged(name):
    table = {}
    for module in _MODULES:
        for key, value in getattr(module, name, {}).items():
            if key in table and table[key] != value:
                raise ValueError(f"message {name}[{key!r}] defined twice differently")
            table[key] = value
    return table


MESSAGES = _merged("MESSAGES")
FIELD_PROBLEMS = _merged("FIELD_PROBLEMS")
THINGS = _merged("THINGS")


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(template, facts):
    """A list or tuple fact reads as ``a, b``."""
    shown = {k: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
             for k, v in facts.items()}
    return template.format_map(_Blank(shown))


def text_of(code, facts):
    """(zh, en) for an error code; an unknown code still reads sensibly (and a unit test
    checks every code the domains raise is known)."""
    facts = dict(facts)
    if code == "not_found":
        zh_what, en_what = THINGS.get(facts.get("what"), (facts.get("what"), facts.get("what")))
        facts.update(what_zh=zh_what, what_en=en_what)
    zh, en = MESSAGES.get(code, ("操作被拒绝（{code}）", "Refused ({code})"))
    return render(zh, {"code": code, **facts}), render(en, {"code": code, **facts})


def field_text(field, problem, params):
    zh, en = FIELD_PROBLEMS.get(problem, ("取值无效（{problem}）", "Invalid value ({problem})"))
    facts = {"field": field, "problem": problem, **params}
    return f"{render(zh, facts)} / {render(en, facts)}"

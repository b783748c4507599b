"""Valid request bodies of the HTTP contract, to be varied by each test."""
import copy
from datetime import datetime, timedelta

from weiquan.config import TZ

OFFICER = {"police_id": "360721001", "name": "张伟", "unit": "城关派出所", "personnel_type": "regular"}


def application(**overrides):
    body = {
        "applicant": {"type": "officer", "name": "张伟", "phone": "13800000000"},
        "officer": dict(OFFICER),
        "channel": "app",
        "category": "violent_attack",
        "incident": {"occurred_at": (datetime.now(TZ) - timedelta(hours=2)).isoformat(),
                     "place": "城关镇红旗大道", "description": "执勤时被殴打",
                     "ongoing": False, "off_duty": False, "anti_gang": False, "injury": True},
    }
    body = copy.deepcopy(body)
    body.update(overrides)
    return body


def by_role():
    """One valid body for each applicant role's demo account."""
    return {
        "officer": application(),
        "relative": application(applicant={"type": "relative", "name": "李娜",
                                           "relation": "spouse"}),
        "unit_liaison": application(applicant={"type": "unit", "name": "王强",
                                               "unit_name": "城关派出所"}),
    }


def written_application(received_at):
    return application(applicant={"type": "relative", "name": "李娜", "relation": "spouse"},
                       channel="written", received_at=received_at)

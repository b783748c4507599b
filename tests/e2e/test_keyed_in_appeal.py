"""The officer a case concerns may appeal its refusal (Art. 15) even when the committee office
keyed the paper application in for a relative; another officer may not."""
from datetime import datetime, timedelta

import pytest

from weiquan.config import TZ

from tests.support.answers import assert_error, ok
from tests.support.bodies import written_application

pytestmark = pytest.mark.e2e


def test_the_concerned_officer_appeals_a_keyed_in_refusal(system):
    received = (datetime.now(TZ) - timedelta(hours=1)).isoformat()
    case_no = ok(system.call("POST", "/api/applications", "committee_office",
                             json=written_application(received)), 201)["case_no"]
    ok(system.call("POST", f"/api/cases/{case_no}/decision", "committee_office",
                   json={"accept": False, "reason": "不属于维权范围"}))
    today = datetime.now(TZ).date().isoformat()
    appeal = {"reason": "民警本人不服不予受理决定", "answer_received_at": today}
    assert_error(system.call("POST", f"/api/cases/{case_no}/appeal", "relative", json=appeal),
                 403, "forbidden")
    appealed = ok(system.call("POST", f"/api/cases/{case_no}/appeal", "officer", json=appeal))
    assert appealed["status"] == "appealed"
    assert appealed["appeal"]["by"] == "officer"

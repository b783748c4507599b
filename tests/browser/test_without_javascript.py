"""With JavaScript disabled, an officer applies through the form and reads the case: the
portal's forms are plain HTML posts."""
from datetime import datetime, timedelta

from weiquan.config import TZ


def test_an_officer_applies_and_reads_the_case_without_javascript(browser_without_js):
    b = browser_without_js
    assert not b.scripts_run()
    b.login("officer")
    b.open("/apply")
    occurred = datetime.now(TZ) - timedelta(hours=3)
    b.fill("#f-category", "violent_attack")
    b.type_datetime("#f-incident-occurred_at", occurred)
    b.fill("#f-incident-place", "城关镇红旗大道")
    b.fill("#f-incident-description", "执勤时被人推搡殴打")
    b.find("#f-incident-injury").send_keys(" ")  # the space bar ticks a checkbox
    b.shot("apply-filled")
    b.press("form[action='/apply'] button[type=submit]")
    b.wait_for(lambda d: "/cases/" in d.current_url)
    b.shot("case-page")
    case_no = b.path.split("/cases/")[1].split("?")[0]
    assert "申请已提交" in b.text and case_no in b.text
    assert "剩余" in b.text and "个工作日" in b.text  # the decision deadline, in working days
    b.open("/")
    assert case_no in b.text

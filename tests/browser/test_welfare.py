"""The political-work office on a phone (375x812, JavaScript on), against the running system:
an officer's application with an injury opens the green channel by itself; the office finds
it in its queue, records the hospital, tries to close it without an outcome (told at the
field, in words), then closes it with one (pressing Enter). The item is done through the JSON
API; the pages pass axe and fit the phone's width."""
from tests.browser.driver import describe
from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.known_welfare import green_channel_item

SUBMIT = "button[type=submit]"


def accessible(b):
    found = b.axe_violations()
    assert not found, describe(found)
    assert not b.too_wide(), "wider than the phone"


def test_political_work_closes_the_green_channel_of_an_injury_case(system, browser):
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    item_id = green_channel_item(system, case_no)
    b = browser
    b.login("political_work")
    assert "关爱工作" in b.text          # the home page's link for the office
    b.open("/welfare")
    b.wait_for(lambda d: item_id in d.page_source)
    assert case_no in b.text and "就医绿色通道已开启" in b.text
    b.shot("welfare-queue")
    accessible(b)

    b.click(f"tr[data-item-id='{item_id}'] th a")
    b.wait_for(lambda d: f"/welfare/green-channels/{item_id}" in d.current_url)
    b.fill("#f-hospital", "赣县区人民医院")
    b.fill("#f-contact", "急诊科 王医生")
    b.fill("#f-state", "in_treatment")
    b.press(f"form[action='/welfare/green-channels/{item_id}'] {SUBMIT}")
    b.wait_for(lambda d: "done=updated" in d.current_url)
    assert "救治中" in b.text and "赣县区人民医院" in b.text
    b.shot("welfare-green-updated")
    accessible(b)

    b.press(f"form[action='/welfare/green-channels/{item_id}/close'] {SUBMIT}")  # no outcome
    b.wait_for(lambda d: d.find_elements("css selector", "#f-outcome-error"))
    assert "缺少必填字段" in b.find("#f-outcome-error").text
    assert "救治结果" in b.find("[role=alert]").text      # the summary names the field
    assert b.find("#f-outcome").get_attribute("aria-invalid") == "true"
    b.shot("welfare-green-close-refused")
    accessible(b)

    b.fill("#f-outcome", "治疗结束，已出院")
    b.press(f"form[action='/welfare/green-channels/{item_id}/close'] {SUBMIT}")
    b.wait_for(lambda d: "done=closed" in d.current_url)
    assert "已关闭" in b.text and "治疗结束，已出院" in b.text
    assert not b.find_all(f"form[action='/welfare/green-channels/{item_id}/close']")
    b.shot("welfare-green-closed")

    channel = ok(system.call("GET", f"/api/welfare/green-channels/{item_id}",
                             "political_work"))
    assert (channel["state"], channel["hospital"], channel["outcome"]) == (
        "closed", "赣县区人民医院", "治疗结束，已出院")
    done = ok(system.call("GET", "/api/welfare/work?state=done&kind=green_channel&page_size=100",
                          "political_work"))["items"]
    assert item_id in [i["item_id"] for i in done]

    b.open(f"/welfare/cases/{case_no}")
    assert "就医绿色通道：已办结" in b.text
    b.shot("welfare-case")
    accessible(b)

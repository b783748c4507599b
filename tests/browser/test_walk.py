"""The portal's acceptance walk on a phone (375x812, JavaScript on), against the running
system, one screenshot per step: an officer applies and uploads a photo; the office refuses
with a reason; the officer appeals; the office accepts another case and the director extends
it; the command center reports an incident, dispatches, and sees the acknowledgement arrive
on the live board; the ledger's counts and its CSV and Excel exports agree with
GET /api/ledger/stats. Each step's outcome is read back through the JSON API."""
import csv
import hashlib
import io
from datetime import datetime, timedelta

import requests
from openpyxl import load_workbook

from weiquan.calendar import WorkCalendar
from weiquan.config import TZ

from tests.browser.driver import describe
from tests.support.answers import ok
from tests.support.bodies import application
from tests.support.evidence_files import PHOTO_JPEG

SUBMIT = "button[type=submit]"


def case_of(system, case_no, username="committee_office"):
    return ok(system.call("GET", f"/api/cases/{case_no}", username))


def accessible(b):
    """axe-core on the page as this user sees it now (its forms included): nothing serious."""
    found = b.axe_violations()
    assert not found, describe(found)


def action(b, key):
    """The submit button of one action form on the case page."""
    return f"section[aria-labelledby='form-{key}'] {SUBMIT}"


def test_officer_applies_and_uploads_office_refuses_officer_appeals(system, browser, tmp_path):
    b = browser
    b.login("officer")
    b.shot("officer-home")
    b.open("/apply")
    b.fill("#f-category", "violent_attack")
    b.type_datetime("#f-incident-occurred_at", datetime.now(TZ) - timedelta(hours=2))
    b.fill("#f-incident-place", "城关镇红旗大道")
    b.fill("#f-incident-description", "执勤时被人推搡殴打，执法记录仪拍下了经过")
    b.find("#f-incident-injury").send_keys(" ")
    b.shot("officer-apply-form")
    b.press(f"form[action='/apply'] {SUBMIT}")
    b.wait_for(lambda d: "/cases/" in d.current_url)
    case_no = b.path.split("/cases/")[1].split("?")[0]
    assert "申请已提交" in b.text and "个工作日" in b.text
    b.shot("officer-case-submitted")

    photo = tmp_path / "scene.jpg"
    photo.write_bytes(PHOTO_JPEG)
    b.open(f"/cases/{case_no}/evidence")
    b.fill("#f-kind", "photo")
    b.fill("#f-source", "现场拍摄")
    b.find("input[type=file]").send_keys(str(photo))
    b.press(f"form[data-upload] {SUBMIT}")  # upload.js sends it with a progress bar
    b.wait_for(lambda d: "stored=" in d.current_url, 20)
    assert b.find("#stored-sha256").text == hashlib.sha256(PHOTO_JPEG).hexdigest()
    b.shot("officer-photo-uploaded")
    accessible(b)  # the evidence list with the upload form
    listed = ok(system.call("GET", f"/api/cases/{case_no}/evidence", "officer"))["items"]
    assert [e["sha256"] for e in listed] == [hashlib.sha256(PHOTO_JPEG).hexdigest()]
    b.logout()

    b.login("committee_office")
    assert case_no in b.text  # the intake queue on the home page
    b.shot("office-queue")
    b.open(f"/cases/{case_no}")
    b.fill("#f-refuse-reason_template", "outside_art11")
    b.fill("section[aria-labelledby='form-refuse'] textarea", "经核实，系民事纠纷。")
    b.shot("office-refusal-form")
    accessible(b)  # the case page with the office's decision forms
    b.press(action(b, "refuse"))
    b.wait_for(lambda d: "已决定不予受理" in b.text)
    b.shot("office-refused")
    decided = case_of(system, case_no)
    assert decided["status"] == "rejected"
    assert "第十一条" in decided["decision"]["reason"] and "民事纠纷" in decided["decision"]["reason"]
    b.logout()

    b.login("officer")
    b.open(f"/cases/{case_no}")
    assert "不予受理" in b.text
    b.set_value("section[aria-labelledby='form-appeal'] input[type=date]",
                datetime.now(TZ).date().isoformat())
    b.fill("section[aria-labelledby='form-appeal'] textarea", "本人是在执勤中被殴打，属于第十一条第一项。")
    b.shot("officer-appeal-form")
    accessible(b)
    b.press(action(b, "appeal"))
    b.wait_for(lambda d: "复议申请已提交" in b.text)
    b.shot("officer-appealed")
    assert case_of(system, case_no, "officer")["status"] == "appealed"


def test_office_accepts_and_the_director_extends(system, browser):
    b = browser
    case_no = ok(system.call("POST", "/api/applications", "officer", json=application()),
                 201)["case_no"]
    b.login("committee_office")
    b.open(f"/cases/{case_no}")
    b.press(action(b, "accept"))
    b.wait_for(lambda d: "已决定受理" in b.text)
    b.shot("office-accepted")
    reply = next(d for d in case_of(system, case_no)["deadlines"] if d["kind"] == "written_reply")
    b.logout()

    b.login("committee_director")
    b.open(f"/cases/{case_no}")
    due = datetime.fromisoformat(reply["due"]).astimezone(TZ).date()
    new_due = WorkCalendar.load().next_working_day(due + timedelta(days=10))
    b.set_value("section[aria-labelledby='form-extend'] input[type=date]", new_due.isoformat())
    b.fill("section[aria-labelledby='form-extend'] textarea", "案情复杂，需要调取多方证据。")
    b.shot("director-extension-form")
    accessible(b)
    b.press(action(b, "extend"))
    b.wait_for(lambda d: "已批准延期" in b.text)
    b.shot("director-extended")
    extended = next(d for d in case_of(system, case_no)["deadlines"]
                    if d["kind"] == "written_reply" and d["state"] == "running")
    assert datetime.fromisoformat(extended["due"]).astimezone(TZ).date() == new_due


def test_command_center_sees_the_acknowledgement_arrive_on_the_board(system, browser):
    b = browser
    b.login("command_center")
    unit_name = f"城关巡逻{datetime.now().strftime('%H%M%S%f')}"
    b.open("/units")
    b.fill("#f-name", unit_name)
    b.fill("#f-kind", "patrol")
    b.press(f"form[action='/units'] {SUBMIT}")
    b.wait_for(lambda d: unit_name in b.text)
    b.open("/incidents")
    b.fill("#f-officers-0-name", "张伟")
    b.fill("#f-officers-0-police_id", "360721001")
    b.fill("#f-officers-0-unit", "城关派出所")
    b.fill("#f-category", "mobbing_obstruction")
    b.fill("#f-place", "城关镇步行街")
    b.fill("#f-description", "执勤民警被围堵，正在调派警力")
    b.find("#f-ongoing").send_keys(" ")
    b.shot("command-report-form")
    b.press(f"form[action='/incidents'] {SUBMIT}")
    b.wait_for(lambda d: "/incidents/" in d.current_url)
    incident_id = b.path.split("/incidents/")[1].split("?")[0]
    b.shot("command-incident")
    unit = next(u for u in ok(system.call("GET", "/api/units", "command_center"))["items"]
                if u["name"] == unit_name)
    b.find(f"#u-{unit['unit_id']}").send_keys(" ")
    b.press(f"form[action='/incidents/{incident_id}/dispatch'] {SUBMIT}")
    b.wait_for(lambda d: d.find_elements("css selector", "tr[data-dispatch-id]"))
    b.shot("command-dispatched")
    accessible(b)  # the incident page with its acknowledge and arrive buttons
    dispatch_id = b.find("tr[data-dispatch-id]").get_attribute("data-dispatch-id")

    b.open("/board")
    b.wait_for(lambda d: b.find("#board-state").get_attribute("data-state") == "live", 15)
    row = f"li[data-dispatch-id='{dispatch_id}']"
    # board.js redraws the rows on every update: read them inside waits (no stale element)
    b.wait_for(lambda d: b.find(row).get_attribute("data-state") == "awaiting_ack")
    b.shot("board-awaiting-ack")
    # the unit acknowledges (its terminal uses the JSON API); the open board shows it
    ok(system.call("POST", f"/api/dispatches/{dispatch_id}/acknowledge", "command_center"))
    b.wait_for(lambda d: b.find(row).get_attribute("data-state") == "acknowledged", 15)
    b.wait_for(lambda d: "已确认" in b.find(row).text)
    b.shot("board-acknowledged")


def test_the_ledger_and_its_exports_agree_with_the_statistics(system, browser):
    ok(system.call("POST", "/api/applications", "officer", json=application()), 201)
    today = datetime.now(TZ).date().isoformat()
    b = browser
    b.login("committee_office")
    b.open("/ledger")
    b.set_value("#f-from", today)
    b.set_value("#f-to", today)
    b.fill("#f-by", "category")
    b.press(f"form[action='/ledger'] {SUBMIT}")
    b.wait_for(lambda d: "ledger-caption" in d.page_source)
    b.shot("ledger")
    stats = ok(system.call("GET", f"/api/ledger/stats?from={today}&to={today}&by=category",
                           "committee_office"))
    assert stats["total"] > 0
    shown = {}
    for tr in b.find_all("[aria-labelledby=ledger-caption] tbody tr"):
        cells = [c.text for c in tr.find_elements("css selector", "th, td")]
        shown[cells[0]] = [int(x) for x in cells[1:]]
    total_row = [int(c.text) for c in b.find_all("[aria-labelledby=ledger-caption] tfoot td")]
    assert len(shown) == len(stats["groups"])
    assert sum(v[0] for v in shown.values()) == stats["total"] == total_row[0]
    assert sorted(v[0] for v in shown.values()) == sorted(g["total"] for g in stats["groups"])

    cookies = {c["name"]: c["value"] for c in b.driver.get_cookies()}
    links = {a.text: a.get_attribute("href") for a in b.find_all("a.button[download]")}
    csv_link = next(h for t, h in links.items() if "CSV" in t)
    xlsx_link = next(h for t, h in links.items() if "Excel" in t)
    got_csv = requests.get(csv_link, cookies=cookies, timeout=30)
    got_xlsx = requests.get(xlsx_link, cookies=cookies, timeout=30)
    assert got_csv.status_code == 200 and got_xlsx.status_code == 200
    rows = list(csv.reader(io.StringIO(got_csv.content.decode("utf-8-sig"))))[1:]
    sheet = load_workbook(io.BytesIO(got_xlsx.content), read_only=True).active
    xrows = list(sheet.iter_rows(values_only=True))[1:]
    assert len(rows) == len(xrows) == stats["total"]
    by_category = {}
    for row in rows:
        by_category[row[2]] = by_category.get(row[2], 0) + 1
    assert sorted(by_category.values()) == sorted(g["total"] for g in stats["groups"])
    assert [r[0] for r in rows] == [r[0] for r in xrows]  # the same cases in both files

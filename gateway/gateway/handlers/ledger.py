"""The Art. 35 ledger: its statistics (JSON), and the cases they count as CSV and XLSX files.
intake counts and lists (ledger_stats, ledger_cases); the files are made here. Both files have
the same Chinese columns in the same order (COLUMNS); the CSV is UTF-8 with a byte-order mark
so Excel opens it with the Chinese intact."""
import csv
import io
from datetime import date

from eventlet import tpool
from werkzeug.wrappers import Response

from gateway.http import json_response
from gateway.labels import (CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, OUTCOME_LABELS_ZH,
                            STATUS_LABELS_ZH)
from gateway.operation import invoke

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _label(labels, code):
    return labels.get(code, code)


# (header, value of one row of intake's ledger_cases): the exports' columns, in this order.
COLUMNS = (
    ("案件编号", lambda r: r["case_no"]),
    ("收件日期", lambda r: r["received_on"]),
    ("侵权情形", lambda r: _label(CATEGORY_LABELS_ZH, r["category"])),
    ("申请渠道", lambda r: _label(CHANNEL_LABELS_ZH, r["channel"])),
    ("民警所在单位", lambda r: r["officer_unit"]),
    ("事发地点", lambda r: r["place"] or ""),
    ("案件状态", lambda r: _label(STATUS_LABELS_ZH, r["status"])),
    ("办理结果", lambda r: _label(OUTCOME_LABELS_ZH, r["outcome"])),
    ("受理决定日期", lambda r: r["decided_on"] or ""),
    ("办结日期", lambda r: r["concluded_on"] or ""),
    ("是否超期", lambda r: "是" if r["overdue"] else "否"),
)
HEADERS = tuple(header for header, _ in COLUMNS)
_DATES = {"收件日期", "受理决定日期", "办结日期"}


def table(items):
    """The export's rows (text, dates as YYYY-MM-DD), one per case, in intake's order."""
    return [[value(item) for _, value in COLUMNS] for item in items]


def csv_bytes(items):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(table(items))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(items, title="台账"):
    """One sheet: the header row, then one row per case; dates are Excel dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(HEADERS))
    for row in table(items):
        cells = []
        for header, value in zip(HEADERS, row):
            if header in _DATES and value:
                cell = WriteOnlyCell(sheet, value=date.fromisoformat(value))
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(value, str):
                # XML 1.0 has no control characters; a typed one must not fail the export
                cells.append(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
            else:
                cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ask(gw, request, op):
    """The bearer token's principal and the query string, asked through operation.invoke
    (early 403, the query contract, intake's RPC): the path the pages take too."""
    return invoke(gw, op, gw.principal(request), query=request.args)


def stats(gw, request, op):
    return json_response(_ask(gw, request, op))


def _off_hub(build, items):
    """A large export is seconds of CPU: build it in a real thread, so the gateway's hub keeps
    serving every other request meanwhile."""
    return tpool.execute(build, items)


# file kind -> (builder, mimetype)
FILES = {"csv": (csv_bytes, "text/csv"), "xlsx": (xlsx_bytes, XLSX)}


def export(answer, kind):
    """intake's ledger_cases answer as the CSV or XLSX download: the one way both the API's
    and the portal's export routes make their files."""
    build, mimetype = FILES[kind]
    name = f"ledger-{answer['from']}-{answer['to']}.{kind}"
    return Response(_off_hub(build, answer["items"]), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Total-Count": str(answer["total"])})


def cases_csv(gw, request, op):
    return export(_ask(gw, request, op), "csv")


def cases_xlsx(gw, request, op):
    return export(_ask(gw, request, op), "xlsx")

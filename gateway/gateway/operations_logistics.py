"""HTTP operations of the logistics office (logistics service): rows of the one operation
table (gateway.operations). Amounts go in as yuan (decimal string or number, at most two
places) and come back both as integer fen and as yuan."""
from weiquan.contracts import logistics as lc
from weiquan.contracts.answers import logistics as la

from gateway.operation import Operation as Op


def _lg(method, path, name, summary, action, rpc_method=None, **kw):
    return Op(method, path, name, summary, access=("logistics", action),
              rpc=("logistics", rpc_method or name), **kw)


OPERATIONS = (
    _lg("GET", "/api/funds", "list_funds", "Funds and their balances, by kind and year",
        "read_funds", query=lc.FundListQueryV1, answer=la.FundListV1),
    _lg("PUT", "/api/funds", "set_budget", "Set a fund's yearly budget and the approval "
        "thresholds (director up to director_limit, the committee above)", "set_budget",
        body=lc.SetBudgetV1, answer=la.FundV1, conflicts=True),
    _lg("GET", "/api/funds/{fund}/{year}/statement", "fund_statement",
        "Yearly fund statement: opening budget, approvals, disbursements, balance",
        "read_funds", answer=la.FundStatementV1),
    _lg("GET", "/api/payments", "list_payments", "Payment requests (filter by state, case, "
        "fund, or the approver role they await)", "read_payments",
        query=lc.PaymentListQueryV1, answer=la.PaymentListV1),
    _lg("POST", "/api/payments", "request_payment", "Request a payment on a case from a fund "
        "(Art. 25, 26); 409 when the case is closed or rejected", "request_payment",
        body=lc.PaymentRequestV1, answer=la.PaymentV1, status=201, idempotent=True,
        conflicts=True),
    _lg("POST", "/api/compensation-claims", "file_compensation_claim", "File a third party's "
        "compensation claim (Art. 4, 27): a payment request on the compensation fund",
        "file_compensation_claim", body=lc.CompensationClaimV1, answer=la.PaymentV1,
        status=201, idempotent=True, conflicts=True),
    _lg("GET", "/api/payments/{payment_id}", "get_payment", "Read a payment request",
        "read_payments", answer=la.PaymentV1),
    _lg("POST", "/api/payments/{payment_id}/review", "review_payment",
        "Logistics reviews a request (accept, or refuse with a reason)", "review_payment",
        body=lc.ReviewPaymentV1, answer=la.PaymentV1, conflicts=True),
    _lg("POST", "/api/payments/{payment_id}/approval", "approve_payment",
        "Approve or refuse within the approver's threshold; 409 fund_exhausted when the "
        "balance cannot cover it", "approve_payment", body=lc.ApprovePaymentV1,
        answer=la.PaymentV1, conflicts=True),
    _lg("POST", "/api/payments/{payment_id}/disbursement", "disburse",
        "Record the disbursement of an approved payment (voucher, paid at), once",
        "disburse_payment", body=lc.DisburseV1, answer=la.PaymentV1, conflicts=True),
)

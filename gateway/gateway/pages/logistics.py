"""Portal pages of the logistics office (logistics service): rows of the page table
(pages/table.py). Each POST row's access is the policy action of the operation it performs."""
from gateway.pages import (logistics_claims as claims, logistics_funds as funds,
                           logistics_payments as pay)
from gateway.pages.page import Page


def _lg(action):
    return ("logistics", action)


PAGES = (
    Page("GET", "/payments", "payments_page", "经费支付", pay.queue_page,
         access=_lg("read_payments"), nav="经费支付"),
    Page("GET", "/payments/new", "payment_request_form", "支付申请", pay.request_form,
         access=_lg("request_payment")),
    Page("POST", "/payments", "payment_request_submit", "支付申请", pay.request_submit,
         access=_lg("request_payment")),
    Page("GET", "/payments/{payment_id}", "payment_page", "支付申请详情", pay.payment_page,
         access=_lg("read_payments")),
    Page("POST", "/payments/{payment_id}/review", "payment_review_submit", "审核支付申请",
         pay.review_submit, access=_lg("review_payment")),
    Page("POST", "/payments/{payment_id}/approval", "payment_approval_submit", "审批支付申请",
         pay.approval_submit, access=_lg("approve_payment")),
    Page("POST", "/payments/{payment_id}/disbursement", "payment_disbursement_submit",
         "登记支付", pay.disbursement_submit, access=_lg("disburse_payment")),
    Page("GET", "/compensation-claims/new", "compensation_claim_form", "第三方损失补偿申请",
         claims.claim_form, access=_lg("file_compensation_claim")),
    Page("POST", "/compensation-claims", "compensation_claim_submit", "第三方损失补偿申请",
         claims.claim_submit, access=_lg("file_compensation_claim")),
    Page("GET", "/funds", "funds_page", "经费与预算", funds.funds_page,
         access=_lg("read_funds"), nav="经费"),
    Page("POST", "/funds", "budget_submit", "设定年度预算", funds.budget_submit,
         access=_lg("set_budget")),
    Page("GET", "/funds/{fund}/{year}", "fund_statement_page", "经费年度收支表",
         funds.statement_page, access=_lg("read_funds")),
)

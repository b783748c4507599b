"""A case's evidence pages (Art. 9(1), 9(7), 13): the list with its upload form, one piece of
evidence with its custody chain, verification, download and legal hold, web captures, and
takedowns of harmful posts. Each row's access is the policy rule of the operation it performs;
the uploads stream, so their CSRF token travels in the action URL (csrf=QUERY)."""
from gateway.pages import evidence_item, evidence_list, evidence_upload, takedown_pages
from gateway.pages.page import QUERY, Page

READ = ("evidence", "read")

PAGES = (
    Page("GET", "/evidence", "evidence_find_page", "网络取证与删除", evidence_list.find_case,
         access=("evidence", "web_capture"), nav="网络取证"),
    Page("GET", "/cases/{case_no}/evidence", "case_evidence_page", "案件证据",
         evidence_list.case_evidence, access=READ),
    Page("POST", "/cases/{case_no}/evidence", "evidence_upload_submit", "上传证据",
         evidence_upload.upload_submit, access=("evidence", "upload"), csrf=QUERY),
    Page("GET", "/cases/{case_no}/web-captures", "web_capture_page", "网页取证",
         evidence_upload.capture_form, access=("evidence", "web_capture")),
    Page("POST", "/cases/{case_no}/web-captures", "web_capture_submit", "网页取证",
         evidence_upload.capture_submit, access=("evidence", "web_capture"), csrf=QUERY),
    Page("POST", "/cases/{case_no}/takedowns", "takedown_request_submit", "申请删除有害信息",
         takedown_pages.request_submit, access=("evidence", "request_takedown")),
    Page("GET", "/evidence/{evidence_id}", "evidence_page", "证据详情",
         evidence_item.evidence_page, access=READ),
    Page("GET", "/evidence/{evidence_id}/verify", "evidence_verify_page", "校验保管链",
         evidence_item.verify_page, access=READ),
    Page("GET", "/evidence/{evidence_id}/download", "evidence_download", "下载证据",
         evidence_item.download, access=READ),
    Page("POST", "/evidence/{evidence_id}/hold", "evidence_hold_submit", "法律保全",
         evidence_item.hold_submit, access=("evidence", "hold")),
    Page("GET", "/takedowns/{takedown_id}", "takedown_page", "删除有害信息",
         takedown_pages.takedown_page, access=("evidence", "read_takedown")),
    Page("POST", "/takedowns/{takedown_id}/status", "takedown_status_submit", "更新删除进展",
         takedown_pages.status_submit, access=("evidence", "change_takedown")),
)

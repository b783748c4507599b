"""What the evidence pages show of the evidence service's answers: plain functions, no request.
The Chinese labels of the evidence code lists live here, next to the contract tuples they
cover (those lists are not in contracts/codes.py, so not in gateway/labels.py)."""
from weiquan.contracts import policy
from weiquan.contracts.answers.evidence import CUSTODY_ACTIONS, TAKEDOWN_STATUSES
from weiquan.contracts.policy.evidence import KINDS

from gateway.labels import label
from gateway.pages.views import local, minute_of

KIND_LABELS_ZH = {"video": "视频", "audio": "音频", "photo": "照片", "document": "文书材料",
                  "web_capture": "网页取证"}
CUSTODY_ACTION_LABELS_ZH = {"upload": "上传入库", "view": "查看", "download": "下载",
                            "share": "共享", "hold": "法律保全"}
TAKEDOWN_STATUS_LABELS_ZH = {"requested": "已申请删除", "submitted": "已报送平台",
                             "removed": "已删除", "refused": "平台拒绝删除"}
assert set(KIND_LABELS_ZH) == set(KINDS)
assert set(CUSTODY_ACTION_LABELS_ZH) == set(CUSTODY_ACTIONS)
assert set(TAKEDOWN_STATUS_LABELS_ZH) == set(TAKEDOWN_STATUSES)

# An upload form offers the file kinds; a web capture has its own form with its URL (Art. 9(7)).
UPLOAD_KINDS = [(k, KIND_LABELS_ZH[k]) for k in KINDS if k != "web_capture"]
# Where a takedown may go next. Mirrors evidence.domain.takedown.NEXT (a unit test holds them
# equal); the service decides, and a stale choice comes back as its 409 at the status field.
TAKEDOWN_NEXT = {"requested": ("submitted",), "submitted": ("removed", "refused"),
                 "removed": (), "refused": ()}
# What the evidence pages may offer whom, by the shared policy.
ABILITIES = ("upload", "web_capture", "hold", "request_takedown", "change_takedown",
             "read_takedown")


def abilities(principal):
    return {action: policy.allowed("evidence", action, principal) for action in ABILITIES}


def second_of(at):
    moment = local(at)
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def size_text(size):
    """Bytes as people read them: 512 字节, 12.3 KB, 4.0 MB."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} 字节"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"


def short_hash(value, length=12):
    return (value[:length] + "…") if value and len(value) > length else (value or "")


def item_row(item):
    """One row of a case's evidence list (EvidenceItemV1)."""
    return {"evidence_id": item["evidence_id"], "kind": label(KIND_LABELS_ZH, item["kind"]),
            "filename": item.get("filename") or "（无文件名）", "size": size_text(item.get("size")),
            "sha256": item.get("sha256") or "", "sha_short": short_hash(item.get("sha256")),
            "stored_at": minute_of(item.get("registered_at")),
            "who": item.get("acquired_by") or ""}


def custody_rows(entries):
    """The custody chain oldest first, in words."""
    return [{"seq": e["seq"], "action": label(CUSTODY_ACTION_LABELS_ZH, e["action"]),
             "actor": e["actor"], "at": second_of(e["at"]), "hash": short_hash(e.get("hash"), 16)}
            for e in sorted(entries, key=lambda e: e["seq"])]


def hold_view(hold):
    """A legal hold said honestly: whether the store itself enforces it."""
    if not hold or not hold.get("legal_hold"):
        return None
    return {"reason": hold.get("reason") or "", "by": hold.get("by") or "",
            "at": minute_of(hold.get("at")), "retain_until": minute_of(hold.get("retain_until")),
            "enforced": bool(hold.get("enforced")), "store_reason": hold.get("store_reason")}


def check_view(check):
    """verify_custody's answer in words (Chinese, English) and each problem found."""
    entries = check.get("entries")
    if check["valid"]:
        return {"valid": True, "zh": f"保管链完整：共 {entries} 条记录，逐条哈希相符，未发现增删或篡改。",
                "en": f"The custody chain is intact: {entries} entries, every hash matches.",
                "problems": []}
    problems = [{"where": f"第 {p['seq']} 条" if p.get("seq") is not None else "整条保管链",
                 "message": p["message"]} for p in check["problems"]]
    return {"valid": False,
            "zh": f"保管链异常：发现 {len(problems)} 处问题，记录可能被改动或删除，请报告网安大队。",
            "en": f"The custody chain is broken: {len(problems)} problem(s) found.",
            "problems": problems}


def evidence_view(answer):
    """The evidence's metadata (EvidenceV1) for its page."""
    capture = answer.get("web_capture") or None
    return {"evidence_id": answer["evidence_id"], "case_no": answer["case_no"],
            "kind": label(KIND_LABELS_ZH, answer["kind"]), "kind_code": answer["kind"],
            "filename": answer.get("filename") or "（无文件名）",
            "content_type": answer.get("content_type") or "",
            "detected_format": answer.get("detected_format") or "",
            "size": size_text(answer.get("size")), "bytes": answer.get("size"),
            "sha256": answer["sha256"], "source": answer.get("source") or "",
            "device": answer.get("device") or "",
            "acquired_at": minute_of(answer.get("acquired_at")),
            "acquired_by": answer.get("acquired_by") or "",
            "registered_at": minute_of(answer.get("registered_at")),
            "capture": capture and {"capture_id": capture.get("capture_id"),
                                    "url": capture.get("url") or "",
                                    "captured_at": minute_of(capture.get("captured_at")),
                                    "captured_by": capture.get("captured_by") or ""}}


def takedown_view(answer):
    """A takedown request (TakedownV1) with its history, oldest first, and where it may go."""
    return {"takedown_id": answer["takedown_id"], "case_no": answer.get("case_no") or "",
            "url": answer.get("url") or "", "platform": answer.get("platform") or "",
            "capture_id": answer.get("capture_id") or "",
            "status": label(TAKEDOWN_STATUS_LABELS_ZH, answer["status"]),
            "status_code": answer["status"], "requested_by": answer.get("requested_by") or "",
            "created_at": minute_of(answer.get("created_at")),
            "history": [{"status": label(TAKEDOWN_STATUS_LABELS_ZH, h["status"]),
                         "at": minute_of(h["at"]), "actor": h.get("actor") or "",
                         "note": h.get("note") or ""} for h in answer["history"]],
            "next": [(s, TAKEDOWN_STATUS_LABELS_ZH[s])
                     for s in TAKEDOWN_NEXT.get(answer["status"], ())]}

"""The HTTP answers' shapes (times in Asia/Shanghai)."""
from weiquan.config import TZ
from weiquan.contracts import messages


def iso(dt):
    return dt.astimezone(TZ).isoformat() if dt is not None else None


def evidence_view(row, entries, capture=None):
    view = {"evidence_id": row["id"], "case_no": row["case_no"], "kind": row["kind"],
            "filename": row["filename"], "content_type": row["content_type"],
            "detected_format": row["detected_format"], "size": row["size"],
            "sha256": row["sha256"], "source": row["source"], "device": row["device"],
            "acquired_at": iso(row["acquired_at"]), "acquired_by": row["acquired_by"],
            "registered_at": iso(row["registered_at"]), "hold": row["hold"],
            "custody": [{"seq": e["seq"], "action": e["action"], "actor": e["actor"],
                         "at": iso(e["at"]), "detail": e["detail"], "hash": e["hash"]}
                        for e in entries]}
    if capture is not None:
        view["web_capture"] = capture_view(capture)
    return view


def capture_view(row):
    return {"capture_id": row["id"], "url": row["url"], "captured_at": iso(row["captured_at"]),
            "sha256": row["sha256"], "captured_by": row["captured_by"],
            "evidence_id": row["evidence_id"]}


def takedown_view(row):
    return {"takedown_id": row["id"], "case_no": row["case_no"], "url": row["url"],
            "platform": row["platform"], "capture_id": row["capture_id"],
            "status": row["status"], "history": row["history"],
            "requested_by": row["requested_by"], "created_at": iso(row["created_at"])}


def listed_view(row):
    return {"evidence_id": row["id"], "kind": row["kind"], "filename": row["filename"],
            "size": row["size"], "sha256": row["sha256"],
            "registered_at": row["registered_at"].isoformat(), "acquired_by": row["acquired_by"]}


def custody_problems_view(problems):
    """verify_custody's findings as the answer shows them: seq, code and the bilingual text."""
    return [{"seq": p["seq"], "code": p["code"],
             "message": " / ".join(messages.text_of(p["code"], p["facts"]))}
            for p in problems]

"""OpenAPI entries of the evidence routes (uploads, custody, downloads, holds, web captures,
takedowns), added to gateway.openapi.OPENAPI by ``extend``."""

KINDS = ("video", "audio", "photo", "document", "web_capture")


def extend(spec, h):
    """``h`` is gateway.openapi: its helpers (_op, _obj, _q, _enum, _ref, ...)."""
    _op, _q, _enum, _STR, _DT = h._op, h._q, h._enum, h._STR, h._DT
    _INT, _BOOL = {"type": "integer"}, {"type": "boolean"}
    _BIN = {"type": "string", "format": "binary"}
    _ID = {"name": "evidence_id", "in": "path", "required": True, "schema": _STR}
    _TD = {"name": "takedown_id", "in": "path", "required": True, "schema": _STR}
    entry = h._obj(("seq", "action", "actor", "at"), seq=_INT, action=_enum(
        ("upload", "view", "download", "share", "hold")), actor=_STR, at=_DT,
        detail={"type": "object"}, hash=_STR)
    spec["components"]["schemas"].update({
        "EvidenceStored": h._obj(("evidence_id", "sha256", "size"), evidence_id=_STR,
                                 sha256=_STR, size=_INT, capture_id=_STR, url=_STR,
                                 captured_at=_DT),
        "Evidence": h._obj(("evidence_id", "case_no", "kind", "sha256", "size", "custody"),
                           evidence_id=_STR, case_no=_STR, kind=_enum(KINDS), filename=_STR,
                           content_type=_STR, detected_format=_STR, size=_INT, sha256=_STR,
                           source=_STR, device=_STR, acquired_at=_DT, acquired_by=_STR,
                           registered_at=_DT, hold={"type": "object", "nullable": True},
                           custody={"type": "array", "items": entry},
                           web_capture={"type": "object"}),
        "CustodyCheck": h._obj(("valid", "problems"), valid=_BOOL, problems={
            "type": "array", "items": h._obj(("code", "message"), seq=_INT, code=_STR,
                                             message=_STR)}),
        "Hold": h._obj(("reason",), reason=_STR, retain_until={
            **_DT, "description": "optional GOVERNANCE retention date"}),
        "HoldApplied": h._obj(("legal_hold", "enforced", "store_reason"), legal_hold=_BOOL,
                              enforced={**_BOOL, "description": "false unless a probe showed "
                                        "the store refuses to delete a held version and "
                                        "refuses unknown credentials (moto: false)"},
                              store_reason=_STR, retain_until=_DT, reason=_STR),
        "TakedownRequest": h._obj(("url", "platform"), url=_STR, platform=_STR,
                                  capture_id=_STR, note=_STR),
        "TakedownStatus": h._obj(("status",), status=_enum(("submitted", "removed", "refused")),
                                 note=_STR, at=_DT),
        "Takedown": h._obj(("takedown_id", "status", "history"), takedown_id=_STR,
                           case_no=_STR, url=_STR, platform=_STR, capture_id=_STR,
                           status=_enum(("requested", "submitted", "removed", "refused")),
                           history={"type": "array", "items": h._obj(
                               ("status", "at"), status=_STR, at=_DT, note=_STR, actor=_STR)}),
    })
    upload_body = {"required": True, "content": {
        "multipart/form-data": {"schema": h._obj(("kind", "file"), kind=_enum(KINDS),
                                                 source=_STR, device=_STR, acquired_at=_DT,
                                                 file=_BIN),
                                "encoding": {"file": {"contentType": "*/*"}}},
        "application/octet-stream": {"schema": _BIN}},
        "description": "Streamed, any size. Multipart: fields before the `file` part. Raw: "
                       "`?kind=&filename=`; a body shorter than its Content-Length is a 400 "
                       "`length_mismatch`; content must fit the kind (422 `content_mismatch`)."}
    upload = _op("Upload evidence (streamed; SHA-256 computed, stored object verified)",
                 "command_center, cyber_brigade, committee_office, applicant roles",
                 ok=("201", "EvidenceStored"),
                 params=(h._CASE_NO, _q("kind", _enum(KINDS)), _q("filename", _STR),
                         _q("source", _STR), _q("device", _STR), _q("acquired_at", _DT)))
    upload["requestBody"] = upload_body
    capture = _op("Web capture (Art. 9(7)): the captured page as web_capture evidence",
                  "cyber_brigade", ok=("201", "EvidenceStored"),
                  params=(h._CASE_NO, _q("url", _STR), _q("captured_at", _DT),
                          _q("filename", _STR)))
    capture["requestBody"] = upload_body
    download = _op("Download: 302 to a presigned link valid 5 minutes; logged in custody",
                   "roles with access to the case", params=(_ID,))
    download["responses"] = {"302": {"description": "Location: presigned URL"},
                             **{k: v for k, v in h._ERRORS.items() if k in ("401", "403", "404",
                                                                            "503")}}
    spec["paths"].update({
        "/api/cases/{case_no}/evidence": {"post": upload, "get": _op(
            "List a case's evidence", "roles with access to the case", params=(h._CASE_NO,),
            ok=("200", "Evidence"))},
        "/api/cases/{case_no}/web-captures": {"post": capture},
        "/api/evidence/{evidence_id}": {"get": _op(
            "Evidence metadata and custody chain (oldest first); logs a view",
            "roles with access to the case", ok=("200", "Evidence"), params=(_ID,))},
        "/api/evidence/{evidence_id}/download": {"get": download},
        "/api/evidence/{evidence_id}/verify": {"get": _op(
            "Recompute the custody hash chain", "roles with access to the case",
            ok=("200", "CustodyCheck"), params=(_ID,))},
        "/api/evidence/{evidence_id}/hold": {"post": _op(
            "Legal hold (and retention), recorded with whether the store enforces it",
            "committee_office, cyber_brigade", "Hold", ok=("200", "HoldApplied"),
            params=(_ID,))},
        "/api/cases/{case_no}/takedowns": {"post": _op(
            "Request takedown of a harmful post", "cyber_brigade", "TakedownRequest",
            ok=("201", "Takedown"), params=(h._CASE_NO,))},
        "/api/takedowns/{takedown_id}": {"get": _op(
            "A takedown request and its history", "cyber_brigade, committee",
            ok=("200", "Takedown"), params=(_TD,))},
        "/api/takedowns/{takedown_id}/status": {"post": _op(
            "requested -> submitted -> removed | refused", "cyber_brigade", "TakedownStatus",
            ok=("200", "Takedown"), params=(_TD,))},
    })

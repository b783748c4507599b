"""One existing object of the publicity office behind its path parameter: a statement on the
known case taken through review and published with scope public, so the staff page, the
public page and their API operations all open it (for the contract fuzzing and the browser
tier, through tests/support/known.py)."""


def _ok(response):
    assert response.status_code in (200, 201), response.text
    return response.json()


def publicity_objects(system, case_no):
    base = "/api/publicity/statements"
    sid = _ok(system.call("POST", base, "publicity", json={
        "kind": "typical_case", "case_no": case_no, "title": "依法惩处辱骂民警行为典型案例",
        "body": "民警依法处置警情时遭辱骂，侵权人已被依法处理。"}))["statement_id"]
    for tail, user, body in (("submission", "publicity", None),
                             ("legal-review", "legal_affairs", {"approve": True}),
                             ("committee-approval", "committee_director", {"approve": True}),
                             ("publication", "publicity", {"scope": "public"})):
        _ok(system.call("POST", f"{base}/{sid}/{tail}", user,
                        **({"json": body} if body else {})))
    return {"statement_id": sid}

"""One existing object of legal affairs behind each of its path parameters: a counsel, an
assignment, a determination with mitigating factors, an open appeal and an open review on
the known case (for the contract fuzzing and the browser tier, through
tests/support/known.py: ``**legal_objects(system, case_no)``)."""
import uuid


def _ok(response):
    assert response.status_code in (200, 201), response.text
    return response.json()


def legal_objects(system, case_no):
    post = lambda path, body: _ok(system.call("POST", path, "legal_affairs",  # noqa: E731
                                              json=body))
    counsel = post("/api/legal/counsel", {
        "name": f"孙律师{uuid.uuid4().hex[:4]}", "firm": "明理律师事务所",
        "specialities": ["criminal_victim", "civil_tort"], "capacity": 50})
    assignment = post("/api/legal/assignments", {"case_no": case_no,
                                                 "speciality": "criminal_victim",
                                                 "counsel_id": counsel["counsel_id"]})
    determination = post("/api/legal/determinations", {
        "case_no": case_no, "officer": "360721001", "team": ["360721101"],
        "findings": "受客观条件限制，处置存在瑕疵", "classification": "flaw",
        "outcome": "reduce", "mitigating_factors": ["objective_conditions"]})
    appeal = post("/api/legal/appeals", {"case_no": case_no, "scale": "liability",
                                         "appealed": "reduce", "statement": "不服减责"})
    review = post("/api/legal/reviews", {"case_no": case_no, "discipline": "warning",
                                         "complaint": "因信访施压被警告"})
    return {"counsel_id": counsel["counsel_id"], "assignment_id": assignment["assignment_id"],
            "determination_id": determination["determination_id"],
            "appeal_id": appeal["appeal_id"], "review_id": review["review_id"]}

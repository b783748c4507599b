"""Training (Art. 32): the sessions held with the form that records one, and one session's
attendance with the form that adds attendees by police id (one per line)."""
import re

from gateway.pages.forms import submit
from gateway.pages.welfare_views import text_fields, training_row, values_of

LABELS = {"title": "培训名称", "topic": "培训内容", "held_at": "培训时间", "trainer": "授课人",
          "police_ids": "参训民警警号"}


def trainings_page(ctx, values=None, errors=None, message=None, status=200):
    answer = ctx.perform("list_trainings", query={"page_size": "100"})
    return ctx.render("welfare_trainings.html", http_status=status,
                      trainings=[training_row(t) for t in answer["items"]],
                      total=answer["total"], values=values or {}, errors=errors or {},
                      message=message, L=LABELS, label_of=lambda n: LABELS.get(n, n))


def create_submit(ctx):
    form = ctx.request.form
    body = text_fields(form, ("title", "topic", "held_at", "trainer"), times=("held_at",))
    return submit(ctx, "create_training", body=body,
                  again=lambda errors, message, status: trainings_page(
                      ctx, values_of(form), errors, message, status),
                  done=lambda answer: f"/welfare/trainings/{answer['training_id']}")


def training_page(ctx, training_id, values=None, errors=None, message=None, status=200):
    training = training_row(ctx.perform("get_training", training_id))
    return ctx.render("welfare_training.html", http_status=status,
                      title=f"教育培训 {training['title']}", training=training,
                      values=values or {}, errors=errors or {}, message=message, L=LABELS,
                      label_of=lambda n: LABELS.get(n, n),
                      added=ctx.request.args.get("done") == "attendance")


def _police_ids(text):
    return [p for p in re.split(r"[\s,，、]+", text or "") if p]


def _field_errors(errors):
    """A bad line of the list is shown at the one box: which line, and why."""
    found = {}
    for name, text in errors.items():
        match = re.fullmatch(r"police_ids\.(\d+)", name)
        found["police_ids" if match else name] = (
            f"第 {int(match.group(1)) + 1} 个：{text}" if match else text)
    return found


def attendance_submit(ctx, training_id):
    form = ctx.request.form
    return submit(ctx, "record_attendance", training_id,
                  body={"police_ids": _police_ids(form.get("police_ids"))},
                  again=lambda errors, message, status: training_page(
                      ctx, training_id, values_of(form), _field_errors(errors), message,
                      status),
                  done=lambda answer: f"/welfare/trainings/{training_id}?done=attendance")

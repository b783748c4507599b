"""One green channel (Art. 28): what the office knows (hospital, contact, state, history) with
the form that updates it and the one that closes it with an outcome. Both are the JSON API's
operations; a refusal re-renders the page with the message at the field."""
from gateway.pages.forms import submit
from gateway.pages.welfare_views import CHOICES, channel_row, text_fields, values_of

NOTICES = {"updated": ("已保存。", "Saved."),
           "closed": ("就医绿色通道已关闭。", "The green channel is closed.")}
LABELS = {"hospital": "就医医院", "contact": "联系人及电话", "state": "救治状态",
          "outcome": "救治结果"}


def green_page(ctx, item_id, values=None, errors=None, message=None, active=None,
               status=200):
    channel = channel_row(ctx.perform("get_green_channel", item_id))
    values = values or {"hospital": channel.get("hospital") or "",
                        "contact": channel.get("contact") or "", "state": channel["state"]
                        if channel["state"] != "closed" else ""}
    return ctx.render("welfare_green.html", http_status=status,
                      title=f"就医绿色通道 {channel['case_no']}", channel=channel,
                      values=values, errors=errors or {}, message=message, active=active,
                      L=LABELS, label_of=lambda n: LABELS.get(n, n), choices=CHOICES,
                      done=NOTICES.get(ctx.request.args.get("done") or ""))


def _again(ctx, item_id, form, active):
    def again(errors, message, status):
        return green_page(ctx, item_id, values_of(form), errors, message, active, status)
    return again


def update_submit(ctx, item_id):
    form = ctx.request.form
    return submit(ctx, "update_green_channel", item_id,
                  body=text_fields(form, ("hospital", "contact", "state")),
                  again=_again(ctx, item_id, form, "update"),
                  done=lambda answer: f"/welfare/green-channels/{item_id}?done=updated")


def close_submit(ctx, item_id):
    form = ctx.request.form
    return submit(ctx, "close_green_channel", item_id, body=text_fields(form, ("outcome",)),
                  again=_again(ctx, item_id, form, "close"),
                  done=lambda answer: f"/welfare/green-channels/{item_id}?done=closed")

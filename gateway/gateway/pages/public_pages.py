"""The public page (no login): statements published with scope public, current versions only.
It asks the same public operations the JSON API has; anything else is simply not there."""
from gateway.pages.publicity_views import public_row


def list_page(ctx):
    answer = ctx.perform("list_public_statements", query={"page_size": "50"})
    return ctx.render("public_list.html", rows=[public_row(s) for s in answer["items"]],
                      total=answer["total"])


def statement_page(ctx, statement_id):
    s = public_row(ctx.perform("get_public_statement", statement_id))
    return ctx.render("public_statement.html", s=s, title=s["title"])

"""The medical green channel (Art. 28): the office records the hospital and a contact, the
treatment state, and closes it with an outcome. The case sees only the work item's summary."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.welfare import (GreenChannelCloseV1, GreenChannelQueryV1,
                                       GreenChannelUpdateV1)

from welfare import events
from welfare.domain import rules
from welfare.handlers.common import authorized, filters_of, found
from welfare.repository import WelfareRepository
from welfare.views import channel_view, page


def get(store, item_id, principal):
    authorized(principal, "read_welfare")
    with store.session() as session:
        return channel_view(found(WelfareRepository(session).get_channel(item_id),
                                  "green_channel", item_id))


def list_(store, filters, principal):
    authorized(principal, "read_welfare")
    loaded, offset, limit = filters_of(GreenChannelQueryV1, filters)
    with store.session() as session:
        total, found_ = WelfareRepository(session).list_channels(loaded.get("state"), offset,
                                                                 limit)
    return page([channel_view(c) for c in found_], loaded, total)


def update(store, now, item_id, command, principal):
    principal = authorized(principal, "update_green_channel")
    cmd = load_or_error(GreenChannelUpdateV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        channel = found(repo.get_channel(item_id, for_update=True), "green_channel", item_id)
        item = repo.get_item(item_id, for_update=True)
        rules.update_green_channel(channel, item, cmd, principal, now)
        repo.save_channel(channel)
        repo.save_item(item)
        events.announce(uow, item)
    return channel_view(channel)


def close(store, now, item_id, command, principal):
    principal = authorized(principal, "update_green_channel")
    cmd = load_or_error(GreenChannelCloseV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        channel = found(repo.get_channel(item_id, for_update=True), "green_channel", item_id)
        item = repo.get_item(item_id, for_update=True)
        rules.close_green_channel(channel, item, cmd["outcome"], principal, now)
        repo.save_channel(channel)
        repo.save_item(item)
        events.announce(uow, item)
    return channel_view(channel)

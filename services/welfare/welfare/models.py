"""welfare's own tables. Only welfare reads or writes them."""
from sqlalchemy import MetaData

from weiquan.kit.inbox import inbox_table
from weiquan.kit.outbox import outbox_table

metadata = MetaData()

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)

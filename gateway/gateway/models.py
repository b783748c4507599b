"""The gateway's own tables: portal users and their roles, and the portal's page sessions."""
from sqlalchemy import Boolean, Column, MetaData, String, Table, Text, false

from weiquan.kit.db import UtcDateTime

metadata = MetaData()

users = Table(
    "users", metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("roles", String(300), nullable=False),          # comma separated role names
    Column("name", String(50)),
    Column("police_id", String(20)),                       # officers: whose cases concern them
    Column("unit", String(100)),                           # unit liaisons and officers
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("care_mode", Boolean, nullable=False, default=False, server_default=false()),  # 关怀版
)

# A page session (cookie wq_session). Only the SHA-256 of the session id is stored, so the
# table's contents cannot be replayed as cookies. principal: the JSON claims at login.
page_sessions = Table(
    "page_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False, index=True),
    Column("principal", Text, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False, index=True),
)

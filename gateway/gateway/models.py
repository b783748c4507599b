"""The gateway's own table: portal users and their roles."""
from sqlalchemy import Boolean, Column, MetaData, String, Table

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
)

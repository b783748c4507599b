"""One demo account per role, created by `make run` in development only."""
from datetime import datetime, timezone

from sqlalchemy import insert, select

from weiquan.contracts.codes import ROLES

from gateway.models import users
from gateway.passwords import hash_password

PROFILES = {
    "officer": {"name": "张伟", "police_id": "360721001", "unit": "城关派出所"},
    "relative": {"name": "李娜"},
    "unit_liaison": {"name": "王强", "unit": "城关派出所"},
}


def ensure_demo_users(session, password):
    existing = set(session.execute(select(users.c.username)).scalars())
    hashed = hash_password(password)
    for role in ROLES:
        if role in existing:
            continue
        profile = PROFILES.get(role, {"name": role})
        session.execute(insert(users).values(
            username=role, password_hash=hashed, roles=role, active=True,
            created_at=datetime.now(timezone.utc), **profile))

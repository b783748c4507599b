"""Who is calling: login against the users table, bearer tokens on every other request."""
import jwt
from sqlalchemy import select

from weiquan.kit.errors import AppError, forbidden

from gateway import tokens
from gateway.models import users
from gateway.passwords import DUMMY_HASH, verify_password


def unauthorized(zh="请先登录", en="Login required"):
    return AppError("unauthorized", zh, en, status=401)


def login(session, username, password, secret):
    row = session.execute(select(users).where(users.c.username == username)).mappings().first()
    ok = verify_password(password, row["password_hash"] if row else DUMMY_HASH)
    if not (row and ok and row["active"]):
        raise unauthorized("用户名或密码错误", "Wrong username or password")
    user = dict(row)
    user["roles"] = [r for r in row["roles"].split(",") if r]
    return tokens.issue(user, secret), user["roles"]


def principal_of(request, secret):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise unauthorized()
    try:
        return tokens.read(token.strip(), secret)
    except jwt.ExpiredSignatureError:
        raise unauthorized("登录已过期，请重新登录", "Token expired; log in again") from None
    except jwt.InvalidTokenError:
        raise unauthorized("令牌无效", "Invalid token") from None


def require_role(principal, allowed):
    if not set(principal["roles"]) & set(allowed):
        raise forbidden()

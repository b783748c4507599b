"""The error object of the HTTP contract, raised by adapters (gateway, RPC edges) and rendered
once by the gateway. Domain rules raise ``weiquan.errors`` instead; ``from_domain`` maps those.

Services return errors over RPC as plain dicts (``to_dict``) so no exception type crosses the
bus; the gateway turns them back into HTTP answers.
"""
from weiquan import errors as domain
from weiquan.contracts import messages

# The one place a domain error becomes an HTTP status.
STATUS_OF = ((domain.NotFound, 404), (domain.NotAllowed, 403), (domain.Invalid, 422),
             (domain.Conflict, 409), (domain.DomainError, 422))


class AppError(Exception):
    status = 400

    def __init__(self, code, message_zh, message_en, fields=None, status=None, extra=None):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message = f"{message_zh} / {message_en}"
        self.fields = fields or {}
        if status is not None:
            self.status = status
        self.extra = extra or {}

    def to_dict(self):
        body = {"code": self.code, "message": self.message, "fields": self.fields}
        body.update(self.extra)
        return {"error": body, "status": self.status}

    @classmethod
    def from_dict(cls, data):
        err = dict(data["error"])
        message = err.pop("message")
        zh, _, en = message.partition(" / ")
        code = err.pop("code")
        fields = err.pop("fields", {})
        return cls(code, zh, en, fields=fields, status=data.get("status", 400), extra=err)


def validation_error(fields):
    return AppError("validation_failed", "请求数据校验失败", "Request validation failed",
                    fields=fields, status=422)


def not_found(what_zh, what_en, ident):
    return AppError("not_found", f"{what_zh}不存在: {ident}", f"{what_en} not found: {ident}",
                    status=404)


def forbidden(zh="无权执行此操作", en="You are not allowed to do this"):
    return AppError("forbidden", zh, en, status=403)


def conflict(code, zh, en, **extra):
    return AppError(code, zh, en, status=409, extra=extra)


def from_domain(exc: domain.DomainError) -> AppError:
    """The contract's error object for a domain error: status by its kind, text by its code
    (or its ``reason``), and each field it names with the text of that field's problem."""
    status = next(code for kind, code in STATUS_OF if isinstance(exc, kind))
    zh, en = messages.text_of(exc.reason or exc.code, exc.details)
    per_field = getattr(exc, "per_field", {})
    fields = {f: messages.field_text(f, problem, {**exc.details, **per_field.get(f, {})})
              for f, problem in (getattr(exc, "fields", None) or {}).items()}
    extra = {} if isinstance(exc, (domain.NotFound, domain.Invalid)) else dict(exc.details)
    return AppError(exc.code, zh, en, fields=fields, status=status, extra=extra)


def failure(code, status, reason=None, field=None, **facts):
    """An adapter's failure (object store, transport, signature: not a domain fact) with its
    own status and its text from the same catalogue; ``reason`` picks a more specific
    message, ``field`` names the request field it is about."""
    key = reason or code
    zh, en = messages.text_of(key, facts)
    fields = {field: messages.field_text(field, key, facts)} if field else {}
    return AppError(code, zh, en, fields=fields, status=status)

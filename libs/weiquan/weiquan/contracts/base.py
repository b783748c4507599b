"""Strict marshmallow schemas whose errors read in Chinese and English and name the field."""
from datetime import datetime

from marshmallow import RAISE, Schema, ValidationError, fields, validate

_MESSAGES = {
    fields.Field: {"required": "缺少必填字段 / Missing required field.",
                   "null": "不能为空 / Field may not be null.",
                   "validator_failed": "取值无效 / Invalid value."},
    fields.String: {"invalid": "应为字符串 / Not a valid string."},
    fields.Boolean: {"invalid": "应为布尔值 true/false / Not a valid boolean."},
    fields.Integer: {"invalid": "应为整数 / Not a valid integer."},
    fields.DateTime: {"invalid": "日期时间格式无效，应为 ISO 8601 / Not a valid ISO 8601 datetime.",
                      "invalid_awareness": "日期时间须带时区 / Datetime must include a time zone."},
    fields.Date: {"invalid": "日期格式无效，应为 YYYY-MM-DD / Not a valid date (YYYY-MM-DD)."},
    fields.Nested: {"type": "应为对象 / Must be an object."},
    fields.List: {"invalid": "应为列表 / Must be a list."},
    fields.UUID: {"invalid_uuid": "应为 UUID / Not a valid UUID."},
}
for _cls, _msgs in _MESSAGES.items():
    _cls.default_error_messages = {**_cls.default_error_messages, **_msgs}


class StrictSchema(Schema):
    """Unknown fields are refused: a typo must not be silently dropped."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "未知字段 / Unknown field.",
                      "type": "请求体应为 JSON 对象 / Body must be a JSON object."}


def one_of(choices, what_zh="取值"):
    listed = ", ".join(choices)
    return validate.OneOf(choices, error=f"{what_zh}无效，应为: {listed} / Must be one of: {listed}.")


def _not_blank(value):
    if not value.strip():
        raise ValidationError("不能为空白 / Must not be blank.")


def text(max_len, required=True, **kw):
    return fields.String(required=required, validate=[_not_blank, validate.Length(
        max=max_len,
        error=f"长度应在 1 到 {max_len} 之间 / Length must be between 1 and {max_len}.")], **kw)


class StrictBoolean(fields.Boolean):
    """JSON true/false only: "yes", 1 or "on" are refused rather than guessed."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def flag(**kw):
    return StrictBoolean(**kw)


class AwareDateTime(fields.AwareDateTime):
    """ISO 8601 with an offset; naive values are refused rather than guessed."""


def flatten_errors(messages, prefix=""):
    """{'officer': {'police_id': ['..']}} -> {'officer.police_id': '..'}"""
    flat = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "_schema":
                path = prefix or "_body"
            flat.update(flatten_errors(value, path))
    elif isinstance(messages, list):
        if all(isinstance(m, str) for m in messages):
            flat[prefix or "_body"] = " ".join(messages)
        else:
            for i, value in enumerate(messages):
                flat.update(flatten_errors(value, f"{prefix}[{i}]"))
    else:
        flat[prefix or "_body"] = str(messages)
    return flat


_INSTANCES = {}


def instance(schema):
    """One reusable instance per schema class: building schemas (and their nested ones) on
    every request was a tenth of a submission's CPU time."""
    if isinstance(schema, type):
        if schema not in _INSTANCES:
            _INSTANCES[schema] = schema()
        return _INSTANCES[schema]
    return schema


UNSTORABLE = "不能包含空字符（NUL）或无效的 Unicode 字符 / Must not contain NUL or invalid " \
             "Unicode characters."


def unstorable(data, path=""):
    """Paths of the strings no database stores as text: a NUL character (PostgreSQL refuses
    it) or a lone surrogate (not UTF-8). JSON allows both; the contract does not."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return [path or "_body"]
        return [path or "_body"] if "\x00" in data else []
    if isinstance(data, dict):
        return [p for k, v in data.items()
                for p in unstorable(k, f"{path}.{k}" if path else str(k)) +
                unstorable(v, f"{path}.{k}" if path else str(k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in unstorable(v, f"{path}[{i}]")]
    return []


def load_or_error(schema, data):
    """Validate; raise the contract's 422 error object naming every bad field."""
    from weiquan.kit.errors import validation_error
    bad = unstorable(data)
    if bad:
        raise validation_error({p: UNSTORABLE for p in bad})
    schema = instance(schema)
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise validation_error(flatten_errors(exc.messages)) from None


def iso(dt: datetime) -> str:
    return dt.isoformat()

"""Field types the contract needs beyond marshmallow's own."""
from datetime import date, datetime

from marshmallow import ValidationError, fields

from weiquan.config import TZ


class LocalDateOrDateTime(fields.Field):
    """Accepts 'YYYY-MM-DD' (a Shanghai calendar day) or an ISO 8601 datetime with offset."""

    default_error_messages = {
        "invalid": "应为日期 YYYY-MM-DD 或带时区的 ISO 8601 日期时间 / "
                   "Must be a date YYYY-MM-DD or an ISO 8601 datetime with offset."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            if len(value) == 10:
                d = date.fromisoformat(value)
                return datetime(d.year, d.month, d.day, tzinfo=TZ)
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise self.make_error("invalid") from None
        if dt.tzinfo is None:
            raise ValidationError("日期时间须带时区 / Datetime must include a time zone.")
        return dt

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()

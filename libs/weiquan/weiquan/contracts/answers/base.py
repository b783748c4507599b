"""Helpers for answer schemas: open objects, nullable values, Shanghai date-times."""
from marshmallow import EXCLUDE, Schema, fields, validate


class Answer(Schema):
    """An answer object; fields it does not list are allowed (additionalProperties)."""

    class Meta:
        unknown = EXCLUDE
        # apispec omits additionalProperties for EXCLUDE: any other property may appear


def when(**kw):
    return fields.DateTime(**kw)


def maybe(field_cls, *args, **kw):
    return field_cls(*args, allow_none=True, **kw)


def enum(values, **kw):
    return fields.String(validate=validate.OneOf(values), **kw)


def listing(schema, **kw):
    return fields.List(fields.Nested(schema), **kw)


class Page(Answer):
    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)

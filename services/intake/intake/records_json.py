"""The typed records of a case (domain/records.py) to and from their JSON columns. The JSON
keys are the field names, as in the rows written when records were dicts, so old rows load;
datetimes are revived by the field's declared type, not by a list of key names."""
import typing
from dataclasses import fields
from datetime import datetime
from functools import lru_cache

from intake.domain.records import record_fields


def to_json(record):
    if record is None:
        return None
    return {k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in record_fields(record).items()}


@lru_cache(maxsize=None)
def _datetime_fields(cls):
    """Names of the fields typed ``datetime`` or ``Optional[datetime]``."""
    hints = typing.get_type_hints(cls)
    return frozenset(f.name for f in fields(cls)
                     if hints[f.name] is datetime or datetime in typing.get_args(hints[f.name]))


def from_json(cls, data):
    """A record of ``cls`` from its stored dict (None stays None); an unknown key is an error
    (it would be lost on the next save)."""
    if data is None:
        return None
    times = _datetime_fields(cls)
    return cls(**{k: (datetime.fromisoformat(v) if k in times and isinstance(v, str) else v)
                  for k, v in data.items()})


def incident_to_json(incident):
    """The incident as filed: a plain dict whose one moment is ``occurred_at``."""
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in incident.items()}


def incident_from_json(data):
    value = data.get("occurred_at")
    if isinstance(value, str):
        return {**data, "occurred_at": datetime.fromisoformat(value)}
    return data

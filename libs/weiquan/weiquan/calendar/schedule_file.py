"""The administrator's calendar file: official State Council schedules for years the
``chinese_calendar`` package does not cover yet.

The file is edited by hand, so it is validated strictly: a typo must fail loudly at load time
instead of silently shifting every deadline of a year.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

ENTRY_KEYS = {"source", "days_off", "working_days"}


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule: holiday days off and weekend days made working days."""

    year: int
    days_off: frozenset
    working_days: frozenset
    source: str = ""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys; PyYAML would keep the last one silently."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ValueError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _as_date(value, where):
    # datetime is a date subclass; a timestamp here is almost certainly a typo.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{where}: {value!r} is not a date (write YYYY-MM-DD)")


def _as_year(value, where):
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9998:
        raise ValueError(f"{where}: {value!r} is not a year")
    return value


def _date_list(values, year, where):
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise ValueError(f"{where}: expected a list of dates, got {type(values).__name__}")
    result = set()
    for value in values:
        day = _as_date(value, where)
        if day.year != year:
            raise ValueError(f"{where}: {day.isoformat()} does not belong to year {year}")
        if day in result:
            raise ValueError(f"{where}: {day.isoformat()} is listed twice")
        result.add(day)
    return frozenset(result)


def make_schedule(year, days_off, working_days, source="", where=None) -> YearSchedule:
    """Validate one year's official data; shared by the file loader and ``with_schedule``."""
    year = _as_year(year, where or "schedule")
    where = where or f"schedule {year}"
    if not isinstance(source, str):
        raise ValueError(f"{where}: source must be a string")
    off = _date_list(days_off, year, f"{where}: days_off")
    work = _date_list(working_days, year, f"{where}: working_days")
    if not off:
        raise ValueError(f"{where}: days_off is empty; an official schedule always has days off")
    both = sorted(off & work)
    if both:
        raise ValueError(f"{where}: {both[0].isoformat()} is in both days_off and working_days")
    weekdays = sorted(d for d in work if d.weekday() < 5)
    if weekdays:
        raise ValueError(
            f"{where}: working_days: {weekdays[0].isoformat()} is a weekday; "
            "only weekend days made working days belong here"
        )
    return YearSchedule(year=year, days_off=off, working_days=work, source=source.strip())


def parse_schedules(data, origin="calendar file") -> dict[int, YearSchedule]:
    """Turn the loaded YAML document into ``{year: YearSchedule}``."""
    if not isinstance(data, dict) or "years" not in data:
        raise ValueError(f"{origin}: expected a mapping with a top-level 'years' key")
    unknown = sorted(map(str, set(data) - {"years"}))
    if unknown:
        raise ValueError(f"{origin}: unknown top-level key(s): {', '.join(unknown)}")
    years = data["years"]
    if years is None:  # "years:" with nothing under it
        return {}
    if not isinstance(years, dict):
        raise ValueError(f"{origin}: 'years' must be a mapping of year -> schedule")
    schedules = {}
    for raw_year, entry in years.items():
        year = _as_year(raw_year, f"{origin}: years")
        where = f"{origin}: year {year}"
        if year in schedules:
            raise ValueError(f"{where}: listed twice")
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping with source, days_off, working_days")
        unknown = sorted(map(str, set(entry) - ENTRY_KEYS))
        if unknown:
            raise ValueError(f"{where}: unknown key(s): {', '.join(unknown)}")
        missing = sorted(ENTRY_KEYS - set(entry))
        if missing:
            raise ValueError(f"{where}: missing key(s): {', '.join(missing)}")
        source = entry["source"]
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"{where}: source must name the State Council notice")
        working = entry["working_days"] if entry["working_days"] is not None else []
        schedules[year] = make_schedule(year, entry["days_off"], working, source, where)
    return schedules


def load_schedule_file(path) -> dict[int, YearSchedule]:
    """Read and validate the administrator file at ``path``."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    return parse_schedules(data, str(path))

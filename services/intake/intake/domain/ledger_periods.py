"""The ledger's trend periods (Art. 35): which range a trend covers when none is asked for, the
previous period of equal length it is compared with, and the months it is drawn in. Pure date
arithmetic on Asia/Shanghai dates, no I/O."""
from datetime import date, timedelta

DEFAULT_MONTHS = 12


def _shift_months(day, months):
    """The first day of the month ``months`` after (negative: before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _last_of_month(day):
    return _shift_months(day, 1) - timedelta(days=1)


def default_range(today):
    """The last twelve months: from the first day of the month eleven months back to today
    (the current month so far)."""
    return _shift_months(today, -(DEFAULT_MONTHS - 1)), today


def whole_months(first, last):
    """How many calendar months [first, last] covers when it starts on a first and ends on a
    last day of a month; None otherwise."""
    if first.day != 1 or last != _last_of_month(last):
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def previous_period(first, last):
    """The period of equal length just before [first, last]: as many whole months before a
    range of whole months (so twelve months compare with the twelve before, leap day or not),
    otherwise as many days."""
    months = whole_months(first, last)
    if months is not None:
        return _shift_months(first, -months), first - timedelta(days=1)
    days = (last - first).days + 1
    return first - timedelta(days=days), first - timedelta(days=1)


def months_of(first, last):
    """["YYYY-MM", ...] of every month [first, last] touches, oldest first."""
    keys, month = [], first.replace(day=1)
    while month <= last:
        keys.append(f"{month.year:04d}-{month.month:02d}")
        month = _shift_months(month, 1)
    return keys


def change_percent(now, before):
    """The change against the previous period in percent, one decimal; None when the previous
    period had none (no base to compare with)."""
    if not before:
        return None
    return round((now - before) * 100.0 / before, 1)

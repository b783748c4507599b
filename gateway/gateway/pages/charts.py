"""Bar charts made on the server as inline SVG: no script, no external file, readable by a
screen reader (role="img" with a <title> and a <desc> saying every figure shown) and without
colour (every bar is named in words and carries its number). Pure: groups in, SVG text out.

A group is {"label", "total", "open", "overdue", "concluded"}; each group gets four bars on
one scale (the largest total), so the lengths compare across groups and series."""
from html import escape

# (key, Chinese name, fill): dark fills, each at least 4.5:1 against white (and the words
# next to them are #1a1a1a, 17:1), so neither the bars nor their text rely on a light colour.
SERIES = (
    ("total", "合计", "#0b3d7a"),
    ("open", "未办结", "#8a4500"),
    ("overdue", "已逾期", "#a10000"),
    ("concluded", "已办结", "#1e6b34"),
)
TEXT = "#1a1a1a"
WIDTH = 360          # the viewBox: scaled to the container, so it fits a 375px screen
NAME_W = 52          # the series' names left of the bars
BAR_MAX = 250        # the longest bar
BAR_H, BAR_GAP = 12, 4
LABEL_H = 20         # the group's label above its bars
GROUP_GAP = 12
LEGEND_H = 34
FONT = 'font-family="system-ui, sans-serif"'
MAX_LABEL = 24       # characters of a label drawn; the <desc> and the table have it whole


def _short(label):
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def _legend():
    parts, x = [], 0
    for _key, name, fill in SERIES:
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{fill}"/>'
                     f'<text x="{x + 16}" y="16" font-size="12" fill="{TEXT}">{name}</text>')
        x += 16 + 13 * len(name) + 14
    return f'<g class="legend" aria-hidden="true">{"".join(parts)}</g>'


def _group(group, top, scale):
    label = escape(_short(group["label"]))
    out = [f'<text x="0" y="{top + 14}" font-size="13" font-weight="bold" '
           f'fill="{TEXT}">{label}</text>']
    y = top + LABEL_H
    for key, name, fill in SERIES:
        value = int(group.get(key) or 0)
        width = round(value * scale, 1)
        out.append(f'<text x="0" y="{y + BAR_H - 2}" font-size="12" fill="{TEXT}">{name}</text>')
        out.append(f'<rect class="bar-{key}" x="{NAME_W}" y="{y}" width="{width}" '
                   f'height="{BAR_H}" fill="{fill}" data-value="{value}"/>')
        out.append(f'<text x="{NAME_W + width + 4}" y="{y + BAR_H - 2}" font-size="12" '
                   f'fill="{TEXT}">{value}</text>')
        y += BAR_H + BAR_GAP
    return "".join(out), y - top + GROUP_GAP


def describe(groups):
    """Every figure the chart shows, in words (its <desc>)."""
    return "；".join(
        f"{g['label']}：" + "，".join(f"{name} {int(g.get(key) or 0)} 件"
                                      for key, name, _fill in SERIES) for g in groups)


def bar_chart(groups, title, chart_id="chart", empty="没有可显示的数据"):
    """The groups' totals, open, overdue and concluded cases as grouped horizontal bars."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    head = (f'<title id="{title_id}">{escape(title)}</title>'
            f'<desc id="{desc_id}">{escape(describe(groups) or empty)}</desc>')
    if not groups:
        height = 40
        body = f'<text x="0" y="24" font-size="13" fill="{TEXT}">{escape(empty)}</text>'
    else:
        largest = max(int(g.get("total") or 0) for g in groups)
        scale = BAR_MAX / largest if largest else 0
        parts, y = [_legend()], LEGEND_H
        for group in groups:
            drawn, used = _group(group, y, scale)
            parts.append(drawn)
            y += used
        height, body = y, "".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" {FONT}>{head}{body}</svg>')

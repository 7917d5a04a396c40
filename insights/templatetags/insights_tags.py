"""Server-rendered, accessible SVG charts: a title and a description that reads out every figure, and a table
of the same figures beside each chart. No script, nothing from another site."""

from django import template
from django.template.loader import render_to_string

register = template.Library()

WIDTH = 640
# Horizontal bars have their label above them, so the chart stays narrow and its text readable on a phone.
BARS_WIDTH, BAR_HEIGHT, LABEL_SPACE, GAP, VALUE_SPACE_X = 360, 16, 20, 10, 64
# Colours with at least 3:1 contrast against white (WCAG 1.4.11); each series is also named in the legend
# and every column carries its value, so nothing depends on colour alone.
SERIES_COLOURS = ["#0065bd", "#a34e00", "#5e2b8c", "#2d6b30", "#a0203a", "#333333"]
MAX_SERIES = len(SERIES_COLOURS)
CHART_HEIGHT, AXIS_SPACE, VALUE_SPACE = 200, 34, 16


def horizontal_bars(slug, title, rows):
    """A horizontal bar chart of [(label, value or None)]; None is drawn as no bar and read out as withheld."""
    largest = max([value or 0 for _label, value in rows] + [1])
    row_height = LABEL_SPACE + BAR_HEIGHT + GAP
    bars = []
    for index, (label, value) in enumerate(rows):
        length = 0 if value is None else round((BARS_WIDTH - VALUE_SPACE_X) * value / largest)
        top = index * row_height
        bars.append(
            {
                "label": label,
                "value": "withheld" if value is None else value,
                "shown": "c" if value is None else value,
                "label_y": top + 14,
                "y": top + LABEL_SPACE,
                "text_y": top + LABEL_SPACE + BAR_HEIGHT - 3,
                "length": length,
                "value_x": length + 6,
            }
        )
    context = {
        "slug": slug,
        "title": title,
        "bars": bars,
        "width": BARS_WIDTH,
        "height": len(rows) * row_height,
        "bar_height": BAR_HEIGHT,
    }
    return render_to_string("insights/includes/bar_chart.svg", context)


@register.simple_tag
def bar_chart(item):
    """A published (suppressed) table's row totals over all periods."""
    rows = [(label, total) for label, _cells, total in item["table"].rows()]
    return horizontal_bars(item["slug"], f"{item['caption']}: totals over all periods", rows)


@register.simple_tag
def totals_chart(figures):
    """An unsuppressed table's row totals over all its columns, as horizontal bars."""
    rows = [(label, total) for label, _values, total in figures.table_rows]
    return horizontal_bars(f"{figures.slug}-totals", f"{figures.caption}: totals", rows)


@register.simple_tag
def trend_chart(figures):
    """An unsuppressed table over time: one column per row and period when there are few rows (a legend names
    them), otherwise one column per period for the total."""
    if 0 < len(figures.rows) <= MAX_SERIES:
        series = [(label, values) for label, values in figures.rows]
    else:
        series = [("Total", figures.column_totals)]
    return column_chart(figures.slug, f"{figures.caption}, over time", figures.column_labels, series)


@register.simple_tag
def published_trend_chart(item):
    """A published table's rounded totals per period; a withheld total is drawn as no column, marked "c"."""
    table = item["table"]
    return column_chart(
        item["slug"],
        f"{item['caption']}: totals by period",
        table.column_labels,
        [("Total", table.column_totals)],
        chart_width=BARS_WIDTH,
    )


def column_chart(slug, title, column_labels, series, chart_width=WIDTH):
    """Columns per period for each of a few series [(label, [value or None per period])]."""
    groups = len(column_labels)
    if not groups:
        return ""
    left = 8
    group_width = max(48, (chart_width - left) // groups)
    column_width = max(6, min(28, (group_width - 16) // len(series)))
    width = max(chart_width, left + groups * group_width)
    legend, x, y = [], left, 4
    for number, (label, _values) in enumerate(series if len(series) > 1 else []):
        item_width = 16 + 7 * len(label) + 18
        if x > left and x + item_width > width:
            x, y = left, y + 18
        legend.append(
            {"x": x, "y": y, "text_x": x + 16, "text_y": y + 11, "label": label, "colour": SERIES_COLOURS[number]}
        )
        x += item_width
    top = (y + 22 if legend else 0) + VALUE_SPACE
    largest = max([value or 0 for _label, values in series for value in values] + [1])
    columns = []
    for group in range(groups):
        start = left + group * group_width + (group_width - len(series) * column_width) / 2
        for number, (_label, values) in enumerate(series):
            height = round(CHART_HEIGHT * (values[group] or 0) / largest)
            x = start + number * column_width
            columns.append(
                {
                    "x": x,
                    "y": top + CHART_HEIGHT - height,
                    "height": height,
                    "width": column_width - 2,
                    "value": "c" if values[group] is None else values[group],
                    "value_x": x + (column_width - 2) / 2,
                    "value_y": top + CHART_HEIGHT - height - 3,
                    "colour": SERIES_COLOURS[number],
                }
            )
    context = {
        "slug": slug,
        "title": title,
        "columns": columns,
        "series": series,
        "legend": legend,
        "periods": [
            {"label": label, "x": left + group * group_width + group_width / 2}
            for group, label in enumerate(column_labels)
        ],
        "width": width,
        "height": top + CHART_HEIGHT + AXIS_SPACE,
        "axis_y": top + CHART_HEIGHT,
        "label_y": top + CHART_HEIGHT + 16,
        "label_size": 12 if group_width >= 72 else 10,
        "left": left,
        "right": left + groups * group_width,
        "description": " ".join(
            f"{label}: "
            + ", ".join(
                f"{'withheld' if value is None else value} in {period}"
                for value, period in zip(values, column_labels, strict=True)
            )
            + "."
            for label, values in series
        ),
    }
    return render_to_string("insights/includes/column_chart.svg", context)

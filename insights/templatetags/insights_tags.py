"""Server-rendered, accessible SVG charts of published tables."""

from django import template
from django.template.loader import render_to_string

register = template.Library()

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 640, 18, 6, 220


@register.simple_tag
def bar_chart(item):
    """A horizontal bar chart of each row's published total; withheld totals are drawn as no bar."""
    table = item["table"]
    rows = [(label, total) for label, _cells, total in table.rows()]
    largest = max([total or 0 for _label, total in rows] + [1])
    bars = []
    for index, (label, total) in enumerate(rows):
        length = 0 if total is None else round((WIDTH - LABEL_WIDTH - 60) * total / largest)
        bars.append(
            {
                "label": label,
                "value": "withheld" if total is None else total,
                "y": index * (BAR_HEIGHT + GAP),
                "text_y": index * (BAR_HEIGHT + GAP) + BAR_HEIGHT - 4,
                "length": length,
                "value_x": LABEL_WIDTH + length + 6,
            }
        )
    context = {
        "item": item,
        "bars": bars,
        "width": WIDTH,
        "height": len(rows) * (BAR_HEIGHT + GAP) + GAP,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
    return render_to_string("insights/includes/bar_chart.svg", context)

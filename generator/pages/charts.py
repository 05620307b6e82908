"""Charts drawn at build time as inline SVG: no script, no request to any other host.

Each chart scales to the width of a phone screen (viewBox, width 100%), carries a Thai title
for screen readers, and the page repeats its numbers in a table.
"""

from __future__ import annotations

from html import escape

from generator.model import Results

SERIES = (("score", "คะแนนรวม", "#3949ab"), ("IIT", "IIT", "#00897b"), ("EIT", "EIT", "#f9a825"),
          ("OIT", "OIT", "#d84315"))
LOW = "#c62828"
NORMAL = "#3949ab"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="{escape(title)}" style="max-width:{width}px;font-family:inherit">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def history_chart(history: list[Results]) -> str:
    """Grouped bars per year: the overall score and the three tools."""
    group, bar, left, top, plot, legend = 150, 28, 40, 30, 200, 110
    width = max(left + group * len(history) + 20, left + legend * len(SERIES))
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot - tick * plot / 100
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="#ddd"/>'
                    f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end">{tick}</text>')
    for index, results in enumerate(history):
        x0 = left + index * group + 10
        values = [results.score, *(results.tools.get(key) for key, _, _ in SERIES[1:])]
        for offset, ((_, label, colour), value) in enumerate(zip(SERIES, values, strict=True)):
            if value is None:
                continue
            height = value * plot / 100
            x = x0 + offset * bar
            body.append(f'<rect x="{x}" y="{top + plot - height:.1f}" width="{bar - 4}" height="{height:.1f}" '
                        f'fill="{colour}"><title>{label} {results.year}: {value:.2f}</title></rect>'
                        f'<text x="{x + (bar - 4) / 2}" y="{top + plot - height - 4:.1f}" font-size="10" '
                        f'text-anchor="middle">{value:.0f}</text>')
        body.append(f'<text x="{x0 + 2 * bar - 2}" y="{top + plot + 18}" font-size="13" text-anchor="middle">'
                    f"ITA {results.year}</text>")
    legend_y = top + plot + 40
    for offset, (_, label, colour) in enumerate(SERIES):
        x = left + offset * legend
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
                    f'<text x="{x + 18}" y="{legend_y}" font-size="12">{label}</text>')
    years = ", ".join(str(results.year) for results in history)
    return _svg(width, legend_y + 12, f"คะแนน ITA ย้อนหลัง ปี {years}: คะแนนรวม IIT EIT และ OIT", body)


def indicator_chart(results: Results, names: dict[int, str], lowest: int | None) -> str:
    """Horizontal bars for the ten indicators of one year; the lowest in red."""
    row, label_width, plot, top = 26, 210, 300, 10
    numbers = sorted(results.indicators)
    body = []
    for index, number in enumerate(numbers):
        value = results.indicators[number]
        y = top + index * row
        colour = LOW if number == lowest else NORMAL
        body.append(f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
                    f"{number}. {escape(names.get(number, ''))}</text>"
                    f'<rect x="{label_width}" y="{y + 3}" width="{value * plot / 100:.1f}" height="{row - 8}" '
                    f'fill="{colour}"/><text x="{label_width + value * plot / 100 + 6:.1f}" y="{y + 15}" '
                    f'font-size="12">{value:.2f}</text>')
    return _svg(label_width + plot + 60, top + row * len(numbers) + 6,
                f"คะแนนรายตัวชี้วัด ITA {results.year}", body)

"""The platform's charts: geometry for server-rendered SVG (templates/charts/), so a chart works
without JavaScript, prints, goes into a PDF and passes a CSP without 'unsafe-inline' (colours are
CSS classes in static/css/charts.css, never inline styles). Every chart is drawn beside a table of
the same figures and a sentence, and is hidden from screen readers, which read the table.

Chosen over pygal, whose SVG carries its own <style> element and inline script (both refused by
our CSP) and whose JavaScript-free output still sets colours in inline style attributes.

In networks, the lowest app, so that every app's templates may draw with it."""

from __future__ import annotations

from dataclasses import dataclass, field

DOT_PLOT_WIDTH = 320
DOT_LEFT, DOT_RIGHT = 16, 304
DOT_ROW = 40


def _x(value: float, low: float, high: float) -> float:
    return round(DOT_LEFT + (value - low) / (high - low) * (DOT_RIGHT - DOT_LEFT), 1)


@dataclass
class DotRow:
    label: str
    y: float
    x: float | None
    previous_x: float | None


@dataclass
class DotPlot:
    """Rows of a value on a fixed scale, each with an earlier value to compare (hollow dot)."""

    rows: list[DotRow]
    ticks: list[tuple[float, str]]
    width: int = DOT_PLOT_WIDTH
    height: int = 0


def dot_plot(rows: list[tuple[str, float | None, float | None]], *, low=1, high=4, ticks=(1, 2, 3, 4)) -> DotPlot:
    """`rows`: (label, value, previous value); values between `low` and `high`, or None."""
    drawn = [
        DotRow(
            label=label,
            y=20 + index * DOT_ROW,
            x=None if value is None else _x(value, low, high),
            previous_x=None if previous is None else _x(previous, low, high),
        )
        for index, (label, value, previous) in enumerate(rows)
    ]
    return DotPlot(rows=drawn, ticks=[(_x(t, low, high), str(t)) for t in ticks], height=20 + len(rows) * DOT_ROW + 10)


BAR_WIDTH, BAR_GAP, BARS_HEIGHT, BARS_TOP = 64, 16, 120, 14


@dataclass
class Segment:
    series: int
    y: int
    height: int


@dataclass
class Bar:
    label: str
    x: int
    label_x: int
    total: int = 0
    total_y: int = 0
    segments: list[Segment] = field(default_factory=list)


@dataclass
class StackedBars:
    bars: list[Bar]
    width: int
    height: int = BARS_TOP + BARS_HEIGHT + 36
    bar_width: int = BAR_WIDTH
    label_y: int = BARS_TOP + BARS_HEIGHT + 18


def stacked_bars(columns: list[tuple[str, list[int]]]) -> StackedBars | None:
    """`columns`: (label, counts per series, bottom first). Labels sit under bars wide enough for
    "Autumn 2025" at the chart's font size, so they never overlap; each bar's total sits on top of
    it. None when there is nothing."""
    biggest = max((sum(counts) for _, counts in columns), default=0)
    if not biggest:
        return None
    bars = []
    for index, (label, counts) in enumerate(columns):
        x = BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
        bar, y = Bar(label=label, x=x, label_x=x + BAR_WIDTH // 2, total=sum(counts)), BARS_TOP + BARS_HEIGHT
        for series, count in enumerate(counts, 1):
            height = round(count * BARS_HEIGHT / biggest)
            y -= height
            if height:
                bar.segments.append(Segment(series, y, height))
        bar.total_y = y - 3
        bars.append(bar)
    return StackedBars(bars=bars, width=BAR_GAP + len(bars) * (BAR_WIDTH + BAR_GAP))


ROWS_WIDTH, ROW_HEIGHT, ROW_BAR = 360, 32, 10


@dataclass
class BarRow:
    label: str
    figure: str  # the value in words or pounds, drawn at the row's right end
    series: int
    text_y: int
    bar_y: int
    length: float


@dataclass
class Mark:
    """A reference on the scale (the budget): a tick through each bar and its label under them."""

    label: str
    x: float
    anchor: str


@dataclass
class BarRows:
    """Horizontal bars, one a row, each under its label and figure so that no text can overlap."""

    rows: list[BarRow]
    height: int
    mark: Mark | None = None
    width: int = ROWS_WIDTH
    bar_height: int = ROW_BAR


def bar_rows(rows: list[tuple[str, float, str]], *, series=None, mark: tuple[str, float] | None = None):
    """`rows`: (label, value, figure as text); `series`: each row's colour (1 to 3, default 2);
    `mark`: (label, value) drawn across the bars. None when every value is nothing and there is no mark."""
    values = [float(value) for _, value, _ in rows] + ([float(mark[1])] if mark else [])
    biggest = max(values, default=0)
    if biggest <= 0:
        return None
    drawn = [
        BarRow(
            label=label,
            figure=figure,
            series=series[index] if series else 2,
            text_y=index * ROW_HEIGHT + 12,
            bar_y=index * ROW_HEIGHT + 16,
            length=round(float(value) / biggest * ROWS_WIDTH, 1),
        )
        for index, (label, value, figure) in enumerate(rows)
    ]
    height = len(rows) * ROW_HEIGHT
    drawn_mark = None
    if mark:
        x = round(float(mark[1]) / biggest * ROWS_WIDTH, 1)
        drawn_mark = Mark(label=mark[0], x=x, anchor="end" if x > ROWS_WIDTH / 2 else "start")
        height += 14
    return BarRows(rows=drawn, height=height, mark=drawn_mark)


HEAT_CELL, HEAT_LABELS, HEAT_HEAD = 44, 190, 124
HEAT_LABEL_LENGTH = 30  # characters of a row's label; the table beside the chart has them whole


@dataclass
class HeatCell:
    x: int
    text_x: int
    text: str
    band: int | None


@dataclass
class HeatRow:
    label: str
    y: int
    text_y: int
    cells: list[HeatCell]
    note: str  # said across the row instead of cells (no figures to show)


@dataclass
class HeatMap:
    """Rows by columns of shaded cells, each with its figure written in it, so no colour has to be
    told apart; the column headings slant above."""

    columns: list[tuple[int, str]]  # (x where the heading starts, heading)
    rows: list[HeatRow]
    width: int
    height: int
    cell: int = HEAT_CELL
    cells_x: int = HEAT_LABELS
    cells_width: int = 0
    head: int = HEAT_HEAD


def heat_map(columns: list[str], rows: list[tuple[str, list[tuple[str, int | None]] | None, str]]) -> HeatMap | None:
    """`columns`: headings; `rows`: (label, cells as (text, band 1-4 or None), note). A row whose
    cells are None shows its note across instead. None when there are no rows."""
    if not rows:
        return None
    drawn = []
    for index, (label, cells, note) in enumerate(rows):
        y = HEAT_HEAD + index * HEAT_CELL
        short = label if len(label) <= HEAT_LABEL_LENGTH else label[: HEAT_LABEL_LENGTH - 1].rstrip() + "…"
        drawn.append(
            HeatRow(
                label=short,
                y=y,
                text_y=y + HEAT_CELL // 2 + 4,
                cells=[
                    HeatCell(x=x, text_x=x + HEAT_CELL // 2, text=text, band=band)
                    for x, (text, band) in zip(
                        range(HEAT_LABELS, HEAT_LABELS + HEAT_CELL * len(cells), HEAT_CELL), cells, strict=True
                    )
                ]
                if cells is not None
                else [],
                note="" if cells is not None else note,
            )
        )
    return HeatMap(
        columns=[(HEAT_LABELS + index * HEAT_CELL + HEAT_CELL // 2, name) for index, name in enumerate(columns)],
        rows=drawn,
        width=HEAT_LABELS + HEAT_CELL * len(columns) + HEAT_HEAD,
        height=HEAT_HEAD + HEAT_CELL * len(rows) + 4,
        cells_width=HEAT_CELL * len(columns),
    )

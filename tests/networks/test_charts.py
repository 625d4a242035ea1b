"""The platform's charts (networks.charts): geometry whose labels never overlap, measured with the
font the PDF embeds (DejaVu Sans, vendored) at the charts' label size."""

from pathlib import Path

from PIL import ImageFont

from networks.charts import BARS_HEIGHT, BARS_TOP, bar_rows, stacked_bars

FONT = ImageFont.truetype(str(Path(__file__).parents[2] / "static/vendor/dejavu/DejaVuSans.ttf"), 10)


def width_of(text: str) -> float:
    return FONT.getlength(text)


def test_term_labels_under_stacked_bars_never_overlap():
    labels = [f"{term} {year}" for year in (2025, 2026, 2027) for term in ("Autumn", "Spring", "Summer")]
    bars = stacked_bars([(label, [1, 2, 3]) for label in labels])
    for left, right in zip(bars.bars, bars.bars[1:], strict=False):
        gap = (right.label_x - width_of(right.label) / 2) - (left.label_x + width_of(left.label) / 2)
        assert gap >= 4, (left.label, right.label, gap)


def test_each_bar_is_stacked_to_its_total_with_the_total_on_top():
    bars = stacked_bars([("Autumn 2030", [2, 0, 2]), ("Spring 2031", [0, 1, 1])])
    tall, short = bars.bars
    assert [(s.series, s.height) for s in tall.segments] == [(1, BARS_HEIGHT // 2), (3, BARS_HEIGHT // 2)]
    assert tall.segments[-1].y == BARS_TOP
    assert (tall.total, short.total) == (4, 2)
    assert short.segments[-1].y == BARS_TOP + BARS_HEIGHT // 2
    assert short.total_y < short.segments[-1].y
    assert stacked_bars([("Autumn 2030", [0, 0, 0])]) is None


ROW_FONT = ImageFont.truetype(str(Path(__file__).parents[2] / "static/vendor/dejavu/DejaVuSans.ttf"), 12)


def test_a_row_label_and_its_figure_fit_side_by_side_above_the_bar():
    """The longest labels the dashboard draws (evidence strength, kinds of collaboration, money)
    leave room for their figure at the font size of static/css/charts.css (.chart-rows, 12px)."""
    labels = [
        "Comparison with a group that did not take part",
        "Storytelling and scanning for ideas",
        "No evidence of impact yet",
    ]
    rows = bar_rows([(label, 10_000, "10,000") for label in labels] + [("Spent", 0, "£123,456.78")])
    for row in rows.rows:
        room = rows.width - ROW_FONT.getlength(row.label) - ROW_FONT.getlength(row.figure)
        assert room >= 8, (row.label, room)
    assert [row.length for row in rows.rows] == [rows.width] * 3 + [0]
    assert [row.text_y < row.bar_y for row in rows.rows] == [True] * 4
    assert all(a.bar_y + rows.bar_height < b.text_y - 10 for a, b in zip(rows.rows, rows.rows[1:], strict=False))


def test_a_mark_is_on_the_scale_and_its_label_stays_inside_the_chart():
    rows = bar_rows([("Planned", 150, "£150"), ("Spent", 50, "£50")], mark=("Budget £200", 200))
    assert (rows.mark.x, rows.mark.anchor) == (rows.width, "end")
    assert [row.length for row in rows.rows] == [rows.width * 0.75, rows.width * 0.25]
    over = bar_rows([("Planned", 300, "£300")], mark=("Budget £100", 100))
    assert (over.mark.x, over.mark.anchor) == (rows.width / 3, "start")
    assert bar_rows([("Planned", 0, "£0")]) is None
    assert bar_rows([("Planned", 0, "£0")], mark=("Budget £100", 100)).rows[0].length == 0

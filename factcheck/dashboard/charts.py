"""Chart geometry: scales, bars and columns as plain numbers; the templates draw them."""
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

WIDTH = 480  # SVG user units; charts are drawn at this size and shrink to fit
ROW_HEIGHT = 30
BAR_HEIGHT = 18
AXIS_HEIGHT = 24
VALUE_SPACE = 48  # room right of the longest bar for its number
COLUMN_CHART_HEIGHT = 200
COLUMN_GAP = 0.25  # share of a day's slot left empty between columns
COLUMN_MARGIN = 20  # room right of the last column for its centred day label
NEUTRAL = "#8a94a3"
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def nice_ticks(maximum: int, most: int = 6) -> tuple[int, ...]:
    """Ticks from 0 past ``maximum``, the smallest 1-2-5 step needing ``most`` intervals or less."""
    if maximum <= 0:
        return (0, 1)
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(maximum / step) <= most:
                return tuple(range(0, math.ceil(maximum / step) * step + 1, step))
        magnitude *= 10


def safe_colour(colour: Optional[str]) -> str:
    """``colour`` if it is a #rrggbb value, else a neutral grey."""
    return colour if colour and HEX_COLOUR.fullmatch(colour) else NEUTRAL


@dataclass(frozen=True)
class Scale:
    """A linear map from counts to lengths, ending on the last tick."""

    ticks: tuple[int, ...]
    length: float

    @classmethod
    def fitting(cls, maximum: int, length: float) -> "Scale":
        """A scale whose ticks cover ``maximum``."""
        return cls(nice_ticks(maximum), length)

    def __call__(self, value: float) -> float:
        return round(value / self.ticks[-1] * self.length, 2)


@dataclass(frozen=True)
class Item:
    """What to draw for one row: its parts are (series, count) pairs stacked left to right."""

    key: str
    label: str
    parts: tuple[tuple[str, int], ...]
    href: Optional[str] = None
    colour: Optional[str] = None

    @property
    def total(self) -> int:
        """The row's count, all parts together."""
        return sum(n for _, n in self.parts)


@dataclass(frozen=True)
class Segment:
    """One coloured stretch of a bar."""

    series: str
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class Row:
    """One horizontal bar and where its label and number go."""

    item: Item
    y: float
    segments: tuple[Segment, ...]

    @property
    def end(self) -> float:
        """Where the bar stops; its number is written just after."""
        return self.segments[-1].x + self.segments[-1].width if self.segments else 0.0

    @property
    def middle(self) -> float:
        """The vertical centre of the bar, for text baselines."""
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars sharing one scale, labels on the left and an axis below."""

    rows: tuple[Row, ...]
    scale: Scale
    label_width: float
    width: float = WIDTH
    row_height: float = ROW_HEIGHT
    bar_height: float = BAR_HEIGHT

    @property
    def height(self) -> float:
        """Total height of the drawing, axis included."""
        return len(self.rows) * ROW_HEIGHT + AXIS_HEIGHT

    @property
    def axis_y(self) -> float:
        """Top of the axis labels."""
        return len(self.rows) * ROW_HEIGHT

    @property
    def total(self) -> int:
        """Everything the chart counts."""
        return sum(row.item.total for row in self.rows)


def bar_chart(items: Sequence[Item], label_width: float = 140) -> BarChart:
    """Lay out ``items`` as horizontal (possibly stacked) bars, one row each."""
    scale = Scale.fitting(max((i.total for i in items), default=0),
                          WIDTH - label_width - VALUE_SPACE)
    rows = tuple(Row(item, index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                     _segments(item, scale))
                 for index, item in enumerate(items))
    return BarChart(rows, scale, label_width)


def _segments(item: Item, scale: Scale) -> tuple[Segment, ...]:
    """The non-empty parts of ``item``, end to end; the bar ends exactly at scale(total)."""
    segments, running = [], 0
    for series, value in item.parts:
        if value:
            start = scale(running)
            running += value
            segments.append(Segment(series, value, start, scale(running) - start))
    return tuple(segments)


@dataclass(frozen=True)
class Column:
    """One day's column."""

    day: date
    value: int
    x: float
    y: float
    width: float
    height: float
    labelled: bool


@dataclass(frozen=True)
class ColumnChart:
    """Vertical columns over consecutive days, with a value axis on the left."""

    columns: tuple[Column, ...]
    scale: Scale
    plot_x: float
    plot_height: float
    width: float = WIDTH

    @property
    def height(self) -> float:
        """Total height of the drawing, day labels included."""
        return self.plot_height + AXIS_HEIGHT

    @property
    def total(self) -> int:
        """Everything the chart counts."""
        return sum(c.value for c in self.columns)

    @property
    def plot_right(self) -> float:
        """Where the gridlines stop, just after the last column."""
        last = self.columns[-1] if self.columns else None
        return last.x + last.width if last else self.width

    def tick_y(self, tick: int) -> float:
        """The height of a value-axis tick's gridline."""
        return round(self.plot_height - self.scale(tick), 2)


def column_chart(days: Sequence[tuple[date, int]], plot_x: float = 36,
                 label_every: int = 7) -> ColumnChart:
    """Lay out one column per day; every ``label_every``-th day back from the last is named."""
    plot_height = COLUMN_CHART_HEIGHT - AXIS_HEIGHT
    scale = Scale.fitting(max((n for _, n in days), default=0), plot_height - 8)
    slot = (WIDTH - plot_x - COLUMN_MARGIN) / max(len(days), 1)
    last = len(days) - 1
    columns = tuple(
        Column(day, n, round(plot_x + i * slot + slot * COLUMN_GAP / 2, 2),
               round(plot_height - scale(n), 2), round(slot * (1 - COLUMN_GAP), 2),
               scale(n), (last - i) % label_every == 0)
        for i, (day, n) in enumerate(days))
    return ColumnChart(columns, scale, plot_x, plot_height)

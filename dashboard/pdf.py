"""The progress report as a PDF, drawn from the same charts and tables as the page.

Why reportlab: it is pure Python (no system libraries to install beside the app) and draws
vector graphics, so the charts' shapes (`dashboard.charts.Shape`: rect, line, circle,
polyline, polygon, text) are redrawn one by one instead of being rasterised.
Text uses reportlab's built-in Helvetica; the few symbols it lacks (the change arrows) are
replaced by their words, which the report prints anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from assessments import change as rc
from assessments.display import MISSING, format_change, format_score

from .charts import Chart, Shape

# Helvetica (WinAnsi) has no glyphs for these; the words beside them carry the meaning.
ARROWS = {rc.ARROWS[rc.IMPROVED]: "", rc.ARROWS[rc.WORSE]: "", rc.ARROWS[rc.NO_CHANGE]: "~"}
GLYPHS = str.maketrans({**ARROWS, "→": "->", "↑": "^", "−": "-", "≥": ">=", "≤": "<="})


def plain(text: object) -> str:
    return str(text).translate(GLYPHS).strip()


def _colour(value, opacity: float = 1.0):
    if value in (None, "", "none"):
        return None
    colour = colors.HexColor(value) if str(value).startswith("#") else colors.toColor(str(value))
    return colors.Color(colour.red, colour.green, colour.blue, alpha=opacity)


def _points(text: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.split(r"[ ,]+", text.strip()) if n]
    return list(zip(numbers[::2], numbers[1::2], strict=False))


class ChartDrawing(Flowable):
    """A chart's shapes, scaled to the frame width, in SVG's coordinates (y grows downward)."""

    def __init__(self, chart: Chart, max_width: float):
        super().__init__()
        self.chart = chart
        self.scale = min(1.0, max_width / chart.width)
        self.width, self.height = chart.width * self.scale, chart.height * self.scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.scale, -self.scale)
        for shape in self.chart.shapes:
            canvas.saveState()
            self._shape(canvas, shape)
            canvas.restoreState()
        canvas.restoreState()

    def _shape(self, canvas, shape: Shape) -> None:
        a = shape.attrs
        opacity = float(a.get("opacity", 1))
        fill = _colour(a.get("fill", "#000000"), opacity * float(a.get("fill_opacity", 1)))
        stroke = _colour(a.get("stroke"), opacity * float(a.get("stroke_opacity", 1)))
        if fill is not None:
            canvas.setFillColor(fill)
        if stroke is not None:
            canvas.setStrokeColor(stroke)
            canvas.setLineWidth(float(a.get("stroke_width", 1)))
            if a.get("stroke_dasharray"):
                canvas.setDash([float(n) for n in str(a["stroke_dasharray"]).split()])
        paint = {"fill": int(fill is not None), "stroke": int(stroke is not None)}
        if shape.tag == "rect":
            canvas.rect(float(a["x"]), float(a["y"]), float(a["width"]), float(a["height"]), **paint)
        elif shape.tag == "circle":
            canvas.circle(float(a["cx"]), float(a["cy"]), float(a["r"]), **paint)
        elif shape.tag == "line" and stroke is not None:
            canvas.line(float(a["x1"]), float(a["y1"]), float(a["x2"]), float(a["y2"]))
        elif shape.tag in ("polyline", "polygon"):
            points = _points(str(a["points"]))
            if len(points) < 2:
                return
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            if shape.tag == "polygon":
                path.close()
            canvas.drawPath(path, fill=paint["fill"] if shape.tag == "polygon" else 0, stroke=paint["stroke"])
        elif shape.tag == "text":
            self._text(canvas, shape)

    @staticmethod
    def _text(canvas, shape: Shape) -> None:
        a = shape.attrs
        x, y = float(a["x"]), float(a["y"])
        canvas.translate(x, y)
        rotate = re.match(r"rotate\((-?[\d.]+)", str(a.get("transform", "")))
        canvas.scale(1, -1)  # glyphs upright again inside the flipped chart
        if rotate:
            canvas.rotate(-float(rotate.group(1)))
        canvas.setFont("Helvetica", float(a.get("font_size", 11)))
        text = plain(shape.text)
        anchor = a.get("text_anchor", "start")
        if anchor == "middle":
            canvas.drawCentredString(0, 0, text)
        elif anchor == "end":
            canvas.drawRightString(0, 0, text)
        else:
            canvas.drawString(0, 0, text)


def _table(table, style, empty_text: str) -> Table:
    rows = table.rows or [[empty_text] + [""] * (len(table.columns) - 1)]
    data = [[Paragraph(escape(plain(c)), style) for c in table.columns]]
    data += [[Paragraph(escape(plain(cell)), style) for cell in row] for row in rows]
    result = Table(data, repeatRows=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def report_pdf(*, title: str, lines: list[str], sections: list[tuple[str, list[Chart]]], footer: str,
               empty_text: str) -> bytes:  # fmt: skip
    """A4 PDF: title, the header lines, then per section its charts, each with notes and table."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    cell = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=plain(title))  # fmt: skip
    story = [Paragraph(escape(plain(title)), styles["Title"])]
    story += [Paragraph(escape(plain(line)), small) for line in lines]
    for heading, charts in sections:
        story += [Spacer(1, 4 * mm), Paragraph(escape(plain(heading)), styles["Heading2"])]
        for chart in charts:
            parts = [Paragraph(escape(plain(chart.title)), styles["Heading4"])]
            if not chart.empty:
                parts.append(ChartDrawing(chart, doc.width))
            parts += [Paragraph(escape(plain(note)), small) for note in chart.notes]
            story.append(KeepTogether(parts))
            story += [Spacer(1, 2 * mm), _table(chart.table, cell, empty_text), Spacer(1, 4 * mm)]
    story.append(Paragraph(escape(plain(footer)), small))
    doc.build(story)
    return buffer.getvalue()


def change_words(change) -> str:
    """A change as the page's mark reads without its arrow: "+1.50 (reliably worse)"; "—" for none."""
    if change is None:
        return MISSING
    return f"{format_change(change.difference)} ({rc.words(change.label)})"


def progress_report(client, progress, charts, *, weeks: int, now: dt.datetime) -> bytes:
    """The printable report's content (dashboard/report.html) as a PDF, in the active language."""
    lines = [
        _("Therapist: %(therapist)s · in therapy since %(start)s")
        % {"therapist": client.therapist, "start": formats.date_format(client.start_date, "SHORT_DATE_FORMAT")},
        _("Prepared %(when)s; diary and goals cover the last %(weeks)s weeks. Confidential.")
        % {"when": formats.date_format(now, "SHORT_DATETIME_FORMAT"), "weeks": len(progress.weeks)},
    ]
    if progress.latest:
        # As the page's summary (_score_summary.html): each score with its change since the
        # baseline and since the previous score, so a relapse reads the same on paper.
        for dim, label in (("anxiety", _("Anxiety")), ("avoidance", _("Avoidance"))):
            line = f"{label}: {format_score(getattr(progress.latest, dim))}"
            for words, changes in ((_("since baseline"), progress.changes_baseline),
                                   (_("since previous"), progress.changes_previous)):  # fmt: skip
                line += f" · {words} {change_words(changes.get(dim))}"
            lines.append(line)
    sections = [(_("Attachment scores"), [charts.scores, charts.plane])]
    if charts.relationships:
        rel = charts.relationships
        sections.append((_("Relationships (ECR-RS)"), [rel.plane, *(item.chart for item in rel.series)]))
    sections += [
        (_("Diary (shared entries)"), [charts.diary]),
        (_("Goals"), [charts.goals, charts.gas]),
    ]
    title = _("Progress report: %(name)s") % {"name": client.display_name}
    return report_pdf(
        title=title, lines=lines, sections=sections, footer=progress.instrument.citation, empty_text=_("No data yet.")
    )

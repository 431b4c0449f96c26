"""The dispatch report (调度通报) as a PDF, rendered on the server with reportlab: no browser, no network.

The 通报 layout on A4 landscape (the detail tables have eleven columns): title and period, issuing office and
date, a short summary (units on, behind and far behind target) naming the units behind, then the same tables
as the workbook (`report_layout`), each header row repeated on every page it spans; the report's name and the
issuing office head every page, page numbers ("第 n 页，共 m 页") foot it.

Chinese needs a CJK font, embedded (subset) so the file reads the same everywhere: `ZS_PDF_FONT` names a
TrueType font or collection, else the first of `FONT_CANDIDATES` found — Debian's fonts-wqy-microhei, which
`scripts/setup.sh` installs. With none, the PDF falls back to reportlab's built-in STSong-Light, which is not
embedded (the reader's own Song typeface shows it; Acrobat, pdf.js and poppler have one), the log warns and the
PDF's last lines say so. The output is deterministic (`invariant`): a frozen quarter's PDF is the same bytes
every time, until an adjustment is approved.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.config import get_settings
from app.quarters.report_layout import ISSUER, Num, Report, cell_text
from app.quarters.report_layout import Table as ReportTable

log = logging.getLogger(__name__)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian / Ubuntu: fonts-wqy-microhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora / RHEL
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",  # fonts-arphic-uming
)
FALLBACK_FONT = "STSong-Light"
PAGE = landscape(A4)
MARGIN = 14 * mm
FILLS = {"red": colors.HexColor("#F8CBAD"), "amber": colors.HexColor("#FFE699"), "green": colors.HexColor("#C6EFCE")}


@dataclass(frozen=True, slots=True)
class Font:
    name: str
    embedded: bool
    note: str


@lru_cache(maxsize=1)
def cjk_font() -> Font:
    """The CJK font, registered with reportlab once per process."""
    configured = get_settings().pdf_font
    paths = [configured] if configured else [p for p in FONT_CANDIDATES if Path(p).is_file()]
    for path in paths:
        try:
            font = TTFont("ReportCJK", path, subfontIndex=0)
        except Exception:  # a missing, unreadable or PostScript-outline (CFF) font: try the next, then fall back
            log.warning("PDF font %s cannot be used", path, exc_info=True)
            continue
        pdfmetrics.registerFont(font)
        return Font("ReportCJK", True, f"字体：{Path(path).stem}（已嵌入）")
    log.warning("no CJK TrueType font found (install fonts-wqy-microhei or set ZS_PDF_FONT): the dispatch report "
                "PDF uses the reader's STSong-Light, not embedded")
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return Font(FALLBACK_FONT, False, "字体：未找到可嵌入的中文字体，使用阅读器自带宋体（STSong-Light，未嵌入）")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=2),
        "period": ParagraphStyle("period", base, fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=6),
        "issuer": ParagraphStyle("issuer", base, alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
        "heading": ParagraphStyle("heading", base, fontSize=12, leading=18, spaceBefore=10, spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "small": ParagraphStyle("small", base, fontSize=7, leading=9, textColor=colors.HexColor("#666666")),
    }


def _table(table: ReportTable, styles: dict[str, ParagraphStyle], font: str) -> Table:
    width = PAGE[0] - 2 * MARGIN
    scale = width / sum(table.widths)
    header = [Paragraph(escape(h), styles["cell"]) for h in table.header]
    rows: list[list[Any]] = [[cell_text(v) if isinstance(v, Num) else Paragraph(escape(cell_text(v)), styles["cell"])
                              for v in values] for values in table.rows]
    if not rows:
        rows = [["（无）"] + [""] * (len(table.header) - 1)]
    commands: list[Any] = [
        ("FONT", (0, 0), (-1, -1), font, 8), ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for r, (values, colour) in enumerate(zip(table.rows, table.fills, strict=True), 1):
        if colour in FILLS:
            commands.append(("BACKGROUND", (0, r), (-1, r), FILLS[colour]))
        commands += [("ALIGN", (c, r), (c, r), "RIGHT") for c, v in enumerate(values) if isinstance(v, Num)]
    return Table([header, *rows], colWidths=[w * scale for w in table.widths], repeatRows=1,
                 style=TableStyle(commands))


class _NumberedCanvas(Canvas):
    """Holds each page until the end, so every page can say how many there are."""

    font = FALLBACK_FONT
    header = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset, absent from the stubs

    def save(self) -> None:
        total = len(self._pages)
        for n, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(self.font, 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN, PAGE[1] - 9 * mm, self.header)
            self.drawRightString(PAGE[0] - MARGIN, PAGE[1] - 9 * mm, ISSUER)
            self.line(MARGIN, PAGE[1] - 10.5 * mm, PAGE[0] - MARGIN, PAGE[1] - 10.5 * mm)
            self.drawCentredString(PAGE[0] / 2, 7 * mm, f"第 {n} 页，共 {total} 页")
            super().showPage()
        super().save()


def render(report: Report) -> bytes:
    font = cjk_font()
    styles = _styles(font.name)
    story: list[Flowable] = [
        Paragraph(escape(report.name), styles["title"]), Paragraph(escape(f"（{report.period}）"), styles["period"]),
        Paragraph(escape(f"{ISSUER}　　{report.issued_on}"), styles["issuer"]),
        Paragraph(escape(f"数据截至 {report.as_of}"), styles["issuer"]), Spacer(1, 6 * mm),
        Paragraph(escape(report.summary), styles["body"]),
    ]
    if report.behind_units:
        story.append(Paragraph(escape("进度滞后单位：" + "、".join(report.behind_units)), styles["body"]))
    for table in report.tables:
        story += [Paragraph(escape(table.heading), styles["heading"]), _table(table, styles, font.name)]
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(escape(f"{k}：{v}"), styles["small"]) for k, v in report.info]
    story.append(Paragraph(escape(font.note), styles["small"]))

    class Pages(_NumberedCanvas):
        pass

    Pages.font, Pages.header = font.name, report.title
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 2 * mm,
                            bottomMargin=MARGIN, title=report.title, author=ISSUER, subject=report.period,
                            creator="招商引资管理平台", invariant=1)
    doc.build(story, canvasmaker=Pages)
    return out.getvalue()

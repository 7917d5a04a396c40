"""Spreadsheet and CSV downloads, with every cell guarded against formula injection."""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should hold it: numbers as numbers, text never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def safe_row(row):
    return [safe_cell(cell) for cell in row]


@dataclass
class Sheet:
    """One sheet of a download: rows of cells, which rows are bold, and where the panes freeze."""

    title: str
    rows: list = field(default_factory=list)
    bold_rows: tuple = (0,)
    freeze: str | None = None
    first_column_width: int | None = None
    column_width: int | None = None


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, rows, byte_order_mark=True):
    """A CSV download of the rows (a byte order mark first, so Excel reads UTF-8)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    if byte_order_mark:
        response.write("\ufeff")
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(safe_row(row))
    return attachment(response, filename)


def xlsx_response(filename, sheets):
    """An Excel download with one sheet per Sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        for row in sheet.rows:
            worksheet.append(safe_row(row))
        for index in sheet.bold_rows:
            for cell in worksheet[index + 1]:
                cell.font = Font(bold=True)
        if sheet.first_column_width:
            worksheet.column_dimensions["A"].width = sheet.first_column_width
        if sheet.column_width:
            for column in range(2, worksheet.max_column + 1):
                worksheet.column_dimensions[get_column_letter(column)].width = sheet.column_width
        if sheet.freeze:
            worksheet.freeze_panes = sheet.freeze
    stream = io.BytesIO()
    workbook.save(stream)
    return attachment(HttpResponse(stream.getvalue(), content_type=XLSX_TYPE), filename)

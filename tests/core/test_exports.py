"""Downloads never let a spreadsheet run a cell as a formula."""

import io

from openpyxl import load_workbook

from core.exports import Sheet, csv_response, safe_cell, xlsx_response


def test_text_that_starts_like_a_formula_is_kept_as_text():
    assert [safe_cell(v) for v in ["=SUM(A1)", "+1", "-2", "@x", "\tx", "plain"]] == [
        "'=SUM(A1)",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "plain",
    ]


def test_numbers_stay_numbers():
    assert safe_cell(-3) == -3
    assert safe_cell(2.5) == 2.5
    assert safe_cell(None) == ""


def test_csv_and_xlsx_downloads_guard_every_cell():
    rows = [["Action", "Owner"], ['=HYPERLINK("http://x")', "Haven"]]
    csv_text = csv_response("a.csv", rows).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    response = xlsx_response("a.xlsx", [Sheet("Actions", rows)])
    assert response["Content-Disposition"] == 'attachment; filename="a.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Actions"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'

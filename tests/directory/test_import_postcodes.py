"""import_postcodes loads the NRS and ONS postcode directories, and the directory's lookup uses them."""

import csv
import gzip
import io
import logging
import zipfile

import pytest
from django.core.management import CommandError, call_command

from directory.models import CouncilArea, Postcode
from directory.postcodes import council_area_for_postcode, lookup_postcode

EDINBURGH, GLASGOW, NORTH_LANARKSHIRE = "S12000036", "S12000049", "S12000050"
EAST_AYRSHIRE, NORTH_AYRSHIRE = "S12000008", "S12000021"

NRS_HEADER = [
    "Postcode",
    "PostcodeDistrict",
    "PostcodeSector",
    "DateOfIntroduction",
    "DateOfDeletion",
    "Latitude",
    "Longitude",
    "SplitIndicator",
    "CouncilArea2019Code",
    "HealthBoardArea2019Code",
]
# (postcode, date of deletion, council area code, split indicator)
NRS_ROWS = [
    ("EH1 1YJ", "", EDINBURGH, "N"),
    ("EH1 2AB", "", EDINBURGH, "N"),
    ("EH1 9XX", "2019-06", EDINBURGH, "N"),
    ("KA3 1AA", "", EAST_AYRSHIRE, "N"),
    ("KA3 2BB", "", NORTH_AYRSHIRE, "N"),
    ("G33 6GSA", "", GLASGOW, "Y"),
    ("G33 6GSB", "", NORTH_LANARKSHIRE, "Y"),
    ("AB10 9QQ", "", "S12000099", "N"),
]

ONS_HEADER_2025 = ["pcd7", "pcd8", "pcds", "dointr", "doterm", "usrtypind", "lad25cd", "ctry25cd", "lat", "long"]
ONS_HEADER_OLD = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "oslaua", "osward", "usertype", "ctry"]
# (pcds, doterm, local authority, country)
ONS_ROWS = [
    ("EH1 1YJ", "", EDINBURGH, "S92000003"),
    ("KA3 1AA", "", EAST_AYRSHIRE, "S92000003"),
    ("KA3 2BB", "", NORTH_AYRSHIRE, "S92000003"),
    ("EH1 9XX", "201906", EDINBURGH, "S92000003"),
    ("SW1A 1AA", "", "E09000033", "E92000001"),
    ("CF10 1AA", "", "W06000015", "W92000004"),
]


def write_nrs(path, rows=NRS_ROWS, header=NRS_HEADER):
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for postcode, deleted, council, split in rows:
            district = postcode.split()[0]
            writer.writerow([postcode, district, postcode[:-2], "1980-01", deleted, "55.9", "-3.1", split, council, ""])
    return path


def write_ons(path, header=ONS_HEADER_2025, rows=ONS_ROWS):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for pcds, doterm, council, country in rows:
            outward, inward = pcds.split()
            values = {
                "pcd7": f"{outward:<4}{inward}",
                "pcd": f"{outward:<4}{inward}",
                "pcd8": f"{outward:<5}{inward}",
                "pcd2": f"{outward:<5}{inward}",
                "pcds": pcds,
                "doterm": doterm,
                "lad25cd": council,
                "oslaua": council,
                "ctry25cd": country,
                "ctry": country,
            }
            writer.writerow([values.get(column, "x") for column in header])
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def council_of(postcode):
    return Postcode.objects.select_related("council_area").get(postcode=postcode).council_area.gss_code


@pytest.mark.django_db
def test_loads_live_postcodes_from_the_nrs_directory(tmp_path):
    out, _ = run(write_nrs(tmp_path / "SmallUser.csv"))
    stored = set(Postcode.objects.values_list("postcode", flat=True))
    assert stored == {"EH11YJ", "EH12AB", "KA31AA", "KA32BB", "G336GS"}
    assert Postcode.objects.get(postcode="EH11YJ").district == "EH1"
    assert council_of("KA32BB") == NORTH_AYRSHIRE
    assert "NRS Scottish Postcode Directory" in out
    assert "Postcode, CouncilArea2019Code, DateOfDeletion" in out
    assert "5 Scottish postcodes" in out and "1 terminated" in out


@pytest.mark.django_db
def test_split_postcode_is_stored_once_with_its_first_part(tmp_path):
    out, _ = run(write_nrs(tmp_path / "SmallUser.csv"))
    assert council_of("G336GS") == GLASGOW
    assert "1 split postcode parts in another council area" in out


@pytest.mark.django_db
def test_unknown_council_codes_are_counted_and_reported_not_fatal(tmp_path):
    out, err = run(write_nrs(tmp_path / "SmallUser.csv"))
    assert not Postcode.objects.filter(postcode="AB109QQ").exists()
    assert "1 with an unknown council area code" in out
    assert "S12000099 (1)" in err


@pytest.mark.django_db
def test_reads_spaced_column_names_and_picks_the_latest_council_column(tmp_path):
    header = [name.replace("2019", " 2019 ") for name in NRS_HEADER]
    header = ["Post code" if name == "Postcode" else name for name in header]
    header[header.index("HealthBoardArea 2019 Code")] = "Council Area 2018 Code"
    path = write_nrs(tmp_path / "spaced.csv", header=header, rows=[("EH1 1YJ", "", EDINBURGH, "N")])
    run(path)
    assert council_of("EH11YJ") == EDINBURGH


@pytest.mark.django_db
@pytest.mark.parametrize("header", [ONS_HEADER_2025, ONS_HEADER_OLD], ids=["lad25cd", "oslaua"])
def test_loads_only_live_scottish_rows_from_the_ons_directory(tmp_path, header):
    out, _ = run(write_ons(tmp_path / "ONSPD_UK.csv", header=header))
    assert set(Postcode.objects.values_list("postcode", flat=True)) == {"EH11YJ", "KA31AA", "KA32BB"}
    assert "ONS Postcode Directory" in out
    assert "2 outside Scotland" in out and "1 terminated" in out


@pytest.mark.django_db
def test_running_again_changes_nothing_then_applies_changes(tmp_path):
    path = write_nrs(tmp_path / "SmallUser.csv")
    run(path)
    first = list(Postcode.objects.values_list("pk", "postcode", "district", "council_area_id"))
    out, _ = run(path)
    assert list(Postcode.objects.values_list("pk", "postcode", "district", "council_area_id")) == first
    assert "0 new, 0 changed, 5 unchanged" in out

    moved = [("KA3 2BB", "", EAST_AYRSHIRE, "N"), ("ML1 1AA", "", NORTH_LANARKSHIRE, "N")] + NRS_ROWS
    out, _ = run(write_nrs(path, rows=moved))
    assert "1 new, 1 changed, 4 unchanged" in out
    assert council_of("KA32BB") == EAST_AYRSHIRE
    assert Postcode.objects.count() == 6


@pytest.mark.django_db
def test_prune_deletes_postcodes_no_longer_in_the_file(tmp_path):
    run(write_nrs(tmp_path / "SmallUser.csv"))
    out, _ = run(write_nrs(tmp_path / "later.csv", rows=NRS_ROWS[:2]), "--prune")
    assert set(Postcode.objects.values_list("postcode", flat=True)) == {"EH11YJ", "EH12AB"}
    assert "3 deleted" in out


@pytest.mark.django_db
def test_prune_refuses_a_file_with_no_usable_postcodes(tmp_path):
    run(write_nrs(tmp_path / "SmallUser.csv"))
    with pytest.raises(CommandError, match="nothing was pruned"):
        run(write_nrs(tmp_path / "deleted.csv", rows=[("EH1 1YJ", "2020-01", EDINBURGH, "N")]), "--prune")
    assert Postcode.objects.count() == 5


@pytest.mark.django_db
def test_dry_run_changes_nothing(tmp_path):
    out, _ = run(write_nrs(tmp_path / "SmallUser.csv"), "--dry-run")
    assert not Postcode.objects.exists()
    assert "Would import 5 Scottish postcodes" in out


@pytest.mark.django_db
def test_small_batches_give_the_same_result(tmp_path):
    run(write_ons(tmp_path / "ONSPD_UK.csv"), "--batch-size", "1")
    assert Postcode.objects.count() == 3


@pytest.mark.django_db
def test_reads_gzipped_and_zipped_files(tmp_path):
    plain = write_nrs(tmp_path / "SmallUser.csv")
    gzipped = tmp_path / "SmallUser.csv.gz"
    gzipped.write_bytes(gzip.compress(plain.read_bytes()))
    run(gzipped)
    assert Postcode.objects.count() == 5

    Postcode.objects.all().delete()
    zipped = tmp_path / "spd_postcodeindex.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("LargeUser.csv", ",".join(NRS_HEADER) + "\n")
        archive.write(plain, "SmallUser.csv")
    out, _ = run(zipped)
    assert Postcode.objects.count() == 5
    assert "spd_postcodeindex.zip:SmallUser.csv" in out

    Postcode.objects.all().delete()
    run(zipped, "--member", "LargeUser.csv")
    assert not Postcode.objects.exists()


@pytest.mark.django_db
def test_clear_errors_for_a_missing_file_or_an_unknown_format(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run(tmp_path / "missing.csv")
    other = tmp_path / "other.csv"
    other.write_text("name,address\nA,B\n")
    with pytest.raises(CommandError, match="neither format"):
        run(other)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CommandError, match="is empty"):
        run(empty)
    with pytest.raises(CommandError, match="no CSV file called"):
        zipped = tmp_path / "a.zip"
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("SmallUser.csv", "Postcode\n")
        run(zipped, "--member", "Nope.csv")


@pytest.fixture
def imported(tmp_path, db):
    run(write_nrs(tmp_path / "SmallUser.csv"))


def test_lookup_finds_a_full_postcode_however_it_is_typed(imported):
    edinburgh = CouncilArea.objects.get(gss_code=EDINBURGH)
    assert lookup_postcode("EH1 1YJ").council_area == edinburgh
    assert lookup_postcode("  eh1   1yj ").council_area == edinburgh
    assert lookup_postcode("eh11yj").council_area == edinburgh
    assert council_area_for_postcode("EH1-1YJ.") == edinburgh


def test_lookup_of_a_district_in_one_council_area(imported):
    result = lookup_postcode("eh1")
    assert result.council_area.gss_code == EDINBURGH
    assert result.message == ""


def test_lookup_of_a_district_spanning_two_council_areas_asks_for_more(imported):
    result = lookup_postcode("KA3")
    assert result.council_area is None
    assert "more than one council area" in result.message


def test_unknown_postcode_in_a_one_council_district_uses_the_district(imported):
    result = lookup_postcode("EH1 9XX")
    assert result.council_area.gss_code == EDINBURGH
    assert "could not find EH1 9XX" in result.message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ZE1 0AA", "could not find ZE1 0AA in Scotland"),
        ("KA3 9ZZ", "covers more than one council area"),
        ("SW1A 1AA", "could not find SW1A 1AA in Scotland: it looks like a postcode elsewhere in the UK"),
        ("CF10", "elsewhere in the UK"),
        ("", "Enter a postcode"),
        ("not a postcode", "does not look like a postcode"),
        ("<b>EH1</b>", "does not look like a postcode"),
    ],
)
def test_unknown_and_non_scottish_postcodes_get_messages(imported, typed, message):
    result = lookup_postcode(typed)
    assert result.council_area is None
    assert message in result.message


def test_lookup_stores_and_logs_nothing(imported, caplog):
    caplog.set_level(logging.DEBUG)
    count = Postcode.objects.count()
    lookup_postcode("EH1 1YJ")
    lookup_postcode("ZE1 0AA")
    assert "ZE1" not in caplog.text and "EH1" not in caplog.text
    assert Postcode.objects.count() == count

"""Scotland's 14 health boards, 32 council areas, the three pilot areas, and the directory's
vocabularies. Editable in the admin afterwards; this only adds what is missing."""

import datetime

from django.db import migrations

HEALTH_BOARDS = [
    ("S08000015", "NHS Ayrshire and Arran"),
    ("S08000016", "NHS Borders"),
    ("S08000017", "NHS Dumfries and Galloway"),
    ("S08000029", "NHS Fife"),
    ("S08000019", "NHS Forth Valley"),
    ("S08000020", "NHS Grampian"),
    ("S08000031", "NHS Greater Glasgow and Clyde"),
    ("S08000022", "NHS Highland"),
    ("S08000032", "NHS Lanarkshire"),
    ("S08000024", "NHS Lothian"),
    ("S08000025", "NHS Orkney"),
    ("S08000026", "NHS Shetland"),
    ("S08000030", "NHS Tayside"),
    ("S08000028", "NHS Western Isles"),
]

# (GSS code, name, health board code, mainly rural, has island communities)
COUNCIL_AREAS = [
    ("S12000033", "Aberdeen City", "S08000020", False, False),
    ("S12000034", "Aberdeenshire", "S08000020", True, False),
    ("S12000041", "Angus", "S08000030", True, False),
    ("S12000035", "Argyll and Bute", "S08000022", True, True),
    ("S12000036", "City of Edinburgh", "S08000024", False, False),
    ("S12000005", "Clackmannanshire", "S08000019", False, False),
    ("S12000006", "Dumfries and Galloway", "S08000017", True, False),
    ("S12000042", "Dundee City", "S08000030", False, False),
    ("S12000008", "East Ayrshire", "S08000015", False, False),
    ("S12000045", "East Dunbartonshire", "S08000031", False, False),
    ("S12000010", "East Lothian", "S08000024", False, False),
    ("S12000011", "East Renfrewshire", "S08000031", False, False),
    ("S12000014", "Falkirk", "S08000019", False, False),
    ("S12000047", "Fife", "S08000029", False, False),
    ("S12000049", "Glasgow City", "S08000031", False, False),
    ("S12000017", "Highland", "S08000022", True, True),
    ("S12000018", "Inverclyde", "S08000031", False, False),
    ("S12000019", "Midlothian", "S08000024", False, False),
    ("S12000020", "Moray", "S08000020", True, False),
    ("S12000013", "Na h-Eileanan Siar", "S08000028", True, True),
    ("S12000021", "North Ayrshire", "S08000015", False, True),
    ("S12000050", "North Lanarkshire", "S08000032", False, False),
    ("S12000023", "Orkney Islands", "S08000025", True, True),
    ("S12000048", "Perth and Kinross", "S08000030", True, False),
    ("S12000038", "Renfrewshire", "S08000031", False, False),
    ("S12000026", "Scottish Borders", "S08000016", True, False),
    ("S12000027", "Shetland Islands", "S08000026", True, True),
    ("S12000028", "South Ayrshire", "S08000015", False, False),
    ("S12000029", "South Lanarkshire", "S08000032", False, False),
    ("S12000030", "Stirling", "S08000019", False, False),
    ("S12000039", "West Dunbartonshire", "S08000031", False, False),
    ("S12000040", "West Lothian", "S08000024", False, False),
]

PILOT_AREAS = [
    (1, "Edinburgh and Borders", ["S12000036", "S12000026"]),
    (2, "Highland, Perth and Kinross, Aberdeen and Dundee", ["S12000017", "S12000048", "S12000033", "S12000042"]),
    (3, "Glasgow and Ayrshire", ["S12000049", "S12000008", "S12000021", "S12000028"]),
]
PILOT_START = datetime.date(2024, 7, 1)


def load(apps, schema_editor):
    from directory.models.taxonomy import VOCABULARIES, stable_uuid

    HealthBoard = apps.get_model("directory", "HealthBoard")
    CouncilArea = apps.get_model("directory", "CouncilArea")
    PilotArea = apps.get_model("directory", "PilotArea")
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")

    boards = {}
    for code, name in HEALTH_BOARDS:
        boards[code], _ = HealthBoard.objects.get_or_create(gss_code=code, defaults={"name": name})
    councils = {}
    for code, name, board, rural, islands in COUNCIL_AREAS:
        councils[code], _ = CouncilArea.objects.get_or_create(
            gss_code=code,
            defaults={"name": name, "health_board": boards[board], "is_rural": rural, "has_islands": islands},
        )
    for number, name, codes in PILOT_AREAS:
        pilot, created = PilotArea.objects.get_or_create(
            number=number, defaults={"name": name, "phase": "Pilot", "start_date": PILOT_START}
        )
        if created:
            pilot.council_areas.set([councils[c] for c in codes])

    for slug, name, description, terms in VOCABULARIES:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "uuid": stable_uuid(slug)}
        )
        for position, (term_slug, term_name, code) in enumerate(terms):
            TaxonomyTerm.objects.get_or_create(
                taxonomy=taxonomy,
                slug=term_slug,
                defaults={
                    "name": term_name,
                    "code": code,
                    "sort_order": position,
                    "uuid": stable_uuid(slug, term_slug),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

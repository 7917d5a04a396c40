"""The directory's demo content: member organisations, their sections and services across the pilot areas.

The specialist organisations, their services, addresses, phone numbers (Ofcom's drama ranges) and emails
(@example.org) are fictional. The public bodies are real, but the services listed for them are illustrative.
"""

import datetime
import importlib
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.db.models import Q
from django.utils import timezone

from core.indexing import deferred_search_indexing
from core.pages import site_home
from directory.models import (
    RESERVED_SLUGS,
    CouncilArea,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    Postcode,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    TaxonomyTerm,
)
from directory.models.geography import normalise_postcode
from members.models import Organisation

DIRECTORY = {
    "title": "Find support",
    "slug": "directory",
    "show_in_menus": True,
    "summary": "Specialist and mainstream support services for women affected by commercial sexual exploitation "
    "in Scotland, by area, type of support, language and access needs.",
    "intro": "<p>Search for support near you, or for services that help by phone, text or online wherever you "
    "live. Every listing is kept up to date by its organisation and checked by the National Hub. You do not need "
    "a referral for most services, and you do not have to call what happened to you exploitation.</p>",
}

Kind = Organisation.Kind

# (slug, name, kind, summary, phone, email)
ORGANISATIONS = [
    (
        "harbour-womens-project",
        "Harbour Women's Project",
        Kind.SPECIALIST,
        "Support, advocacy and safe accommodation in Edinburgh for women who sell or exchange sex or have left.",
        "0131 496 0100",
        "hello@harbour.example.org",
    ),
    (
        "borders-rural-womens-support",
        "Borders Rural Women's Support",
        Kind.SPECIALIST,
        "Outreach across the Scottish Borders for women affected by exploitation, wherever they live.",
        "01632 960100",
        "support@borders-rural.example.org",
    ),
    (
        "clyde-womens-pathways",
        "Clyde Women's Pathways",
        Kind.SPECIALIST,
        "Drop-in, street outreach, counselling and a safe house for women in Glasgow affected by commercial "
        "sexual exploitation.",
        "0141 496 0100",
        "info@clyde-pathways.example.org",
    ),
    (
        "ayrshire-womens-outreach",
        "Ayrshire Women's Outreach Network",
        Kind.SPECIALIST,
        "Support in East, North and South Ayrshire, including outreach to Arran and Cumbrae.",
        "01632 960200",
        "contact@ayrshire-outreach.example.org",
    ),
    (
        "tayside-womens-collective",
        "Tayside Women's Support Collective",
        Kind.SPECIALIST,
        "Drop-in and outreach in Dundee and Perth and Kinross, and counselling by phone and video.",
        "01632 960300",
        "hello@tayside-collective.example.org",
    ),
    (
        "granite-womens-outreach",
        "Granite Women's Outreach",
        Kind.SPECIALIST,
        "Drop-in, housing and money advice and a refuge for women in Aberdeen and Aberdeenshire.",
        "01632 960400",
        "info@granite-outreach.example.org",
    ),
    (
        "highlands-islands-womens-network",
        "Highlands and Islands Women's Network",
        Kind.SPECIALIST,
        "Support in Inverness and by outreach, phone and video across the Highlands and the islands, in English "
        "and Gaelic.",
        "01632 960500",
        "support@hiwn.example.org",
    ),
    (
        "safe-passage-scotland",
        "Safe Passage Scotland",
        Kind.SPECIALIST,
        "A national service for women who have been trafficked for sexual exploitation: a support line, "
        "safe accommodation and legal advocacy, with interpreters.",
        "0808 157 0100",
        "referrals@safe-passage.example.org",
    ),
    (
        "speak-out-peer-network",
        "Speak Out Peer Network",
        Kind.SPECIALIST,
        "Peer support led by women with lived experience of commercial sexual exploitation, online across Scotland.",
        "0808 157 0200",
        "hello@speak-out.example.org",
    ),
    (
        "city-of-edinburgh-council",
        "City of Edinburgh Council",
        Kind.LOCAL_AUTHORITY,
        "The local authority for Edinburgh: social work, adult support and protection, and housing.",
        "0131 496 0200",
        "social-work@edinburgh.example.org",
    ),
    (
        "glasgow-city-council",
        "Glasgow City Council",
        Kind.LOCAL_AUTHORITY,
        "The local authority for Glasgow: social work, adult support and protection, and homelessness services.",
        "0141 496 0200",
        "social-work@glasgow.example.org",
    ),
    (
        "highland-council",
        "The Highland Council",
        Kind.LOCAL_AUTHORITY,
        "The local authority for the Highlands: social work and adult support and protection.",
        "01632 960600",
        "adult-protection@highland.example.org",
    ),
    (
        "nhs-lothian",
        "NHS Lothian",
        Kind.HEALTH_BOARD,
        "The health board for Edinburgh and the Lothians: sexual health, mental health and primary care.",
        "0131 496 0300",
        "sexual-health@lothian.example.org",
    ),
    (
        "nhs-greater-glasgow-and-clyde",
        "NHS Greater Glasgow and Clyde",
        Kind.HEALTH_BOARD,
        "The health board for Glasgow and Clyde: sexual and reproductive health, and trauma-informed mental health "
        "care.",
        "0141 496 0300",
        "womens-health@ggc.example.org",
    ),
    (
        "police-scotland",
        "Police Scotland",
        Kind.POLICE,
        "Scotland's national police service. Specialist officers investigate exploitation and trafficking and "
        "work with support services.",
        "01632 960700",
        "exploitation-unit@police.example.org",
    ),
    (
        "national-hub",
        "National Hub for Specialist CSE Support",
        Kind.NATIONAL_BODY,
        "The Scottish Government funded co-ordination of specialist support services, linking them with local "
        "authorities, health boards and Police Scotland.",
        "0808 157 0300",
        "hub@example.org",
    ),
]

PILOT_START = datetime.date(2024, 7, 1)

# Real postcodes of council headquarters, one or two per pilot-area council, so postcode search works in the demo.
# The full set comes from `python manage.py import_postcodes` (see the README).
DEMO_POSTCODES = [
    ("EH1 1YJ", "S12000036"),  # City Chambers, High Street, Edinburgh
    ("EH8 8BG", "S12000036"),  # Waverley Court, East Market Street, Edinburgh
    ("TD6 0SA", "S12000026"),  # Council Headquarters, Newtown St Boswells
    ("IV3 5NX", "S12000017"),  # Highland Council Headquarters, Glenurquhart Road, Inverness
    ("PH1 5GD", "S12000048"),  # Pullar House, Kinnoull Street, Perth
    ("AB10 1AB", "S12000033"),  # Marischal College, Broad Street, Aberdeen
    ("DD1 3BY", "S12000042"),  # City Chambers, City Square, Dundee
    ("G2 1DU", "S12000049"),  # City Chambers, George Square, Glasgow
    ("KA3 7BU", "S12000008"),  # Council Headquarters, London Road, Kilmarnock
    ("KA12 8EE", "S12000021"),  # Cunninghame House, Friars Croft, Irvine
    ("KA7 1DR", "S12000028"),  # County Buildings, Wellington Square, Ayr
]

DAYS = {"Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun": 7}


@dataclass
class DemoService:
    """A service of the demo directory, written compactly: terms, hours and areas as short text."""

    organisation: str
    slug: str
    title: str
    summary: str
    description: str
    terms: str
    areas: list = field(default_factory=list)
    scotland_wide: bool = False
    locations: list = field(default_factory=list)
    hours: str = ""
    hours_notes: str = ""
    phone: str = ""
    text_number: str = ""
    email: str = ""
    eligibility: str = ""
    how_to_refer: str = "Call, text or email, or ask a professional to refer you. You can stay anonymous at first."
    women_only: bool = True
    minimum_age: int | None = 16
    checked_days_ago: int = 30


def location(visibility, name, address, town, council, postcode):
    """The fields of a ServiceLocation, with the council area by name."""
    fields = {"visibility": visibility, "name": name, "address_1": address, "town": town, "postcode": postcode}
    return {**fields, "council": council}


def public(name, address, town, council, postcode=""):
    """A location whose full address is published."""
    return location("public", name, address, town, council, postcode)


def town_only(town, council, address="", postcode=""):
    """A location of which only the town (and postcode district) is published."""
    return location("town", "", address, town, council, postcode)


def hidden(address, town, council, postcode=""):
    """A location that is never published: a refuge or safe house."""
    return location("hidden", "", address, town, council, postcode)


S = DemoService
EDINBURGH, BORDERS = "City of Edinburgh", "Scottish Borders"
HIGHLAND, PERTH, ABERDEEN, DUNDEE = "Highland", "Perth and Kinross", "Aberdeen City", "Dundee City"
GLASGOW, EAST_AYRSHIRE = "Glasgow City", "East Ayrshire"
NORTH_AYRSHIRE, SOUTH_AYRSHIRE = "North Ayrshire", "South Ayrshire"
ISLANDS = ["Na h-Eileanan Siar", "Orkney Islands", "Shetland Islands"]

SERVICES = [
    # Pilot 1: Edinburgh and Borders
    S(
        "harbour-womens-project",
        "drop-in",
        "Harbour drop-in",
        "A women-only drop-in in Leith: a hot meal, health checks, and someone to talk to without judgement.",
        "<p>Come in for a cup of tea, a meal, clean clothes or a shower. A support worker and, on Wednesdays, a "
        "sexual health nurse are there. You do not have to give your name.</p>",
        "support=outreach,health,peer-support cse=prostitution,lap-dancing,stripping delivery=in-person "
        "referral=self language=english,polish,romanian access=step-free,accessible-toilet,women-only-space",
        areas=[EDINBURGH],
        locations=[public("Harbour drop-in", "2 Shorehaven Lane", "Edinburgh", EDINBURGH)],
        hours="Mon,Wed,Fri 11:00-15:00; Wed 18:00-20:30",
        phone="0131 496 0101",
        text_number="07700 900101",
        how_to_refer="Just come in during opening hours. You can also call or text first.",
        checked_days_ago=21,
    ),
    S(
        "harbour-womens-project",
        "advocacy-and-exiting",
        "Advocacy and exiting support",
        "One-to-one support to deal with housing, money, health, police or courts, and to leave if you want to.",
        "<p>A named support worker works with you for as long as you need, at your pace. We go with you to "
        "appointments, help with benefits and housing applications, and support you through police and court "
        "processes if you choose to report.</p>",
        "support=advocacy,exiting,housing,money,legal cse=prostitution,pornography,trafficking "
        "delivery=in-person,phone referral=self,professional language=english,bsl "
        "access=interpreters,step-free,out-of-hours",
        areas=[EDINBURGH, "East Lothian", "Midlothian", "West Lothian"],
        locations=[town_only("Edinburgh", EDINBURGH, address="40 Calder Row")],
        hours="Mon-Fri 09:30-17:00; Thu 17:00-19:00",
        phone="0131 496 0102",
        email="advocacy@harbour.example.org",
        how_to_refer="Call or email us, or ask your social worker, GP or support worker to refer you with your "
        "agreement. A British Sign Language interpreter can join any appointment.",
        checked_days_ago=45,
    ),
    S(
        "harbour-womens-project",
        "safe-accommodation",
        "Harbour safe accommodation",
        "Safe, supported flats for women leaving exploitation who need somewhere secure to stay.",
        "<p>Furnished, self-contained flats at a confidential address, with a support worker on site during the "
        "day and an out-of-hours phone line. Women can stay for up to a year while they find a home.</p>",
        "support=housing,exiting,counselling cse=prostitution,trafficking delivery=in-person referral=professional "
        "language=english access=women-only-space,childcare",
        areas=[EDINBURGH],
        locations=[hidden("11 Lanternwell Court", "Edinburgh", EDINBURGH)],
        hours_notes="Staffed every day; an out-of-hours worker answers the phone at night.",
        phone="0131 496 0103",
        email="accommodation@harbour.example.org",
        eligibility="Women aged 18 and over leaving commercial sexual exploitation who need safe accommodation. "
        "Children can stay with their mother.",
        how_to_refer="A professional (social worker, housing officer, police officer or support worker) calls us "
        "to discuss a referral. If you have no worker, call us and we will help you find one.",
        minimum_age=18,
        checked_days_ago=95,
    ),
    S(
        "harbour-womens-project",
        "evening-outreach",
        "Evening street outreach",
        "Our outreach van is out in Leith and the city centre three evenings a week with hot drinks and support.",
        "<p>Outreach workers offer hot drinks, food, condoms, attack alarms and a chat. They can arrange health "
        "appointments and share warnings about dangerous individuals.</p>",
        "support=outreach,health cse=prostitution delivery=outreach referral=self language=english,romanian "
        "access=out-of-hours",
        areas=[EDINBURGH],
        hours="Tue,Thu 19:00-23:30; Sat 20:00-23:59",
        text_number="07700 900102",
        how_to_refer="Look out for the van, or text us to find out where it is tonight.",
        checked_days_ago=12,
    ),
    S(
        "borders-rural-womens-support",
        "rural-outreach",
        "Borders rural outreach",
        "Support workers who come to you anywhere in the Borders, at home or somewhere you feel safe.",
        "<p>We meet women in towns and villages across the Scottish Borders: at home, in a cafe, at a GP surgery "
        "or wherever feels safe. We can also help with travel costs to appointments.</p>",
        "support=outreach,advocacy,money,exiting cse=prostitution,pornography delivery=outreach,phone "
        "referral=self,professional language=english access=out-of-hours",
        areas=[BORDERS],
        locations=[
            town_only("Galashiels", BORDERS, address="3 Tweedbank Mews"),
            town_only("Hawick", BORDERS, address="18 Teviot Yard"),
        ],
        hours="Mon-Thu 09:00-17:00; Fri 09:00-13:00",
        phone="01632 960101",
        text_number="07700 900103",
        checked_days_ago=170,
    ),
    S(
        "borders-rural-womens-support",
        "counselling",
        "Counselling by phone and video",
        "Free trauma-informed counselling by phone or video, so you do not need to travel.",
        "<p>Up to 20 sessions with a qualified counsellor experienced in working with women affected by "
        "exploitation. Evening appointments are available.</p>",
        "support=counselling cse=prostitution,pornography,lap-dancing delivery=phone,video referral=self,professional "
        "language=english access=out-of-hours,easy-read",
        areas=[BORDERS, "East Lothian", "Midlothian"],
        hours="Mon-Fri 10:00-20:00",
        phone="01632 960102",
        email="counselling@borders-rural.example.org",
        checked_days_ago=60,
    ),
    S(
        "borders-rural-womens-support",
        "safe-house",
        "Borders safe house",
        "A small safe house for women who need to leave where they are living at once.",
        "<p>Two bedrooms in a house at a confidential address, for short stays while we find longer-term "
        "accommodation together.</p>",
        "support=housing cse=prostitution,trafficking delivery=in-person referral=professional language=english "
        "access=women-only-space",
        areas=[BORDERS],
        locations=[hidden("7 Kestrel Brae", "Selkirk", BORDERS)],
        hours_notes="Referrals by phone, Monday to Friday, 9am to 5pm.",
        phone="01632 960103",
        how_to_refer="Ask a professional to call us, or call us yourself and we will arrange a referral.",
        minimum_age=18,
        checked_days_ago=230,
    ),
    S(
        "city-of-edinburgh-council",
        "social-work-adult-support",
        "Social work: adult support and protection",
        "Social workers who help adults at risk of harm, including exploitation, and link them to specialist support.",
        "<p>If you are worried that an adult is being exploited, tell us. A social worker will make enquiries and "
        "work with the person, specialist services and the police to keep her safe.</p>",
        "support=advocacy,housing,children-families cse=prostitution,trafficking,pornography delivery=in-person,phone "
        "referral=self,professional language=english,bsl access=interpreters,step-free,hearing-loop",
        areas=[EDINBURGH],
        locations=[
            public(
                "Social care direct", "Waverley Court, 4 East Market Street", "Edinburgh", EDINBURGH, postcode="EH8 8BG"
            )
        ],
        hours="Mon-Thu 08:30-17:00; Fri 08:30-15:40",
        hours_notes="Out of hours, call the emergency social work service on the same number.",
        phone="0131 496 0201",
        email="social-work@edinburgh.example.org",
        eligibility="Adults in Edinburgh who may be at risk of harm.",
        how_to_refer="Anyone can call. Professionals should use the adult protection referral form.",
        women_only=False,
        minimum_age=16,
        checked_days_ago=80,
    ),
    S(
        "nhs-lothian",
        "sexual-health-outreach",
        "Sexual health outreach clinic",
        "Sexual health care for women who sell or exchange sex, with no need to give your real name.",
        "<p>Testing and treatment, contraception, cervical screening and vaccinations, from a nurse who "
        "understands. Appointments can be arranged through Harbour Women's Project.</p>",
        "support=health cse=prostitution,lap-dancing,stripping,pornography delivery=in-person,outreach "
        "referral=self,professional language=english,bsl access=interpreters,step-free,accessible-toilet",
        areas=[EDINBURGH, "East Lothian", "Midlothian", "West Lothian"],
        locations=[town_only("Edinburgh", EDINBURGH, address="Ward 9, Greenbank Clinic")],
        hours="Tue 13:00-16:00; Thu 17:00-19:30",
        phone="0131 496 0301",
        how_to_refer="Call to book, or ask a support worker to book for you. BSL interpreters are available.",
        checked_days_ago=160,
    ),
    S(
        "police-scotland",
        "reporting-exploitation",
        "Reporting exploitation to specialist officers",
        "Specialist officers who support women to report exploitation or trafficking, when and if they choose.",
        "<p>In an emergency, always call 999. Specialist officers can meet you with a support worker present, "
        "explain what reporting involves and work with specialist services to keep you safe.</p>",
        "support=legal,trafficking cse=prostitution,trafficking,pornography delivery=in-person,phone "
        "referral=self,professional language=english,bsl access=interpreters",
        scotland_wide=True,
        hours_notes="24 hours a day, every day. In an emergency call 999.",
        phone="01632 960701",
        eligibility="Anyone who wants to report exploitation or trafficking, or is worried about someone.",
        how_to_refer="Call and ask for the exploitation unit, or ask a support service to arrange a meeting.",
        women_only=False,
        minimum_age=None,
        checked_days_ago=40,
    ),
    # Pilot 2: Highland, Perth and Kinross, Aberdeen and Dundee
    S(
        "highlands-islands-womens-network",
        "inverness-drop-in",
        "Inverness drop-in",
        "A weekly drop-in in Inverness with support workers, a nurse and a free lunch.",
        "<p>Come along for lunch and a chat, help with forms and benefits, or a private conversation with a "
        "support worker.</p>",
        "support=outreach,advocacy,health,money cse=prostitution,lap-dancing delivery=in-person referral=self "
        "language=english,gaelic access=step-free,accessible-toilet,women-only-space",
        areas=[HIGHLAND],
        locations=[public("Network rooms", "5 Ness Walk Court", "Inverness", HIGHLAND)],
        hours="Tue 11:00-15:00; Thu 11:00-15:00",
        phone="01632 960501",
        checked_days_ago=25,
    ),
    S(
        "highlands-islands-womens-network",
        "island-and-rural-outreach",
        "Island and rural outreach",
        "Support by phone, video and visits for women on the islands and in rural Highland communities.",
        "<p>Wherever you live, we can support you by phone or video, and a worker can travel to meet you in "
        "Skye, Lochaber, Caithness, Sutherland, the Western Isles, Orkney or Shetland. We pay travel costs for "
        "appointments on the mainland.</p>",
        "support=outreach,advocacy,counselling,exiting cse=prostitution,pornography,trafficking "
        "delivery=outreach,phone,video,chat referral=self,professional language=english,gaelic "
        "access=out-of-hours,easy-read",
        areas=[HIGHLAND, "Argyll and Bute", *ISLANDS],
        hours="Mon-Fri 09:00-17:00",
        hours_notes="Visits to the islands are arranged in advance.",
        phone="01632 960502",
        text_number="07700 900501",
        email="outreach@hiwn.example.org",
        checked_days_ago=175,
    ),
    S(
        "highlands-islands-womens-network",
        "gaelic-support-line",
        "Support line in Gaelic and English",
        "Talk to a support worker in Scottish Gaelic or English.",
        "<p>A confidential line for women anywhere in the Highlands and Islands. Our workers speak Gaelic and "
        "English.</p>",
        "support=counselling,peer-support cse=prostitution delivery=phone,chat referral=self language=gaelic,english",
        areas=[HIGHLAND, "Na h-Eileanan Siar", "Argyll and Bute"],
        hours="Mon,Wed,Fri 10:00-14:00; Wed 18:00-21:00",
        phone="01632 960503",
        checked_days_ago=55,
    ),
    S(
        "highlands-islands-womens-network",
        "safe-house",
        "Highland safe house",
        "Emergency safe accommodation in the Highlands for women escaping exploitation.",
        "<p>A safe house at a confidential address with staff on call. Women can stay while we plan next steps "
        "together.</p>",
        "support=housing,exiting cse=prostitution,trafficking delivery=in-person referral=professional "
        "language=english access=women-only-space,childcare",
        areas=[HIGHLAND, *ISLANDS],
        locations=[hidden("2 Corrie Wynd", "Dingwall", HIGHLAND)],
        hours_notes="Referrals by phone at any time.",
        phone="01632 960504",
        minimum_age=18,
        checked_days_ago=140,
    ),
    S(
        "highland-council",
        "adult-protection",
        "Adult support and protection",
        "Social work help for adults at risk of harm anywhere in the Highlands.",
        "<p>Tell us if you are worried about an adult who may be exploited. Social workers work with specialist "
        "services, health and the police.</p>",
        "support=advocacy,children-families cse=prostitution,trafficking delivery=in-person,phone "
        "referral=self,professional language=english,gaelic,bsl access=interpreters,step-free,hearing-loop",
        areas=[HIGHLAND],
        locations=[public("Council Headquarters", "Glenurquhart Road", "Inverness", HIGHLAND, postcode="IV3 5NX")],
        hours="Mon-Fri 09:00-17:00",
        phone="01632 960601",
        email="adult-protection@highland.example.org",
        eligibility="Adults in the Highland council area who may be at risk of harm.",
        how_to_refer="Anyone can call. Professionals should also complete the inter-agency referral form.",
        women_only=False,
        minimum_age=16,
        checked_days_ago=110,
    ),
    S(
        "tayside-womens-collective",
        "dundee-drop-in",
        "Dundee drop-in",
        "A relaxed drop-in in Dundee city centre for support, food and company.",
        "<p>Drop in for a meal and a chat. Support workers can help with housing, benefits, debt, health and "
        "legal questions.</p>",
        "support=outreach,advocacy,money,substance-use cse=prostitution,stripping delivery=in-person referral=self "
        "language=english,polish access=step-free,women-only-space",
        areas=[DUNDEE],
        locations=[public("The Collective", "14 Seagate Close", "Dundee", DUNDEE)],
        hours="Mon 12:00-16:00; Wed 12:00-16:00; Fri 10:00-13:00",
        phone="01632 960301",
        checked_days_ago=35,
    ),
    S(
        "tayside-womens-collective",
        "perthshire-outreach",
        "Perth and rural Perthshire outreach",
        "Support workers based in Perth who travel to women across rural Perthshire and Kinross.",
        "<p>We meet you where you feel safe, in Perth or in towns and villages across Perth and Kinross, and "
        "can support you by phone in between.</p>",
        "support=outreach,advocacy,exiting cse=prostitution,lap-dancing delivery=outreach,phone "
        "referral=self,professional language=english access=out-of-hours",
        areas=[PERTH],
        locations=[town_only("Perth", PERTH, address="9 Tay Street Lane")],
        hours="Mon-Fri 09:00-17:00",
        phone="01632 960302",
        text_number="07700 900301",
        checked_days_ago=250,
    ),
    S(
        "tayside-womens-collective",
        "counselling",
        "Tayside counselling service",
        "Trauma counselling in person in Dundee and Perth, or by video.",
        "<p>Counsellors trained in working with women who have experienced sexual exploitation. Up to 24 "
        "sessions, with a waiting list of about four weeks.</p>",
        "support=counselling cse=prostitution,pornography,trafficking delivery=in-person,video "
        "referral=self,professional language=english,bsl access=interpreters,step-free,out-of-hours",
        areas=[DUNDEE, PERTH, "Angus"],
        locations=[town_only("Dundee", DUNDEE, address="Flat 2, 30 Nethergate Court")],
        hours="Mon-Thu 10:00-19:00",
        phone="01632 960303",
        email="counselling@tayside-collective.example.org",
        checked_days_ago=70,
    ),
    S(
        "granite-womens-outreach",
        "aberdeen-drop-in",
        "Aberdeen drop-in",
        "Drop-in support, health care and a hot meal for women in Aberdeen.",
        "<p>Come in for food, a shower, clean clothes and support. A nurse visits on Tuesdays.</p>",
        "support=outreach,health,substance-use cse=prostitution delivery=in-person referral=self "
        "language=english,romanian,polish access=step-free,accessible-toilet,women-only-space",
        areas=[ABERDEEN],
        locations=[public("Granite drop-in", "21 Castlegate Row", "Aberdeen", ABERDEEN)],
        hours="Tue 12:00-16:00; Thu 18:00-21:00",
        phone="01632 960401",
        checked_days_ago=15,
    ),
    S(
        "granite-womens-outreach",
        "housing-and-money",
        "Housing and money advice",
        "Help to find and keep a home, sort out benefits and deal with debt.",
        "<p>Advisers help with homelessness applications, tenancies, Universal Credit, debt and budgeting, and "
        "can go with you to appointments.</p>",
        "support=housing,money,advocacy cse=prostitution,trafficking delivery=in-person,phone "
        "referral=self,professional language=english access=step-free,easy-read",
        areas=[ABERDEEN, "Aberdeenshire"],
        locations=[town_only("Aberdeen", ABERDEEN, address="6 Union Terrace Mews")],
        hours="Mon-Fri 09:30-16:30",
        phone="01632 960402",
        email="advice@granite-outreach.example.org",
        checked_days_ago=190,
    ),
    S(
        "granite-womens-outreach",
        "refuge",
        "Granite refuge",
        "Refuge accommodation for women, and their children, leaving exploitation.",
        "<p>Six self-contained flats at a confidential address with 24-hour staff support.</p>",
        "support=housing,children-families,counselling cse=prostitution,trafficking delivery=in-person "
        "referral=self,professional language=english access=women-only-space,childcare",
        areas=[ABERDEEN, "Aberdeenshire", "Moray"],
        locations=[hidden("44 Birchwood Gardens", "Aberdeen", ABERDEEN)],
        hours_notes="Referrals taken 24 hours a day.",
        phone="01632 960403",
        checked_days_ago=100,
    ),
    # Pilot 3: Glasgow and Ayrshire
    S(
        "clyde-womens-pathways",
        "drop-in",
        "Clyde drop-in",
        "Drop-in support in Glasgow city centre: food, health care, advice and a safe space.",
        "<p>Open to any woman involved in selling or exchanging sex. Support workers, a nurse and a housing "
        "adviser are on hand.</p>",
        "support=outreach,health,housing,substance-use cse=prostitution,lap-dancing,stripping delivery=in-person "
        "referral=self language=english,romanian,polish,arabic access=step-free,accessible-toilet,women-only-space",
        areas=[GLASGOW],
        locations=[public("Clyde drop-in", "8 Merchant Wynd", "Glasgow", GLASGOW)],
        hours="Mon-Fri 10:00-16:00; Tue 18:00-21:00",
        phone="0141 496 0101",
        text_number="07700 900201",
        checked_days_ago=10,
    ),
    S(
        "clyde-womens-pathways",
        "street-outreach",
        "Night-time street outreach",
        "Outreach workers on the streets of Glasgow at night with support, supplies and safety information.",
        "<p>Our workers and volunteers are out four nights a week with hot drinks, food, condoms and personal "
        "alarms, and can help arrange a safe place to stay tonight.</p>",
        "support=outreach,health cse=prostitution delivery=outreach referral=self language=english,romanian "
        "access=out-of-hours",
        areas=[GLASGOW],
        hours="Mon,Wed,Thu 20:00-23:59; Sat 21:00-23:59",
        text_number="07700 900202",
        how_to_refer="Look out for our workers, or text us to arrange to meet.",
        checked_days_ago=28,
    ),
    S(
        "clyde-womens-pathways",
        "counselling",
        "Counselling and trauma support",
        "Specialist counselling for women affected by any form of commercial sexual exploitation.",
        "<p>Individual counselling, groups and complementary therapies with counsellors who specialise in "
        "trauma. In person in Glasgow or by video.</p>",
        "support=counselling,peer-support cse=prostitution,lap-dancing,stripping,pornography,trafficking "
        "delivery=in-person,video referral=self,professional language=english,bsl,urdu,punjabi "
        "access=interpreters,step-free,hearing-loop,out-of-hours",
        areas=[GLASGOW, "East Dunbartonshire", "East Renfrewshire", "Renfrewshire", "West Dunbartonshire"],
        locations=[town_only("Glasgow", GLASGOW, address="Suite 4, 77 Candleriggs Court")],
        hours="Mon-Thu 09:30-19:30; Fri 09:30-16:00",
        phone="0141 496 0102",
        email="counselling@clyde-pathways.example.org",
        checked_days_ago=65,
    ),
    S(
        "clyde-womens-pathways",
        "safe-house",
        "Clyde safe house",
        "Safe, supported accommodation in Glasgow for women leaving exploitation.",
        "<p>A safe house at a confidential address with round-the-clock staff and a move-on worker.</p>",
        "support=housing,exiting cse=prostitution,trafficking delivery=in-person referral=professional "
        "language=english access=women-only-space",
        areas=[GLASGOW],
        locations=[hidden("19 Thornbank Crescent", "Glasgow", GLASGOW)],
        hours_notes="Referrals by phone, 24 hours a day.",
        phone="0141 496 0103",
        minimum_age=18,
        checked_days_ago=205,
    ),
    S(
        "clyde-womens-pathways",
        "venue-workers",
        "Support for women in lap dancing and stripping",
        "Confidential support for women working, or who have worked, in lap dancing and stripping clubs.",
        "<p>Advice on rights, money, safety and health, and support to move on if you want to. We can meet "
        "you away from your workplace, in person or online.</p>",
        "support=advocacy,money,legal,counselling cse=lap-dancing,stripping delivery=in-person,chat,video "
        "referral=self language=english,portuguese,spanish access=out-of-hours",
        areas=[GLASGOW, NORTH_AYRSHIRE, SOUTH_AYRSHIRE, EAST_AYRSHIRE],
        hours="Mon-Fri 12:00-20:00",
        phone="0141 496 0104",
        email="venues@clyde-pathways.example.org",
        checked_days_ago=88,
    ),
    S(
        "ayrshire-womens-outreach",
        "kilmarnock-support",
        "Kilmarnock support and outreach",
        "Support workers in Kilmarnock who also travel across East Ayrshire.",
        "<p>One-to-one support with housing, money, health and safety, in Kilmarnock or wherever suits you in "
        "East Ayrshire.</p>",
        "support=outreach,advocacy,money,exiting cse=prostitution,pornography delivery=in-person,outreach,phone "
        "referral=self,professional language=english access=step-free",
        areas=[EAST_AYRSHIRE],
        locations=[town_only("Kilmarnock", EAST_AYRSHIRE, address="12 Foregate Close")],
        hours="Mon-Fri 09:00-17:00",
        phone="01632 960201",
        text_number="07700 900401",
        checked_days_ago=50,
    ),
    S(
        "ayrshire-womens-outreach",
        "irvine-and-islands",
        "Irvine drop-in and island outreach",
        "A drop-in in Irvine, and visits to women on Arran and Cumbrae.",
        "<p>Drop in on Wednesdays, or arrange a visit. Workers travel to Arran and Great Cumbrae every "
        "fortnight and can support you by phone or video in between.</p>",
        "support=outreach,advocacy,health cse=prostitution delivery=in-person,outreach,phone,video "
        "referral=self,professional language=english access=step-free,accessible-toilet",
        areas=[NORTH_AYRSHIRE],
        locations=[public("Irvine drop-in", "3 Harbourside Walk", "Irvine", NORTH_AYRSHIRE)],
        hours="Wed 10:00-15:00",
        hours_notes="Island visits every second Tuesday; call to book.",
        phone="01632 960202",
        checked_days_ago=120,
    ),
    S(
        "ayrshire-womens-outreach",
        "ayr-drop-in",
        "Ayr drop-in",
        "A weekly drop-in in Ayr town centre with lunch and support.",
        "<p>A friendly drop-in with lunch, support workers and a sexual health nurse once a month.</p>",
        "support=outreach,health,peer-support cse=prostitution,stripping delivery=in-person referral=self "
        "language=english access=step-free,women-only-space",
        areas=[SOUTH_AYRSHIRE],
        locations=[public("Ayr drop-in", "27 Sandgate Lane", "Ayr", SOUTH_AYRSHIRE)],
        hours="Fri 11:00-14:30",
        phone="01632 960203",
        checked_days_ago=178,
    ),
    S(
        "ayrshire-womens-outreach",
        "refuge",
        "Ayrshire refuge",
        "Refuge accommodation for women and children across Ayrshire.",
        "<p>Self-contained flats at a confidential address, with support to recover and move on.</p>",
        "support=housing,children-families cse=prostitution,trafficking delivery=in-person "
        "referral=self,professional language=english access=women-only-space,childcare",
        areas=[EAST_AYRSHIRE, NORTH_AYRSHIRE, SOUTH_AYRSHIRE],
        locations=[hidden("5 Lochview Terrace", "Cumnock", EAST_AYRSHIRE)],
        hours_notes="Referrals 24 hours a day.",
        phone="01632 960204",
        checked_days_ago=75,
    ),
    S(
        "glasgow-city-council",
        "social-work-adult-support",
        "Social work: adult support and protection",
        "Glasgow's social work service for adults at risk of harm, including exploitation and trafficking.",
        "<p>Social workers make enquiries when an adult may be at risk and work with specialist services, health "
        "and the police. Homelessness services can arrange emergency accommodation.</p>",
        "support=advocacy,housing,children-families cse=prostitution,trafficking delivery=in-person,phone "
        "referral=self,professional language=english,bsl,arabic,urdu access=interpreters,step-free,hearing-loop",
        areas=[GLASGOW],
        locations=[public("City Chambers", "George Square", "Glasgow", GLASGOW, postcode="G2 1DU")],
        hours="Mon-Thu 08:45-16:45; Fri 08:45-15:55",
        hours_notes="Out of hours, call the standby social work service on the same number.",
        phone="0141 496 0201",
        email="social-work@glasgow.example.org",
        eligibility="Adults in Glasgow who may be at risk of harm.",
        how_to_refer="Anyone can call. Professionals should use the adult protection referral form.",
        women_only=False,
        minimum_age=16,
        checked_days_ago=130,
    ),
    S(
        "nhs-greater-glasgow-and-clyde",
        "sexual-health-outreach",
        "Sexual and reproductive health outreach",
        "Women-only sexual health clinics and outreach for women who sell or exchange sex.",
        "<p>Testing and treatment, contraception and cervical screening from nurses and doctors who understand, "
        "with interpreters when you need them.</p>",
        "support=health cse=prostitution,lap-dancing,stripping,pornography delivery=in-person,outreach "
        "referral=self,professional language=english,bsl,romanian access=interpreters,step-free,accessible-toilet",
        areas=[
            GLASGOW,
            "East Dunbartonshire",
            "East Renfrewshire",
            "Inverclyde",
            "Renfrewshire",
            "West Dunbartonshire",
        ],
        locations=[town_only("Glasgow", GLASGOW, address="Level 2, Sandyford Place Clinic")],
        hours="Mon 13:00-16:00; Wed 17:30-20:00",
        phone="0141 496 0301",
        checked_days_ago=150,
    ),
    S(
        "nhs-greater-glasgow-and-clyde",
        "womens-trauma-service",
        "Women's trauma and mental health service",
        "Psychological therapies for women with complex trauma, including from sexual exploitation.",
        "<p>Assessment and therapy from clinical psychologists and mental health nurses, in person or by video.</p>",
        "support=counselling,health cse=prostitution,pornography,trafficking delivery=in-person,video "
        "referral=professional language=english,bsl access=interpreters,step-free",
        areas=[GLASGOW, "Renfrewshire", "Inverclyde"],
        hours="Mon-Fri 09:00-17:00",
        phone="0141 496 0302",
        eligibility="Women aged 18 and over registered with a GP in Greater Glasgow and Clyde.",
        how_to_refer="Your GP, support worker or another health professional refers you.",
        minimum_age=18,
        checked_days_ago=20,
    ),
    # Scotland-wide
    S(
        "safe-passage-scotland",
        "support-line",
        "Trafficking support line",
        "A 24-hour line for women who may have been trafficked for sexual exploitation, with interpreters.",
        "<p>Confidential support and advice at any time, in your language. We can arrange a safe place to stay, "
        "explain your rights and, if you want, help you to enter the National Referral Mechanism.</p>",
        "support=trafficking,advocacy,housing,legal cse=trafficking,prostitution delivery=phone,chat "
        "referral=self,professional language=english,romanian,albanian,vietnamese,mandarin,tigrinya,ukrainian,"
        "arabic,spanish,portuguese access=interpreters,out-of-hours",
        scotland_wide=True,
        hours_notes="24 hours a day, every day.",
        phone="0808 157 0101",
        text_number="07700 900601",
        email="referrals@safe-passage.example.org",
        eligibility="Women aged 18 and over who may have been trafficked, and professionals supporting them.",
        how_to_refer="Call at any time. Professionals can also email a referral.",
        minimum_age=18,
        checked_days_ago=30,
    ),
    S(
        "safe-passage-scotland",
        "safe-accommodation",
        "Safe accommodation for trafficked women",
        "Safe houses for women who have been trafficked, from anywhere in Scotland.",
        "<p>Accommodation at confidential addresses with support workers, interpreters, legal advice and "
        "health care, for as long as the National Referral Mechanism process lasts.</p>",
        "support=trafficking,housing,legal,health cse=trafficking delivery=in-person referral=professional "
        "language=english,romanian,albanian,vietnamese,tigrinya access=interpreters,women-only-space,childcare",
        scotland_wide=True,
        locations=[hidden("60 Fernlea Drive", "Glasgow", GLASGOW)],
        hours_notes="Referrals 24 hours a day through the support line.",
        phone="0808 157 0102",
        how_to_refer="A first responder (police, local authority or specialist service) refers through the "
        "support line.",
        minimum_age=18,
        checked_days_ago=210,
    ),
    S(
        "safe-passage-scotland",
        "legal-advocacy",
        "Legal and immigration advocacy",
        "Support with the National Referral Mechanism, immigration, criminal and civil cases.",
        "<p>Advocates explain each step, go with you to interviews and court, and work with your solicitor.</p>",
        "support=legal,advocacy,trafficking cse=trafficking delivery=phone,video,in-person "
        "referral=self,professional language=english,albanian,romanian,vietnamese,ukrainian access=interpreters",
        scotland_wide=True,
        hours="Mon-Fri 09:00-17:00",
        phone="0808 157 0103",
        email="advocacy@safe-passage.example.org",
        minimum_age=18,
        checked_days_ago=85,
    ),
    S(
        "speak-out-peer-network",
        "online-peer-groups",
        "Online peer support groups",
        "Weekly online groups led by women who have been there, anywhere in Scotland.",
        "<p>Small, private video groups where you can talk, listen or just be there. Camera off is fine. "
        "Groups are led by trained peer workers with lived experience.</p>",
        "support=peer-support,exiting cse=prostitution,lap-dancing,stripping,pornography delivery=video "
        "referral=self language=english access=out-of-hours,easy-read",
        scotland_wide=True,
        hours="Tue 19:00-20:30; Sun 14:00-15:30",
        email="groups@speak-out.example.org",
        how_to_refer="Email us to join. We will have a short chat with you first.",
        checked_days_ago=18,
    ),
    S(
        "speak-out-peer-network",
        "text-and-chat",
        "Text and web chat support",
        "Message a peer worker by text or web chat when talking on the phone is not safe or easy.",
        "<p>Confidential messaging with a peer worker. We reply within a few hours during opening times.</p>",
        "support=peer-support,counselling cse=prostitution,pornography,lap-dancing,stripping delivery=chat "
        "referral=self language=english access=out-of-hours",
        scotland_wide=True,
        hours="Mon-Fri 10:00-22:00; Sat,Sun 12:00-18:00",
        text_number="07700 900701",
        checked_days_ago=120,
    ),
    S(
        "speak-out-peer-network",
        "bsl-video-support",
        "Support in British Sign Language",
        "One-to-one support by video with a Deaf peer worker who signs, or with a BSL interpreter.",
        "<p>Video appointments in British Sign Language. Contact us through Contact Scotland BSL, by text or by "
        "email to book.</p>",
        "support=peer-support,advocacy cse=prostitution,pornography,trafficking delivery=video,chat "
        "referral=self,professional language=bsl,english access=interpreters,easy-read",
        scotland_wide=True,
        hours="Wed 10:00-16:00; Thu 14:00-19:00",
        text_number="07700 900702",
        email="bsl@speak-out.example.org",
        checked_days_ago=42,
    ),
    S(
        "national-hub",
        "professionals-advice-line",
        "Advice line for professionals",
        "Advice for social workers, health staff, police officers and others on supporting a woman affected by "
        "exploitation, and on which specialist service to refer to.",
        "<p>The Hub co-ordination team can tell you which specialist services cover an area, how they take "
        "referrals, and put you in touch with the right local authority contact.</p>",
        "support=advocacy cse=prostitution,lap-dancing,stripping,pornography,trafficking delivery=phone,video "
        "referral=professional language=english",
        scotland_wide=True,
        hours="Mon-Fri 09:00-17:00",
        phone="0808 157 0301",
        email="hub@example.org",
        eligibility="Practitioners in any organisation in Scotland.",
        how_to_refer="Call or email the Hub co-ordination team.",
        women_only=False,
        minimum_age=None,
        checked_days_ago=5,
    ),
    S(
        "national-hub",
        "women-information-line",
        "Information line for women",
        "Not sure where to turn? We can tell you about specialist support near you or by phone and online.",
        "<p>Call or email and we will help you find a service that suits you, and can make the first contact "
        "for you if you like.</p>",
        "support=advocacy,peer-support cse=prostitution,lap-dancing,stripping,pornography,trafficking "
        "delivery=phone,chat referral=self language=english,bsl access=interpreters,easy-read",
        scotland_wide=True,
        hours="Mon-Fri 09:00-17:00; Wed 17:00-20:00",
        phone="0808 157 0302",
        text_number="07700 900801",
        email="hub@example.org",
        checked_days_ago=168,
    ),
    S(
        "police-scotland",
        "human-trafficking-referrals",
        "Trafficking and exploitation referrals for professionals",
        "How first responders refer a potential victim of trafficking and get police advice.",
        "<p>Specialist officers advise professionals on the National Referral Mechanism and on safeguarding, and "
        "work with specialist support services.</p>",
        "support=trafficking,legal cse=trafficking delivery=phone referral=professional language=english",
        scotland_wide=True,
        hours_notes="24 hours a day, every day.",
        phone="01632 960702",
        eligibility="Professionals supporting a potential victim of trafficking in Scotland.",
        how_to_refer="Call and ask for trafficking and exploitation advice.",
        women_only=False,
        minimum_age=None,
        checked_days_ago=300,
    ),
]


@dataclass
class DemoSummary:
    """What load_directory_demo created this time."""

    directory_created: bool = False
    organisations: int = 0
    sections: int = 0
    services: int = 0
    postcodes: int = 0


def parse_terms(spec, terms_by_key):
    """'support=advocacy,exiting cse=prostitution' -> the TaxonomyTerm rows."""
    terms = []
    for group in spec.split():
        taxonomy, slugs = group.split("=")
        terms.extend(terms_by_key[(taxonomy, slug)] for slug in slugs.split(","))
    return terms


def parse_hours(spec):
    """'Mon-Fri 09:30-17:00; Sat,Sun 12:00-16:00' -> [(weekday, opens, closes)]."""
    slots = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        days, times = part.split()
        opens, closes = (datetime.time.fromisoformat(t) for t in times.split("-"))
        for chunk in days.split(","):
            first, _, last = chunk.partition("-")
            slots.extend((day, opens, closes) for day in range(DAYS[first], DAYS[last or first] + 1))
    return slots


def get_onboarding():
    """(onboard_organisation, ensure_directory_setup) from the members and directory apps, or None for each."""
    found = {}
    for name, modules in [
        ("onboard_organisation", ["members.onboarding"]),
        ("ensure_directory_setup", ["members.onboarding", "directory.signals"]),
    ]:
        for module_name in modules:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            if callable(getattr(module, name, None)):
                found[name] = getattr(module, name)
                break
    return found.get("onboard_organisation"), found.get("ensure_directory_setup")


def write(stdout, message):
    stdout.write(f"{message}\n")


def ensure_reference_data():
    """Council areas, pilot areas and vocabularies, as migrated; they are gone only after a database flush."""
    if not (CouncilArea.objects.exists() and TaxonomyTerm.objects.exists()):
        importlib.import_module("directory.migrations.0003_reference_data").load(django_apps, None)


def load_directory_demo(stdout):
    """Build the demo directory; safe to run again, as it creates only what is missing."""
    onboard_organisation, ensure_directory_setup = get_onboarding()
    summary = DemoSummary()
    ensure_reference_data()
    directory = ensure_directory(stdout, summary)
    if summary.directory_created and ensure_directory_setup:
        ensure_directory_setup(directory)
    sections = {}
    for spec in ORGANISATIONS:
        organisation, created = ensure_organisation(spec, stdout, summary)
        sections[organisation.slug] = ensure_section(directory, organisation, summary)
        if created and onboard_organisation:
            onboard_organisation(organisation)
    terms = {(t.taxonomy.slug, t.slug): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    councils = {c.name: c for c in CouncilArea.objects.all()}
    existing = set(ServicePage.objects.values_list("organisation__slug", "slug"))
    with deferred_search_indexing(ServicePage):
        for service in SERVICES:
            if (service.organisation, service.slug) not in existing:
                add_service(sections[service.organisation], service, terms, councils)
                summary.services += 1
    if summary.services:
        write(stdout, f"Created {summary.services} demo services in the directory.")
    ensure_demo_postcodes(stdout, summary)
    return summary


def ensure_directory(stdout, summary):
    """The directory page at /directory/ under the home page (there is only ever one)."""
    directory = DirectoryIndexPage.objects.first()
    if directory:
        return directory
    home = site_home()
    if home is None:
        raise ValueError("The home page must exist before the directory: run load_initial_data.")
    directory = home.add_child(instance=DirectoryIndexPage(**DIRECTORY))
    directory.save_revision().publish()
    summary.directory_created = True
    write(stdout, f"Created the directory at {directory.url_path}")
    return DirectoryIndexPage.objects.get(pk=directory.pk)


def ensure_organisation(spec, stdout, summary):
    """The organisation with this slug or name, created if there is neither; (organisation, created)."""
    slug, name, kind, text, phone, email = spec
    organisation = Organisation.objects.filter(Q(slug=slug) | Q(name=name)).order_by("-slug").first()
    if organisation:
        return organisation, False
    organisation = Organisation.objects.create(
        slug=slug,
        name=name,
        kind=kind,
        summary=text,
        phone=phone,
        email=email,
        website=f"https://example.org/{slug}",
        member_since=PILOT_START,
    )
    summary.organisations += 1
    write(stdout, f"Created the organisation {name}")
    return organisation, True


def ensure_section(directory, organisation, summary=None):
    """The organisation's page in the directory; onboarding then gives its editors their rights there."""
    section = OrganisationDirectoryPage.objects.filter(organisation=organisation).first()
    if section is None:
        taken = set(directory.get_children().values_list("slug", flat=True)) | RESERVED_SLUGS
        slug, number = organisation.slug, 1
        while slug in taken:
            number += 1
            slug = f"{organisation.slug}-{number}"
        section = directory.add_child(
            instance=OrganisationDirectoryPage(
                title=organisation.name, slug=slug, organisation=organisation, summary=organisation.summary
            )
        )
        section.save_revision().publish()
        if summary:
            summary.sections += 1
    return section


def add_service(section, spec, terms, councils):
    """Create the service with its locations and opening hours, and publish it."""
    page = ServicePage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        description=spec.description,
        eligibility=spec.eligibility or default_eligibility(spec),
        how_to_refer=spec.how_to_refer,
        women_only=spec.women_only,
        minimum_age=spec.minimum_age,
        scotland_wide=spec.scotland_wide,
        phone=spec.phone,
        text_number=spec.text_number,
        email=spec.email,
        website=f"{section.organisation.website}/{spec.slug}" if section.organisation.website else "",
        hours_notes=spec.hours_notes,
        last_checked=timezone.localdate() - datetime.timedelta(days=spec.checked_days_ago),
    )
    for location in spec.locations:
        fields = {key: value for key, value in location.items() if key != "council"}
        page.locations.add(ServiceLocation(council_area=councils[location["council"]], **fields))
    for weekday, opens, closes in parse_hours(spec.hours):
        page.schedules.add(ServiceSchedule(weekday=weekday, opens_at=opens, closes_at=closes))
    section.add_child(instance=page)
    page.terms.set(parse_terms(spec.terms, terms))
    page.council_areas.set([councils[name] for name in spec.areas])
    page.save_revision().publish()
    return page


def default_eligibility(spec):
    """'Women aged 16 and over affected by ...' from the service's age and women-only settings."""
    who = "Women" if spec.women_only else "Anyone"
    age = f" aged {spec.minimum_age} and over" if spec.minimum_age else ""
    return f"{who}{age} affected by commercial sexual exploitation, now or in the past."


def ensure_demo_postcodes(stdout, summary):
    """A few real postcodes per pilot-area council, unless they are there already (from an import)."""
    councils = dict(CouncilArea.objects.values_list("gss_code", "pk"))
    wanted = [normalise_postcode(text) for text, _ in DEMO_POSTCODES]
    existing = set(Postcode.objects.filter(postcode__in=wanted).values_list("postcode", flat=True))
    missing = []
    for text, code in DEMO_POSTCODES:
        compact = normalise_postcode(text)
        if compact not in existing and code in councils:
            missing.append(Postcode(postcode=compact, district=text.split()[0], council_area_id=councils[code]))
    Postcode.objects.bulk_create(missing)
    summary.postcodes = len(missing)
    if missing:
        write(stdout, f"Added {len(missing)} demo postcodes (run import_postcodes for the full set).")

"""The realistic starting content that load_initial_data builds: pages, helplines, footer links.

Block values are in StreamField's raw form ({"type": ..., "value": ...}) so they read like the data
an editor would enter.
"""


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(title, body, style="information"):
    return {"type": "callout", "value": {"style": style, "title": title, "body": body}}


def accordion(*items):
    return {"type": "accordion", "value": {"items": [{"title": t, "body": b} for t, b in items]}}


def contact(**fields):
    value = {"name": "", "phone": "", "text_number": "", "email": "", "website": "", "hours": "", "notes": ""}
    value.update(fields)
    return {"type": "contact", "value": value}


HELPLINES = [
    {
        "name": "Scotland's Domestic Abuse and Forced Marriage Helpline",
        "phone": "0800 027 1234",
        "hours": "24 hours a day, every day",
        "description": "Free, confidential support for anyone affected by abuse, including exploitation.",
    },
    {
        "name": "Rape Crisis Scotland Helpline",
        "phone": "08088 01 03 02",
        "hours": "Every day, 5pm to midnight",
        "description": "Support for anyone affected by sexual violence, at any time in their life.",
    },
    {
        "name": "Modern Slavery and Exploitation Helpline",
        "phone": "08000 121 700",
        "hours": "24 hours a day, every day",
        "description": "Confidential advice if you or someone you know may be trafficked or exploited.",
    },
    {
        "name": "Samaritans",
        "phone": "116 123",
        "hours": "24 hours a day, every day",
        "description": "Someone to talk to, whatever you are going through.",
    },
]

HOME_INTRO = (
    "<p>The National Hub brings together the specialist organisations in Scotland that support "
    "women affected by commercial sexual exploitation, so that every woman can find the right "
    "support, in her area or by phone and online, and every service can share what works.</p>"
)

HOME_BODY = [
    callout(
        "If you are in danger now",
        "<p>Call 999. If you cannot speak, stay on the line and press 55 when asked.</p>",
        style="warning",
    ),
]

# (slug, title, summary, show_in_menus, body, children)
PAGES = [
    (
        "get-help",
        "Get help now",
        "Free, confidential helplines and how specialist support services can help you.",
        True,
        [
            callout(
                "If you are in danger now",
                "<p>Call 999. If you cannot speak, stay on the line and press 55 when asked.</p>",
                style="warning",
            ),
            paragraph(
                "<p>Specialist services across Scotland support women who sell or exchange sex, "
                "work in lap dancing or stripping, appear in pornography, or have been trafficked. "
                "You do not need to call it exploitation to get support, and you do not have to "
                "stop what you are doing to be helped.</p>"
            ),
            heading("What support can help with"),
            paragraph(
                "<ul><li>someone to talk to who understands, without judging you</li>"
                "<li>health, sexual health and counselling</li>"
                "<li>housing, money and benefits</li>"
                "<li>police, courts and legal advice, if and when you want it</li>"
                "<li>leaving, if that is what you want, at your own pace</li></ul>"
            ),
            heading("Common questions"),
            accordion(
                (
                    "Will anyone find out I have asked for help?",
                    "<p>Specialist services are confidential. They will tell you about the few times "
                    "they would have to share information, such as when a child is at risk.</p>",
                ),
                (
                    "Do I need a referral?",
                    "<p>No. Most services take calls, texts and messages from women themselves. "
                    "A social worker, nurse or other professional can also refer you.</p>",
                ),
                (
                    "I live somewhere rural or on an island. Can I still get support?",
                    "<p>Yes. Many services work by phone, text and video, and some travel to you.</p>",
                ),
            ),
        ],
        [],
    ),
    (
        "about",
        "About the National Hub",
        "How the National Hub links specialist support organisations, and what it does.",
        True,
        [
            paragraph(
                "<p>Scotland's strategy on commercial sexual exploitation brings specialist "
                "organisations that support women affected by it together in a National Hub, "
                "overseen by a co-ordinator funded by the Scottish Government.</p>"
            ),
            heading("What the Hub does"),
            paragraph(
                "<ul><li>helps organisations share resources and good practice</li>"
                "<li>connects specialist services with the right local authority contacts</li>"
                "<li>strengthens links between specialist and mainstream services, locally and "
                "nationally</li>"
                "<li>feeds what it learns into the multi-agency group on commercial sexual "
                "exploitation</li></ul>"
            ),
            heading("Commercial sexual exploitation"),
            paragraph(
                "<p>Under Equally Safe, Scotland's strategy on violence against women and girls, "
                "commercial sexual exploitation includes prostitution, lap dancing, stripping, "
                "pornography and human trafficking.</p>"
            ),
        ],
        [
            (
                "support-pathway",
                "The support pathway",
                "How mainstream and specialist services work together, and the three pilot areas.",
                False,
                [
                    paragraph(
                        "<p>The support pathway gives local authority services a clear and managed "
                        "route to specialist support, and gives specialist organisations the local "
                        "authority contacts they need. It is being piloted in three areas from summer "
                        "2024, then rolled out across Scotland.</p>"
                    ),
                    heading("The pathway aims to"),
                    paragraph(
                        "<ul><li>raise awareness of commercial sexual exploitation across Scotland</li>"
                        "<li>apply the strategy's policy principles to how services are designed and "
                        "delivered</li>"
                        "<li>share knowledge and good practice across all partners</li>"
                        "<li>give women more timely support, with a clearer route to it</li>"
                        "<li>provide insights on the support needed across Scotland</li></ul>"
                    ),
                    heading("The three pilot areas"),
                    accordion(
                        (
                            "Edinburgh and Borders",
                            "<p>City of Edinburgh and Scottish Borders.</p>",
                        ),
                        (
                            "Highland, Perth and Kinross, Aberdeen and Dundee",
                            "<p>Highland, Perth and Kinross, Aberdeen City and Dundee City, including "
                            "rural and island communities.</p>",
                        ),
                        (
                            "Glasgow and Ayrshire",
                            "<p>Glasgow City, East Ayrshire, North Ayrshire and South Ayrshire.</p>",
                        ),
                    ),
                    callout(
                        "Rural and island communities",
                        "<p>A service can support women in an area where it has no office, by "
                        "outreach, phone or online. The pathway responds to the particular needs of "
                        "rural and island communities in the pilot areas.</p>",
                    ),
                ],
                [],
            ),
            (
                "multi-agency-group",
                "The multi-agency group",
                "The group that helps to implement the strategy, and how it links with the Hub.",
                False,
                [
                    paragraph(
                        "<p>The multi-agency group on commercial sexual exploitation supports the "
                        "implementation of the strategy and considers policy on commercial sexual "
                        "exploitation more broadly. Learning from the National Hub feeds into its "
                        "work.</p>"
                    ),
                    paragraph(
                        "<p>Its members come from specialist support organisations, local "
                        "authorities, health boards, Police Scotland and national bodies. Its "
                        "membership list is published on this site.</p>"
                    ),
                ],
                [],
            ),
        ],
    ),
    (
        "staying-safe-online",
        "Staying safe online",
        "How to hide your visit to this site, and clear your browsing history.",
        False,
        [
            callout(
                "Leave this site quickly",
                "<p>Select 'Hide this page' at the top of any page, or press the Escape key, to "
                "leave at once for a weather forecast page. This page will be replaced so that "
                "pressing Back does not return to it.</p>",
            ),
            paragraph(
                "<p>This site sets no cookies when you visit it, uses no tracking or advertising, "
                "and loads nothing from other websites. Someone who can use your phone or computer "
                "may still be able to see that you visited it.</p>"
            ),
            heading("Ways to cover your tracks"),
            accordion(
                (
                    "Use a private or incognito window",
                    "<p>Pages you visit in a private window are not kept in your history once you "
                    "close it. Open one from your browser's menu.</p>",
                ),
                (
                    "Delete this site from your history",
                    "<p>Open your browser's history, find the pages of this site and remove them, "
                    "rather than clearing everything, which can look unusual.</p>",
                ),
                (
                    "Use a safer device",
                    "<p>If you think your phone or computer is being watched, use one at a library, "
                    "a friend's house or at work.</p>",
                ),
            ),
        ],
        [],
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this site is, and how to report a problem.",
        False,
        [
            paragraph(
                "<p>We want as many people as possible to be able to use this website. You should "
                "be able to zoom in up to 400% without the text spilling off the screen, navigate "
                "the whole site using just a keyboard or speech recognition software, and listen to "
                "it with a screen reader.</p>"
            ),
            heading("Compliance status"),
            paragraph(
                "<p>This website aims to meet the Web Content Accessibility Guidelines version 2.2 "
                "at level AA. Every page works without JavaScript, and its templates are checked "
                "automatically with axe-core.</p>"
            ),
            heading("Reporting accessibility problems"),
            paragraph(
                "<p>If you find a problem that is not listed here, email the Hub and tell us the "
                "page and what happened.</p>"
            ),
        ],
        [],
    ),
    (
        "privacy",
        "Privacy notice",
        "What this site stores about you: nothing that identifies you.",
        False,
        [
            paragraph(
                "<p>This site does not set cookies for visitors, does not use analytics or "
                "tracking, and loads nothing from other websites.</p>"
            ),
            heading("What we do not keep"),
            paragraph(
                "<p>We do not store what you type into search boxes, or any postcode you enter. "
                "Our servers do not log the addresses of the pages you read.</p>"
            ),
            heading("Staff of member organisations"),
            paragraph(
                "<p>If you have an account to edit this site, we keep your name, email address and "
                "organisation so that you can sign in and so that changes can be reviewed.</p>"
            ),
        ],
        [],
    ),
]

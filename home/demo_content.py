"""The site's own starting content that load_initial_data builds, read from ``home/demo/pages.json``: the home
page and the standard pages, the helplines, footer links and contact email of the site settings, and the home
page's cards.

Block values are in StreamField's raw form ({"type": ..., "value": ...}) so they read like the data an editor
would enter.
"""

import json
from pathlib import Path

DEMO = json.loads(Path(__file__).with_name("demo").joinpath("pages.json").read_text(encoding="utf-8"))

HOME = DEMO["home"]
HOME_INTRO = HOME["intro"]
HOME_BODY = HOME["body"]
# Each page: slug, title, summary, show_in_menus, body and, if it has any, children (pages of the same form).
PAGES = DEMO["pages"]
HELPLINES = DEMO["helplines"]
STAYING_SAFE_PAGE = DEMO["staying_safe_page"]
FOOTER_LINKS = DEMO["footer_links"]
CONTACT_EMAIL = DEMO["contact_email"]
# Each card: title, description, the part of the site it leads to, and the page it leads to otherwise.
CARDS = DEMO["cards"]

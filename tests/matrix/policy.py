"""THE declared table of who may see what. The matrix test asserts every response against it.

Roles are the people the matrix signs in as (see canaries.ROLE_USERS for who they are in the demo site). "Editor
A" edits organisation A; every planted canary that belongs to an organisation belongs to organisation B, so
editor A must see none of B's unpublished or private things.

Where the README says who may see something, the table follows it; where it is silent, the table takes the safer
choice (listed in the report of the change that added the matrix):

- hidden addresses and town-only streets: never published; only co-ordinators (and B's editors, who are not a
  role here) in the admin's page editor;
- drafts of B (never-published service and resource, unpublished draft revision of a live service): co-ordinators
  (they review the directory and the library) and B's editors;
- draft minutes: the secretariat (page privacy) and co-ordinators;
- circulated minutes, papers, actions, declarations, joining details: group members, the secretariat and
  co-ordinators;
- members-only resources and their documents' text: Hub members, in any role, and co-ordinators; never someone
  signed in without an organisation or whose membership has ended;
- local authority contacts: Hub members and co-ordinators (README: "signed-in users in the Hub members or Hub
  co-ordinators groups only");
- returns' notes, problem reports, memberships of B: co-ordinators (and B's own editors) only.
"""

ANONYMOUS = "anonymous"
NO_ORGANISATION = "no_organisation"
FORMER_MEMBER = "former_member"
HUB_MEMBER = "hub_member"
GROUP_MEMBER = "group_member"
SECRETARIAT = "secretariat"
EDITOR_A = "editor_a"
COORDINATOR = "coordinator"

ROLES = [ANONYMOUS, NO_ORGANISATION, FORMER_MEMBER, HUB_MEMBER, GROUP_MEMBER, SECRETARIAT, EDITOR_A, COORDINATOR]
SIGNED_IN = set(ROLES) - {ANONYMOUS}

MEMBERS = frozenset({HUB_MEMBER, GROUP_MEMBER, SECRETARIAT, EDITOR_A, COORDINATOR})
GROUP = frozenset({GROUP_MEMBER, SECRETARIAT, COORDINATOR})
COORDINATORS = frozenset({COORDINATOR})


class Rule:
    """Who may see a kind of canary, and the role that must see it at least once (proof that it is reachable)."""

    def __init__(self, allowed, witness):
        assert witness in allowed
        self.allowed = frozenset(allowed)
        self.witness = witness


# canary kind -> Rule. Every kind planted by canaries.plant() must be here, and only those.
POLICY = {
    "hidden_address": Rule(COORDINATORS, COORDINATOR),
    "town_only_street": Rule(COORDINATORS, COORDINATOR),
    "draft_service": Rule(COORDINATORS, COORDINATOR),
    "draft_resource": Rule(COORDINATORS, COORDINATOR),
    "draft_revision": Rule(COORDINATORS, COORDINATOR),
    "draft_minutes": Rule({SECRETARIAT, COORDINATOR}, SECRETARIAT),
    "circulated_minutes": Rule(GROUP, GROUP_MEMBER),
    "paper": Rule(GROUP, GROUP_MEMBER),
    "action": Rule(GROUP, GROUP_MEMBER),
    "declaration": Rule(GROUP, GROUP_MEMBER),
    "joining_details": Rule(GROUP, GROUP_MEMBER),
    "members_resource": Rule(MEMBERS, HUB_MEMBER),
    "members_document_text": Rule(MEMBERS, HUB_MEMBER),
    "la_contact": Rule(MEMBERS, HUB_MEMBER),
    "return_notes": Rule(COORDINATORS, COORDINATOR),
    "problem_report": Rule(COORDINATORS, COORDINATOR),
    "membership": Rule(COORDINATORS, COORDINATOR),
}

# Routes that carry their own credential: whoever holds the URL may see these canaries there, whatever their role.
# A current group member's private calendar link gives the upcoming meetings with their joining details.
CREDENTIAL_GRANTS = {
    "valid_calendar_token": {"joining_details"},
}

# Routes that answer 500 on purpose: Wagtail's admin page for testing the error page.
DELIBERATE_ERRORS = {"admin/failwhale/"}


def allowed(kind, role, grants=()):
    """May `role` see canaries of `kind` in a response to a request that carries `grants`?"""
    if role in POLICY[kind].allowed:
        return True
    return any(kind in CREDENTIAL_GRANTS.get(grant, ()) for grant in grants)


def must_be_private(role, restricted_seen):
    """Every response to a signed-in request, and every response that shows restricted content, must say
    `Cache-Control: private, no-store`."""
    return role != ANONYMOUS or bool(restricted_seen)

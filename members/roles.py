"""The portal's roles, as Wagtail groups. Their names are used in code, migrations and tests."""

HUB_COORDINATORS = "Hub co-ordinators"
HUB_MEMBERS = "Hub members"
GROUP_MEMBERS = "Group members"
GROUP_SECRETARIAT = "Group secretariat"

ALL_ROLES = [HUB_COORDINATORS, HUB_MEMBERS, GROUP_MEMBERS, GROUP_SECRETARIAT]


def editors_group_name(organisation):
    """The name of the group whose members edit one organisation's own content."""
    return f"{organisation.name} editors"

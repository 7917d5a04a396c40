"""How an approved workflow publishes: the approval is the permission."""


def publish_approved_revision(workflow_state, user=None):
    """Wagtail's finish action (settings.WAGTAIL_FINISH_WORKFLOW_ACTION), except that the final approver publishes the
    revision whether or not she holds the publish permission herself.

    Only a task's approvers can approve it, so approving is what authorises publishing. This lets a group that must
    not publish directly (the group secretariat, whose changes to minutes need its sign-off) still publish through
    its own workflow; approvers who also hold the publish permission (co-ordinators) are unaffected.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)

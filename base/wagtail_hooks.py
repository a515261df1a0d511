"""Admin behaviour shared by every page type."""

from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem, WorkflowMenuItem


@hooks.register("construct_page_action_menu")
def reviewer_actions_first(menu_items, request, context):
    """A reviewer of a page in a workflow sees the workflow's actions first ("Approve and
    publish" as the main button, then "Request changes") and no plain "Publish", which would
    publish past the workflow and cancel it. Everyone else's menu stays as Wagtail builds it."""
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not any(item.name == "approve" for item in workflow_items):
        return
    workflow_items.sort(key=lambda item: item.name != "approve")
    others = [
        item for item in menu_items if not isinstance(item, (WorkflowMenuItem, PublishMenuItem))
    ]
    menu_items[:] = workflow_items + others

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "matchmaking"
    verbose_name = _("Partnervermittlung")

    def ready(self):
        from matchmaking import feeds, signals

        signals.connect()
        feeds.register()
        register_search()


def register_search():
    """Opportunities are found by ``/api/v1/search`` as type "opportunity"; expired ones
    are not."""
    from django.db.models import Q

    from matchmaking.models import OpportunityPage, today
    from search.api import register_result_type

    def expired():
        return Q(pk__in=OpportunityPage.objects.filter(valid_until__lt=today()).values("pk"))

    register_result_type("opportunity", OpportunityPage, "opportunities", "summary", expired)

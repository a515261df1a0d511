from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content from the delegation report and generated scale data (management commands)."""

    name = "demo"
    verbose_name = "Demo"

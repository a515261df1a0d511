from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Cross-cutting protection: login lockout per username, the second factor (TOTP),
    Content-Security-Policy, upload checks (docs/security.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "security"
    verbose_name = "Sicherheit"

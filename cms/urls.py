"""URL configuration: the admin, documents, the API, and the page tree under /de/ and /zh-hans/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.sitemap import robots_txt, sitemap_index, sitemap_section
from cms import health
from cms.api import api
from feeds.views import digest_html, feed

# Database outages answer 503 (JSON under /api/, an admin-styled page elsewhere): cms/errors.py.
handler500 = "cms.errors.handler500"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/feeds/<str:kind>.<str:fmt>", feed, name="feed"),
    path("api/v1/newsletter/digest.html", digest_html, name="digest-html"),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:language_code>-<int:number>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

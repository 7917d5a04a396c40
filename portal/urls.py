from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.admin_views import scoped_admin_reports
from core.views import serve_document
from members.forms import PortalAuthenticationForm

from . import views
from .health import health
from .sitemaps import PublicPagesSitemap

handler500 = "portal.views.server_error"

urlpatterns = [
    # Wagtail's reports narrowed to the pages each person may see (before the admin's own addresses).
    *scoped_admin_reports(),
    # Wagtail's admin sign-in, following only a safe `next`.
    path("admin/login/", never_cache(views.AdminLoginView.as_view()), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view behind one answer for missing and not-allowed documents (core.views).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    # Shared passwords are off (WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS, WAGTAIL_PRIVATE_PAGE_OPTIONS): Wagtail's
    # password forms serve no one, and would give anonymous visitors a session cookie with their CSRF token.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.shared_passwords_are_off,
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.shared_passwords_are_off,
        name="wagtailcore_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("api/openreferral/", include("directory.api.urls")),
    path("members/", include("members.urls")),
    path("members/", include("group.urls")),
    path("insights/", include("insights.urls")),
    path("health/", health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicPagesSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="portal/robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Only images are served straight from media; documents always go through Wagtail's
    # serve view so that collection privacy applies.
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")

urlpatterns += [
    # Wagtail's own front-end sign-in view, with a form that says when sign-in is paused after failures.
    path(
        "_util/login/",
        views.LoginView.as_view(
            template_name=settings.WAGTAIL_FRONTEND_LOGIN_TEMPLATE, form_class=PortalAuthenticationForm
        ),
        name="wagtailcore_login",
    ),
    path("_util/sign-out/", views.sign_out, name="sign_out"),
    path("_util/quick-exit/", views.quick_exit, name="quick_exit"),
    path("", include(wagtail_urls)),
]

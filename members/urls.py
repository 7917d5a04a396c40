from django.urls import path

from . import two_factor_views, views

app_name = "members"

urlpatterns = [
    path("", views.member_home, name="home"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("two-factor/", two_factor_views.account, name="two_factor"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("two-factor/set-up/", two_factor_views.setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="two_factor_recovery_codes"),
]

from django.urls import path

app_name = "openreferral"

urlpatterns: list = [
    # The Open Referral UK endpoints are added here.
]
_ = path

"""Pages of the campaign set-up (ministry): /reports/campaigns/…"""

from django.urls import path

from reports.campaigns import views

urlpatterns = [
    path("campaigns/new/", views.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", views.campaign_setup, name="campaign-setup"),
    path("campaigns/<int:pk>/settings/", views.campaign_settings, name="campaign-settings"),
    path("campaigns/<int:pk>/layouts/", views.campaign_layouts, name="campaign-layouts"),
    path("campaigns/<int:pk>/data/<slug:piece>/", views.campaign_data, name="campaign-data"),
    path("campaigns/<int:pk>/extensions/", views.extension_grant, name="campaign-extension-grant"),
    path(
        "campaigns/<int:pk>/extensions/revoke/",
        views.extension_revoke,
        name="campaign-extension-revoke",
    ),
]

from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("firm/integrations/", views.home, name="integrations-home"),
    path("firm/integrations/keys/", views.add_key, name="integrations-add-key"),
    path(
        "firm/integrations/keys/<int:pk>/revoke/", views.revoke_key, name="integrations-revoke-key"
    ),
    path("firm/integrations/webhooks/", views.add_webhook, name="integrations-add-webhook"),
    path(
        "firm/integrations/webhooks/<uuid:public_id>/",
        views.webhook,
        name="integrations-webhook",
    ),
    path(
        "firm/integrations/webhooks/<uuid:public_id>/action/",
        views.webhook_action,
        name="integrations-webhook-action",
    ),
    path(
        "firm/integrations/webhooks/<uuid:public_id>/deliveries/<uuid:delivery_id>/replay/",
        views.replay,
        name="integrations-replay",
    ),
]

"""Version 1 of RoleFit's API, in one place: every operation, validated by the pydantic
models that also describe it in the OpenAPI 3.1 document at /api/v1/openapi.json, with
a reference page at /api/v1/docs served from our own static files."""

from ninja import NinjaAPI, Swagger

from rolefit import api_errors

from . import assessments, engagements, share_links, webhooks

api = NinjaAPI(
    title="RoleFit API",
    version="1",
    description=(
        "Assessments, share links, and for recruiting firms engagements and webhooks. "
        'Every error answers `{"errors": {"<field>": "<message>"}}`. See docs/api.md.'
    ),
    urls_namespace="api-v1",
    parser=api_errors.UntrustedJSONParser(),
    # No call to swagger.io's validator: no third-party request from our pages.
    docs=Swagger(settings={"validatorUrl": None}),
)
api_errors.install(api)
api.add_exception_handler(share_links.OwnerNotFound, share_links.not_found)
api.add_router("", assessments.router)
api.add_router("", share_links.router)
api.add_router("", engagements.router)
api.add_router("", webhooks.router)

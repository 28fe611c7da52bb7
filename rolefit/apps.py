from django.contrib.staticfiles.apps import StaticFilesConfig


class RoleFitStaticFilesConfig(StaticFilesConfig):
    """Collect only the static files the site serves. django-bootstrap-static ships every
    Bootstrap variant (RTL, grid-only, source maps…); compressing them all at deploy time
    would cost a minute and serve nothing."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "bootstrap/css/bootstrap-*",
        "bootstrap/css/*.rtl.*",
        "bootstrap/css/bootstrap.css",
        "bootstrap/css/bootstrap.css.map",
        "bootstrap/js/*",
    ]

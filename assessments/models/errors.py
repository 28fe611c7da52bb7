"""What the questionnaire models refuse."""


class ImmutableVersionError(ValueError):
    """A published questionnaire version was asked to change."""


class NoLiveQuestionnaire(Exception):
    """No questionnaire has been published yet: the site is not ready to assess. Pages
    that need one answer 503 (assessments/middleware.py)."""

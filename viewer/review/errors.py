"""The one error the review store raises for a file it cannot open or use."""


class ReviewStoreError(Exception):
    """The review store cannot be opened or used. ``str(error)`` is the message to show."""

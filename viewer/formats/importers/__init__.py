"""The built-in importers. Importing this package registers every one of them."""

from viewer.formats.importers import generic  # noqa: F401  (the fallback)

"""The built-in importers. Importing this package registers every one of them."""

from viewer.formats.importers import (  # noqa: F401  (imported to register)
    amazon,
    amazon_pdf,
    facebook,
    generic,
    google_takeout,
    telegram,
    whatsapp,
)

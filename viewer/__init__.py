"""Export Viewer: see, hear and check what a GDPR data export really holds."""

__version__ = "0.1.0"
APP_NAME = "Export Viewer"

"""Audio: reading facts and samples from archive members (Qt-free)."""

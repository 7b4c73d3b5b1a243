"""Ownership analysis: which recordings are not the user's, with reasons (Qt-free)."""

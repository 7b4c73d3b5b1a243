"""Time axes and mark layout for the timeline, in plain Python (no Qt)."""

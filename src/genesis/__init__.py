"""Genesis Coach: business coaching for African entrepreneurs."""

__version__ = "0.1.0"

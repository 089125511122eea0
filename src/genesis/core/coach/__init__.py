"""The coaching engine: what the coach says and how it judges an answer."""

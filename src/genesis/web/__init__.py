"""HTTP: the app factory, JSON API routers, error mapping."""

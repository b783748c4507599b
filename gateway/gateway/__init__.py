"""gateway: the one HTTP entry (JSON API, portal, login and roles)."""

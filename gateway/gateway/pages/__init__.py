"""The server-rendered portal (Simplified Chinese, English alongside): the page table
(table.py), the frame every page runs in (frame.py: session, CSRF, roles, error pages), the
page sessions (sessions.py, cookies.py) and one module per page. Pages ask the services
through the gateway's operation table (operation.invoke), the same path as the JSON API."""

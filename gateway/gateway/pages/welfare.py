"""Portal pages of the political-work office (welfare service): rows of the page table (pages/table.py)."""
from gateway.pages.page import Page  # noqa: F401

PAGES = ()

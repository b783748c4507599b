"""Portal pages of the logistics office (logistics service): rows of the page table (pages/table.py)."""
from gateway.pages.page import Page  # noqa: F401

PAGES = ()

"""Portal pages of work items of every department (intake projects them): rows of the page table (pages/table.py)."""
from gateway.pages.page import Page  # noqa: F401

PAGES = ()

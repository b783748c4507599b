"""The calendar reloader as a nameko dependency, shared by all workers of the container."""
from nameko.extensions import DependencyProvider

from weiquan.calendar.watch import CalendarReloader


class CalendarWatch(DependencyProvider):
    def setup(self):
        self.reloader = CalendarReloader()

    def get_dependency(self, worker_ctx):
        return self.reloader

"""Operator tools that run beside the services, never inside them: backups of every service
database and of the evidence bucket, their restore, and the restore drill that proves a backup
can be brought back (``python -m weiquan.ops.backup``, ``python -m weiquan.ops.drill``)."""

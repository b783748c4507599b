"""What each entrypoint of IntakeService (service.py) does, with its dependencies passed in
explicitly (common.Deps): validate the command, check the policy, apply the domain rule,
commit it with its events in one unit of work."""

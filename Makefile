# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.bootstrapped

.PHONY: run test test-unit test-inprocess test-integration bootstrap migrate bench bench-sweep bench-upload bench-ledger bench-pages clean

bootstrap: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt -c constraints.txt
	# Put the shared package, the services and the gateway on the path (no build step).
	$(PY) -c "import sysconfig,os; p=sysconfig.get_paths()['purelib']; open(os.path.join(p,'weiquan-dev.pth'),'w').write('\n'.join(os.path.abspath(d) for d in ['libs/weiquan','services/intake','services/dispatch','services/evidence','services/welfare','services/logistics','services/legal-aid','services/publicity','gateway'])+'\n')"
	touch $(STAMP)

run: bootstrap
	$(PY) -m weiquan.devrun

migrate: bootstrap
	$(PY) -m weiquan.devrun --migrate-only

# Every tier on PostgreSQL, the in-process tier (monkey patched), then the e2e tier again on
# SQLite, the embedded default.
test: bootstrap
	$(PY) -m pytest
	$(PY) -m tests.green tests/inprocess
	WEIQUAN_TEST_DB=sqlite $(PY) -m pytest -m "e2e and not stack"

test-unit: bootstrap
	$(PY) -m pytest -m unit

test-inprocess: bootstrap
	$(PY) -m tests.green tests/inprocess

test-integration: bootstrap
	$(PY) -m pytest -m "integration or e2e"
	WEIQUAN_TEST_DB=sqlite $(PY) -m pytest -m "e2e and not stack"

# Every benchmark in turn, each on a system or database of its own (bench/all.py), then one
# table: each hot path, its figure, the raw limit measured in the same run, the ratio and the
# target. A failing benchmark does not stop the others; make fails after the table.
bench: bootstrap
	$(PY) -W ignore bench/all.py

.PHONY: bench-submit
bench-submit: bootstrap
	$(PY) -W ignore bench/submit_load.py --clients 16 --requests 2000

bench-sweep: bootstrap
	$(PY) -W ignore bench/sweep_clocks.py --cases 500000 --plans

bench-ledger: bootstrap
	$(PY) -W ignore bench/ledger_stats.py --cases 100000 --plans

bench-upload: bootstrap
	$(PY) -W ignore bench/upload_evidence.py --size-mb 1024

bench-pages: bootstrap
	$(PY) -W ignore bench/pages.py --cases 10000 --runs 50

# Restore the latest backup (var/backups, made by `python -m weiquan.ops.backup backup`) into
# fresh databases and a fresh bucket, verify every table, object and evidence hash, drop them.
# DRILL_ARGS=--live also compares row by row with the running databases.
.PHONY: restore-drill
restore-drill: bootstrap
	$(PY) -W ignore -m weiquan.ops.drill $(DRILL_ARGS)

clean:
	rm -rf $(VENV) var

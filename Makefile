# The same checks CI runs, in the current environment.
.PHONY: check test test-fast snapshots screenshot docs
check:
	ruff format --check annotator tests benchmarks scripts
	ruff check annotator tests benchmarks scripts
	mypy annotator
	lint-imports
	pytest
test:
	pytest
# Everything but the TUI (pilot, snapshots) and the browser (axe-core) tests: the loop
# to run while working on the core, the store, the CLI or the exports.
# Python's bytecode cache on even where the environment turns it off: without it every
# xdist worker and every subprocess a test starts compiles the package (and pytest
# rewrites each test module) again, about 2 s of CPU per process.
test test-fast: export PYTHONDONTWRITEBYTECODE =
# Temporary folders in memory where there is a tmpfs (/dev/shm): every write a test
# commits to a SQLite file waits for the disk (fdatasync, about 5,500 a run, 1.5 ms each
# on this machine's disk), and a killed process or a merge tested on a file needs no
# disk behind it. Only a failed test's folder is kept. The snapshot plugins (textual,
# syrupy) serve tests/tui only: left unloaded, each process starts 0.4 s sooner. No
# hypothesis profile: every property runs its full count here as in CI.
test-fast: export TMPDIR = $(if $(wildcard /dev/shm),/dev/shm,$(TMPDIR))
test-fast:
	pytest --ignore=tests/tui -m "not browser" -o tmp_path_retention_policy=failed \
		-p no:textual-snapshot -p no:syrupy
snapshots:
	pytest tests/tui/test_snapshots.py tests/tui/test_tui_memory.py --snapshot-update
screenshot:
	python scripts/screenshot.py
# The README's command table, from the click commands (a test runs cog --check).
docs:
	cog -r -I scripts README.md

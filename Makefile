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
test-fast:
	pytest --ignore=tests/tui -m "not browser"
snapshots:
	pytest tests/tui/test_snapshots.py tests/tui/test_tui_memory.py --snapshot-update
screenshot:
	python scripts/screenshot.py
# The README's command table, from the click commands (a test runs cog --check).
docs:
	cog -r -I scripts README.md

# The same checks CI runs, in the current environment.
.PHONY: check test snapshots screenshot
check:
	ruff format --check annotator tests benchmarks scripts
	ruff check annotator tests benchmarks scripts
	mypy annotator
	lint-imports
	pytest
test:
	pytest
snapshots:
	pytest tests/tui/test_snapshots.py tests/tui/test_tui_memory.py --snapshot-update
screenshot:
	python scripts/screenshot.py

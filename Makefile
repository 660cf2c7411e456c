# Developer shortcuts. `make demo` starts the app in demo mode; `make test` runs everything CI runs.
.PHONY: demo test venv

venv: .venv/bin/pos-app

.venv/bin/pos-app: pyproject.toml
	python3 -m venv .venv
	.venv/bin/python -m pip install -q --upgrade pip
	.venv/bin/python -m pip install -q -e .
	touch $@

demo: venv
	.venv/bin/pos-app --demo

test:
	bash .ci/run

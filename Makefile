# The two commands of the README, and a few helpers. Every target installs what it needs first.
SWIFT ?= swift
SCRATCH ?= .build

.PHONY: quickstart test build release deb lint format bench setup clean

## Build and run the whole flow locally: simulator, seeded drop folder, daemon (the quickstart).
quickstart: release
	scripts/quickstart

## Install what is missing, build, lint and run the whole test suite.
test:
	scripts/setup test
	$(SWIFT) build --scratch-path $(SCRATCH) --build-tests
	$(SWIFT) format lint --recursive --strict Package.swift Sources Tests
	# Suites run one after another: many start real servers and processes, and on a 2-core machine
	# parallel suites starve each other's threads and miss their own bounds.
	$(SWIFT) test --scratch-path $(SCRATCH) --skip-build --no-parallel
	@if command -v python3 >/dev/null; then scripts/crosscheck-sdk; fi

build:
	scripts/setup build
	$(SWIFT) build --scratch-path $(SCRATCH)

release:
	scripts/setup all
	$(SWIFT) build --scratch-path $(SCRATCH) -c release --product ecdrop

## The Debian package in dist/, with the Swift runtime linked in so it runs without a toolchain.
# Not yet: untested; the static link of the Swift runtime beside libcurl has not been run here.
deb:
	scripts/setup test
	$(SWIFT) build --scratch-path $(SCRATCH)/static -c release --product ecdrop --static-swift-stdlib
	scripts/build-deb --binary $(SCRATCH)/static/release/ecdrop --out dist

lint:
	$(SWIFT) format lint --recursive --strict Package.swift Sources Tests

format:
	$(SWIFT) format format --recursive --in-place Package.swift Sources Tests

## Benchmarks against the peers; writes bench/report.md.
bench:
	scripts/setup bench
	bench/run

setup:
	scripts/setup all

clean:
	rm -rf $(SCRATCH)

#!/bin/sh
# Regenerates the Packer manifest fixtures of the core tests with Debian's packer (1.6.x):
# real post-processor output, so the decoder is tested against what Packer actually writes.
#   scripts/packer-fixtures/make-fixtures.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../Tests/ECDropCoreTests/Fixtures/packer"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

export CHECKPOINT_DISABLE=1
mkdir -p "$out"
cd "$work"

build() {
    packer build -machine-readable "$@" >/dev/null
}

# Several builds (file and null builders), custom_data, strip_path: one run.
build -var output=one-run.json "$here/golden.json"

# Two runs into one file: a weekly run, then a nightly one; the file accumulates both.
build -var output=two-runs.json -var channel=weekly "$here/golden.json"
build -var output=two-runs.json -var channel=nightly "$here/golden.json"

# No custom_data and no strip_path: files[].name keeps the directory.
build -var output=plain.json "$here/plain.json"

cp one-run.json two-runs.json plain.json "$out/"

# What a watcher sees while Packer rewrites the file in place: nothing yet, then a prefix.
: >"$out/empty.json"
head -c 300 two-runs.json >"$out/truncated.json"
echo "wrote $(ls "$out" | wc -l) fixtures to $out"

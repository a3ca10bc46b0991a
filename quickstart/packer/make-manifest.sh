#!/bin/sh
# Makes a real Packer manifest with Debian's packer (file builder, manifest post-processor).
# The quickstart seeds its drop folder with quickstart/seed/packer-manifest.json, made by this.
#   quickstart/packer/make-manifest.sh [OUTPUT]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../seed/packer-manifest.json"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

export CHECKPOINT_DISABLE=1
cd "$work"
packer build -machine-readable -var "output=$work/manifest.json" "$here/quickstart.json" >/dev/null
mkdir -p "$(dirname "$out")"
cp "$work/manifest.json" "$out"
echo "wrote $out"

#!/bin/sh
# Posts a manifest to the ecdrop webhook, signed the way the server checks it.
# usage: webhook-post.sh URL SECRET_FILE MANIFEST [DELIVERY_ID]
set -eu
url=$1 secret=$(head -n 1 "$2") manifest=$3 delivery=${4:-manual-$(date +%s)}
timestamp=$(date +%s)
signature=$( { printf '%s.' "$timestamp"; cat "$manifest"; } |
    openssl dgst -sha256 -hmac "$secret" -r | cut -d ' ' -f 1)
curl -sS --fail-with-body "$url/v1/manifests" \
    -H 'Content-Type: application/json' \
    -H "X-Ecdrop-Timestamp: $timestamp" \
    -H "X-Ecdrop-Signature: sha256=$signature" \
    -H "X-Ecdrop-Delivery: $delivery" \
    --data-binary "@$manifest"

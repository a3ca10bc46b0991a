"""Regenerates Tests/ECDropCoreTests/Fixtures/ecd-sdk-vectors.json with the official Python SDK
(alibabacloud-ecd20200930): each vector is the request the SDK really builds, with its clock,
nonce and User-Agent frozen, plus the intermediate strings from the SDK's own helpers.

Run: scripts/crosscheck-sdk --regenerate   (sets up the venv first)"""

import hashlib
import hmac
import json
import os
import sys
from urllib.parse import urlencode

import sdk_capture

USER_AGENT = "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"
PERMANENT = {"access_key_id": "LTAI5tEcdropVector0001", "access_key_secret": "EcdropVectorSecret0001abcdefghij"}
TEMPORARY = {
    "access_key_id": "STS.NEcdropTempKey0002",
    "access_key_secret": "Ecdrop/Temp+Secret=0002",
    "security_token": "CAIS.ecdrop+token/with=chars~&more%0002",
}

CASES = [
    ("sdk-upload-every-parameter", "UploadImage every parameter, BootMode included, permanent AccessKey.",
     "UploadImage", PERMANENT, "2026-03-01T10:00:00Z", "00112233445566778899aabbccddeeff", None, {
         "RegionId": "cn-shanghai", "OssObjectPath": "oss://golden-images/win11/24h2-2026.03.01.vhd",
         "ImageName": "win11-24h2-2026_03_01", "Description": "Windows 11 24H2 golden image, March build",
         "OsType": "Windows", "GpuCategory": False, "ProtocolType": "ASP", "DataDiskSize": 120,
         "GpuDriverType": "gpu_custom", "LicenseType": "Auto", "EnableSecurityCheck": False,
         "SystemDiskSize": "100", "BootMode": "UEFI",
     }),
    ("sdk-upload-reserved-and-emoji-sts", "UploadImage whose values hold + & = # % ; ? @ [ ] ' \" and a 4-byte emoji, STS.",
     "UploadImage", TEMPORARY, "2026-03-01T10:00:01Z", "ffeeddccbbaa99887766554433221100", None, {
         "RegionId": "ap-southeast-1", "OssObjectPath": "https://bkt.oss-ap-southeast-1.aliyuncs.com/a+b/c=d&e#f%g.vhd?x=1",
         "ImageName": "Win11:build_42-rc", "Description": " lead & trail ; ? @ [ ] ' \" 🚀 50% + more = done # ",
         "GpuCategory": True, "EnableSecurityCheck": True, "LicenseType": "BYOL",
     }),
    ("sdk-describe-paging-sts", "DescribeImages with an id list, a Chinese name filter, a status and a NextToken holding + / =.",
     "DescribeImages", TEMPORARY, "2026-03-01T10:00:02Z", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", None, {
         "RegionId": "cn-beijing", "ImageId": ["m-aaa111", "m-bbb222", "m-ccc333"], "ImageName": "镜像-win11",
         "ImageStatus": "Creating", "ImageType": "CUSTOM", "MaxResults": 50, "NextToken": "aGVsbG8+d29y/bGQ=",
     }),
    ("sdk-delete-images", "DeleteImages with three ids and DeleteCascadedBundle.",
     "DeleteImages", PERMANENT, "2026-03-01T10:00:03Z", "abcdefabcdefabcdefabcdefabcdef01", None, {
         "RegionId": "cn-hangzhou", "ImageId": ["m-1", "m-2", "m-3"], "DeleteCascadedBundle": True,
     }),
    ("sdk-endpoint-override", "DescribeImages against an endpoint override (host with a port, plain HTTP).",
     "DescribeImages", PERMANENT, "2026-03-01T10:00:04Z", "1234567890abcdef1234567890abcdef", "127.0.0.1:9000", {
         "RegionId": "cn-hangzhou", "MaxResults": 100,
     }),
]


def vector(case):
    vid, description, action, credentials, date, nonce, endpoint, fields = case
    request = sdk_capture.capture(action, fields, credentials, date, nonce, USER_AGENT, endpoint,
                                  "http" if endpoint else None)
    payload = request.headers["x-acs-content-sha256"]
    parts = sdk_capture.intermediates(request, payload)
    authorization = request.headers["Authorization"]
    signature = authorization.rsplit("Signature=", 1)[1]
    recomputed = hmac.new(credentials["access_key_secret"].encode(), parts["string_to_sign"].encode(),
                          hashlib.sha256).hexdigest()
    if recomputed != signature:
        raise SystemExit(f"{vid}: the intermediate strings do not reproduce the SDK's signature")
    host = request.headers["host"]
    return {
        "id": vid,
        "description": description,
        "scheme": "ACS3-HMAC-SHA256",
        "inputs": {
            "access_key_id": credentials["access_key_id"],
            "access_key_secret": credentials["access_key_secret"],
            "security_token": credentials.get("security_token"),
            "x-acs-date": date, "x-acs-signature-nonce": nonce, "host": host, "action": action,
            "version": "2020-09-30", "user_agent": USER_AGENT, "sdk_request": fields,
        },
        "wire": {
            "method": request.method,
            "query_string_as_sent_by_python_sdk": urlencode(request.query),
            "headers": dict(request.headers),
            "header_order": list(request.headers.keys()),
            "body": "",
        },
        "query_params_decoded": dict(request.query),
        **parts,
        "signature": signature,
        "authorization": authorization,
    }


def main():
    out = sys.argv[1]
    import importlib.metadata as md
    versions = {name: md.version(name) for name in
                ["alibabacloud-ecd20200930", "alibabacloud-tea-openapi", "darabonba-core"]}
    document = {
        "generated_with": {**versions, "how": "scripts/sdk/generate_vectors.py: the SDK's real call path, "
                           "clock/nonce/User-Agent frozen, HTTP send replaced by a capture"},
        "vectors": [vector(case) for case in CASES],
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {len(CASES)} vectors to {os.path.relpath(out)}")


if __name__ == "__main__":
    main()

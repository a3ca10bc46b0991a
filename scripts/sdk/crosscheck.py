"""Shows that ecdrop and the official Alibaba Cloud Python SDK agree on ECD requests:

1. the SDK (real clock, nonce and HTTP) calls `ecdrop simulator`, which checks every signature
   itself: each call must succeed, and a wrong secret must be refused;
2. ecdrop's client (`ecdrop images ...`) calls a capture server here; each captured request is
   re-signed with the SDK's own helpers and must match, and its canonical query must equal the one
   the SDK builds for the same parameters.

Exit status 0 when everything agrees, 1 otherwise. Run through scripts/crosscheck-sdk."""

import argparse
import hashlib
import hmac
import http.server
import json
import os
import subprocess
import sys
import threading
from urllib.parse import parse_qsl, urlsplit

import sdk_capture
from alibabacloud_tea_openapi import utils as openapi_utils

AK_ID = "LTAI5tCrosscheckKey0001"
AK_SECRET = "Crosscheck/Secret+0001=abcdefgh"
STS_TOKEN = "CAIS.cross+check/token=0001~"
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


def start_simulator(binary):
    process = subprocess.Popen(
        [binary, "simulator", "--listen", "127.0.0.1:0", "--import-seconds", "0",
         "--access-key-id", AK_ID, "--access-key-secret", AK_SECRET],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(20):
        line = process.stdout.readline()
        if line.startswith("listening on http://"):
            return process, line.split("http://", 1)[1].strip()
    process.kill()
    raise SystemExit("ecdrop simulator did not print its address")


def sdk_against_simulator(address):
    print("The official SDK against ecdrop simulator (signatures checked by ecdrop):")
    client = sdk_capture.make_client(AK_ID, AK_SECRET, endpoint=address, protocol="http")
    upload = {
        "RegionId": "cn-hangzhou", "OssObjectPath": "oss://bucket/a b+c/镜像 100%.vhd", "ImageName": "Win11:cross_check-1",
        "Description": "space + plus & amp = eq # hash % pct 自定义 ~*", "GpuCategory": False,
        "EnableSecurityCheck": True, "OsType": "Windows", "DataDiskSize": 80, "SystemDiskSize": "100",
        "LicenseType": "BYOL", "BootMode": "UEFI",
    }
    answer = sdk_capture.call(client, "UploadImage", upload)
    image_id = answer.body.image_id
    check(bool(image_id), f"UploadImage accepted, ImageId {image_id}")
    answer = sdk_capture.call(client, "DescribeImages", {
        "RegionId": "cn-hangzhou", "ImageId": [image_id], "ImageName": "Win11:cross_check-1", "MaxResults": 10})
    images = answer.body.images or []
    check(len(images) == 1 and images[0].name == "Win11:cross_check-1", "DescribeImages accepted and finds it")
    answer = sdk_capture.call(client, "DeleteImages", {"RegionId": "cn-hangzhou", "ImageId": [image_id]})
    check(bool(answer.body.request_id), "DeleteImages accepted")
    sts = sdk_capture.make_client(AK_ID, AK_SECRET, security_token=STS_TOKEN, endpoint=address, protocol="http")
    answer = sdk_capture.call(sts, "DescribeImages", {"RegionId": "cn-hangzhou"})
    check(answer.body.request_id is not None, "DescribeImages with an STS token accepted")
    wrong = sdk_capture.make_client(AK_ID, AK_SECRET + "x", endpoint=address, protocol="http")
    try:
        sdk_capture.call(wrong, "DescribeImages", {"RegionId": "cn-hangzhou"})
        check(False, "a wrong secret is refused")
    except Exception as error:  # the SDK raises its ClientException
        check("SignatureDoesNotMatch" in str(error), "a wrong secret is refused with SignatureDoesNotMatch")


class CaptureHandler(http.server.BaseHTTPRequestHandler):
    captured = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        CaptureHandler.captured.append({"path": self.path, "headers": list(self.headers.items()), "body": body})
        action = self.headers.get("x-acs-action")
        answer = {"RequestId": "CAPTURE-1"}
        if action == "DescribeImages":
            answer.update({"Images": [], "NextToken": ""})
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def ecdrop_against_capture(binary):
    print("ecdrop's client against a capture server (re-signed with the SDK's helpers):")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CaptureHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALIBABA_CLOUD_")}
    env.update({"ECDROP_ECD_ENDPOINT": endpoint, "ALIBABA_CLOUD_ACCESS_KEY_ID": AK_ID,
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET": AK_SECRET, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
                "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"})
    commands = [
        ["images", "list", "--region", "cn-hangzhou", "--name", "win 11+a&b=c#d%e 镜像", "--status", "Creating"],
        ["images", "show", "m-abc+/=", "--region", "ap-southeast-1"],
        ["images", "delete", "m-one", "m-two", "--region", "cn-beijing"],
    ]
    sts_env = dict(env, ALIBABA_CLOUD_SECURITY_TOKEN=STS_TOKEN)
    runs = [(command, env) for command in commands] + [(["images", "list", "--region", "cn-shanghai"], sts_env)]
    for command, run_env in runs:
        before = len(CaptureHandler.captured)
        subprocess.run([binary, *command], env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60)
        check(len(CaptureHandler.captured) > before, "ecdrop " + " ".join(command[:2]) + " reached the server")
        for request in CaptureHandler.captured[before:]:
            compare(request)
    server.shutdown()


def compare(request):
    headers = {}
    for name, value in request["headers"]:
        headers[name.lower()] = value
    authorization = headers.get("authorization", "")
    fields = dict(part.split("=", 1) for part in authorization.split(" ", 1)[-1].split(","))
    signed_names = fields.get("SignedHeaders", "").split(";")
    query = dict(parse_qsl(urlsplit(request["path"]).query, keep_blank_values=True))
    action = headers.get("x-acs-action")
    signed = {name: headers[name] for name in signed_names if name in headers}
    canonical_headers, signed_list = openapi_utils.get_canonicalized_headers(signed)
    canonical_query = openapi_utils.get_canonical_query_string(query)
    canonical_request = "\n".join([
        "POST", "/", canonical_query, canonical_headers, signed_list, headers.get("x-acs-content-sha256", "")])
    string_to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical_request.encode()).hexdigest()
    expected = hmac.new(AK_SECRET.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    check(fields.get("Signature") == expected, f"{action}: the SDK's helpers reproduce ecdrop's signature")
    check(hashlib.sha256(request["body"]).hexdigest() == headers.get("x-acs-content-sha256"),
          f"{action}: empty body and its x-acs-content-sha256")
    check(all(n in signed_names for n in ["host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce",
                                          "x-acs-version", "x-acs-content-sha256"]),
          f"{action}: host and every x-acs-* header are signed")
    if "x-acs-security-token" in headers:
        check(headers["x-acs-security-token"] == STS_TOKEN and "x-acs-security-token" in signed_names
              and "x-acs-accesskey-id" in signed_names, f"{action}: the STS token is sent and signed as the SDK does")
    sdk_fields = sdk_fields_from_query(action, query)
    sdk_request = sdk_capture.capture(
        action, sdk_fields,
        {"access_key_id": AK_ID, "access_key_secret": AK_SECRET, "security_token": headers.get("x-acs-security-token")},
        headers["x-acs-date"], headers["x-acs-signature-nonce"], headers.get("user-agent"),
        endpoint=headers.get("host"), protocol="http")
    sdk_query = openapi_utils.get_canonical_query_string(sdk_request.query)
    check(sdk_query == canonical_query, f"{action}: same canonical query as the SDK: {canonical_query}")


def sdk_fields_from_query(action, query):
    """The SDK model fields for a decoded query; booleans kept as ecdrop spells them."""
    fields = {}
    lists = {}
    for key, value in query.items():
        if "." in key:
            name, index = key.split(".", 1)
            lists.setdefault(name, []).append((int(index), value))
        elif key == "MaxResults":
            fields[key] = int(value)
        else:
            fields[key] = value
    for name, items in lists.items():
        fields[name] = [value for _, value in sorted(items)]
    return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ecdrop", required=True)
    args = parser.parse_args()
    simulator, address = start_simulator(args.ecdrop)
    try:
        sdk_against_simulator(address)
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    ecdrop_against_capture(args.ecdrop)
    if failures:
        print(f"crosscheck: {len(failures)} disagreement(s)")
        sys.exit(1)
    print("crosscheck: ecdrop and the official SDK agree")


if __name__ == "__main__":
    main()

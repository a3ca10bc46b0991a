"""Runs the official Alibaba Cloud Python SDK's real call path with its clock, nonce and
User-Agent frozen and its HTTP send replaced by a capture, so the request it would send can be
compared byte for byte. Used by generate_vectors.py and crosscheck.py."""

from alibabacloud_ecd20200930 import models as ecd_models
from alibabacloud_ecd20200930.client import Client as ECDClient
from alibabacloud_tea_openapi import client as openapi_client
from alibabacloud_tea_openapi import utils as openapi_utils
from alibabacloud_tea_openapi import utils_models
from darabonba.core import DaraCore


class Captured(Exception):
    """Raised by the fake transport once the request is in hand."""


class Capture:
    def __init__(self):
        self.request = None
        self._frozen = {}
        self._originals = {}

    def freeze(self, date=None, nonce=None, user_agent=None):
        self._frozen = {"date": date, "nonce": nonce, "user_agent": user_agent}

    def __enter__(self):
        utils = openapi_client.Utils
        self._originals = {
            "get_timestamp": utils.get_timestamp,
            "get_nonce": utils.get_nonce,
            "get_user_agent": utils.get_user_agent,
            "do_action": DaraCore.do_action,
        }
        frozen = self._frozen
        if frozen.get("date"):
            utils.get_timestamp = staticmethod(lambda: frozen["date"])
        if frozen.get("nonce"):
            utils.get_nonce = staticmethod(lambda: frozen["nonce"])
        if frozen.get("user_agent"):
            utils.get_user_agent = staticmethod(lambda _agent=None: frozen["user_agent"])

        def fake_send(request, runtime_option=None):
            self.request = request
            raise Captured()

        DaraCore.do_action = staticmethod(fake_send)
        return self

    def __exit__(self, *exc):
        utils = openapi_client.Utils
        utils.get_timestamp = self._originals["get_timestamp"]
        utils.get_nonce = self._originals["get_nonce"]
        utils.get_user_agent = self._originals["get_user_agent"]
        DaraCore.do_action = self._originals["do_action"]
        return False


def make_client(access_key_id, access_key_secret, security_token=None, region="cn-hangzhou",
                endpoint=None, protocol=None):
    config = utils_models.Config(
        access_key_id=access_key_id, access_key_secret=access_key_secret,
        security_token=security_token, region_id=region)
    if endpoint:
        config.endpoint = endpoint
    if protocol:
        config.protocol = protocol
    return ECDClient(config)


def call(client, action, request_fields):
    """Calls the SDK's method for `action` with a model built from API-spelled fields."""
    snake = {
        "UploadImage": ("upload_image", ecd_models.UploadImageRequest),
        "DescribeImages": ("describe_images", ecd_models.DescribeImagesRequest),
        "DeleteImages": ("delete_images", ecd_models.DeleteImagesRequest),
    }[action]
    model = snake[1]().from_map(dict(request_fields))
    return getattr(client, snake[0])(model)


def capture(action, request_fields, credentials, date, nonce, user_agent, endpoint=None, protocol=None):
    client = make_client(credentials["access_key_id"], credentials["access_key_secret"],
                         credentials.get("security_token"), request_fields.get("RegionId", "cn-hangzhou"),
                         endpoint, protocol)
    cap = Capture()
    cap.freeze(date=date, nonce=nonce, user_agent=user_agent)
    with cap:
        try:
            call(client, action, request_fields)
        except Exception:  # the capture always ends the call; the SDK may wrap it
            pass
    if cap.request is None:
        raise RuntimeError("the SDK did not reach its HTTP send for " + action)
    return cap.request


def intermediates(request, payload_hash):
    """The SDK's own helper functions applied to the captured request."""
    headers = {k: v for k, v in request.headers.items() if k != "Authorization"}
    canonical_query = openapi_utils.get_canonical_query_string(request.query)
    canonical_headers, signed_headers = openapi_utils.get_canonicalized_headers(headers)
    canonical_request = "\n".join([
        request.method, request.pathname or "/", canonical_query, canonical_headers, signed_headers, payload_hash,
    ])
    import hashlib
    hashed = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    return {
        "canonical_query_string": canonical_query,
        "canonical_headers": canonical_headers,
        "signed_headers": signed_headers,
        "hashed_request_payload": payload_hash,
        "canonical_request": canonical_request,
        "hashed_canonical_request": hashed,
        "string_to_sign": "ACS3-HMAC-SHA256\n" + hashed,
    }

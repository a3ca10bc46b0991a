"""A stand-in ECD endpoint that stamps when each UploadImage arrives (CLOCK_MONOTONIC, the same
clock the drop writer reads). It answers like ECD: UploadImage gives an ImageId, DescribeImages
finds images by ImageId.N or exact ImageName and reports them Available. No signature check:
the simulator's own tests cover that; here only arrival time matters."""

import http.server
import json
import threading
import time
import urllib.parse
import uuid


class Probe:
    def __init__(self, arrivals, key_prefix="bench-"):
        self.arrivals = arrivals
        self.key_prefix = key_prefix
        self.images = {}
        self.names = {}
        self.uploads = 0
        self.lock = threading.Lock()
        probe = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                arrived = time.monotonic_ns()
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                action = self.headers.get("x-acs-action") or (query.get("Action") or [""])[0]
                body = probe.answer(action, query, arrived)
                data = json.dumps(body).encode()
                # Head and body leave in one write: two small writes would meet Nagle's algorithm
                # and the client's delayed ACK, adding 40 ms to every answer.
                head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n"
                        f"Content-Length: {len(data)}\r\n\r\n").encode()
                self.wfile.write(head + data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def answer(self, action, query, arrived):
        request_id = str(uuid.uuid4()).upper()
        if action == "UploadImage":
            name = (query.get("ImageName") or [""])[0]
            with self.lock:
                self.uploads += 1
                image_id = self.names.get(name) or f"m-{uuid.uuid4().hex[:20]}"
                self.names[name] = image_id
                self.images[image_id] = name
            if name.startswith(self.key_prefix):
                self.arrivals.record(name[len(self.key_prefix):], arrived)
            return {"RequestId": request_id, "ImageId": image_id}
        if action == "DescribeImages":
            wanted_ids = [v[0] for k, v in query.items() if k.startswith("ImageId")]
            wanted_name = (query.get("ImageName") or [None])[0]
            with self.lock:
                found = [(i, self.images[i]) for i in wanted_ids if i in self.images]
                if wanted_name and wanted_name in self.names:
                    found.append((self.names[wanted_name], wanted_name))
            images = [{"ImageId": i, "Name": n, "Status": "Available", "Progress": "100%",
                       "ImageType": "CUSTOM", "OsType": "Windows", "Size": 40} for i, n in found]
            return {"RequestId": request_id, "Images": images, "NextToken": ""}
        return {"RequestId": request_id}

    def close(self):
        self.server.shutdown()
        self.server.server_close()

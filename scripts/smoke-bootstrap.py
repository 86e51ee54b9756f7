#!/usr/bin/env python3
"""Runs a bootstrap binary against a throwaway Runtime API with no configuration and checks that it reports
an init error naming the first missing variable, then exits non-zero. Proves the binary loads, starts and
speaks the Runtime API on this machine (or under qemu).

    smoke-bootstrap.py [runner ...] path/to/bootstrap
"""
import http.server
import json
import os
import subprocess
import sys
import threading

posted = []


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        posted.append((self.path, self.headers.get("Lambda-Runtime-Function-Error-Type"), body))
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RuntimeApi)
threading.Thread(target=server.serve_forever, daemon=True).start()
env = {"PATH": os.environ.get("PATH", ""), "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}"}
try:
    result = subprocess.run(sys.argv[1:], env=env, capture_output=True, timeout=60)
except subprocess.TimeoutExpired as hung:
    sys.exit(f"smoke: {' '.join(sys.argv[1:])} did not exit within 60 s (posted so far: {posted!r}; "
             f"stderr: {(hung.stderr or b'')[-2000:]!r})")
finally:
    server.shutdown()

assert result.returncode != 0, f"bootstrap exited 0 without configuration: {result.stderr!r}"
assert len(posted) == 1, f"expected one init error, got {posted!r}"
path, error_type, body = posted[0]
assert path == "/2018-06-01/runtime/init/error", path
assert error_type == "InvalidConfiguration", error_type
message = json.loads(body)["errorMessage"]
assert "OLD_USER_POOL_ID" in message, message
print(f"smoke: bootstrap reported its init error as expected ({message})")

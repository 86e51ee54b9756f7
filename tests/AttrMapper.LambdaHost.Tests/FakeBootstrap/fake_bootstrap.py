#!/usr/bin/env python3
"""A stand-in for the real bootstrap in the local Lambda host's tests: a minimal custom runtime.

What it does at start comes from FAKE_MODE:
  echo (default)  run the Runtime API loop
  exit            exit at once with FAKE_EXIT_CODE (default 3), before any /next
  init-error      POST /runtime/init/error, then exit 1, as a real runtime does
What it does with an event comes from the event's "fake" member (else FAKE_EVENT_MODE, else echo):
  echo    POST /response {"echo": event, "requestId", "deadlineMs", "functionArn", "traceId", "pid", "env": {...}};
          "delayMs" waits first, "waitForFile" waits until that file exists (a gate the test opens),
          "envKeys" lists the variables to report
  error   POST /error with a fixed error body and Lambda-Runtime-Function-Error-Type
  hang    never answer
  crash   exit with "exitCode" (default 3) without answering
  migrate answer as a User Migration trigger would: the event, its "response" filled (for trying cognito-local)
Every event also prints one JSON line on stdout, so tests can read the order in which events arrived.
"""
import json
import os
import sys
import time
import urllib.request

RUNTIME = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
DEFAULT_ENV_KEYS = [
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_REGION",
    "LAMBDA_TASK_ROOT",
]


def post(path, body, headers=None):
    data = json.dumps(body).encode()
    request = urllib.request.Request(RUNTIME + path, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request) as answer:
        return answer.status


def say(**fields):
    print(json.dumps(fields), flush=True)


def handle(request_id, headers, event):
    mode = os.environ.get("FAKE_EVENT_MODE", "echo")
    if isinstance(event, dict):
        mode = event.get("fake", mode)
    say(event="invoke", requestId=request_id, mode=mode, pid=os.getpid())

    if mode == "hang":
        time.sleep(3600)
    elif mode == "crash":
        os._exit(int(event.get("exitCode", 3)) if isinstance(event, dict) else 3)
    elif mode == "migrate":
        answer = dict(event)
        answer["response"] = {
            "userAttributes": {"email": event.get("userName", ""), "email_verified": "true"},
            "finalUserStatus": "CONFIRMED",
            "messageAction": "SUPPRESS",
        }
        post(f"/invocation/{request_id}/response", answer)
    elif mode == "error":
        post(
            f"/invocation/{request_id}/error",
            {"errorType": "Fake.Failure", "errorMessage": "the fake failed on purpose"},
            {"Lambda-Runtime-Function-Error-Type": "Fake.Failure"},
        )
    else:
        if isinstance(event, dict) and event.get("delayMs"):
            time.sleep(int(event["delayMs"]) / 1000.0)
        if isinstance(event, dict) and event.get("waitForFile"):
            while not os.path.exists(event["waitForFile"]):
                time.sleep(0.01)
        keys = DEFAULT_ENV_KEYS + (list(event.get("envKeys", [])) if isinstance(event, dict) else [])
        post(
            f"/invocation/{request_id}/response",
            {
                "echo": event,
                "requestId": request_id,
                "deadlineMs": int(headers["Lambda-Runtime-Deadline-Ms"]),
                "functionArn": headers["Lambda-Runtime-Invoked-Function-Arn"],
                "traceId": headers.get("Lambda-Runtime-Trace-Id"),
                "pid": os.getpid(),
                "env": {key: os.environ.get(key) for key in keys},
            },
        )
    say(event="done", requestId=request_id)


def main():
    mode = os.environ.get("FAKE_MODE", "echo")
    say(event="start", mode=mode, pid=os.getpid())
    print("fake bootstrap writes to stderr too", file=sys.stderr, flush=True)

    if mode == "exit":
        sys.exit(int(os.environ.get("FAKE_EXIT_CODE", "3")))
    if mode == "init-error":
        post(
            "/init/error",
            {"errorType": "Fake.InitFailure", "errorMessage": "MAP_PARAMETER_NAME is not set"},
            {"Lambda-Runtime-Function-Error-Type": "Fake.InitFailure"},
        )
        sys.exit(1)

    while True:
        with urllib.request.urlopen(RUNTIME + "/invocation/next") as answer:
            request_id = answer.headers["Lambda-Runtime-Aws-Request-Id"]
            headers = {name: answer.headers[name] for name in answer.headers.keys()}
            event = json.loads(answer.read() or b"null")
        handle(request_id, headers, event)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Issue 19's "Done when", walked as a new user: a project imported from a Label Studio export, labeled, its model
downloaded and run in Python's onnxruntime, a webhook receiver told of each new model; then exported back.

Needs a running service that allows a receiver on this machine (LABELLOOP_WEBHOOKS_ALLOWLOOPBACK=true) and Python
with numpy and onnxruntime. Usage:
  bench/interop-walkthrough.py [BASE_URL [TOKEN [DATA_CSV [FAMILY]]]]
(defaults http://localhost:8080, my-admin-token, ../shared/data/tabular/wine.csv, LINEAR; KERNEL works too). Prints
what it checked and exits non-zero when a check fails.
"""
import csv
import hashlib
import hmac
import http.server
import json
import random
import sys
import threading
import time
import urllib.request

import numpy as np
import onnxruntime as ort

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
token = sys.argv[2] if len(sys.argv) > 2 else "my-admin-token"
data = sys.argv[3] if len(sys.argv) > 3 else "../shared/data/tabular/wine.csv"
family = sys.argv[4] if len(sys.argv) > 4 else "LINEAR"
SECRET = "walkthrough-secret"
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def call(method, path, body=None, content_type="application/json", raw=False):
    payload = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=payload, method=method,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=300) as r:
        out = r.read()
        return out if raw else json.loads(out or b"null")


# a webhook receiver that checks each signature
received = []


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        received.append((self.headers["X-Labelloop-Event"], hmac.compare_digest(expected, self.headers["X-Labelloop-Signature"]),
                         json.loads(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()

# a Label Studio export: tasks with data.features, 40 of them annotated
rows = list(csv.DictReader(open(data)))
features = [k for k in rows[0] if k not in ("id", "label")]
labels = sorted({r["label"] for r in rows})
truth = {r["id"]: r["label"] for r in rows}
rnd = random.Random(19)
annotated = set(rnd.sample([r["id"] for r in rows], 40))
tasks = []
for r in rows:
    task = {"id": int(r["id"]), "data": {"externalId": r["id"], "features": {f: float(r[f]) for f in features}}}
    if r["id"] in annotated:
        task["annotations"] = [{"result": [{"from_name": "label", "to_name": "features", "type": "choices",
                                            "value": {"choices": [r["label"]]}}]}]
    tasks.append(task)

project = call("POST", "/api/v1/projects", {"name": "from-label-studio", "taskType": "TABULAR", "labels": labels,
                                             "modelFamily": family, "holdoutFraction": 0})
pid = project["id"]
upload = call("POST", f"/api/v1/projects/{pid}/items?format=labelstudio", json.dumps(tasks).encode())
check(upload["created"] == len(rows), f"Label Studio import: {upload['created']} of {len(rows)} tasks stored")
hook = call("POST", f"/api/v1/projects/{pid}/webhooks",
            {"url": f"http://127.0.0.1:{server.server_port}/labelloop", "events": ["MODEL_TRAINED"], "secret": SECRET})
first = call("POST", f"/api/v1/projects/{pid}/training-runs?wait=true", {})

# label 30 more as an annotator would: claim, answer
done = 0
while done < 30:
    claim = call("POST", f"/api/v1/projects/{pid}/queue/claims", {"count": 10})
    if not claim["items"]:
        break
    for item in claim["items"][: 30 - done]:
        call("POST", f"/api/v1/projects/{pid}/items/{item['itemId']}/labels", {"label": truth[item["externalId"]]})
        done += 1
check(done == 30, f"labeled {done} items through claims")
second = call("POST", f"/api/v1/projects/{pid}/training-runs?wait=true", {})
stats = call("GET", f"/api/v1/projects/{pid}/stats")
print(f"      model v{second['version']}, accuracy {stats.get('accuracy')}")

# the receiver: one signed MODEL_TRAINED post per model version
deadline = time.time() + 60
while time.time() < deadline and len(received) < 2:
    time.sleep(0.5)
versions = sorted(r[2]["data"]["version"] for r in received if r[0] == "MODEL_TRAINED")
check(versions == [first["version"], second["version"]], f"receiver got MODEL_TRAINED for versions {versions}")
check(all(r[1] for r in received), f"all {len(received)} signatures valid")

# the model in Python's onnxruntime against the service's own predictions
model = call("GET", f"/api/v1/projects/{pid}/models/{second['version']}/download?format=onnx", raw=True)
open("labelloop-walkthrough.onnx", "wb").write(model)
session = ort.InferenceSession("labelloop-walkthrough.onnx")
meta = session.get_modelmeta().custom_metadata_map
classes, inputs = json.loads(meta["classes"]), json.loads(meta["inputs"])
check(inputs == features, f"ONNX inputs are the CSV's feature columns ({len(inputs)})")
test = [r for r in rows if r["id"] not in annotated][:50]
x = np.array([[float(r[f]) for f in inputs] for r in test], dtype=np.float32)
(p,) = session.run(["probabilities"], {"features": x})
service = call("POST", f"/api/v1/projects/{pid}/predictions",
               [{"externalId": "q" + r["id"], "features": {f: float(r[f]) for f in features}} for r in test])
expected = np.array([[s["probabilities"][c] for c in classes] for s in service])
worst = float(np.max(np.abs(p - expected)))
check(worst <= 1e-5, f"onnxruntime {ort.__version__}: {len(test)} items, largest difference from the service {worst:.2e}")
accuracy = np.mean([classes[int(i)] == r["label"] for i, r in zip(p.argmax(1), test)])
print(f"      ONNX model accuracy on those {len(test)} items: {accuracy:.3f}")

# back to Label Studio: every label kept
exported = call("GET", f"/api/v1/projects/{pid}/export?format=labelstudio", raw=True)
back = json.loads(exported)
kept = {t["data"]["externalId"]: t["annotations"][0]["result"][0]["value"]["choices"][0] for t in back if t.get("annotations")}
check(len(back) == len(rows), f"export: {len(back)} tasks")
check(len(kept) == 70 and all(truth[k] == v for k, v in kept.items()), f"export keeps all {len(kept)} labels (40 imported + 30 given)")

server.shutdown()
print("project", pid, family, "-", "all checks passed" if not failures else f"{len(failures)} checks failed")
sys.exit(1 if failures else 0)

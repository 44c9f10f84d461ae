#!/usr/bin/env python3
"""Runs a downloaded Labelloop ONNX model in Python's onnxruntime and compares it with the service's probabilities.

Input: target/interop/NAME.onnx and NAME-check.json (NAME: tabular, the linear family, or kernel, random Fourier
features), written by `./mvnw test -Dtest=ModelDownloadTests` (the rows it sent to POST /predictions and the service's
answers). Usage: bench/onnx-python-check.py [DIRECTORY [NAME]]
"""
import json
import sys

import numpy as np
import onnxruntime as ort

directory = sys.argv[1] if len(sys.argv) > 1 else "target/interop"
name = sys.argv[2] if len(sys.argv) > 2 else "tabular"
check = json.load(open(f"{directory}/{name}-check.json"))
session = ort.InferenceSession(f"{directory}/{name}.onnx")
meta = session.get_modelmeta().custom_metadata_map
classes = json.loads(meta["classes"])
assert classes == check["classes"], (classes, check["classes"])
rows = np.array([[float(v) for v in row] for row in check["rows"]], dtype=np.float32)  # "NaN" -> nan: a missing value
(probabilities,) = session.run(["probabilities"], {"features": rows})
worst = float(np.max(np.abs(probabilities - np.array(check["expected"]))))
print(f"onnxruntime {ort.__version__}, {name}: {len(rows)} items, inputs {json.loads(meta['inputs'])}, classes {classes}, "
      f"largest difference from the service {worst:.2e}")
sys.exit(0 if worst <= 1e-5 else 1)

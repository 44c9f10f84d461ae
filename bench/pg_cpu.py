#!/usr/bin/env python3
"""CPU-seconds that one database's PostgreSQL processes spend while it runs (until SIGTERM or SIGINT).

  pg_cpu.py DBNAME [interval_s=0.05]

Counts the backends connected to DBNAME (their title names the database), including those that connect
while it runs, and the parallel workers any of them starts ("parallel worker for PID n"): a worker lives
only for its query and is gone before anyone could read it afterwards, so /proc is polled every interval;
what a process spends after its last poll is lost (at most one interval each). Prints the seconds on exit.
"""
import os
import re
import signal
import sys
import time

db = sys.argv[1]
interval = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
tick = os.sysconf("SC_CLK_TCK")
first = {}  # pid -> ticks when first seen (0 for processes that started after this did)
last = {}
started = None


def poll():
    ours = set()
    workers = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                title = f.read().replace(b"\0", b" ").decode(errors="replace")
            if not title.startswith("postgres: "):
                continue
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
        except OSError:
            continue
        pid = int(p)
        if f" {db} " in title:
            ours.add(pid)
            record(pid, ticks)
        else:
            m = re.search(r"parallel worker for PID (\d+)", title)
            if m:
                workers.append((pid, int(m.group(1)), ticks))
    for pid, leader, ticks in workers:
        if leader in ours or pid in last:
            record(pid, ticks)


def record(pid, ticks):
    if pid not in first:
        first[pid] = ticks if started is None else 0
    last[pid] = ticks


stop = False


def done(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, done)
signal.signal(signal.SIGINT, done)
poll()
started = True
print("ready", file=sys.stderr, flush=True)
while not stop:
    time.sleep(interval)
    poll()
print(f"{sum(last[p] - first[p] for p in last) / tick:.2f}", flush=True)

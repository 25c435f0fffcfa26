#!/usr/bin/env python3
"""TAP bookkeeping for run.sh.

  tapsum.py one NAME EXIT_CODE SECONDS LOGFILE   -> one JSON line on stdout
  tapsum.py collect OUTDIR                       -> OUTDIR/runs.tsv to OUTDIR/results.jsonl
  tapsum.py report RESULTS_DIR LABEL...          -> tables and comparison

A test's log holds its TAP on stdout. Top-level lines "ok N" / "not ok N" are
the assertions a TAP harness counts. Tests that pass a tap.T to
RuntimeInsideValidate embed runtimetest's own TAP in a YAML diagnostic
("stdout": "...") and report one top-level assertion for it; those inner
assertions are counted separately as "nested", and the failing ones are
listed, because they say which check inside the container failed.

Status of a test:
  PASS     exit 0 and no failing top-level assertion (TODO excluded)
  FAIL     a failing top-level assertion, a non-zero exit (util.Fatal), or
           no TAP plan at all (what a TAP harness reports as "no plan found")
  EMPTY    TAP says pass, but runtimetest, run inside the container through
           util.RuntimeInsideValidate, printed nothing: its checks never ran
           (the suite only looks for "not ok" in that output)
  TIMEOUT  killed by the per-test timeout
  DIAG     exit 0, no assertion at all, but an "error" diagnostic: several
           hook tests (prestart, poststop, ...) report problems only this way
"""
import json
import os
import re
import sys

LINE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$")


def parse_tap(text):
    res = {"pass": 0, "fail": 0, "skip": 0, "todo": 0, "plan": None,
           "failed": [], "diag_errors": [], "nested_pass": 0, "nested_fail": 0,
           "nested_failed": [], "nested_empty": 0, "nested_empty_stderr": []}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = LINE.match(line)
        if m:
            ok = m.group(1) == "ok"
            desc = m.group(3).strip()
            directive = ""
            dm = re.search(r"#\s*(SKIP|TODO)\b", line, re.I)
            if dm:
                directive = dm.group(1).upper()
            if directive == "SKIP":
                res["skip"] += 1
            elif directive == "TODO":
                res["todo"] += 1
            elif ok:
                res["pass"] += 1
            else:
                res["fail"] += 1
                res["failed"].append(desc)
        elif re.match(r"^1\.\.(\d+)", line):
            res["plan"] = int(line[3:].split()[0])
        elif line.strip() == "---" and line.startswith(" "):
            block = []
            i += 1
            while i < len(lines) and lines[i].strip() != "...":
                block.append(lines[i])
                i += 1
            body = "\n".join(block)
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict):
                if isinstance(data.get("error"), str) and data["error"]:
                    res["diag_errors"].append(data["error"].strip().splitlines()[0][:200])
                inner = data.get("stdout")
                if isinstance(inner, str) and "stderr" in data and "TAP version" not in inner:
                    # util.RuntimeInsideValidate's report of a runtimetest run that printed nothing
                    res["nested_empty"] += 1
                    err = (data.get("stderr") or "").strip().splitlines()
                    res["nested_empty_stderr"].append(err[-1][:200] if err else "")
                if isinstance(inner, str) and "TAP version" in inner:
                    sub = parse_tap(inner)
                    res["nested_pass"] += sub["pass"] + sub["nested_pass"]
                    res["nested_fail"] += sub["fail"] + sub["nested_fail"]
                    res["nested_failed"] += sub["failed"] + sub["nested_failed"]
        i += 1
    return res


def summarize(name, code, seconds, logfile):
    with open(logfile, "r", errors="replace") as f:
        text = f.read()
    r = parse_tap(text)
    code = int(code)
    if code == 124:
        status = "TIMEOUT"
    elif code != 0 or r["fail"] > 0 or r["plan"] is None:
        status = "FAIL"
    elif r["nested_empty"] > 0:
        status = "EMPTY"
    elif r["pass"] + r["skip"] + r["todo"] == 0 and r["diag_errors"]:
        status = "DIAG"
    else:
        status = "PASS"
    r.update({"name": name, "exit": code, "seconds": float(seconds), "status": status})
    return r


def one(name, code, seconds, logfile):
    print(json.dumps(summarize(name, code, seconds, logfile)))


def collect(outdir):
    """runs.tsv (name, exit code, milliseconds) -> results.jsonl, one line per test."""
    with open(os.path.join(outdir, "runs.tsv")) as f, open(os.path.join(outdir, "results.jsonl"), "w") as out:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            name, code, ms = parts
            r = summarize(name, code, int(ms) / 1000.0, os.path.join(outdir, name + ".log"))
            out.write(json.dumps(r) + "\n")


def load(results_dir, label):
    path = os.path.join(results_dir, label, "results.jsonl")
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                r = json.loads(line)
                out[r["name"]] = r
    return out


def why(r):
    if r["status"] == "TIMEOUT":
        return "timed out"
    bits = []
    if r["exit"] not in (0, 124):
        bits.append("exit %d" % r["exit"])
    if r["failed"]:
        bits.append("not ok: " + "; ".join(r["failed"][:2]) + (" ..." if len(r["failed"]) > 2 else ""))
    if r["nested_failed"]:
        bits.append("runtimetest: " + "; ".join(r["nested_failed"][:2]) + (" ..." if len(r["nested_failed"]) > 2 else ""))
    if r["plan"] is None and r["status"] == "FAIL":
        bits.append("no TAP plan")
    if r.get("nested_empty"):
        bits.append("runtimetest printed nothing (%dx): %s" % (r["nested_empty"], r["nested_empty_stderr"][0]))
    if r["diag_errors"] and (r["status"] != "PASS"):
        bits.append("diag: " + r["diag_errors"][0][:120])
    return " | ".join(bits)


def report(results_dir, labels):
    runs = {label: load(results_dir, label) for label in labels}
    names = sorted(set().union(*[set(r) for r in runs.values()]))
    w = max([len(n) for n in names] + [4])
    head = "%-*s " % (w, "test") + " ".join("%-24s" % l[:24] for l in labels)
    print(head)
    print("-" * len(head))
    for n in names:
        cells = []
        for l in labels:
            r = runs[l].get(n)
            if r is None:
                cells.append("%-24s" % "-")
            else:
                cells.append("%-24s" % ("%s %d/%d %.0fs" % (r["status"], r["pass"], r["pass"] + r["fail"], r["seconds"])))
        print("%-*s %s" % (w, n, " ".join(cells)))
    print()
    print("cell = status passed/asserted (top-level TAP assertions, SKIP and TODO excluded) wall-seconds")
    print()
    totals = {}
    for l in labels:
        rs = runs[l].values()
        t = {
            "tests": len(rs),
            "PASS": sum(1 for r in rs if r["status"] == "PASS"),
            "FAIL": sum(1 for r in rs if r["status"] == "FAIL"),
            "TIMEOUT": sum(1 for r in rs if r["status"] == "TIMEOUT"),
            "DIAG": sum(1 for r in rs if r["status"] == "DIAG"),
            "EMPTY": sum(1 for r in rs if r["status"] == "EMPTY"),
            "ok": sum(r["pass"] for r in rs),
            "notok": sum(r["fail"] for r in rs),
            "skip": sum(r["skip"] for r in rs),
            "todo": sum(r["todo"] for r in rs),
            "nok": sum(r["nested_pass"] for r in rs),
            "nnotok": sum(r["nested_fail"] for r in rs),
            "secs": sum(r["seconds"] for r in rs),
        }
        totals[l] = t
        print("%s: tests %d: %d PASS, %d FAIL, %d TIMEOUT, %d DIAG-only, %d EMPTY | assertions: %d ok, %d not ok, %d skip, %d todo"
              " | nested runtimetest assertions: %d ok, %d not ok | %.0fs"
              % (l, t["tests"], t["PASS"], t["FAIL"], t["TIMEOUT"], t["DIAG"], t["EMPTY"], t["ok"], t["notok"],
                 t["skip"], t["todo"], t["nok"], t["nnotok"], t["secs"]))
    if len(labels) >= 2:
        base = labels[0]
        for other in labels[1:]:
            print()
            print("Tests %s passes and %s does not:" % (base, other))
            regress = []
            for n in names:
                a, b = runs[base].get(n), runs[other].get(n)
                if a and a["status"] == "PASS" and (b is None or b["status"] != "PASS"):
                    regress.append(n)
                    print("  %-*s %-7s %s" % (w, n, b["status"] if b else "missing", why(b) if b else ""))
            if not regress:
                print("  (none)")
            print()
            print("Other tests where %s passes fewer assertions than %s (top-level or nested):" % (other, base))
            fewer = False
            for n in names:
                a, b = runs[base].get(n), runs[other].get(n)
                if n in regress or not (a and b):
                    continue
                if b["pass"] < a["pass"] or b["nested_pass"] < a["nested_pass"]:
                    fewer = True
                    print("  %-*s %s %d vs %d ok, nested %d vs %d ok | %s" % (
                        w, n, b["status"], b["pass"], a["pass"], b["nested_pass"], a["nested_pass"], why(b)))
            if not fewer:
                print("  (none)")
    # Closing line in the plain 'N passed, N failed' form, for the last runtime.
    last = totals[labels[-1]]
    print()
    print("%s: %d passed, %d failed" % ("conformance", last["PASS"], last["tests"] - last["PASS"]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "collect":
        collect(sys.argv[2])
    elif len(sys.argv) >= 6 and sys.argv[1] == "one":
        one(*sys.argv[2:6])
    elif len(sys.argv) >= 4 and sys.argv[1] == "report":
        sys.exit(report(sys.argv[2], sys.argv[3:]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)

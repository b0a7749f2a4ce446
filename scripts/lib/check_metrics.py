#!/usr/bin/env python3
"""Checks that every metric named in the Grafana dashboards and the Prometheus alert rules is
actually exported: asks a running Prometheus (which scrapes the server and the exporters) for the
series of each name. Also checks that Prometheus loaded the rule files without evaluation errors.

Usage: check_metrics.py PROMETHEUS_URL DASHBOARD_DIR RULES_DIR EXPECTED_LATER_FILE

EXPECTED_LATER_FILE lists metrics (one a line, '#' comments) that rules may name before the server
exports them; such a metric missing is a warning, any other missing metric fails the check.
"""
import glob
import json
import re
import sys
import urllib.parse
import urllib.request

import yaml

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "inf", "nan", "atan2",
            # aggregation operators (their parenthesis may follow a by/without clause)
            "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk",
            "quantile", "count_values", "group"}


def metric_names(expr):
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # string literals
    e = re.sub(r"\{[^}]*\}", "", e)                         # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                        # ranges, subqueries
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r"\1", e)
    names = set()
    for m in re.finditer(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)", e):
        name = m.group(1)
        rest = e[m.end():].lstrip()
        if rest.startswith("("):                            # a function
            continue
        if name.lower() in KEYWORDS:
            continue
        names.add(name)
    return names


def from_dashboards(d):
    found = {}
    for path in sorted(glob.glob(d + "/*.json")):
        board = json.load(open(path))
        def walk(panels):
            for p in panels:
                for t in p.get("targets", []):
                    for n in metric_names(t.get("expr", "")):
                        found.setdefault(n, set()).add(path.split("/")[-1] + ": " + p.get("title", ""))
                walk(p.get("panels", []))
        walk(board.get("panels", []))
        for v in board.get("templating", {}).get("list", []):
            q = v.get("query")
            q = q.get("query", "") if isinstance(q, dict) else (q or "")
            m = re.match(r"\s*label_values\(\s*([a-zA-Z_:][\w:]*)", q)
            if m:
                found.setdefault(m.group(1), set()).add(path.split("/")[-1] + ": variable " + v["name"])
    return found


def from_rules(d):
    found = {}
    for path in sorted(glob.glob(d + "/*.yml")):
        for g in (yaml.safe_load(open(path)) or {}).get("groups", []):
            for r in g.get("rules", []):
                for n in metric_names(r["expr"]):
                    found.setdefault(n, set()).add(path.split("/")[-1] + ": " + r.get("alert", r.get("record", "")))
    return found


def get(url):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.load(resp)


def main():
    prom, dashboards, rules, later_file = sys.argv[1:5]
    later = set()
    for line in open(later_file):
        line = line.split("#", 1)[0].strip()
        if line:
            later.add(line)
    wanted = {}
    for src in (from_dashboards(dashboards), from_rules(rules)):
        for n, where in src.items():
            wanted.setdefault(n, set()).update(where)
    failures, warnings = [], []
    for name in sorted(wanted):
        q = urllib.parse.urlencode({"match[]": '{__name__="%s"}' % name})
        series = get(prom + "/api/v1/series?" + q)["data"]
        jobs = sorted({s.get("job", "?") for s in series})
        if series:
            note = "  (listed as expected later: remove it from %s)" % later_file if name in later else ""
            print("  exported  %-55s by %s%s" % (name, ",".join(jobs), note))
        elif name in later:
            warnings.append(name)
            print("  LATER     %-55s not exported yet (expected later); used by %s" % (name, "; ".join(sorted(wanted[name]))))
        else:
            failures.append(name)
            print("  MISSING   %-55s used by %s" % (name, "; ".join(sorted(wanted[name]))))
    groups = get(prom + "/api/v1/rules")["data"]["groups"]
    nrules = sum(len(g["rules"]) for g in groups)
    bad = [(g["name"], r["name"], r.get("lastError")) for g in groups for r in g["rules"] if r.get("health") == "err"]
    print("metrics: %d names in dashboards and rules, %d missing, %d expected later; Prometheus loaded %d rules in %d groups"
          % (len(wanted), len(failures), len(warnings), nrules, len(groups)))
    for b in bad:
        print("  RULE ERROR %s/%s: %s" % b)
    if nrules == 0:
        print("  Prometheus loaded no rules")
    if failures or bad or nrules == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()

"""docs/BENCHMARKS.md from the measurements: every number in it comes from the run that wrote it."""

import datetime

from .linter import CHECKOV_CHECKS
from .measure import RSS_METHOD


def ms(seconds):
    return "%.0f ms" % (seconds * 1000) if seconds < 10 else "%.1f s" % seconds


def mb(kib):
    return "%.1f MB" % (kib * 1024 / 1e6)


def ratio(value):
    if value < 10:
        return "%.2fx" % value
    return "%.1fx" % value if value < 100 else "%.0fx" % value


def status(met):
    return "**met**" if met else "**missed**"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def targets(r):
    """(target, goal, measured, met, by how much) for the goals of issue 5."""
    rows = []
    big = r["sizes"][-1]
    lint = r["lint"][big]
    if "checkov" in lint:
        speed = lint["checkov"].wall / lint["drlint"].wall
        memory = lint["checkov"].max_rss_kib / lint["drlint"].max_rss_kib
        rows.append(("drlint faster than checkov (%d files, wall time)" % big, ">= 100x", ratio(speed), speed >= 100,
                     "" if speed >= 100 else "%.0f%% of the goal" % speed))
        rows.append(("drlint peak RSS against checkov's (%d files)" % big, "<= 1/5", "1/%.1f" % memory, memory >= 5,
                     "%.0f%% over the goal" % (100 * (5 / memory - 1)) if memory < 5 else ""))
    phases = r["timings"][(big, None)]
    rows.append(("drlint end to end against its parse-only pass (%d files, in-process)" % big, "<= 1.5x",
                 ratio(phases["ratio"]), phases["ratio"] <= 1.5,
                 "%.0f%% over the goal" % (100 * (phases["ratio"] / 1.5 - 1)) if phases["ratio"] > 1.5 else ""))
    if len(r["sizes"]) > 1:
        small = r["sizes"][0]
        growth = (lint["drlint"].wall / big) / (r["lint"][small]["drlint"].wall / small)
        rows.append(("drlint time per file, %d files against %d" % (big, small), "<= 1x (linear or better)",
                     ratio(growth), growth <= 1.0, "" if growth <= 1.0 else "%.0f%% over the goal" % (100 * (growth - 1))))
    p = r["provider"]
    if "null" in p["lifecycle"]:
        plan = p["lifecycle"]["dr"]["plan"].wall / p["lifecycle"]["null"]["plan"].wall
        rows.append(("`terraform plan` of %d dr_backup_policy against %d null_resource" % (p["count"], p["count"]),
                     "<= 1.1x", ratio(plan), plan <= 1.1, "" if plan <= 1.1 else "%.0f%% over the goal" % (100 * (plan / 1.1 - 1))))
    hs = p["handshake"]["dr"]["median"]
    rows.append(("provider: exec to handshake line", "< 20 ms", "%.1f ms" % hs, hs < 20, ""))
    rss = max(u["max_rss_kib"] for u in p["usage"]["dr"].values()) * 1024 / 1e6
    rows.append(("provider peak RSS during plan and apply of %d resources" % p["count"], "< 20 MB", "%.1f MB" % rss,
                 rss < 20, ""))
    return rows


def render(r):
    out = []
    add = out.append
    big = r["sizes"][-1]
    add("# Benchmarks")
    add("")
    add("Written by `%s` on %s; every number below is from that run. Medians of several runs; "
        "the run counts are in each table." % (r["command"], datetime.date.today().isoformat()))
    add("")
    add("```sh\nscripts/bench            # the full run: rewrites this file (this run took %s)\n"
        "scripts/bench --smoke    # every step once on tiny inputs, without checkov or the null provider "
        "(scripts/test runs it)\n```" % r.get("duration", "?"))
    add("")
    add("## Machine and versions")
    add("")
    rows = [(k, v) for k, v in r["machine"].items()] + [(k, v) for k, v in r["versions"].items()]
    rows.append(("load average (1 min) at start and end", "%s, %s (the machine is shared with other builds)"
                 % (r["load"][0], r["load"][1])))
    rows.append(("peak RSS and CPU time measured with", RSS_METHOD))
    add(table(["", ""], rows))
    add("")
    add("## Targets")
    add("")
    add(table(["target", "goal", "measured", "", "short by"],
              [(t, g, m, status(ok), by) for t, g, m, ok, by in targets(r)]))
    add("")

    add("## The corpus")
    add("")
    add("`scripts/gen-corpus --files N --seed drkit DIR` writes N `.tf` files: estates of ten files "
        "(versions, variables, locals, shared resources, a Redis pair, two calls of a local data module "
        "with Cosmos DB, PostgreSQL and MySQL flexible servers, Azure SQL and a failover group) and a "
        "`terraform.tfvars` each, with every azurerm resource type drlint checks and a dr_backup_policy; "
        "values are a seeded mix of compliant and violating settings, many of them reaching the resource "
        "through variables, tfvars, locals, module inputs, conditionals, `for_each` and dynamic blocks.")
    add("")
    rows = []
    for n in r["sizes"]:
        lint = r["lint"][n]
        row = [n, r["corpus_bytes"][n], lint["drlint_counts"]["resources"], lint["drlint_counts"]["findings"]]
        if "checkov_counts" in lint:
            c = lint["checkov_counts"]
            row += [c["resources"], "%d failed, %d passed" % (c["failed"], c["passed"])]
        else:
            row += ["-", "-"]
        rows.append(row)
    add(table([".tf files", "bytes (with tfvars)", "drlint: resources", "drlint: findings",
               "checkov: resources", "checkov: checks"], rows))
    add("")

    add("## drlint against checkov")
    add("")
    add("Same corpus, same run, alternating. drlint uses one thread per core (its default); checkov "
        "runs in one process. Both write a JSON report to a file.")
    add("")
    add("```sh\n%s\n%s\n```" % (" ".join(r["commands"]["drlint"]), " ".join(r["commands"]["checkov"])))
    add("")
    add("checkov's checks (its DR-related Azure checks, `CHECKOV_CHECKS` in `scripts/benchmarks/linter.py`):")
    add("")
    add(table(["check", "resource", "title"], CHECKOV_CHECKS))
    add("")
    rows = []
    for n in r["sizes"]:
        lint = r["lint"][n]
        d = lint["drlint"]
        rows.append((n, "drlint", d.runs, ms(d.wall), ms(d.cpu), mb(d.max_rss_kib)))
        if "checkov" in lint:
            c = lint["checkov"]
            rows.append((n, "checkov", c.runs, ms(c.wall), ms(c.cpu), mb(c.max_rss_kib)))
            rows.append((n, "**checkov / drlint**", "", "**%s**" % ratio(c.wall / d.wall), ratio(c.cpu / d.cpu),
                         ratio(c.max_rss_kib / d.max_rss_kib)))
    add(table([".tf files", "tool", "runs", "wall", "CPU (user+sys)", "peak RSS"], rows))
    add("")

    add("## drlint end to end against its parse phase")
    add("")
    add("`drlint --timings` first reads and parses every file alone (and drops each syntax tree at "
        "once), then runs the whole lint, and prints the in-process wall time of each. The lint parses and "
        "evaluates each directory in the same task, so its read+parse and evaluate columns are the load's "
        "wall time split in proportion to the time the threads spent in each.")
    add("")
    rows = []
    for (n, jobs), t in sorted(r["timings"].items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        rows.append((n, jobs or "%s (default)" % r["machine"]["cores"], t["runs"], "%.1f" % t["parse_only"],
                     "%.1f" % t["read_parse"], "%.1f" % t["evaluate"], "%.1f" % t["rules"], "%.1f" % t["total"],
                     "**%s**" % ratio(t["ratio"])))
    add(table([".tf files", "threads", "runs", "parse only (ms)", "lint: read+parse", "evaluate", "rules",
               "lint total", "total / parse only"], rows))
    add("")
    if r.get("profile"):
        prof = r["profile"]
        add("Where a single-threaded run on %d files spends its time, from `perf record --call-graph dwarf` "
            "(share of all samples, including each function's callees):" % big)
        add("")
        add(table(["phase", "share of samples"],
                  [(label, "%.1f%%" % share if share is not None else "below 0.3%") for label, share in prof["phases"]]))
        add("")
        add("The symbols with the most samples of their own:")
        add("")
        add(table(["self", "symbol"], [("%.1f%%" % share, "`%s`" % symbol.replace("|", "\\|")[:110])
                                       for share, symbol in prof["top_symbols"]]))
        add("")

    if r.get("heap"):
        h = r["heap"]
        add("What drlint's heap holds at its peak, from valgrind's massif on %d files (%d bytes of input) with "
            "one thread and the system allocator (massif sees only malloc), each allocation put down to the "
            "nearest function on its stack that says what it is for (`scripts/benchmarks/heap.py`):"
            % (r["heap_files"], r["heap_bytes"]))
        add("")
        rows = [(what, "%.1f MB" % (size / 1e6), "%.0f%%" % (100 * size / h["peak_bytes"]),
                 "%.1f" % (size / r["heap_bytes"])) for what, size in h["owners"]]
        rows.append(("**peak heap**", "**%.1f MB**" % (h["peak_bytes"] / 1e6), "100%",
                     "%.1f" % (h["peak_bytes"] / r["heap_bytes"])))
        add(table(["held for", "bytes", "share", "bytes per input byte"], rows))
        add("")

    add("## Scaling")
    add("")
    rows = []
    for n in r["sizes"]:
        for jobs in (1, 2):
            s = r["threads"][(n, jobs)]
            rows.append((n, jobs, s.runs, ms(s.wall), "%.0f µs" % (s.wall / n * 1e6), ms(s.cpu), mb(s.max_rss_kib)))
    add(table([".tf files", "threads", "runs", "wall", "wall per file", "CPU", "peak RSS"], rows))
    add("")
    if len(r["sizes"]) > 1:
        small = r["sizes"][0]
        for jobs in (1, 2):
            a, b = r["threads"][(small, jobs)], r["threads"][(big, jobs)]
            add("- %d thread%s: %dx the files took %.1fx the wall time (%.2fx the time per file)."
                % (jobs, "" if jobs == 1 else "s", big // small, b.wall / a.wall, (b.wall / big) / (a.wall / small)))
        one, two = r["threads"][(big, 1)], r["threads"][(big, 2)]
        add("- %d files: 2 threads took %.2fx the wall time of 1 thread." % (big, two.wall / one.wall))
        add("")

    p = r["provider"]
    life = p["lifecycle"]
    add("## terraform-provider-dr inside Terraform")
    add("")
    add("%s, `count = %d` of each resource, every provider installed through `dev_overrides` in "
        "the CLI configuration (no `terraform init` for any of them), a fresh directory per run: `terraform "
        "plan` with no state, `terraform apply -auto-approve`, then `terraform plan` again with every "
        "resource in state (it must find no changes). Default `-parallelism=10`." % (r["versions"]["Terraform"], p["count"]))
    add("")
    names = {"dr": "dr_backup_policy", "null": "null_resource (1 trigger)",
             "null_same_state": "null_resource (%d triggers: one dr_backup_policy's state values)" % p.get("same_state_triggers", 0)}
    rows = []
    for kind in [k for k in ("dr", "null", "null_same_state") if k in life]:
        l = life[kind]
        rows.append((names[kind], l["plan"].runs, ms(l["plan"].wall), ms(l["apply"].wall), ms(l["replan"].wall),
                     "%.0f B" % l["state_bytes"]))
    if "null" in life:
        d, n = life["dr"], life["null"]
        rows.append(("**dr / null (1 trigger)**", "", "**%s**" % ratio(d["plan"].wall / n["plan"].wall),
                     ratio(d["apply"].wall / n["apply"].wall), ratio(d["replan"].wall / n["replan"].wall), ""))
    if "null_same_state" in life:
        d, n = life["dr"], life["null_same_state"]
        rows.append(("**dr / null (same state values)**", "", ratio(d["plan"].wall / n["plan"].wall),
                     ratio(d["apply"].wall / n["apply"].wall), ratio(d["replan"].wall / n["replan"].wall), ""))
    add(table(["resources", "runs", "plan (no state)", "apply", "plan (all in state)", "state per instance"], rows))
    add("")
    add("CPU time of Terraform and its providers together (medians):")
    add("")
    rows = [(names[k], ms(life[k]["plan"].cpu), ms(life[k]["apply"].cpu), ms(life[k]["replan"].cpu))
            for k in ("dr", "null", "null_same_state") if k in life]
    add(table(["resources", "plan", "apply", "plan (all in state)"], rows))
    add("")
    add("The providers alone (a wrapper records each provider process Terraform starts; one plan and one "
        "apply of %d resources):" % p["count"])
    add("")
    rows = []
    for kind, usage in p["usage"].items():
        for command, u in usage.items():
            rows.append((kind, command, u["launches"], ms(u["cpu"]), mb(u["max_rss_kib"])))
    add(table(["provider", "command", "launches", "CPU, all launches", "peak RSS"], rows))
    add("")
    add("Exec to handshake line (go-plugin environment as Terraform sets it, with an AutoMTLS client "
        "certificate, so the time includes generating the server certificate):")
    add("")
    add(table(["provider", "runs", "median", "slowest"],
              [(kind, h["runs"], "%.1f ms" % h["median"], "%.1f ms" % h["max"]) for kind, h in p["handshake"].items()]))
    add("")
    terraform_profile = p.get("terraform_profile")
    if terraform_profile:
        add("Where Terraform's time goes with %d dr_backup_policy (`perf record --call-graph fp` of Terraform and "
            "the providers it starts; share of all samples, callees included):" % p["count"])
        add("")
        plan, apply = terraform_profile["plan"], terraform_profile["apply"]
        add(table(["Terraform function", "plan", "apply"],
                  [(label, "%.1f%%" % a if a is not None else "below 0.3%", "%.1f%%" % b if b is not None else "below 0.3%")
                   for (label, a), (_, b) in zip(plan, apply)]))
        add("")
    notes = r.get("notes") or []
    if notes:
        add("## What bounds the missed targets")
        add("")
        for note in notes:
            add(note)
            add("")
    return "\n".join(out)

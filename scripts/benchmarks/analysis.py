"""For each missed target, what the same run measured about where the time goes. Only facts
of this run are stated; nothing is assumed."""


def notes(r):
    found = []
    big = r["sizes"][-1]
    t = r["timings"][(big, None)]
    if t["ratio"] > 1.5:
        beyond = t["total"] - t["parse_only"]
        parts = [("the lint's read+parse beyond the parse-only pass", t["read_parse"] - t["parse_only"]),
                 ("evaluation", t["evaluate"]), ("the rules", t["rules"]),
                 ("the rest (indexing modules, sorting, freeing)",
                  t["total"] - t["read_parse"] - t["evaluate"] - t["rules"])]
        text = ("**End to end against parse.** On %d files the lint took %.0f ms against %.0f ms for the "
                "parse-only pass, %.0f ms more: %s." % (big, t["total"], t["parse_only"], beyond, ", ".join(
                    "%s %.0f ms" % (label, value) for label, value in parts if value > 0)))
        if t["read_parse"] > t["parse_only"]:
            text += (" The lint's own read+parse differs from the parse-only pass in that it keeps a "
                     "directory's texts and syntax trees until that directory is evaluated (and a module that "
                     "several roots call until the load ends), where the parse-only pass frees each file's at once.")
        if r.get("profile"):
            text += " The perf profile above splits the single-threaded run the same way."
        found.append(text)
    lint = r["lint"][big]
    if "checkov" in lint:
        speed = lint["checkov"].wall / lint["drlint"].wall
        memory = lint["checkov"].max_rss_kib / lint["drlint"].max_rss_kib
        if memory < 5:
            text = ("**Memory against checkov.** drlint's peak RSS on %d files (%.0f MB) is 1/%.1f of checkov's "
                    "(%.0f MB), %.0f bytes of RSS per byte of input."
                    % (big, lint["drlint"].max_rss_kib * 1024 / 1e6, memory, lint["checkov"].max_rss_kib * 1024 / 1e6,
                       lint["drlint"].max_rss_kib * 1024 / r["corpus_bytes"][big]))
            if r.get("heap"):
                owners = dict(r["heap"]["owners"])
                trees = owners.get("hcl-edit syntax trees", 0)
                text += (" In the heap profile above, hcl-edit's syntax trees are %.0f%% of the peak heap (%.0f bytes "
                         "per byte of input)."
                         % (100 * trees / r["heap"]["peak_bytes"], trees / r["heap_bytes"]))
            found.append(text)
        if speed < 100:
            found.append("**Speed against checkov.** checkov took %.1fx drlint's wall time on %d files."
                         % (speed, big))
    life = r["provider"]["lifecycle"]
    if "null" in life:
        d, n = life["dr"], life["null"]
        if d["plan"].wall > 1.1 * n["plan"].wall:
            usage = r["provider"]["usage"]
            text = ("**Plan against the null provider.** With no state, `terraform plan` of %d dr_backup_policy took "
                    "%.0f ms (runs from %.0f to %.0f ms) against %.0f ms (%.0f to %.0f ms) for null_resource; Terraform and its providers used %.0f ms and %.0f ms "
                    "of CPU, of which the providers' own processes used %.0f ms (dr) and %.0f ms (null). "
                    "A dr_backup_policy instance has %.0f bytes of state (16 attributes, 12 more in the computed "
                    "`azure` object, all known at plan time and shown in the plan) against %.0f for null_resource."
                    % (r["provider"]["count"], d["plan"].wall * 1000, d["plan"].wall_min * 1000, d["plan"].wall_max * 1000,
                       n["plan"].wall * 1000, n["plan"].wall_min * 1000, n["plan"].wall_max * 1000, d["plan"].cpu * 1000,
                       n["plan"].cpu * 1000, usage["dr"]["plan"]["cpu"] * 1000,
                       usage["null"]["plan"]["cpu"] * 1000 if "null" in usage else float("nan"),
                       d["state_bytes"], n["state_bytes"]))
            if "null_same_state" in life:
                s = life["null_same_state"]
                text += (" A null_resource carrying the same values as triggers (%.0f bytes of state) plans in "
                         "%.0f ms, %.2fx the dr plan." % (s["state_bytes"], s["plan"].wall * 1000,
                                                          s["plan"].wall / d["plan"].wall))
            found.append(text)
        if d["apply"].wall > 1.1 * n["apply"].wall:
            text = ("**Apply** (no target, but the same question). `terraform apply` took %.1f s for "
                    "dr_backup_policy and %.1f s for null_resource, with %.0f against %.0f bytes of state per instance."
                    % (d["apply"].wall, n["apply"].wall, d["state_bytes"], n["state_bytes"]))
            if "null_same_state" in life:
                s = life["null_same_state"]
                text += (" The null_resource with the same state values applies in %.1f s (%.2fx dr's)."
                         % (s["apply"].wall, s["apply"].wall / d["apply"].wall))
            terraform_profile = r["provider"].get("terraform_profile")
            if terraform_profile:
                share = dict(terraform_profile["apply"]).get(
                    "serialise the whole state after each applied resource (StateHook)")
                if share is not None:
                    text += (" In Terraform's profile of the dr apply, %.0f%% of the samples are in "
                             "`statemgr.(*Filesystem).WriteState`, which Terraform 1.0's StateHook calls after each "
                             "resource it applies to serialise the whole state." % share)
            found.append(text)
        terraform_profile = r["provider"].get("terraform_profile")
        if terraform_profile and d["plan"].wall > 1.1 * n["plan"].wall:
            shares = dict(terraform_profile["plan"])
            rendered = shares.get("render the plan for a human")
            if rendered is not None:
                found.append("In Terraform's profile of the dr plan, rendering the plan for a human takes %.0f%% of "
                             "the samples (it prints every attribute of every planned resource)." % rendered)
    return found

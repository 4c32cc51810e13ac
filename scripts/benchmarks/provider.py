"""terraform-provider-dr inside Terraform: plan and apply of many dr_backup_policy resources
against the same number of null_resource of HashiCorp's Go null provider, both installed through
the CLI configuration's dev_overrides (so neither needs `terraform init`); the provider's time
from exec to its handshake line; and its peak RSS and CPU time during a plan and an apply."""

import glob
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import time

from . import measure, profiling

# go-plugin's handshake cookie for Terraform providers, and what Terraform 1.0 passes.
MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
PROTOCOL_VERSIONS = "5,6"

DR_CONFIG = """\
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "policy" {
  count = %(count)d

  name      = "policy-${count.index}"
  tier      = "production"
  rpo       = "1h"
  retention = "30d"
}
"""

NULL_CONFIG = """\
terraform {
  required_providers {
    null = {
      source = "hashicorp/null"
    }
  }
}

resource "null_resource" "policy" {
  count = %(count)d

  triggers = {
%(triggers)s
  }
}
"""


def null_config(count, triggers):
    width = max(len(name) for name in triggers)
    lines = ["    %s = %s" % (name.ljust(width), json.dumps(value).replace("policy-0", "policy-${count.index}"))
             for name, value in triggers.items()]
    return NULL_CONFIG % {"count": count, "triggers": "\n".join(lines)}


def flattened_state(attributes, prefix=""):
    """The non-null values of a resource's state as strings, nested objects flattened: the
    triggers of a null_resource that stores as much as a dr_backup_policy does."""
    flat = {}
    for name, value in sorted(attributes.items()):
        if isinstance(value, dict):
            flat.update(flattened_state(value, prefix + name + "_"))
        elif value is not None:
            flat[prefix + name] = str(value).lower() if isinstance(value, bool) else str(value)
    return flat


def cli_config(path, overrides):
    lines = ["provider_installation {", "  dev_overrides {"]
    lines += ['    "%s" = %s' % (source, json.dumps(folder)) for source, folder in sorted(overrides.items())]
    lines += ["  }", "  direct {}", "}", ""]
    with open(path, "w") as handle:
        handle.write("\n".join(lines))


def terraform_env(workdir, cli_config_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TF_LOG", "TF_REATTACH_PROVIDERS")}
    env.update(TF_CLI_CONFIG_FILE=cli_config_path, TF_DATA_DIR=os.path.join(workdir, ".terraform"),
               CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1", TF_INPUT="0")
    return env


def _expect(path, text):
    with open(path) as handle:
        output = handle.read()
    if text not in output:
        raise measure.StepFailed("expected %r in Terraform's output:\n%s" % (text, output[-3000:]))


def lifecycle(terraform, config_text, count, workdir, cli_config_path):
    """plan with no state, apply, then plan again with everything in state (which must show no
    changes); each measured."""
    os.makedirs(workdir)
    with open(os.path.join(workdir, "main.tf"), "w") as handle:
        handle.write(config_text)
    env = terraform_env(workdir, cli_config_path)
    out = os.path.join(workdir, "out.txt")
    plan = measure.run([terraform, "plan", "-input=false", "-no-color"], cwd=workdir, env=env, stdout_path=out)
    _expect(out, "Plan: %d to add, 0 to change, 0 to destroy." % count)
    apply = measure.run([terraform, "apply", "-auto-approve", "-input=false", "-no-color"], cwd=workdir, env=env,
                        stdout_path=out)
    _expect(out, "Apply complete! Resources: %d added" % count)
    # -detailed-exitcode: 0 means no changes.
    replan = measure.run([terraform, "plan", "-detailed-exitcode", "-input=false", "-no-color"], cwd=workdir,
                         env=env, stdout_path=out)
    with open(os.path.join(workdir, "terraform.tfstate")) as handle:
        state = json.load(handle)
    instances = state["resources"][0]["instances"]
    per_instance = statistics.mean(len(json.dumps(i["attributes"], separators=(",", ":"))) for i in instances)
    return {"plan": plan, "apply": apply, "replan": replan, "state_bytes": per_instance,
            "first_state": instances[0]["attributes"]}


# With GNU time: the wrapper becomes GNU time, whose report file is named after its pid.
TIME_WRAPPER = """\
#!/bin/sh
# Runs the provider under GNU time, which passes its stdout (the handshake line) through and
# records its peak RSS and CPU time when it exits.
exec %(prefix)s %(binary)s "$@"
"""

# Without GNU time: a Python wrapper, whose own RSS the provider's peak then includes.
WRAPPER = """\
#!%(python)s
# Runs the provider as Terraform would, passing its stdout (the handshake line) straight
# through, and records its peak RSS and CPU time when it exits.
import json, os, signal, subprocess, sys
child = subprocess.Popen([%(binary)r] + sys.argv[1:])
for sig in (signal.SIGINT, signal.SIGTERM):
    signal.signal(sig, lambda number, frame: child.send_signal(number))
_, status, usage = os.wait4(child.pid, 0)
with open(os.path.join(%(out)r, "%%d.json" %% child.pid), "w") as handle:
    json.dump({"max_rss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}, handle)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def provider_usage(terraform, config_text, count, workdir, source, binary):
    """Peak RSS and CPU time of the provider processes Terraform starts during one plan and
    one apply (Terraform starts a provider several times per command)."""
    wrapper_dir = os.path.join(workdir, "wrapper")
    records = os.path.join(workdir, "records")
    os.makedirs(wrapper_dir)
    os.makedirs(records)
    wrapper = os.path.join(wrapper_dir, "terraform-provider-" + source.split("/")[1])
    prefix = measure.time_prefix(os.path.join(records, "$$.time"))
    with open(wrapper, "w") as handle:
        if prefix:
            handle.write(TIME_WRAPPER % {"prefix": " ".join(shlex.quote(p) if "$$" not in p else '"%s"' % p
                                                          for p in prefix),
                                         "binary": shlex.quote(binary)})
        else:
            handle.write(WRAPPER % {"python": sys.executable, "binary": binary, "out": records})
    os.chmod(wrapper, 0o755)
    config = os.path.join(workdir, "terraform.tfrc")
    cli_config(config, {source: wrapper_dir})
    project = os.path.join(workdir, "project")
    os.makedirs(project)
    with open(os.path.join(project, "main.tf"), "w") as handle:
        handle.write(config_text)
    env = terraform_env(project, config)
    usage = {}
    for command in (["plan"], ["apply", "-auto-approve"]):
        for stale in glob.glob(os.path.join(records, "*")):
            os.remove(stale)
        measure.run([terraform, *command, "-input=false", "-no-color"], cwd=project, env=env)
        launches = []
        for path in glob.glob(os.path.join(records, "*.json")):
            with open(path) as handle:
                launches.append(json.load(handle))
        for path in glob.glob(os.path.join(records, "*.time")):
            user, system, rss = measure.read_time_stats(path)
            launches.append({"max_rss_kib": rss, "cpu": user + system})
        if not launches:
            raise measure.StepFailed("no provider launch was recorded during terraform %s" % command[0])
        usage[command[0]] = {"launches": len(launches),
                             "max_rss_kib": max(l["max_rss_kib"] for l in launches),
                             "cpu": sum(l["cpu"] for l in launches)}
    return usage


def handshake_ms(binary, client_cert, runs):
    """Milliseconds from starting the provider to reading its handshake line, as go-plugin
    starts it (magic cookie, protocol versions, AutoMTLS client certificate, port range)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUGIN_") and k != "TF_PLUGIN_MAGIC_COOKIE"}
    env.update(TF_PLUGIN_MAGIC_COOKIE=MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS=PROTOCOL_VERSIONS,
               PLUGIN_CLIENT_CERT=client_cert, PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL)
        line = child.stdout.readline()
        samples.append((time.perf_counter() - start) * 1000)
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        child.stdout.close()
        if not line.startswith(b"1|"):
            raise measure.StepFailed("%s printed no go-plugin handshake line: %r" % (binary, line))
    return {"median": statistics.median(samples), "max": max(samples), "runs": runs}


# Terraform 1.0.3's own functions whose share of a profile says where its time goes.
TERRAFORM_PHASES = [
    ("github.com/hashicorp/terraform/internal/command.providerFactory.func1",
     "start provider processes (go-plugin, AutoMTLS)"),
    ("github.com/hashicorp/terraform/internal/plugin6.(*GRPCProvider).ValidateResourceConfig",
     "ValidateResourceConfig calls (Terraform's side)"),
    ("github.com/hashicorp/terraform/internal/plugin6.(*GRPCProvider).PlanResourceChange",
     "PlanResourceChange calls (Terraform's side)"),
    ("github.com/hashicorp/terraform/internal/plugin6.(*GRPCProvider).ApplyResourceChange",
     "ApplyResourceChange calls (Terraform's side)"),
    ("github.com/hashicorp/terraform/internal/command/views.renderPlan", "render the plan for a human"),
    ("github.com/hashicorp/terraform/internal/states/statemgr.(*Filesystem).WriteState",
     "serialise the whole state after each applied resource (StateHook)"),
    ("runtime.gcBgMarkWorker", "Go garbage collector"),
]


def profile_terraform(terraform, config_text, workdir, cli_config_path):
    """perf profiles of Terraform's plan and apply of `config_text`, with the provider
    processes' own samples counted too (perf follows children)."""
    os.makedirs(workdir)
    with open(os.path.join(workdir, "main.tf"), "w") as handle:
        handle.write(config_text)
    env = terraform_env(workdir, cli_config_path)
    found = {}
    for command in (["plan"], ["apply", "-auto-approve"]):
        result = profiling.record([terraform, *command, "-input=false", "-no-color"],
                                  os.path.join(workdir, "terraform.perf"), call_graph="fp", cwd=workdir, env=env,
                                  ok_codes=(0,))
        if result is None:
            return None
        found[command[0]] = profiling.shares(result, TERRAFORM_PHASES)
    return found

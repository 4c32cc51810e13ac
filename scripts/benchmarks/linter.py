"""drlint against checkov on one corpus, drlint's phases against its parse-only pass
(`--timings`), and a perf profile of where drlint's time goes."""

import json
import os
import re
import statistics

from . import measure, profiling

# checkov's DR-related Azure checks (from `checkov --list --framework terraform`, checkov
# 3.3.30): backups, geo-redundancy, replication, soft delete and purge protection.
CHECKOV_CHECKS = [
    ("CKV_AZURE_42", "azurerm_key_vault", "Ensure the key vault is recoverable"),
    ("CKV_AZURE_110", "azurerm_key_vault", "Ensure that key vault enables purge protection"),
    ("CKV_AZURE_111", "azurerm_key_vault", "Ensure that key vault enables soft delete"),
    ("CKV_AZURE_94", "azurerm_mysql_flexible_server", "Ensure that My SQL server enables geo-redundant backups"),
    ("CKV_AZURE_136", "azurerm_postgresql_flexible_server",
     "Ensure that PostgreSQL Flexible server enables geo-redundant backups"),
    ("CKV_AZURE_102", "azurerm_postgresql_server", "Ensure that PostgreSQL server enables geo-redundant backups"),
    ("CKV_AZURE_129", "azurerm_mariadb_server", "Ensure that MariaDB server enables geo-redundant backups"),
    ("CKV_AZURE_229", "azurerm_mssql_database", "Ensure the Azure SQL Database Namespace is zone redundant"),
    ("CKV_AZURE_206", "azurerm_storage_account", "Ensure that Storage Accounts use replication"),
    ("CKV2_AZURE_38", "azurerm_storage_account", "Ensure soft-delete is enabled on Azure storage account"),
    ("CKV_AZURE_230", "azurerm_redis_cache", "Standard Replication should be enabled"),
    ("CKV_AZURE_165", "azurerm_container_registry",
     "Ensure geo-replicated container registries to match multi-region container deployments"),
    ("CKV_AZURE_233", "azurerm_container_registry", "Ensure Azure Container Registry (ACR) is zone redundant"),
    ("CKV2_AZURE_12", "azurerm_virtual_machine", "Ensure that virtual machines are backed up using Azure Backup"),
    ("CKV_AZURE_187", "azurerm_app_configuration", "Ensure App configuration purge protection is enabled"),
]


def drlint_command(binary, corpus, jobs=None, timings=False):
    argv = [binary, "--format", "json"]
    if jobs:
        argv += ["--jobs", str(jobs)]
    if timings:
        argv.append("--timings")
    return argv + [corpus]


def checkov_command(binary, corpus):
    return [binary, "--skip-download", "--framework", "terraform",
            "--check", ",".join(check for check, _, _ in CHECKOV_CHECKS),
            "-d", corpus, "-o", "json"]


def checkov_env():
    # --skip-download keeps checkov off the network (strace shows no connect() with it).
    return dict(os.environ, LOG_LEVEL="WARNING")


def drlint_counts(report_path):
    with open(report_path) as handle:
        summary = json.load(handle)["summary"]
    return {"files": summary["files"], "resources": summary["resources"],
            "findings": summary["errors"] + summary["warnings"] + summary["infos"]}


def checkov_counts(report_path):
    with open(report_path) as handle:
        report = json.load(handle)
    reports = report if isinstance(report, list) else [report]
    terraform = [r for r in reports if r.get("check_type") == "terraform"]
    if not terraform:
        raise measure.StepFailed("checkov reported no terraform results")
    summary = terraform[0]["summary"]
    if summary["parsing_errors"]:
        raise measure.StepFailed("checkov could not parse %d files" % summary["parsing_errors"])
    return {"resources": summary["resource_count"], "passed": summary["passed"], "failed": summary["failed"]}


def compare(drlint, checkov, corpus, runs, checkov_runs, workdir):
    """Runs drlint (threads: one per core, its default) and checkov alternately on `corpus`.
    Returns medians and what each tool reported."""
    drlint_runs, checkov_runs_done = [], []
    drlint_report = os.path.join(workdir, "drlint.json")
    checkov_report = os.path.join(workdir, "checkov.json")
    for index in range(max(runs, checkov_runs if checkov else 0)):
        if index < runs:
            # Exit code 1: the corpus has findings on purpose.
            drlint_runs.append(measure.run(drlint_command(drlint, corpus), stdout_path=drlint_report,
                                           ok_codes=(0, 1)))
        if checkov and index < checkov_runs:
            checkov_runs_done.append(measure.run(checkov_command(checkov, corpus), env=checkov_env(),
                                                 stdout_path=checkov_report, ok_codes=(0, 1)))
    result = {"drlint": measure.summarise(drlint_runs), "drlint_counts": drlint_counts(drlint_report)}
    if checkov:
        result["checkov"] = measure.summarise(checkov_runs_done)
        result["checkov_counts"] = checkov_counts(checkov_report)
    return result


def threads(drlint, corpus, jobs, runs):
    """Process wall time with `--jobs jobs`."""
    return measure.summarise([measure.run(drlint_command(drlint, corpus, jobs=jobs), ok_codes=(0, 1))
                              for _ in range(runs)])


TIMING_LINES = {
    "parse_only": r"parse only\s+([\d.]+) ms",
    "read_parse": r"lint: read\+parse\s*([\d.]+) ms",
    "evaluate": r"lint: evaluate\s+([\d.]+) ms",
    "rules": r"lint: rules\s+([\d.]+) ms",
    "total": r"lint: total\s+([\d.]+) ms",
}


def phase_timings(drlint, corpus, jobs, runs):
    """Medians (ms) of what `drlint --timings` prints: the parse-only pass and the lint's phases."""
    samples = {name: [] for name in TIMING_LINES}
    for _ in range(runs):
        result = measure.run(drlint_command(drlint, corpus, jobs=jobs, timings=True), ok_codes=(0, 1))
        for name, pattern in TIMING_LINES.items():
            found = re.search(pattern, result.stderr)
            if not found:
                raise measure.StepFailed("drlint --timings printed no %r line:\n%s" % (name, result.stderr))
            samples[name].append(float(found.group(1)))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    medians["ratio"] = medians["total"] / medians["parse_only"]
    medians["runs"] = runs
    return medians


# Functions whose inclusive share of the samples says which phase the time went to.
PROFILE_PHASES = [
    ("drkit_terraform::discover::walk", "walk the directory tree"),
    ("drkit_terraform::parse::parse_file", "read and parse files (hcl-edit)"),
    ("drkit_terraform::config::ModuleConfig::build", "index each module's blocks"),
    ("drkit_terraform::module::Evaluation::collect", "evaluate modules (variables, locals, expressions)"),
    ("drlint::engine::lint_estate", "objectives, facts and rules"),
    ("drlint::output::json::render", "render the JSON report"),
    ("core::ptr::drop_in_place<drkit_terraform::module_store::ParsedDir>", "free syntax trees"),
    ("core::ptr::drop_in_place<drkit_terraform::ir::Estate>", "free the evaluated resources"),
]

def profile(drlint, corpus, workdir):
    """perf's view of one single-threaded run: inclusive share of each phase, and the symbols
    with the most samples of their own. None when perf cannot record here."""
    found = profiling.record(drlint_command(drlint, corpus, jobs=1), os.path.join(workdir, "drlint.perf"),
                             call_graph="dwarf")
    if found is None:
        return None
    return {"phases": profiling.shares(found, PROFILE_PHASES), "top_symbols": found[1][:15]}

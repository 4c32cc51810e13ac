//! Runs the plugin: listen, print the handshake, serve gRPC until Terraform is done with us.
//!
//! A provider's work per request is expected to be a short computation, so one thread serves
//! everything: a current-thread runtime starts in well under a millisecond and keeps the
//! process small. Nothing expensive happens before the handshake line is printed except the
//! certificate generation AutoMTLS requires.
//!
//! When to exit:
//! - `GRPCController.Shutdown` (Terraform's normal goodbye), or SIGTERM;
//! - SIGINT only in `--debug` mode: under Terraform, Ctrl-C reaches the whole process group
//!   and Terraform itself decides how to stop (StopProvider, then Shutdown), so a plugin must
//!   ignore it, as go-plugin's own servers do;
//! - the parent process going away (Terraform crashed or was killed), so no orphan is left.
//!
//! Standard input is not watched: go-plugin hands the plugin Terraform's own stdin, which is
//! often /dev/null (end of file at once) in automation.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use tokio::net::TcpListener;
use tonic::transport::Server;
use tonic_health::ServingStatus;

use super::connection::accept_connections;
use super::controller::{Controller, ShutdownLatch};
use super::handshake::{self, HandshakeLine, LaunchEnvironment, LaunchError};
use super::tls::{self, ServerIdentity, TlsError};
use crate::identity::ProviderIdentity;
use crate::proto::go_plugin::grpc_controller_server::GrpcControllerServer;
use crate::proto::tfplugin6::provider_server::ProviderServer;
use crate::provider::Provider;
use crate::server::ProviderService;

/// Terraform's own limit for plugin messages (terraform-plugin-go uses the same).
const MAX_MESSAGE_BYTES: usize = 256 << 20;
/// How long in-flight requests get to finish once shutdown starts; go-plugin kills the
/// process 2 seconds after asking it to shut down.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(1500);
/// The health service name go-plugin checks.
const HEALTH_SERVICE: &str = "plugin";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Launched by Terraform: magic cookie required, handshake line on stdout.
    Plugin,
    /// Launched by a developer: no cookie, no TLS, reattach instructions on stdout.
    Debug,
}

#[derive(Debug, thiserror::Error)]
enum ServeError {
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("Could not listen on 127.0.0.1 (ports {ports}): {source}.")]
    Listen {
        ports: String,
        source: std::io::Error,
    },
    #[error("Could not write the handshake to stdout: {0}.")]
    Stdout(std::io::Error),
    #[error("The gRPC server failed: {0}.")]
    Server(#[from] tonic::transport::Error),
    #[error("Could not start the async runtime: {0}.")]
    Runtime(std::io::Error),
}

/// Serves `provider` as a plugin until Terraform is done with it, and returns the process exit
/// code. Launch errors are printed on stderr.
pub fn run<P: Provider>(mode: Mode, provider: P) -> ExitCode {
    match run_checked(mode, provider) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run_checked<P: Provider>(mode: Mode, provider: P) -> Result<(), ServeError> {
    let environment = LaunchEnvironment::from_process();
    let identity = provider.identity();
    if mode == Mode::Plugin {
        handshake::check_magic_cookie(&environment, identity)?;
        handshake::negotiate_protocol(&environment, identity)?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(serve(mode, environment, provider))
}

async fn bind(environment: &LaunchEnvironment) -> Result<TcpListener, ServeError> {
    let ports = handshake::port_candidates(environment)?;
    let mut last_error = None;
    for port in &ports {
        match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, *port))).await {
            Ok(listener) => return Ok(listener),
            Err(error) => last_error = Some(error),
        }
    }
    let describe = match (ports.first(), ports.last()) {
        (Some(0), _) | (None, _) => "any".to_owned(),
        (Some(first), Some(last)) => format!("{first}-{last}"),
        (Some(first), None) => first.to_string(),
    };
    Err(ServeError::Listen {
        ports: describe,
        source: last_error.unwrap_or_else(|| std::io::Error::other("no port to try")),
    })
}

async fn serve<P: Provider>(
    mode: Mode,
    environment: LaunchEnvironment,
    provider: P,
) -> Result<(), ServeError> {
    let identity = provider.identity();
    let listener = bind(&environment).await?;
    let address = listener.local_addr().map_err(|source| ServeError::Listen {
        ports: "the bound port".to_owned(),
        source,
    })?;

    let (tls_config, certificate_field) = match (&environment.client_certificate, mode) {
        (Some(pem), Mode::Plugin) => {
            let client_certificate = tls::parse_client_certificate(pem)?;
            let identity = ServerIdentity::generate()?;
            let config = tls::server_config(&identity, client_certificate)?;
            (Some(config), Some(identity.handshake_field()))
        }
        _ => (None, None),
    };

    let shutdown = ShutdownLatch::default();
    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status(HEALTH_SERVICE, ServingStatus::Serving)
        .await;
    let provider = ProviderServer::new(ProviderService::new(provider))
        .max_decoding_message_size(MAX_MESSAGE_BYTES)
        .max_encoding_message_size(MAX_MESSAGE_BYTES);
    let router = Server::builder()
        .add_service(health_service)
        .add_service(provider)
        .add_service(GrpcControllerServer::new(Controller::new(shutdown.clone())));
    let incoming = accept_connections(listener, tls_config, identity);

    // The handlers must exist before the handshake line is out: a launcher may signal as soon
    // as it has read the line, and an unhandled SIGTERM would kill the process uncleanly.
    let signals = ExitSignals::install();
    announce(mode, identity, address, certificate_field).map_err(ServeError::Stdout)?;
    tokio::spawn(watch_for_exit(mode, signals, shutdown.clone()));

    let server = router.serve_with_incoming_shutdown(incoming, {
        let shutdown = shutdown.clone();
        async move { shutdown.triggered().await }
    });
    let deadline = async {
        shutdown.triggered().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = server => result?,
        () = deadline => {}
    }
    Ok(())
}

/// Prints what the launcher waits for: the handshake line, or reattach instructions.
fn announce(
    mode: Mode,
    identity: ProviderIdentity,
    address: SocketAddr,
    certificate: Option<String>,
) -> std::io::Result<()> {
    let text = match mode {
        Mode::Plugin => {
            let line = HandshakeLine {
                address,
                server_certificate: certificate,
            };
            format!("{line}\n")
        }
        Mode::Debug => format!(
            "{}\n",
            handshake::reattach_instructions(identity, address, std::process::id())
        ),
    };
    // One write, so a reader that stops after the line it wants never sees a partial text.
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// The signal streams the plugin listens to, registered with the runtime.
struct ExitSignals {
    terminate: Option<tokio::signal::unix::Signal>,
    interrupt: Option<tokio::signal::unix::Signal>,
}

impl ExitSignals {
    fn install() -> Self {
        use tokio::signal::unix::{signal, SignalKind};
        Self {
            terminate: signal(SignalKind::terminate()).ok(),
            interrupt: signal(SignalKind::interrupt()).ok(),
        }
    }
}

/// Triggers shutdown on SIGTERM (and SIGINT in debug mode) or when the parent process exits.
async fn watch_for_exit(mode: Mode, signals: ExitSignals, shutdown: ShutdownLatch) {
    let ExitSignals {
        mut terminate,
        mut interrupt,
    } = signals;
    let parent = std::os::unix::process::parent_id();
    let mut parent_check = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            Some(()) = async { terminate.as_mut()?.recv().await } => break,
            Some(()) = async { interrupt.as_mut()?.recv().await } => {
                if mode == Mode::Debug {
                    break;
                }
            }
            _ = parent_check.tick() => {
                if std::os::unix::process::parent_id() != parent {
                    break;
                }
            }
        }
    }
    shutdown.trigger();
}

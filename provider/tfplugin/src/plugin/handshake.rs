//! The go-plugin launch contract: the magic cookie, protocol negotiation, the listening port
//! range, and the handshake line the plugin prints on stdout.
//!
//! go-plugin reads one line from the plugin's stdout:
//! `CORE-PROTOCOL-VERSION|APP-PROTOCOL-VERSION|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT`, for a
//! protocol 6 provider `1|6|tcp|127.0.0.1:PORT|grpc|CERT` (CERT empty without AutoMTLS).

use std::fmt;
use std::net::SocketAddr;

use crate::identity::ProviderIdentity;

/// The environment variable and value Terraform sets so that a provider knows it was launched
/// by Terraform (Terraform's plugin handshake configuration; not a secret, a guard against
/// running the binary by hand).
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
pub const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// go-plugin's own protocol version.
pub const CORE_PROTOCOL_VERSION: u32 = 1;
/// The Terraform plugin protocol major version served here; Terraform CLI 1.0 and later speak
/// it (<https://developer.hashicorp.com/terraform/plugin/terraform-plugin-protocol>).
pub const PLUGIN_PROTOCOL_VERSION: u32 = 6;

/// Settings go-plugin passes through the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchEnvironment {
    pub magic_cookie: Option<String>,
    /// `PLUGIN_PROTOCOL_VERSIONS`: the protocol versions the client speaks, comma-separated.
    pub protocol_versions: Option<String>,
    /// `PLUGIN_CLIENT_CERT`: the client's certificate (PEM) when AutoMTLS is on.
    pub client_certificate: Option<String>,
    /// `PLUGIN_MIN_PORT` / `PLUGIN_MAX_PORT`: the range to listen in.
    pub min_port: Option<String>,
    pub max_port: Option<String>,
}

impl LaunchEnvironment {
    pub fn from_process() -> LaunchEnvironment {
        let var = |name| std::env::var(name).ok().filter(|value| !value.is_empty());
        LaunchEnvironment {
            magic_cookie: var(MAGIC_COOKIE_KEY),
            protocol_versions: var("PLUGIN_PROTOCOL_VERSIONS"),
            client_certificate: var(super::tls::CLIENT_CERT_ENV),
            min_port: var("PLUGIN_MIN_PORT"),
            max_port: var("PLUGIN_MAX_PORT"),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LaunchError {
    #[error(
        "{} is a Terraform provider plugin, not a program to run by hand: Terraform starts it \
when a configuration uses the {} provider. To use it, copy this binary to \
~/.terraform.d/plugins/{}/{}/linux_amd64/ (or point a dev_overrides block for \"{}\" in your \
Terraform CLI configuration at its folder) and run terraform init and terraform plan; to debug \
it, run it with --debug.",
        .0.executable(), .0.source(), .0.address(), .0.version, .0.source()
    )]
    NotLaunchedByTerraform(ProviderIdentity),
    #[error(
        "Terraform offered plugin protocol versions \"{offered}\", but {} speaks only protocol 6, \
which needs Terraform 1.0 or later; upgrade Terraform.",
        .identity.executable()
    )]
    UnsupportedProtocol {
        identity: ProviderIdentity,
        offered: String,
    },
    #[error(
        "PLUGIN_MIN_PORT and PLUGIN_MAX_PORT must be port numbers with min <= max, but are \
\"{min}\" and \"{max}\"."
    )]
    BadPortRange { min: String, max: String },
}

/// Refuses to start unless Terraform launched us (the magic cookie is present and right).
pub fn check_magic_cookie(
    environment: &LaunchEnvironment,
    identity: ProviderIdentity,
) -> Result<(), LaunchError> {
    match environment.magic_cookie.as_deref() {
        Some(MAGIC_COOKIE_VALUE) => Ok(()),
        _ => Err(LaunchError::NotLaunchedByTerraform(identity)),
    }
}

/// Checks that the client speaks protocol 6. A client that sends no list (older go-plugin)
/// is taken to accept what we announce, as go-plugin itself does.
pub fn negotiate_protocol(
    environment: &LaunchEnvironment,
    identity: ProviderIdentity,
) -> Result<u32, LaunchError> {
    let Some(offered) = environment.protocol_versions.as_deref() else {
        return Ok(PLUGIN_PROTOCOL_VERSION);
    };
    let speaks_ours = offered
        .split(',')
        .any(|version| version.trim().parse::<u32>() == Ok(PLUGIN_PROTOCOL_VERSION));
    if speaks_ours {
        Ok(PLUGIN_PROTOCOL_VERSION)
    } else {
        Err(LaunchError::UnsupportedProtocol {
            identity,
            offered: offered.to_owned(),
        })
    }
}

/// The ports to try, in order: the configured range, or `0` (any free port).
pub fn port_candidates(environment: &LaunchEnvironment) -> Result<Vec<u16>, LaunchError> {
    match (&environment.min_port, &environment.max_port) {
        (Some(min), Some(max)) => match (min.trim().parse::<u16>(), max.trim().parse::<u16>()) {
            (Ok(low), Ok(high)) if low <= high => Ok((low..=high).collect()),
            _ => Err(LaunchError::BadPortRange {
                min: min.clone(),
                max: max.clone(),
            }),
        },
        _ => Ok(vec![0]),
    }
}

/// The line go-plugin waits for on stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeLine {
    pub address: SocketAddr,
    /// The server certificate as unpadded base64 DER, when serving TLS.
    pub server_certificate: Option<String>,
}

impl fmt::Display for HandshakeLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{CORE_PROTOCOL_VERSION}|{PLUGIN_PROTOCOL_VERSION}|tcp|{}|grpc|{}",
            self.address,
            self.server_certificate.as_deref().unwrap_or("")
        )
    }
}

/// What `--debug` prints: the variable that makes Terraform attach to this running process
/// instead of starting the provider itself.
pub fn reattach_instructions(identity: ProviderIdentity, address: SocketAddr, pid: u32) -> String {
    let config = serde_json::json!({
        identity.address(): {
            "Protocol": "grpc",
            "ProtocolVersion": PLUGIN_PROTOCOL_VERSION,
            "Pid": pid,
            "Test": true,
            "Addr": { "Network": "tcp", "String": address.to_string() },
        }
    });
    format!(
        "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment \
variable with the following:\n\n\tTF_REATTACH_PROVIDERS='{config}'\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDENTITY: ProviderIdentity = ProviderIdentity {
        namespace: "example",
        name: "things",
        version: "1.2.3",
    };

    fn environment() -> LaunchEnvironment {
        LaunchEnvironment {
            magic_cookie: Some(MAGIC_COOKIE_VALUE.to_owned()),
            ..Default::default()
        }
    }

    #[test]
    fn handshake_line_has_six_fields() {
        let line = HandshakeLine {
            address: "127.0.0.1:41234".parse().unwrap(),
            server_certificate: Some("MIIB".to_owned()),
        };
        assert_eq!(line.to_string(), "1|6|tcp|127.0.0.1:41234|grpc|MIIB");
        let plain = HandshakeLine {
            server_certificate: None,
            ..line
        };
        assert_eq!(plain.to_string(), "1|6|tcp|127.0.0.1:41234|grpc|");
    }

    #[test]
    fn the_magic_cookie_must_match() {
        assert_eq!(check_magic_cookie(&environment(), IDENTITY), Ok(()));
        let missing = LaunchEnvironment::default();
        let error = check_magic_cookie(&missing, IDENTITY).unwrap_err();
        assert!(error.to_string().starts_with(
            "terraform-provider-things is a Terraform provider plugin, not a program to run by hand"
        ));
        assert!(error.to_string().contains("dev_overrides"));
        assert!(error.to_string().contains(
            "~/.terraform.d/plugins/registry.terraform.io/example/things/1.2.3/linux_amd64/"
        ));
        let wrong = LaunchEnvironment {
            magic_cookie: Some("nope".to_owned()),
            ..Default::default()
        };
        assert_eq!(
            check_magic_cookie(&wrong, IDENTITY),
            Err(LaunchError::NotLaunchedByTerraform(IDENTITY))
        );
    }

    #[test]
    fn protocol_6_must_be_on_offer() {
        assert_eq!(negotiate_protocol(&environment(), IDENTITY), Ok(6));
        let offered = |versions: &str| LaunchEnvironment {
            protocol_versions: Some(versions.to_owned()),
            ..environment()
        };
        assert_eq!(negotiate_protocol(&offered("5,6"), IDENTITY), Ok(6));
        let refused = negotiate_protocol(&offered("4,5"), IDENTITY).unwrap_err();
        assert_eq!(
            refused,
            LaunchError::UnsupportedProtocol {
                identity: IDENTITY,
                offered: "4,5".to_owned()
            }
        );
        assert!(refused
            .to_string()
            .contains("terraform-provider-things speaks only protocol 6"));
    }

    #[test]
    fn port_range_comes_from_the_environment() {
        assert_eq!(port_candidates(&environment()), Ok(vec![0]));
        let ranged = LaunchEnvironment {
            min_port: Some("10000".to_owned()),
            max_port: Some("10002".to_owned()),
            ..environment()
        };
        assert_eq!(port_candidates(&ranged), Ok(vec![10000, 10001, 10002]));
        let inverted = LaunchEnvironment {
            min_port: Some("9".to_owned()),
            max_port: Some("1".to_owned()),
            ..environment()
        };
        assert!(matches!(
            port_candidates(&inverted),
            Err(LaunchError::BadPortRange { .. })
        ));
    }

    #[test]
    fn reattach_instructions_name_the_provider_and_address() {
        let text = reattach_instructions(IDENTITY, "127.0.0.1:5555".parse().unwrap(), 42);
        let line = text
            .lines()
            .find(|line| line.trim_start().starts_with("TF_REATTACH_PROVIDERS="))
            .unwrap()
            .trim();
        let json = line
            .strip_prefix("TF_REATTACH_PROVIDERS='")
            .and_then(|rest| rest.strip_suffix('\''))
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let provider = &value["registry.terraform.io/example/things"];
        assert_eq!(provider["Protocol"], "grpc");
        assert_eq!(provider["ProtocolVersion"], 6);
        assert_eq!(provider["Pid"], 42);
        assert_eq!(provider["Test"], true);
        assert_eq!(provider["Addr"]["Network"], "tcp");
        assert_eq!(provider["Addr"]["String"], "127.0.0.1:5555");
    }
}

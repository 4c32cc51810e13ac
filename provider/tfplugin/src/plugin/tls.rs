//! go-plugin's AutoMTLS, server side.
//!
//! Terraform (the go-plugin client) generates a throwaway certificate, passes it to the plugin
//! in `PLUGIN_CLIENT_CERT` (PEM), and expects the plugin to generate its own certificate, print
//! it in the handshake line (base64 DER, standard alphabet without padding) and serve TLS that
//! requires exactly the client's certificate. Terraform then trusts only the printed server
//! certificate (as a CA, for the name `localhost`).
//!
//! go-plugin's client certificate uses ECDSA P-521 (go-plugin `mtls.go`), which rustls' ring
//! backend cannot verify; [`EcdsaP521Sha512`] adds that one algorithm with the RustCrypto
//! `p521` crate so the client's handshake signature is still checked.

use std::sync::Arc;

use base64::Engine as _;
use p521::ecdsa::signature::Verifier as _;
use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{
    alg_id, AlgorithmIdentifier, CertificateDer, InvalidSignature, PrivateKeyDer,
    PrivatePkcs8KeyDer, SignatureVerificationAlgorithm, UnixTime,
};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, ServerConfig, SignatureScheme};

/// The environment variable in which go-plugin passes its client certificate.
pub const CLIENT_CERT_ENV: &str = "PLUGIN_CLIENT_CERT";

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("PLUGIN_CLIENT_CERT does not hold a PEM certificate: {0}.")]
    ClientCert(String),
    #[error("Could not generate the plugin's TLS certificate: {0}.")]
    Generate(#[from] rcgen::Error),
    #[error("Could not set up TLS for the plugin server: {0}.")]
    Config(#[from] rustls::Error),
}

/// The plugin's own certificate and key, generated at start-up.
pub struct ServerIdentity {
    certificate: CertificateDer<'static>,
    key: PrivatePkcs8KeyDer<'static>,
}

impl ServerIdentity {
    /// A self-signed ECDSA P-256 certificate for `localhost`, usable as a CA (go-plugin's client
    /// puts it in its root pool) and for server and client authentication, like the certificate
    /// go-plugin generates for itself.
    pub fn generate() -> Result<ServerIdentity, TlsError> {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
            KeyUsagePurpose, PKCS_ECDSA_P256_SHA256,
        };
        let key_pair = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let mut params = CertificateParams::new(vec!["localhost".to_owned()])?;
        params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "terraform-plugin");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        let certificate = params.self_signed(&key_pair)?;
        Ok(ServerIdentity {
            certificate: certificate.der().clone(),
            key: PrivatePkcs8KeyDer::from(key_pair.serialize_der()),
        })
    }

    /// The certificate as the handshake line's last field.
    pub fn handshake_field(&self) -> String {
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(self.certificate.as_ref())
    }

    pub fn certificate(&self) -> &CertificateDer<'static> {
        &self.certificate
    }
}

/// Reads the first certificate of a PEM text.
pub fn parse_client_certificate(pem: &str) -> Result<CertificateDer<'static>, TlsError> {
    CertificateDer::from_pem_slice(pem.as_bytes())
        .map_err(|error| TlsError::ClientCert(error.to_string()))
}

/// TLS for the plugin's gRPC server: our identity, HTTP/2 only, and a client that must
/// present exactly `client_certificate`.
pub fn server_config(
    identity: &ServerIdentity,
    client_certificate: CertificateDer<'static>,
) -> Result<Arc<ServerConfig>, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(PinnedClientCertificate::new(client_certificate, &provider));
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            vec![identity.certificate.clone()],
            PrivateKeyDer::Pkcs8(identity.key.clone_key()),
        )?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(Arc::new(config))
}

/// Accepts one client certificate, byte for byte: the one Terraform generated for this run.
#[derive(Debug)]
pub struct PinnedClientCertificate {
    expected: CertificateDer<'static>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedClientCertificate {
    pub fn new(
        expected: CertificateDer<'static>,
        provider: &CryptoProvider,
    ) -> PinnedClientCertificate {
        PinnedClientCertificate {
            expected,
            algorithms: provider.signature_verification_algorithms,
        }
    }

    fn algorithms_for(&self, scheme: SignatureScheme) -> &WebPkiSupportedAlgorithms {
        if scheme == SignatureScheme::ECDSA_NISTP521_SHA512 {
            &P521_ALGORITHMS
        } else {
            &self.algorithms
        }
    }
}

impl ClientCertVerifier for PinnedClientCertificate {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.expected.as_ref() {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, self.algorithms_for(dss.scheme))
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, self.algorithms_for(dss.scheme))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        let mut schemes = self.algorithms.supported_schemes();
        schemes.push(SignatureScheme::ECDSA_NISTP521_SHA512);
        schemes
    }
}

/// ECDSA over P-521 with SHA-512, the signature go-plugin's client key makes.
#[derive(Debug)]
struct EcdsaP521Sha512;

impl SignatureVerificationAlgorithm for EcdsaP521Sha512 {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        let key =
            p521::ecdsa::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| InvalidSignature)?;
        let signature =
            p521::ecdsa::Signature::from_der(signature).map_err(|_| InvalidSignature)?;
        key.verify(message, &signature)
            .map_err(|_| InvalidSignature)
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        alg_id::ECDSA_P521
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        alg_id::ECDSA_SHA512
    }
}

static P521_ALGORITHMS: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: &[&EcdsaP521Sha512],
    mapping: &[(SignatureScheme::ECDSA_NISTP521_SHA512, &[&EcdsaP521Sha512])],
};

#[cfg(test)]
mod tests {
    use super::*;
    use p521::ecdsa::signature::Signer as _;

    const CLIENT_CERT_PEM: &str = include_str!("testdata/client-cert.pem");
    const CLIENT_KEY_HEX: &str = include_str!("testdata/client-key.hex");

    fn client_signing_key() -> p521::ecdsa::SigningKey {
        let bytes: Vec<u8> = (0..CLIENT_KEY_HEX.trim().len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&CLIENT_KEY_HEX[i..i + 2], 16).unwrap())
            .collect();
        p521::ecdsa::SigningKey::from_slice(&bytes).unwrap()
    }

    fn verifier() -> PinnedClientCertificate {
        let provider = rustls::crypto::ring::default_provider();
        PinnedClientCertificate::new(
            parse_client_certificate(CLIENT_CERT_PEM).unwrap(),
            &provider,
        )
    }

    #[test]
    fn server_certificate_is_printed_as_unpadded_base64_der() {
        let identity = ServerIdentity::generate().unwrap();
        let field = identity.handshake_field();
        assert!(!field.contains('='));
        let der = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(&field)
            .unwrap();
        assert_eq!(der, identity.certificate().as_ref());
    }

    #[test]
    fn server_config_offers_http2_and_accepts_the_client_certificate() {
        let identity = ServerIdentity::generate().unwrap();
        let client = parse_client_certificate(CLIENT_CERT_PEM).unwrap();
        let config = server_config(&identity, client).unwrap();
        assert_eq!(config.alpn_protocols, [b"h2".to_vec()]);
    }

    #[test]
    fn only_the_pinned_certificate_is_accepted() {
        let verifier = verifier();
        let pinned = parse_client_certificate(CLIENT_CERT_PEM).unwrap();
        assert!(verifier
            .verify_client_cert(&pinned, &[], UnixTime::now())
            .is_ok());
        let other = ServerIdentity::generate().unwrap();
        assert!(verifier
            .verify_client_cert(other.certificate(), &[], UnixTime::now())
            .is_err());
        assert!(verifier.client_auth_mandatory());
    }

    #[test]
    fn p521_signatures_are_verified() {
        let verifier = verifier();
        assert!(verifier
            .supported_verify_schemes()
            .contains(&SignatureScheme::ECDSA_NISTP521_SHA512));
        let signing_key = client_signing_key();
        let public_key = p521::ecdsa::VerifyingKey::from(&signing_key).to_encoded_point(false);
        let message = b"TLS 1.3, client CertificateVerify";
        let signature: p521::ecdsa::Signature = signing_key.sign(message);
        let der = signature.to_der();
        let algorithm = EcdsaP521Sha512;
        assert!(algorithm
            .verify_signature(public_key.as_bytes(), message, der.as_bytes())
            .is_ok());
        assert!(algorithm
            .verify_signature(public_key.as_bytes(), b"something else", der.as_bytes())
            .is_err());
        assert!(algorithm
            .verify_signature(b"not a key", message, der.as_bytes())
            .is_err());
        // The pinned certificate carries exactly this key, so the handshake signature of the
        // real client is checked against it.
        let pinned = parse_client_certificate(CLIENT_CERT_PEM).unwrap();
        assert!(pinned
            .as_ref()
            .windows(public_key.as_bytes().len())
            .any(|window| window == public_key.as_bytes()));
    }

    /// Test-only client-side check of the server certificate: pins it, as go-plugin's client
    /// does by trusting only the certificate printed in the handshake.
    #[derive(Debug)]
    struct PinnedServer(CertificateDer<'static>);

    impl rustls::client::danger::ServerCertVerifier for PinnedServer {
        fn verify_server_cert(
            &self,
            end_entity: &CertificateDer<'_>,
            _intermediates: &[CertificateDer<'_>],
            _server_name: &rustls::pki_types::ServerName<'_>,
            _ocsp: &[u8],
            _now: UnixTime,
        ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
            assert_eq!(end_entity.as_ref(), self.0.as_ref());
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            let provider = rustls::crypto::ring::default_provider();
            rustls::crypto::verify_tls12_signature(
                message,
                cert,
                dss,
                &provider.signature_verification_algorithms,
            )
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            let provider = rustls::crypto::ring::default_provider();
            rustls::crypto::verify_tls13_signature(
                message,
                cert,
                dss,
                &provider.signature_verification_algorithms,
            )
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            rustls::crypto::ring::default_provider()
                .signature_verification_algorithms
                .supported_schemes()
        }
    }

    /// Runs a TLS handshake over an in-memory pipe between our server configuration and a
    /// client presenting `client`.
    async fn handshake(
        server: &ServerIdentity,
        pinned: &ServerIdentity,
        client: &ServerIdentity,
    ) -> Result<Vec<u8>, std::io::Error> {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let config = server_config(server, pinned.certificate().clone()).unwrap();
        let client_config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(PinnedServer(server.certificate().clone())))
        .with_client_auth_cert(
            vec![client.certificate().clone()],
            PrivateKeyDer::Pkcs8(client.key.clone_key()),
        )
        .unwrap();
        let (client_io, server_io) = tokio::io::duplex(64 * 1024);
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config));
        let server_task = tokio::spawn(async move {
            let mut stream = acceptor.accept(server_io).await?;
            let mut buffer = [0u8; 5];
            stream.read_exact(&mut buffer).await?;
            stream.write_all(&buffer).await?;
            stream.flush().await?;
            Ok::<_, std::io::Error>(stream.get_ref().1.alpn_protocol().map(<[u8]>::to_vec))
        });
        let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
        let client_result = async {
            let mut stream = connector.connect(name, client_io).await?;
            stream.write_all(b"hello").await?;
            stream.flush().await?;
            let mut echo = Vec::new();
            let mut buffer = [0u8; 5];
            stream.read_exact(&mut buffer).await?;
            echo.extend_from_slice(&buffer);
            Ok::<_, std::io::Error>(echo)
        }
        .await;
        let server_result = server_task.await.unwrap();
        server_result?;
        client_result
    }

    #[tokio::test(flavor = "current_thread")]
    async fn tls_handshake_succeeds_only_with_the_pinned_client() {
        let server = ServerIdentity::generate().unwrap();
        let client = ServerIdentity::generate().unwrap();
        let stranger = ServerIdentity::generate().unwrap();
        assert_eq!(
            handshake(&server, &client, &client).await.unwrap(),
            b"hello"
        );
        assert!(handshake(&server, &client, &stranger).await.is_err());
    }

    #[test]
    fn a_bad_client_certificate_variable_is_a_clear_error() {
        let error = parse_client_certificate("not a certificate").err().unwrap();
        assert!(error
            .to_string()
            .starts_with("PLUGIN_CLIENT_CERT does not hold a PEM certificate"));
    }
}

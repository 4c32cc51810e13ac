//! go-plugin process plumbing: everything between "Terraform starts the binary" and "gRPC
//! requests reach the provider service". No DR logic lives here.

pub mod tls;

//! Compiles the plugin protocol definitions in the workspace's `proto/` with protox (a
//! protobuf compiler written in Rust), so that building a provider needs no system `protoc`.

use std::path::PathBuf;

const PROTO_DIR: &str = "../../proto";
const PROTO_FILES: [&str; 2] = ["tfplugin6.proto", "grpc_controller.proto"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let proto_dir = PathBuf::from(PROTO_DIR);
    for file in PROTO_FILES {
        println!("cargo:rerun-if-changed={}", proto_dir.join(file).display());
    }
    let descriptors = protox::compile(PROTO_FILES, [&proto_dir])?;
    tonic_prost_build::configure()
        .build_client(false)
        .build_server(true)
        .compile_fds(descriptors)?;
    Ok(())
}

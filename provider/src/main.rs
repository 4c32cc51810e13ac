fn main() {
    eprintln!("terraform-provider-dr: not built yet");
    std::process::exit(1);
}

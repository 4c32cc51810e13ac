fn main() -> std::process::ExitCode {
    drlint::cli::main()
}

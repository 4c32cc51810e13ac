fn main() {
    eprintln!("drlint: not built yet");
    std::process::exit(2);
}

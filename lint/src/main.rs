//! The `drlint` command (see [`drlint::cli`]).

// glibc's malloc spent about a quarter of a large run in malloc/free/consolidation
// (docs/BENCHMARKS.md); mimalloc's thread-local free lists make the many small syntax-tree
// allocations cheap.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    drlint::cli::main()
}

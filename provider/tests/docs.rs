//! The provider's Registry documentation in `docs/` (`index.md`, `resources/`,
//! `data-sources/`) is generated: each page is rendered from its template in
//! `provider/templates/` and the provider's schemas, whose descriptions are the one place
//! each argument and attribute is explained. This test renders every page and fails when
//! `docs/` says something else; with `DRKIT_BLESS=1` it writes the pages instead.

mod support;

use std::path::Path;

use drkit_tfplugin::docs::{render_pages, stale_pages, write_pages};
use support::workspace_root;
use terraform_provider_dr::DrProvider;

const REGENERATE: &str = "DRKIT_BLESS=1 cargo test -p terraform-provider-dr docs";

#[test]
fn docs_are_generated_from_the_templates_and_schemas() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let docs = workspace_root().join("docs");
    let pages = render_pages(&DrProvider, &templates).unwrap_or_else(|error| panic!("{error}"));
    if std::env::var("DRKIT_BLESS").as_deref() == Ok("1") {
        write_pages(&pages, &docs).unwrap_or_else(|error| panic!("{error}"));
        return;
    }
    let stale: Vec<String> = stale_pages(&pages, &docs)
        .iter()
        .map(|path| format!("docs/{}", path.display()))
        .collect();
    assert!(
        stale.is_empty(),
        "{} differ from what provider/templates and the provider's schema descriptions generate; edit those, not docs/, and run {REGENERATE} to regenerate.",
        stale.join(", ")
    );
}

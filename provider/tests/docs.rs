//! The provider's Registry documentation in `docs/` (`index.md`, `resources/`,
//! `data-sources/`) is generated: each page is rendered from its template in
//! `provider/templates/` and the provider's schemas, whose descriptions are the one place
//! each argument and attribute is explained. This test renders every page and fails when
//! `docs/` says something else; with `DRKIT_BLESS=1` it writes the pages instead.

mod support;

use std::path::Path;

use drkit_model::PolicyPack;

use drkit_tfplugin::docs::{render_pages, stale_pages, write_pages};
use support::workspace_root;
use terraform_provider_dr::DrProvider;

const REGENERATE: &str = "DRKIT_BLESS=1 cargo test -p terraform-provider-dr docs";

#[test]
fn docs_are_generated_from_the_templates_and_schemas() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let docs = workspace_root().join("docs");
    let pages = render_pages(&DrProvider, &templates).unwrap_or_else(|error| panic!("{error}"));
    if std::env::var_os("DRKIT_BLESS").is_some() {
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

/// `docs/index.md` lists the built-in tiers in a table written in its template; it must say
/// what `policies/builtin.hcl` says.
#[test]
fn the_built_in_tiers_table_matches_the_built_in_pack() {
    let index =
        std::fs::read_to_string(workspace_root().join("docs/index.md")).expect("docs/index.md");
    let table = index
        .split("## Built-in tiers")
        .nth(1)
        .expect("docs/index.md has a Built-in tiers section");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|line| !line.starts_with("| `"))
        .take_while(|line| line.starts_with('|'))
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let pack = PolicyPack::builtin();
    let names: Vec<String> = rows
        .iter()
        .map(|row| row[0].trim_matches('`').to_owned())
        .collect();
    assert_eq!(
        names,
        pack.tier_names(),
        "the table lists the built-in tiers in order"
    );
    // A duration cell is the file's text, with the normalised form in brackets when it differs.
    let duration = |cell: &str, value: Option<drkit_model::Duration>| match value {
        None => cell == "none",
        Some(value) => {
            let normalised = value.to_string();
            cell == normalised || cell.ends_with(&format!("(`{normalised}`)"))
        }
    };
    let flag = |cell: &str, value: bool| cell == if value { "yes" } else { "no" };
    for (row, tier) in rows.iter().zip(&pack.tiers) {
        assert!(
            duration(row[1], tier.rpo)
                && duration(row[2], tier.rto)
                && duration(row[3], tier.min_retention)
                && flag(row[4], tier.geo_redundant)
                && flag(row[5], tier.automatic_failover)
                && flag(row[6], tier.deletion_protection),
            "docs/index.md says {row:?} for the {} tier; policies/builtin.hcl says {tier:?}. Edit provider/templates/index.md.tmpl and regenerate with {REGENERATE}.",
            tier.name
        );
    }
    let default_tier = pack.default_tier_name();
    assert!(
        index.contains(&format!("with `{default_tier}` as the default tier")),
        "docs/index.md must name the built-in default tier {default_tier:?}"
    );
}

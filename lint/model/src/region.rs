//! Azure public-cloud regions: name normalisation, the published region pairs, and "did you
//! mean" suggestions.
//!
//! The table follows Microsoft's "Azure regions list" (programmatic name, display name, paired
//! region), <https://learn.microsoft.com/azure/reliability/regions-list> (revision of
//! 2025-09-23), and "Azure region pairs and nonpaired regions",
//! <https://learn.microsoft.com/azure/reliability/regions-paired>, which lists the asymmetric
//! (one-way) pairs:
//! - Brazil South is paired with South Central US; South Central US is paired with North
//!   Central US.
//! - West India is paired with South India; South India is paired with Central India.
//! - West US 3 is paired with East US; East US is paired with West US.
//!
//! The list also pairs Brazil Southeast with Brazil South, which makes that pair one-way too
//! (Brazil South's own pair is South Central US). Every other pair is symmetric. Sweden South appears in the list only as Sweden Central's
//! pair; as it is not among the asymmetric pairs it pairs back with Sweden Central. Jio India
//! West and Jio India Central are real regions (`az account list-locations`) that the list does
//! not show; they are known here without a pair. Sovereign clouds (US Government, China) are
//! out of scope.

use strsim::levenshtein;

/// One region: programmatic name, display name, and its published pair (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub name: &'static str,
    pub display_name: &'static str,
    pub paired_region: Option<&'static str>,
}

const fn region(
    name: &'static str,
    display_name: &'static str,
    paired_region: Option<&'static str>,
) -> Region {
    Region {
        name,
        display_name,
        paired_region,
    }
}

/// All known regions, sorted by programmatic name.
pub const REGIONS: &[Region] = &[
    region(
        "australiacentral",
        "Australia Central",
        Some("australiacentral2"),
    ),
    region(
        "australiacentral2",
        "Australia Central 2",
        Some("australiacentral"),
    ),
    region(
        "australiaeast",
        "Australia East",
        Some("australiasoutheast"),
    ),
    region(
        "australiasoutheast",
        "Australia Southeast",
        Some("australiaeast"),
    ),
    region("austriaeast", "Austria East", None),
    region("belgiumcentral", "Belgium Central", None),
    region("brazilsouth", "Brazil South", Some("southcentralus")),
    region("brazilsoutheast", "Brazil Southeast", Some("brazilsouth")),
    region("canadacentral", "Canada Central", Some("canadaeast")),
    region("canadaeast", "Canada East", Some("canadacentral")),
    region("centralindia", "Central India", Some("southindia")),
    region("centralus", "Central US", Some("eastus2")),
    region("chilecentral", "Chile Central", None),
    region("denmarkeast", "Denmark East", None),
    region("eastasia", "East Asia", Some("southeastasia")),
    region("eastus", "East US", Some("westus")),
    region("eastus2", "East US 2", Some("centralus")),
    region("francecentral", "France Central", Some("francesouth")),
    region("francesouth", "France South", Some("francecentral")),
    region("germanynorth", "Germany North", Some("germanywestcentral")),
    region(
        "germanywestcentral",
        "Germany West Central",
        Some("germanynorth"),
    ),
    region("indonesiacentral", "Indonesia Central", None),
    region("israelcentral", "Israel Central", None),
    region("italynorth", "Italy North", None),
    region("japaneast", "Japan East", Some("japanwest")),
    region("japanwest", "Japan West", Some("japaneast")),
    region("jioindiacentral", "Jio India Central", None),
    region("jioindiawest", "Jio India West", None),
    region("koreacentral", "Korea Central", Some("koreasouth")),
    region("koreasouth", "Korea South", Some("koreacentral")),
    region("malaysiawest", "Malaysia West", None),
    region("mexicocentral", "Mexico Central", None),
    region("newzealandnorth", "New Zealand North", None),
    region("northcentralus", "North Central US", Some("southcentralus")),
    region("northeurope", "North Europe", Some("westeurope")),
    region("norwayeast", "Norway East", Some("norwaywest")),
    region("norwaywest", "Norway West", Some("norwayeast")),
    region("polandcentral", "Poland Central", None),
    region("qatarcentral", "Qatar Central", None),
    region(
        "southafricanorth",
        "South Africa North",
        Some("southafricawest"),
    ),
    region(
        "southafricawest",
        "South Africa West",
        Some("southafricanorth"),
    ),
    region("southcentralus", "South Central US", Some("northcentralus")),
    region("southeastasia", "Southeast Asia", Some("eastasia")),
    region("southindia", "South India", Some("centralindia")),
    region("spaincentral", "Spain Central", None),
    region("swedencentral", "Sweden Central", Some("swedensouth")),
    region("swedensouth", "Sweden South", Some("swedencentral")),
    region(
        "switzerlandnorth",
        "Switzerland North",
        Some("switzerlandwest"),
    ),
    region(
        "switzerlandwest",
        "Switzerland West",
        Some("switzerlandnorth"),
    ),
    region("uaecentral", "UAE Central", Some("uaenorth")),
    region("uaenorth", "UAE North", Some("uaecentral")),
    region("uksouth", "UK South", Some("ukwest")),
    region("ukwest", "UK West", Some("uksouth")),
    region("westcentralus", "West Central US", Some("westus2")),
    region("westeurope", "West Europe", Some("northeurope")),
    region("westindia", "West India", Some("southindia")),
    region("westus", "West US", Some("eastus")),
    region("westus2", "West US 2", Some("westcentralus")),
    region("westus3", "West US 3", Some("eastus")),
];

/// The programmatic form of a region name as Azure and azurerm accept it: `East US` ->
/// `eastus`, ` west_europe ` -> `westeurope`.
pub fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The region called `name` (in any spelling [`normalise`] accepts).
pub fn lookup(name: &str) -> Option<&'static Region> {
    let key = normalise(name);
    REGIONS
        .binary_search_by(|region| region.name.cmp(key.as_str()))
        .ok()
        .map(|index| &REGIONS[index])
}

pub fn is_known(name: &str) -> bool {
    lookup(name).is_some()
}

/// The published pair of `name`; `None` for unknown and nonpaired regions. One-way pairs are
/// kept one-way: `paired_region("westus3")` is `eastus`, `paired_region("eastus")` is `westus`.
pub fn paired_region(name: &str) -> Option<&'static str> {
    lookup(name).and_then(|region| region.paired_region)
}

/// The display name (`East US 2`) of a known region.
pub fn display_name(name: &str) -> Option<&'static str> {
    lookup(name).map(|region| region.display_name)
}

/// The known region name closest to `name` by edit distance, for "did you mean" messages.
/// `None` when nothing is reasonably close (more than about a third of the letters differ).
pub fn suggest(name: &str) -> Option<&'static str> {
    let key = normalise(name);
    if key.is_empty() {
        return None;
    }
    let limit = (key.chars().count() / 3).max(2);
    REGIONS
        .iter()
        .map(|region| (levenshtein(&key, region.name), region.name))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_pairs_are_known() {
        for window in REGIONS.windows(2) {
            assert!(
                window[0].name < window[1].name,
                "{} / {}",
                window[0].name,
                window[1].name
            );
        }
        for region in REGIONS {
            assert_eq!(
                normalise(region.display_name),
                region.name,
                "{}",
                region.display_name
            );
            if let Some(pair) = region.paired_region {
                assert!(is_known(pair), "{} pairs with unknown {pair}", region.name);
                assert_ne!(pair, region.name);
            }
        }
    }

    #[test]
    fn only_the_published_asymmetric_pairs_are_one_way() {
        let mut one_way: Vec<&str> = REGIONS
            .iter()
            .filter(|region| {
                region
                    .paired_region
                    .is_some_and(|pair| paired_region(pair) != Some(region.name))
            })
            .map(|region| region.name)
            .collect();
        one_way.sort_unstable();
        // Brazil Southeast pairs with Brazil South, whose own pair is South Central US.
        assert_eq!(
            one_way,
            vec!["brazilsouth", "brazilsoutheast", "westindia", "westus3"]
        );
    }

    #[test]
    fn normalises_names() {
        let cases = [
            ("East US", "eastus"),
            ("West Europe", "westeurope"),
            ("  eastus2 ", "eastus2"),
            ("east_us_2", "eastus2"),
            ("UK-South", "uksouth"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input), expected, "{input:?}");
        }
    }

    #[test]
    fn published_pairs() {
        let cases = [
            ("eastus", Some("westus")),
            ("westus", Some("eastus")),
            ("westus3", Some("eastus")),
            ("East US 2", Some("centralus")),
            ("centralus", Some("eastus2")),
            ("brazilsouth", Some("southcentralus")),
            ("southcentralus", Some("northcentralus")),
            ("brazilsoutheast", Some("brazilsouth")),
            ("westindia", Some("southindia")),
            ("southindia", Some("centralindia")),
            ("West Europe", Some("northeurope")),
            ("northeurope", Some("westeurope")),
            ("uksouth", Some("ukwest")),
            ("westus2", Some("westcentralus")),
            ("swedencentral", Some("swedensouth")),
            ("italynorth", None),
            ("polandcentral", None),
            ("atlantis", None),
        ];
        for (region, pair) in cases {
            assert_eq!(paired_region(region), pair, "{region}");
        }
    }

    #[test]
    fn knows_regions_and_display_names() {
        assert!(is_known("East US"));
        assert!(is_known("westus3"));
        assert!(!is_known("eastus3"));
        assert!(!is_known(""));
        assert_eq!(display_name("eastus2"), Some("East US 2"));
        assert_eq!(display_name("uaenorth"), Some("UAE North"));
        assert_eq!(display_name("nowhere"), None);
    }

    #[test]
    fn suggests_the_nearest_region() {
        let cases = [
            ("eastsu", Some("eastus")),
            ("westeuorpe", Some("westeurope")),
            ("East US 3", Some("eastus")),
            ("northeurop", Some("northeurope")),
            ("uk south", Some("uksouth")),
            ("germanywestcentrl", Some("germanywestcentral")),
            ("zzzzzzzzzzzz", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(suggest(input), expected, "{input}");
        }
    }
}

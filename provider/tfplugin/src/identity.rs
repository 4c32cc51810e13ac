//! Who a provider is, as Terraform and its users name it: the source address in
//! configurations and reattach settings, the executable's name in messages, the version in the
//! local mirror folder.

/// The registry host Terraform assumes when a source address names none.
pub const DEFAULT_REGISTRY_HOST: &str = "registry.terraform.io";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderIdentity {
    /// The namespace of the source address (`hashicorp` in `hashicorp/null`).
    pub namespace: &'static str,
    /// The provider's type name: the prefix of its resource types, the label of its
    /// `provider` block and the suffix of its executable (`null` in `hashicorp/null`).
    pub name: &'static str,
    /// The version the executable reports, as Terraform's local mirror folders spell it.
    pub version: &'static str,
}

impl ProviderIdentity {
    /// `NAMESPACE/NAME`, as written in `required_providers` and `dev_overrides`.
    pub fn source(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// The fully qualified source address, `registry.terraform.io/NAMESPACE/NAME`.
    pub fn address(&self) -> String {
        format!("{DEFAULT_REGISTRY_HOST}/{}", self.source())
    }

    /// The executable's name, `terraform-provider-NAME`, which Terraform's installers require.
    pub fn executable(&self) -> String {
        format!("terraform-provider-{}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_terraform_conventions() {
        let identity = ProviderIdentity {
            namespace: "example",
            name: "things",
            version: "1.2.3",
        };
        assert_eq!(identity.source(), "example/things");
        assert_eq!(identity.address(), "registry.terraform.io/example/things");
        assert_eq!(identity.executable(), "terraform-provider-things");
    }
}

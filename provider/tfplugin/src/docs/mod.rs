//! Provider documentation in the Terraform Registry's layout, generated in the manner of
//! tfplugindocs: one page for the provider (`index.md`), one per resource type
//! (`resources/NAME.md`) and one per data source (`data-sources/NAME.md`, NAME without the
//! provider's prefix). Each page is rendered from a template at the same path under a
//! templates folder, ending in `.tmpl`, whose prose is written by hand and whose reference
//! lists come from the schema, so that the schema's descriptions are the one source of what
//! each attribute means.
//!
//! - [`template`]: the `{{ .Field }}` placeholders;
//! - [`schema_markdown`]: a schema's arguments and computed attributes as Markdown lists.
//!
//! The fields a template can use: `{{ .Name }}` (the type name, or the provider's name),
//! `{{ .Type }}` (`Resource`, `Data Source` or `Provider`), `{{ .Description }}` (the schema's
//! description), `{{ .Arguments }}` and `{{ .Attributes }}` (the lists).

pub mod schema_markdown;
pub mod template;

use std::path::{Path, PathBuf};

use crate::provider::Provider;
use crate::tfprotocol::Schema;
use template::TemplateError;

/// The placeholders a page template can use.
pub const FIELDS: [&str; 5] = [
    ".Name",
    ".Type",
    ".Description",
    ".Arguments",
    ".Attributes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Provider,
    Resource,
    DataSource,
}

impl PageKind {
    /// The kind as the Registry writes it in page titles.
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Provider => "Provider",
            PageKind::Resource => "Resource",
            PageKind::DataSource => "Data Source",
        }
    }
}

/// One page of a provider's documentation.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub kind: PageKind,
    /// The provider's name on its page, else the full type name (`aws_instance`).
    pub name: &'static str,
    /// Where the page goes, relative to the documentation folder.
    pub path: PathBuf,
    pub schema: &'a Schema,
}

impl Page<'_> {
    /// Where the page's template is, relative to the templates folder.
    pub fn template_path(&self) -> PathBuf {
        let mut path = self.path.clone().into_os_string();
        path.push(".tmpl");
        PathBuf::from(path)
    }

    /// The page's text from its template.
    pub fn render(&self, template: &str) -> Result<String, TemplateError> {
        template::fill(template, &FIELDS, |field| match field {
            ".Name" => Some(self.name.to_owned()),
            ".Type" => Some(self.kind.label().to_owned()),
            ".Description" => Some(self.schema.description.to_owned()),
            ".Arguments" => Some(schema_markdown::arguments(
                self.schema,
                self.kind == PageKind::Resource,
            )),
            ".Attributes" => Some(schema_markdown::computed_attributes(self.schema)),
            _ => None,
        })
    }
}

/// Every page of `provider`'s documentation: the provider, then its resource types and data
/// sources in the order it lists them.
pub fn pages<P: Provider>(provider: &P) -> Vec<Page<'_>> {
    let name = provider.identity().name;
    let prefix = format!("{name}_");
    let page = |kind, folder: &str, type_name: &'static str, schema| Page {
        kind,
        name: type_name,
        path: Path::new(folder).join(format!(
            "{}.md",
            type_name.strip_prefix(&prefix).unwrap_or(type_name)
        )),
        schema,
    };
    let provider_page = Page {
        kind: PageKind::Provider,
        name,
        path: PathBuf::from("index.md"),
        schema: provider.schema(),
    };
    let resources = provider.resources().iter().map(|resource| {
        page(
            PageKind::Resource,
            "resources",
            resource.type_name(),
            resource.schema(),
        )
    });
    let data_sources = provider.data_sources().iter().map(|data_source| {
        page(
            PageKind::DataSource,
            "data-sources",
            data_source.type_name(),
            data_source.schema(),
        )
    });
    std::iter::once(provider_page)
        .chain(resources)
        .chain(data_sources)
        .collect()
}

/// A generated page: its path relative to the documentation folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("Could not read the documentation template {}: {source}. Every page is rendered from a template at its path under the templates folder, ending in .tmpl; create it.", .path.display())]
    ReadTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The documentation template {} cannot be filled in: {source}", .path.display())]
    Template {
        path: PathBuf,
        source: TemplateError,
    },
    #[error("Could not write the documentation page {}: {source}.", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Every page of `provider`'s documentation, rendered from the templates in `templates`.
pub fn render_pages<P: Provider>(
    provider: &P,
    templates: &Path,
) -> Result<Vec<RenderedPage>, DocsError> {
    pages(provider)
        .into_iter()
        .map(|page| {
            let path = templates.join(page.template_path());
            let template =
                std::fs::read_to_string(&path).map_err(|source| DocsError::ReadTemplate {
                    path: path.clone(),
                    source,
                })?;
            let text = page
                .render(&template)
                .map_err(|source| DocsError::Template { path, source })?;
            Ok(RenderedPage {
                path: page.path,
                text,
            })
        })
        .collect()
}

/// The pages whose file in `docs` is missing or says something else.
pub fn stale_pages<'a>(pages: &'a [RenderedPage], docs: &Path) -> Vec<&'a Path> {
    pages
        .iter()
        .filter(|page| {
            std::fs::read_to_string(docs.join(&page.path))
                .ok()
                .as_deref()
                != Some(&page.text)
        })
        .map(|page| page.path.as_path())
        .collect()
}

/// Writes every page into `docs`, creating the folders it needs.
pub fn write_pages(pages: &[RenderedPage], docs: &Path) -> Result<(), DocsError> {
    for page in pages {
        let path = docs.join(&page.path);
        let written = match path.parent() {
            Some(folder) => std::fs::create_dir_all(folder),
            None => Ok(()),
        }
        .and_then(|()| std::fs::write(&path, &page.text));
        written.map_err(|source| DocsError::Write { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::{Type, Value};
    use crate::planning::ComputedValues;
    use crate::tfprotocol::{Attribute, AttributeMode, Diagnostics};
    use crate::{DataSource, ProviderIdentity, Resource};
    use std::sync::OnceLock;

    /// A provider with one resource type and one data source, all sharing one schema.
    struct Widgets;

    fn schema() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| Schema {
            version: 0,
            description: "A widget.",
            attributes: vec![
                Attribute::new("name", Type::String, AttributeMode::Required, "The name.")
                    .requires_replace(),
                Attribute::new("id", Type::String, AttributeMode::Computed, "The id."),
            ],
        })
    }

    impl Resource<()> for Widgets {
        fn type_name(&self) -> &'static str {
            "widgets_widget"
        }
        fn schema(&self) -> &Schema {
            schema()
        }
        fn validate(&self, _config: &Value) -> Diagnostics {
            Diagnostics::default()
        }
        fn compute(&self, _context: &(), _config: &Value) -> (ComputedValues, Diagnostics) {
            (ComputedValues::default(), Diagnostics::default())
        }
        fn import(&self, _id: &str) -> Result<Value, Diagnostics> {
            Ok(Value::Null)
        }
    }

    impl DataSource<()> for Widgets {
        fn type_name(&self) -> &'static str {
            "widgets_catalogue"
        }
        fn schema(&self) -> &Schema {
            schema()
        }
        fn validate(&self, _config: &Value) -> Diagnostics {
            Diagnostics::default()
        }
        fn read(&self, _context: &(), _config: &Value) -> Result<Value, Diagnostics> {
            Ok(Value::Null)
        }
    }

    impl Provider for Widgets {
        type Context = ();
        fn identity(&self) -> ProviderIdentity {
            ProviderIdentity {
                namespace: "example",
                name: "widgets",
                version: "1.0.0",
            }
        }
        fn schema(&self) -> &Schema {
            schema()
        }
        fn configure(&self, _config: &Value) -> Result<(), Diagnostics> {
            Ok(())
        }
        fn resources(&self) -> &[&dyn Resource<()>] {
            &[&Widgets]
        }
        fn data_sources(&self) -> &[&dyn DataSource<()>] {
            &[&Widgets]
        }
    }

    const TEMPLATE: &str = "# {{ .Name }} ({{ .Type }})\n\n{{ .Description }}\n\n{{ .Arguments }}\n\n{{ .Attributes }}\n";

    #[test]
    fn pages_follow_the_registry_layout() {
        let pages = pages(&Widgets);
        let layout: Vec<_> = pages
            .iter()
            .map(|page| {
                (
                    page.kind,
                    page.name,
                    page.path.clone(),
                    page.template_path(),
                )
            })
            .collect();
        assert_eq!(
            layout,
            [
                (
                    PageKind::Provider,
                    "widgets",
                    PathBuf::from("index.md"),
                    PathBuf::from("index.md.tmpl")
                ),
                (
                    PageKind::Resource,
                    "widgets_widget",
                    PathBuf::from("resources/widget.md"),
                    PathBuf::from("resources/widget.md.tmpl")
                ),
                (
                    PageKind::DataSource,
                    "widgets_catalogue",
                    PathBuf::from("data-sources/catalogue.md"),
                    PathBuf::from("data-sources/catalogue.md.tmpl")
                ),
            ]
        );
    }

    #[test]
    fn only_a_resource_page_says_what_forces_a_new_resource() {
        let pages = pages(&Widgets);
        assert_eq!(
            pages[1].render(TEMPLATE).unwrap(),
            "# widgets_widget (Resource)\n\nA widget.\n\n\
             * `name` - (Required, string) The name. Changing this forces a new resource.\n\n\
             * `id` - (string) The id.\n"
        );
        assert_eq!(
            pages[2].render(TEMPLATE).unwrap(),
            "# widgets_catalogue (Data Source)\n\nA widget.\n\n\
             * `name` - (Required, string) The name.\n\n\
             * `id` - (string) The id.\n"
        );
    }

    #[test]
    fn pages_are_rendered_checked_and_written() {
        let templates = tempfile::tempdir().unwrap();
        let docs = tempfile::tempdir().unwrap();
        let missing = render_pages(&Widgets, templates.path()).unwrap_err();
        assert!(missing.to_string().contains("index.md.tmpl"), "{missing}");
        for page in pages(&Widgets) {
            let path = templates.path().join(page.template_path());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, TEMPLATE).unwrap();
        }
        let rendered = render_pages(&Widgets, templates.path()).unwrap();
        assert_eq!(stale_pages(&rendered, docs.path()).len(), 3);
        write_pages(&rendered, docs.path()).unwrap();
        assert!(stale_pages(&rendered, docs.path()).is_empty());
        std::fs::write(docs.path().join("resources/widget.md"), "edited by hand").unwrap();
        assert_eq!(
            stale_pages(&rendered, docs.path()),
            [Path::new("resources/widget.md")]
        );
    }

    #[test]
    fn a_broken_template_names_its_file() {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(templates.path().join("index.md.tmpl"), "{{ .Nmae }}").unwrap();
        let error = render_pages(&Widgets, templates.path()).unwrap_err();
        assert!(
            error.to_string().contains(
                "index.md.tmpl cannot be filled in: line 1 has the placeholder {{ .Nmae }}"
            ),
            "{error}"
        );
    }
}

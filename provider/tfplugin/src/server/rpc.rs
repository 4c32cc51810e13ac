//! One handler per RPC of `tfplugin6.Provider`, each decoding its request, dispatching to the
//! provider, resource or data source, and encoding the answer with its diagnostics.

use std::sync::atomic::Ordering;

use tonic::{Request, Response, Status};

use super::{decode, diagnostics_of, encode, ProviderService};
use crate::cty::{decode_json, Value};
use crate::planning::{fill_unknowns, replaced_attributes};
use crate::proto::tfplugin6 as proto;
use crate::proto::tfplugin6::provider_server::Provider as ProviderRpc;
use crate::provider::Provider;
use crate::resource::plan_resource;
use crate::tfprotocol::{AttributePath, Diagnostic, Diagnostics};

#[tonic::async_trait]
impl<P: Provider> ProviderRpc for ProviderService<P> {
    async fn get_provider_schema(
        &self,
        _request: Request<proto::get_provider_schema::Request>,
    ) -> Result<Response<proto::get_provider_schema::Response>, Status> {
        let response = self
            .schemas
            .get_or_init(|| proto::get_provider_schema::Response {
                provider: Some(self.provider.schema().to_proto()),
                resource_schemas: self
                    .provider
                    .resources()
                    .iter()
                    .map(|r| (r.type_name().to_owned(), r.schema().to_proto()))
                    .collect(),
                data_source_schemas: self
                    .provider
                    .data_sources()
                    .iter()
                    .map(|d| (d.type_name().to_owned(), d.schema().to_proto()))
                    .collect(),
                diagnostics: Vec::new(),
                provider_meta: None,
            });
        Ok(Response::new(response.clone()))
    }

    async fn validate_provider_config(
        &self,
        request: Request<proto::validate_provider_config::Request>,
    ) -> Result<Response<proto::validate_provider_config::Response>, Status> {
        // The provider block is checked for real by ConfigureProvider, which can read the
        // policy file; here only its shape.
        let diagnostics = match decode(request.get_ref().config.as_ref(), self.provider.schema()) {
            Ok(_) => Diagnostics::default(),
            Err(diagnostics) => diagnostics,
        };
        Ok(Response::new(proto::validate_provider_config::Response {
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn validate_resource_config(
        &self,
        request: Request<proto::validate_resource_config::Request>,
    ) -> Result<Response<proto::validate_resource_config::Response>, Status> {
        let request = request.get_ref();
        let diagnostics = self
            .resource(&request.type_name)
            .and_then(|resource| {
                let config = decode(request.config.as_ref(), resource.schema())?;
                let mut diagnostics = resource.schema().null_required_attributes(&config);
                diagnostics.extend(resource.validate(&config));
                Ok(diagnostics)
            })
            .unwrap_or_else(|diagnostics| diagnostics);
        Ok(Response::new(proto::validate_resource_config::Response {
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn validate_data_resource_config(
        &self,
        request: Request<proto::validate_data_resource_config::Request>,
    ) -> Result<Response<proto::validate_data_resource_config::Response>, Status> {
        let request = request.get_ref();
        let diagnostics = self
            .data_source(&request.type_name)
            .and_then(|data_source| {
                let config = decode(request.config.as_ref(), data_source.schema())?;
                let mut diagnostics = data_source.schema().null_required_attributes(&config);
                diagnostics.extend(data_source.validate(&config));
                Ok(diagnostics)
            })
            .unwrap_or_else(|diagnostics| diagnostics);
        Ok(Response::new(
            proto::validate_data_resource_config::Response {
                diagnostics: diagnostics.to_proto(),
            },
        ))
    }

    async fn upgrade_resource_state(
        &self,
        request: Request<proto::upgrade_resource_state::Request>,
    ) -> Result<Response<proto::upgrade_resource_state::Response>, Status> {
        let request = request.get_ref();
        let result = self.resource(&request.type_name).and_then(|resource| {
            let raw = request.raw_state.as_ref().map(|raw| raw.json.as_slice()).unwrap_or_default();
            if raw.is_empty() {
                return Err(Diagnostic::error(
                    "Unsupported state format",
                    format!(
                        "The stored state of this {} is in the flat-map format of Terraform 0.11 and earlier, which this provider never wrote; remove it with terraform state rm and apply again.",
                        request.type_name
                    ),
                )
                .into());
            }
            // Schema version 0 is the only one there has been: the stored JSON is re-encoded
            // as it is (attributes the schema no longer has are dropped).
            let state = decode_json(raw, &resource.schema().object_type()).map_err(
                |error| Diagnostics::from(Diagnostic::error("Invalid stored state", error.to_string())),
            )?;
            Ok((encode(&state, resource.schema())?, Diagnostics::default()))
        });
        let (upgraded_state, diagnostics) = diagnostics_of(result);
        Ok(Response::new(proto::upgrade_resource_state::Response {
            upgraded_state,
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn configure_provider(
        &self,
        request: Request<proto::configure_provider::Request>,
    ) -> Result<Response<proto::configure_provider::Response>, Status> {
        let diagnostics = decode(request.get_ref().config.as_ref(), self.provider.schema())
            .and_then(|config| self.provider.configure(&config))
            .map(|context| self.set_context(context))
            .err()
            .unwrap_or_default();
        Ok(Response::new(proto::configure_provider::Response {
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn read_resource(
        &self,
        request: Request<proto::read_resource::Request>,
    ) -> Result<Response<proto::read_resource::Response>, Status> {
        // A policy is a declaration with no remote object that could drift: the stored state
        // is the current state. Planning recomputes every derived value.
        let request = request.into_inner();
        let diagnostics = self.resource(&request.type_name).err().unwrap_or_default();
        Ok(Response::new(proto::read_resource::Response {
            new_state: request.current_state,
            diagnostics: diagnostics.to_proto(),
            private: request.private,
        }))
    }

    async fn plan_resource_change(
        &self,
        request: Request<proto::plan_resource_change::Request>,
    ) -> Result<Response<proto::plan_resource_change::Response>, Status> {
        let request = request.get_ref();
        let context = self.context();
        let result = self.resource(&request.type_name).and_then(|resource| {
            let schema = resource.schema();
            let prior = decode(request.prior_state.as_ref(), schema)?;
            let proposed = decode(request.proposed_new_state.as_ref(), schema)?;
            if proposed.is_null() {
                // Destroy: nothing to plan beyond the absence of the resource.
                return Ok((
                    encode(&Value::Null, schema)?,
                    Vec::new(),
                    Diagnostics::default(),
                ));
            }
            let config = decode(request.config.as_ref(), schema)?;
            // Validation saw this configuration too, but values it had as unknown may have
            // turned out null since.
            let null_required = schema.null_required_attributes(&config);
            if null_required.has_errors() {
                return Err(null_required);
            }
            let (planned, diagnostics) = plan_resource(resource, &context, &config, &prior);
            let requires_replace = replaced_attributes(schema, &prior, &planned)
                .iter()
                .map(|name| AttributePath::attribute(name).to_proto())
                .collect();
            Ok((encode(&planned, schema)?, requires_replace, diagnostics))
        });
        let (planned_state, requires_replace, diagnostics) = match result {
            Ok((planned, replace, diagnostics)) => (Some(planned), replace, diagnostics),
            Err(diagnostics) => (None, Vec::new(), diagnostics),
        };
        Ok(Response::new(proto::plan_resource_change::Response {
            planned_state,
            requires_replace,
            planned_private: Vec::new(),
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn apply_resource_change(
        &self,
        request: Request<proto::apply_resource_change::Request>,
    ) -> Result<Response<proto::apply_resource_change::Response>, Status> {
        let request = request.get_ref();
        let context = self.context();
        let result = self.resource(&request.type_name).and_then(|resource| {
            let schema = resource.schema();
            let planned = decode(request.planned_state.as_ref(), schema)?;
            if planned.is_null() {
                return Ok((encode(&Value::Null, schema)?, Diagnostics::default()));
            }
            let prior = decode(request.prior_state.as_ref(), schema)?;
            let config = decode(request.config.as_ref(), schema)?;
            // Everything is known now: the same computation as the plan fills in what the plan
            // left unknown, and keeps every value the plan promised.
            let (fresh, diagnostics) = plan_resource(resource, &context, &config, &prior);
            if diagnostics.has_errors() {
                return Err(diagnostics.errors_only());
            }
            Ok((
                encode(&fill_unknowns(&planned, &fresh), schema)?,
                Diagnostics::default(),
            ))
        });
        let (new_state, diagnostics) = diagnostics_of(result);
        Ok(Response::new(proto::apply_resource_change::Response {
            new_state,
            private: Vec::new(),
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn import_resource_state(
        &self,
        request: Request<proto::import_resource_state::Request>,
    ) -> Result<Response<proto::import_resource_state::Response>, Status> {
        let request = request.get_ref();
        let result = self.resource(&request.type_name).and_then(|resource| {
            let state = resource.import(&request.id)?;
            let imported = proto::import_resource_state::ImportedResource {
                type_name: request.type_name.clone(),
                state: Some(encode(&state, resource.schema())?),
                private: Vec::new(),
            };
            Ok((imported, Diagnostics::default()))
        });
        let (imported, diagnostics) = diagnostics_of(result);
        Ok(Response::new(proto::import_resource_state::Response {
            imported_resources: imported.into_iter().collect(),
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn read_data_source(
        &self,
        request: Request<proto::read_data_source::Request>,
    ) -> Result<Response<proto::read_data_source::Response>, Status> {
        let request = request.get_ref();
        let context = self.context();
        let result = self
            .data_source(&request.type_name)
            .and_then(|data_source| {
                let config = decode(request.config.as_ref(), data_source.schema())?;
                let null_required = data_source.schema().null_required_attributes(&config);
                if null_required.has_errors() {
                    return Err(null_required);
                }
                let state = data_source.read(&context, &config)?;
                Ok((
                    encode(&state, data_source.schema())?,
                    Diagnostics::default(),
                ))
            });
        let (state, diagnostics) = diagnostics_of(result);
        Ok(Response::new(proto::read_data_source::Response {
            state,
            diagnostics: diagnostics.to_proto(),
        }))
    }

    async fn stop_provider(
        &self,
        _request: Request<proto::stop_provider::Request>,
    ) -> Result<Response<proto::stop_provider::Response>, Status> {
        self.stop_requested.store(true, Ordering::Relaxed);
        Ok(Response::new(proto::stop_provider::Response {
            error: String::new(),
        }))
    }
}

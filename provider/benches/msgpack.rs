//! Decoding a large `DynamicValue`: the planned state of one dr_backup_policy whose `targets`
//! lists thousands of resource IDs, MessagePack-encoded as Terraform sends it, decoded against
//! the resource's schema type.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use terraform_provider_dr::cty::{encode_msgpack, Value};
use terraform_provider_dr::proto::tfplugin6::DynamicValue;
use terraform_provider_dr::resources::backup_policy;
use terraform_provider_dr::tfprotocol::decode_dynamic_value;

const TARGETS: usize = 10_000;

fn object(attributes: &[(&str, Value)]) -> Value {
    Value::Object(
        attributes
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// A dr_backup_policy state with every attribute set and `TARGETS` target IDs.
fn large_state() -> Value {
    let targets = (0..TARGETS)
        .map(|i| {
            Value::string(format!(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-{}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-{i}",
                i % 50
            ))
        })
        .collect();
    let azure = object(&[
        ("cosmosdb_backup_type", Value::string("Periodic")),
        ("cosmosdb_interval_in_minutes", Value::int(60)),
        ("cosmosdb_retention_in_hours", Value::int(720)),
        ("cosmosdb_storage_redundancy", Value::string("Geo")),
        ("redis_rdb_backup_frequency", Value::int(60)),
        ("postgresql_backup_retention_days", Value::int(30)),
        ("postgresql_geo_redundant_backup_enabled", Value::Bool(true)),
        ("mysql_backup_retention_days", Value::int(30)),
        ("mssql_short_term_retention_days", Value::int(30)),
        ("key_vault_soft_delete_retention_days", Value::int(30)),
        ("key_vault_purge_protection_enabled", Value::Bool(true)),
        ("storage_account_replication_type", Value::string("GZRS")),
    ]);
    object(&[
        ("name", Value::string("orders")),
        ("tier", Value::string("production")),
        ("rpo", Value::string("1h")),
        ("rto", Value::string("4h")),
        ("interval", Value::Null),
        ("schedule", Value::string("0 * * * *")),
        ("retention", Value::string("30d")),
        ("geo_redundant", Value::Bool(true)),
        ("targets", Value::List(targets)),
        ("description", Value::Unknown),
        ("id", Value::string("orders")),
        ("effective_interval", Value::string("1h")),
        ("interval_minutes", Value::int(60)),
        ("retention_days", Value::int(30)),
        ("retention_hours", Value::int(720)),
        ("azure", azure),
    ])
}

fn decode(c: &mut Criterion) {
    let ty = backup_policy::schema().object_type();
    let message = DynamicValue {
        msgpack: encode_msgpack(&large_state(), &ty).expect("the state encodes"),
        json: Vec::new(),
    };
    assert_eq!(
        decode_dynamic_value(Some(&message), &ty).expect("the state decodes"),
        large_state()
    );

    let mut group = c.benchmark_group("msgpack");
    group.throughput(Throughput::Bytes(message.msgpack.len() as u64));
    group.bench_function(
        format!("decode a dr_backup_policy with {TARGETS} targets"),
        |b| {
            b.iter(|| {
                black_box(
                    decode_dynamic_value(Some(black_box(&message)), &ty)
                        .expect("the state decodes"),
                )
            })
        },
    );
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);

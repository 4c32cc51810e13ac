//! Decoding a large `DynamicValue`: the planned state of one resource whose `targets` lists
//! thousands of resource IDs, MessagePack-encoded as Terraform sends it, decoded against the
//! resource's object type. The state has the shape of a real provider's resource: sixteen
//! attributes, one of them an object of twelve settings.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use drkit_tfplugin::cty::{encode_msgpack, Type, Value};
use drkit_tfplugin::proto::tfplugin6::DynamicValue;
use drkit_tfplugin::tfprotocol::decode_dynamic_value;

const TARGETS: usize = 10_000;

/// The settings object: (name, type, value).
fn settings() -> [(&'static str, Type, Value); 12] {
    [
        ("store_kind", Type::String, Value::string("Periodic")),
        ("store_interval_in_minutes", Type::Number, Value::int(60)),
        ("store_retention_in_hours", Type::Number, Value::int(720)),
        ("store_redundancy", Type::String, Value::string("Geo")),
        ("cache_snapshot_frequency", Type::Number, Value::int(60)),
        ("database_retention_days", Type::Number, Value::int(30)),
        ("database_copies_enabled", Type::Bool, Value::Bool(true)),
        ("replica_retention_days", Type::Number, Value::int(30)),
        ("warehouse_retention_days", Type::Number, Value::int(30)),
        ("vault_soft_delete_days", Type::Number, Value::int(30)),
        ("vault_purge_protection", Type::Bool, Value::Bool(true)),
        (
            "storage_replication_type",
            Type::String,
            Value::string("GZRS"),
        ),
    ]
}

/// The resource's attributes, with every attribute set and `TARGETS` target IDs.
fn attributes() -> Vec<(&'static str, Type, Value)> {
    let targets = (0..TARGETS)
        .map(|i| {
            Value::string(format!(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-{}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-{i}",
                i % 50
            ))
        })
        .collect();
    let settings = settings();
    let settings_type = Type::object(settings.iter().map(|(name, ty, _)| (*name, ty.clone())));
    let settings_value = Value::object(settings.map(|(name, _, value)| (name, value)));
    vec![
        ("name", Type::String, Value::string("orders")),
        ("level", Type::String, Value::string("production")),
        ("period", Type::String, Value::string("1h")),
        ("recovery", Type::String, Value::string("4h")),
        ("interval", Type::String, Value::Null),
        ("schedule", Type::String, Value::string("0 * * * *")),
        ("retention", Type::String, Value::string("30d")),
        ("redundant", Type::Bool, Value::Bool(true)),
        ("targets", Type::list(Type::String), Value::List(targets)),
        ("description", Type::String, Value::Unknown),
        ("id", Type::String, Value::string("orders")),
        ("effective_interval", Type::String, Value::string("1h")),
        ("interval_minutes", Type::Number, Value::int(60)),
        ("retention_days", Type::Number, Value::int(30)),
        ("retention_hours", Type::Number, Value::int(720)),
        ("settings", settings_type, settings_value),
    ]
}

fn decode(c: &mut Criterion) {
    let attributes = attributes();
    let ty = Type::object(attributes.iter().map(|(name, ty, _)| (*name, ty.clone())));
    let state = Value::object(attributes.into_iter().map(|(name, _, value)| (name, value)));
    let message = DynamicValue {
        msgpack: encode_msgpack(&state, &ty).expect("the state encodes"),
        json: Vec::new(),
    };
    assert_eq!(
        decode_dynamic_value(Some(&message), &ty).expect("the state decodes"),
        state
    );

    let mut group = c.benchmark_group("msgpack");
    group.throughput(Throughput::Bytes(message.msgpack.len() as u64));
    group.bench_function(
        format!("decode a resource state with {TARGETS} targets"),
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

//! The DR model's parsers, which run for every objective, interval and schedule drlint and the
//! provider read: durations (short and ISO 8601 forms) and cron schedules with their worst-case
//! gap.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use drkit_model::{CronSchedule, Duration};

const DURATIONS: &[&str] = &[
    "15m",
    "1h",
    "4h30m",
    "30d",
    "2w",
    "7y",
    "PT1H",
    "P30D",
    "P1DT2H30M",
    "PT15M",
];

const SCHEDULES: &[&str] = &[
    "0 * * * *",
    "*/15 * * * *",
    "0 2 * * *",
    "30 */4 * * 1-5",
    "0 0 1,15 * sun",
    "0 0 * JAN-Mar Mon",
];

fn durations(c: &mut Criterion) {
    c.bench_function("duration: parse 10 durations", |b| {
        b.iter(|| {
            for text in DURATIONS {
                black_box(Duration::parse(black_box(text)).expect("a valid duration"));
            }
        })
    });
}

fn cron(c: &mut Criterion) {
    c.bench_function("cron: parse 6 schedules", |b| {
        b.iter(|| {
            for expr in SCHEDULES {
                black_box(CronSchedule::parse(black_box(expr)).expect("a valid schedule"));
            }
        })
    });
    let parsed: Vec<CronSchedule> = SCHEDULES
        .iter()
        .map(|expr| CronSchedule::parse(expr).expect("a valid schedule"))
        .collect();
    c.bench_function("cron: worst-case gap of 6 schedules", |b| {
        b.iter(|| {
            for schedule in &parsed {
                black_box(black_box(schedule).worst_case_gap().expect("a gap"));
            }
        })
    });
}

criterion_group!(benches, durations, cron);
criterion_main!(benches);

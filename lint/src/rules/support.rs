//! Checks shared by several rules: retention and geo-location comparisons.

use drkit_model::Duration;
use drkit_terraform::ir::{Body, Location};
use drkit_terraform::value::Value;

use super::check::{Check, Setting};

/// Compares a retention the configuration achieves with the objective's minimum.
/// `setting` is what was read, `default` what applies when it is absent, `unit` turns the number
/// into a duration; `service_max` is the most the service keeps (beyond it a long-term backup is
/// needed, and the message says so); `fix` names the attribute to change.
pub struct RetentionCheck<'s> {
    pub setting: Setting<'s, f64>,
    pub default: Option<f64>,
    pub unit: fn(f64) -> Duration,
    pub unit_name: &'static str,
    pub attribute: &'static str,
    pub service: &'static str,
    pub service_max: Option<f64>,
    pub long_term_hint: &'static str,
}

impl RetentionCheck<'_> {
    /// Reports when the achieved retention is below `required`.
    pub fn run(&self, cx: &mut Check<'_>, required: Duration, fallback: Option<&Location>) {
        let at = self.setting.location().or(fallback);
        let found = match self.setting {
            Setting::Absent => match self.default {
                Some(d) => d,
                None => {
                    let message = format!(
                        "{} keeps no deleted data ({} is not set) but the {} requires a retention of {required}; {}",
                        self.service,
                        self.attribute,
                        cx.objective_source(),
                        self.fix_text(required),
                    );
                    cx.violation(at, message);
                    return;
                }
            },
            Setting::Known(v, _) => v,
            Setting::Unknown(_) | Setting::Invalid(..) => {
                cx.unknown(at, "retention", self.attribute);
                return;
            }
        };
        let achieved = (self.unit)(found);
        if achieved >= required {
            return;
        }
        let shown = if matches!(self.setting, Setting::Absent) {
            " (the azurerm default)"
        } else {
            ""
        };
        let message = format!(
            "{} keeps backups for {} {}{shown} ({achieved}), less than the {required} retention of the {}; {}",
            self.service,
            drkit_terraform::value::format_number(found),
            self.unit_name,
            cx.objective_source(),
            self.fix_text(required),
        );
        cx.violation(at, message);
    }

    fn fix_text(&self, required: Duration) -> String {
        let needed = ceil_in_unit(required, self.unit);
        match self.service_max {
            Some(max) if needed > max => format!(
                "{} keeps at most {} {} ({}), so a {required} retention needs a long-term backup: {}",
                self.service,
                drkit_terraform::value::format_number(max),
                self.unit_name,
                (self.unit)(max),
                self.long_term_hint
            ),
            _ => format!("set {} = {}", self.attribute, drkit_terraform::value::format_number(needed)),
        }
    }
}

/// The smallest whole number of `unit` that is at least `d`.
pub fn ceil_in_unit(d: Duration, unit: fn(f64) -> Duration) -> f64 {
    let one = unit(1.0).as_secs().max(1);
    d.as_secs().div_ceil(one) as f64
}

/// Region names of `geo_location`-style blocks (`location` attribute), normalised; `None` when one is unknown.
pub fn block_locations(body: &Body, block: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for b in body.blocks(block) {
        match b.body.value("location") {
            Some(Value::String(s)) => {
                let n = drkit_model::region::normalise(s);
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            Some(_) => return None,
            None => {}
        }
    }
    Some(out)
}

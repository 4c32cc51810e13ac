//! The retention comparison several rules share: how far back a service keeps data against how
//! far back the objective requires.

use drkit_model::facts::{Fact, Observed, Unit};
use drkit_model::Duration;

use super::Check;

/// A retention setting to compare with the objective's minimum.
pub struct RetentionCheck<'f> {
    /// What the source sets (or its default); absent means the service keeps nothing.
    pub setting: &'f Fact<f64>,
    pub unit: Unit,
    /// The source's name, for "the azurerm default".
    pub source: &'f str,
    /// The service as messages name it: `Key Vault soft delete`.
    pub service: &'static str,
    /// The most the service keeps; beyond it a long-term backup is needed and the message
    /// says so.
    pub service_max: Option<f64>,
    /// What to do beyond `service_max`.
    pub long_term_hint: &'f str,
}

impl RetentionCheck<'_> {
    /// Reports when the achieved retention is below `required`.
    pub fn run(&self, cx: &mut Check<'_>, required: Duration) {
        let at = self.setting.at;
        let found = match &self.setting.observed {
            Observed::Default(days) | Observed::Known(days) => *days,
            Observed::Absent => {
                let message = format!(
                    "{} keeps no deleted data ({} is not set) but the {} requires a retention of {required}; {}",
                    self.service,
                    self.setting.setting,
                    cx.objective_source(),
                    self.fix_text(cx, required),
                );
                cx.violation(at, message);
                return;
            }
            Observed::Unknown | Observed::Invalid => {
                cx.unknown(at, "retention", self.setting.setting);
                return;
            }
        };
        let achieved = self.unit.duration(found);
        if achieved >= required {
            return;
        }
        let shown = if self.setting.is_default() {
            format!(" (the {} default)", self.source)
        } else {
            String::new()
        };
        let message = format!(
            "{} keeps backups for {} {}{shown} ({achieved}), less than the {required} retention of the {}; {}",
            self.service,
            cx.number(found),
            self.unit.name(),
            cx.objective_source(),
            self.fix_text(cx, required),
        );
        cx.violation(at, message);
    }

    fn fix_text(&self, cx: &Check<'_>, required: Duration) -> String {
        let needed = self.unit.ceil(required);
        match self.service_max {
            Some(max) if needed > max => format!(
                "{} keeps at most {} {} ({}), so a {required} retention needs a long-term backup: {}",
                self.service,
                cx.number(max),
                self.unit.name(),
                self.unit.duration(max),
                self.long_term_hint
            ),
            _ => format!("set {} = {}", self.setting.setting, cx.number(needed)),
        }
    }
}

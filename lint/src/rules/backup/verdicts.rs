//! One requirement judged over every backup of a resource: the resource meets it when any
//! active backup does. Only when none does, and none is unknown, are the failures errors.

use drkit_model::facts::protection::Backup;
use drkit_model::facts::Anchor;

use crate::rules::Check;

/// How one backup fares against one requirement.
pub(in crate::rules) enum Verdict<T> {
    Meets,
    Fails(T),
    /// A value it depends on is not known statically (the setting, where it is).
    Unknown(&'static str, Anchor),
    /// It depends on something outside the scanned configuration: the note to give.
    Outside(Anchor, String),
    /// A value it depends on cannot be used: the error to give.
    Invalid(Anchor, String),
}

/// The verdict `judge` gives each active backup (a stopped one protects nothing new).
pub(in crate::rules) fn judge_active<'b, T>(
    backups: &'b [Backup],
    judge: impl Fn(&'b Backup) -> Verdict<T>,
) -> Vec<(&'b Backup, Verdict<T>)> {
    backups
        .iter()
        .filter(|backup| backup.is_active())
        .map(|backup| (backup, judge(backup)))
        .collect()
}

impl<T> Verdict<T> {
    /// The backup's policy is not in the scanned configuration.
    pub(in crate::rules) fn policy_outside(
        backup: &Backup,
        requirement: &str,
        address: &str,
    ) -> Verdict<T> {
        Verdict::Outside(
            backup.policy_at,
            format!(
                "the {requirement} of {address} could not be checked: the policy that {} names in {} is not in the scanned configuration; scan the folder that defines it too",
                backup.link, backup.policy_setting
            ),
        )
    }
}

/// Reports `verdicts` (one per active backup): nothing when one meets the requirement; infos
/// when one cannot be judged; else every invalid value and failure (`fail` reports one).
pub(in crate::rules) fn report<'b, T>(
    cx: &mut Check<'_>,
    requirement: &str,
    verdicts: Vec<(&'b Backup, Verdict<T>)>,
    mut fail: impl FnMut(&mut Check<'_>, &'b Backup, T),
) {
    if verdicts
        .iter()
        .any(|(_, verdict)| matches!(verdict, Verdict::Meets))
    {
        return;
    }
    let undecided = verdicts
        .iter()
        .any(|(_, verdict)| matches!(verdict, Verdict::Unknown(..) | Verdict::Outside(..)));
    for (backup, verdict) in verdicts {
        match verdict {
            Verdict::Meets => {}
            Verdict::Unknown(setting, at) => cx.unknown(at, requirement, setting),
            Verdict::Outside(at, note) => cx.note(at, note),
            Verdict::Invalid(at, error) => cx.violation(at, error),
            // Another backup may meet the requirement once its value is known.
            Verdict::Fails(_) if undecided => {}
            Verdict::Fails(failure) => fail(cx, backup, failure),
        }
    }
}

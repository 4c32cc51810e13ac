//! Reading `terraform show -json` plan output. (Implemented in the next commit; until then a
//! plan file is reported as not loaded rather than silently empty.)

use std::path::Path;

use super::ir::{Estate, LoadIssue, LoadIssueKind};
use super::location::at;

pub(crate) fn load_plan(_path: &Path, display: &str) -> Estate {
    Estate {
        issues: vec![LoadIssue {
            kind: LoadIssueKind::Unresolved,
            message: format!("The plan file {display} was not loaded: plan JSON support is not in this build yet."),
            location: at(display, 1, 1),
        }],
        ..Estate::default()
    }
}

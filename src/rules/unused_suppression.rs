//! `unused_suppression`: a `datelint:allow(..)` that suppresses nothing, or a `datelint:`
//! directive that is not read as one.

use std::ops::Range;

use super::{Group, Lint};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::lint::Need;

pub(crate) static LINT: Lint = Lint {
    name: "unused_suppression",
    group: Group::Suspicious,
    summary: "a `datelint:allow(..)` that suppresses nothing",
    doc: include_str!("../../lints/unused_suppression.md"),
    reports_in_tests: true,
    triggers: &[&[Need::Text("datelint")]],
};

/// The finding for a suppression at `at` that covered no finding of `lints`; `unknown` is a
/// name among them that is no lint or group, with the closest one that is.
pub(crate) fn report(
    at: Range<usize>,
    lints: &[String],
    unknown: Option<(&str, Option<&str>)>,
) -> Diagnostic {
    let names = lints.join(", ");
    Diagnostic {
        lint: &LINT,
        span: at,
        message: format!("this suppression of `{names}` suppresses nothing"),
        label: match unknown {
            None => "no finding of these lints on this line or the next".into(),
            Some((name, Some(closest))) => {
                format!("no lint or group is named `{name}`: did you mean `{closest}`?")
            }
            Some((name, None)) => {
                format!("no lint or group is named `{name}` (see `datelint rules`)")
            }
        },
        note: "a suppression that outlives the code it was for hides the next real finding there"
            .into(),
        help: Help {
            message: "remove the suppression, or correct the lint's name".into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}

/// The finding for a comment at `at` that looks like a directive but is not read as one
/// (`datelint: allow(x)`), so it suppresses nothing; `problem` says why.
pub(crate) fn malformed(at: Range<usize>, problem: &str) -> Diagnostic {
    Diagnostic {
        lint: &LINT,
        span: at,
        message: format!("this `datelint:` comment {problem}"),
        label: "not a suppression, so it suppresses nothing".into(),
        note: "a suppression that is not read hides nothing today and confuses the next reader"
            .into(),
        help: Help {
            message: "write it as `// datelint:allow(lint) -- reason`, or remove it".into(),
            replacement: None,
            applicability: Applicability::MaybeIncorrect,
            imports: Vec::new(),
        },
    }
}

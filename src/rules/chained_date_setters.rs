//! `chained_date_setters`: setters chained on one date in an order whose intermediate date
//! may not exist (`d.with_month(2)?.with_day(28)` on 31 January).

use super::{Cx, Group, Lint, span};
use crate::diagnostic::{Applicability, Diagnostic, Help};
use crate::semantics::apis;
use crate::semantics::apis::{DateCall, Shape};
use crate::semantics::calendar::{days_in_month, is_leap_year};
use crate::semantics::chains::setter_chain;
use crate::semantics::guards::chain_avoids_feb29;
use crate::semantics::values::Value;

pub(crate) static LINT: Lint = Lint {
    name: "chained_date_setters",
    group: Group::Suspicious,
    summary: "date setters chained in an order whose intermediate date may not exist",
    doc: include_str!("../../lints/chained_date_setters.md"),
    reports_in_tests: true,
    triggers: &[&[apis::DATE_API]],
};

pub(crate) fn check(cx: &Cx<'_>, call: &DateCall<'_>) -> Option<Diagnostic> {
    if cx.in_setter_chain || !matches!(call.api.shape, Shape::Set { .. }) {
        return None;
    }
    // A time of day set in between changes no date: only the date's setters count.
    let date_part = |name: &str| {
        let part = name
            .trim_start_matches("with_")
            .trim_start_matches("replace_");
        matches!(part.trim_end_matches('0'), "year" | "month" | "day")
    };
    let chain: Vec<_> = setter_chain(call.expr)
        .into_iter()
        .filter(|setter| date_part(&setter.name))
        .collect();
    if chain.len() < 2 {
        return None;
    }
    // What is known of the date as each setter applies, starting from the date the chain
    // is called on: an arbitrary one, or one whose day every month has.
    let pinned = match chain.first().map(|setter| setter.call) {
        Some(syn::Expr::MethodCall(first)) => chain_avoids_feb29(&first.receiver, cx.env),
        _ => false,
    };
    let (mut day_fits_every_month, mut month): (bool, Option<i64>) = (pinned, None);
    for (index, setter) in chain.iter().enumerate() {
        let value = cx.env.eval(setter.arg);
        let constant = match value {
            Value::Const(n) => Some(n.saturating_add(i64::from(setter.name.ends_with('0')))),
            _ => None,
        };
        let may_fail = match setter
            .name
            .trim_start_matches("with_")
            .trim_start_matches("replace_")
            .trim_end_matches('0')
        {
            "day" => {
                // A day the model bounds by 28 (`if day <= 28`), not only a constant one: the
                // order of the setters matters only for the days some months lack.
                let zero_based = i64::from(setter.name.ends_with('0'));
                let fits =
                    cx.env.range(setter.arg).hi <= 28 - zero_based || value == Value::Clamped;
                let fits_month = match (constant, month) {
                    (Some(d), Some(m)) => {
                        days_in_month(2001, m).is_some_and(|n| (1..=n).contains(&d))
                    }
                    _ => false,
                };
                day_fits_every_month |= fits;
                !fits && !fits_month
            }
            "month" => {
                let long_month = constant.is_some_and(|m| days_in_month(2001, m) == Some(31));
                month = constant;
                !day_fits_every_month && !long_month
            }
            "year" => {
                let leap = constant.is_some_and(is_leap_year);
                let not_february = month.is_some_and(|m| m != 2);
                !day_fits_every_month && !leap && !not_february
            }
            _ => false,
        };
        if may_fail && index + 1 < chain.len() {
            let first = &setter.name;
            return Some(Diagnostic {
                lint: &LINT,
                span: span(call.expr),
                message: format!(
                    "`{first}` runs before the rest of the chain, so an intermediate date may not exist"
                ),
                label: "this fails for some starting dates even when the final date exists".into(),
                note:
                    "each setter must produce a valid date on its own: 31 January with the month \
                       set to February is 31 February, which does not exist, before the day is set"
                        .into(),
                help: Help {
                    message:
                        "build the date in one step (`NaiveDate::from_ymd_opt(y, m, d)`), or set \
                              the day to 1 first and the day you want last"
                            .into(),
                    replacement: None,
                    applicability: Applicability::MaybeIncorrect,
                    imports: Vec::new(),
                },
            });
        }
    }
    None
}

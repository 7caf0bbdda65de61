//! Facts about a file and its function bodies that lints share: what names resolve to, which
//! calls are date APIs, what values hold, which guards are in scope, how results are used.
//! Lints ask these modules; they never derive the facts themselves.

pub(crate) mod apis;
pub(crate) mod calendar;
pub(crate) mod cases;
pub(crate) mod chains;
pub(crate) mod facts;
pub(crate) mod flow;
pub(crate) mod formats;
pub(crate) mod guards;
pub(crate) mod imports;
pub(crate) mod interval;
pub(crate) mod leap;
pub(crate) mod summaries;
pub(crate) mod usage;
pub(crate) mod values;

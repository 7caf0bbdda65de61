//! `--message-format github`: GitHub Actions workflow commands, which the Actions runner turns
//! into annotations on the pull request.
//!
//! # Wire format
//!
//! `::error file=src/a.rs,line=3,endLine=3,col=5,endColumn=48,title=datelint::naive_year_shift::message`
//! with the escaping of the Actions toolkit: `%`, CR and LF in the message; also `:` and
//! `,` in property values.

use crate::engine::Finding;
use crate::source::SourceFile;

pub(super) fn workflow_command(source: &SourceFile, finding: &Finding) -> String {
    let d = &finding.diagnostic;
    let (start, end) = (source.location(d.span.start), source.location(d.span.end));
    let command = if finding.level.is_error() {
        "error"
    } else {
        "warning"
    };
    let message = format!(
        "{}\n{}\nnote: {}\nhelp: {}",
        d.message, d.label, d.note, d.help.message
    );
    format!(
        "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        escape_property(&source.path.display().to_string()),
        start.line,
        end.line,
        start.column,
        end.column,
        escape_property(&format!("datelint::{}", d.lint.name)),
        escape_data(&message),
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("datelint::a,b"), "datelint%3A%3Aa%2Cb");
    }
}

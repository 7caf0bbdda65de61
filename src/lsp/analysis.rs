//! The analysis worker: it lints the newest text of each changed document off the message
//! loop, publishes the diagnostics, and keeps the findings for code actions.
//!
//! Edits only replace a document's pending job, so a burst of keystrokes is linted once,
//! after [`QUIET`] without a newer edit. Diagnostics are published only for the version
//! still open, under the same lock as `didClose`, so a slow analysis never brings back the
//! diagnostics of a closed or changed document.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics};
use lsp_types::{
    CodeDescription, DiagnosticSeverity, LogMessageParams, MessageType, NumberOrString,
    PublishDiagnosticsParams, Range, Uri,
};

use super::document::{Document, Encoding};
use crate::config;
use crate::engine::{Finding, Settings, lint_source};

/// How long a document must go without an edit before it is linted.
const QUIET: Duration = Duration::from_millis(15);

/// A document to lint: its text at one version.
struct Job {
    version: i32,
    text: String,
    path: PathBuf,
    edited: Instant,
}

/// The findings of the last analysis of a document, with the text they are about.
pub(super) struct Analysed {
    pub(super) version: i32,
    pub(super) document: Document,
    pub(super) findings: Vec<Finding>,
}

#[derive(Default)]
struct Shared {
    /// The version of every open document.
    open: HashMap<Uri, i32>,
    pending: HashMap<Uri, Job>,
    analysed: HashMap<Uri, Analysed>,
    stopped: bool,
}

/// What the message loop and the worker share.
pub(super) struct Analyses {
    shared: Mutex<Shared>,
    wake: Condvar,
    sender: Sender<Message>,
    encoding: Encoding,
    config: Mutex<ConfigWatch>,
    /// Analysing a text that holds this panics (set by `DATELINT_LSP_TEST_PANIC`), so that
    /// tests can show that a panic is reported and survived.
    panic_marker: Option<String>,
}

impl Analyses {
    pub(super) fn new(sender: Sender<Message>, encoding: Encoding, root: PathBuf) -> Arc<Self> {
        Arc::new(Analyses {
            shared: Mutex::default(),
            wake: Condvar::new(),
            sender,
            encoding,
            config: Mutex::new(ConfigWatch::new(root)),
            panic_marker: std::env::var("DATELINT_LSP_TEST_PANIC").ok(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Queues the document's text at `version` for linting.
    pub(super) fn changed(&self, uri: &Uri, document: &Document) {
        // An unsaved buffer has no path; lint it as an ordinary file.
        let path = super::path_of(uri).unwrap_or_else(|| PathBuf::from("untitled.rs"));
        let mut shared = self.lock();
        shared.open.insert(uri.clone(), document.version);
        shared.pending.insert(
            uri.clone(),
            Job {
                version: document.version,
                text: document.text.clone(),
                path,
                edited: Instant::now(),
            },
        );
        self.wake.notify_one();
    }

    /// Forgets a closed document and clears its diagnostics.
    pub(super) fn closed(&self, uri: &Uri) {
        let mut shared = self.lock();
        shared.open.remove(uri);
        shared.pending.remove(uri);
        shared.analysed.remove(uri);
        self.publish(uri, None, Vec::new());
    }

    /// Calls `f` with the last analysis of `uri` if it is of the version open now.
    pub(super) fn with_current<T>(&self, uri: &Uri, f: impl FnOnce(&Analysed) -> T) -> Option<T> {
        let shared = self.lock();
        let open = shared.open.get(uri)?;
        shared
            .analysed
            .get(uri)
            .filter(|a| a.version == *open)
            .map(f)
    }

    pub(super) fn stop(&self) {
        self.lock().stopped = true;
        self.wake.notify_all();
    }

    /// The worker's loop, until [`Analyses::stop`].
    pub(super) fn work(&self) {
        while let Some((uri, job)) = self.next_job() {
            let Job {
                version,
                text,
                path,
                ..
            } = job;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if self
                    .panic_marker
                    .as_deref()
                    .is_some_and(|m| text.contains(m))
                {
                    panic!("the test panic of DATELINT_LSP_TEST_PANIC");
                }
                let settings = self.settings();
                match settings.for_file(&path) {
                    Ok(settings) if settings.config.excludes(&path) => Ok(Vec::new()),
                    Ok(settings) => lint_source(&path, &text, &settings),
                    Err(reason) => Err(reason),
                }
            }));
            let findings = match outcome {
                Ok(Ok(findings)) => findings,
                Ok(Err(reason)) => {
                    self.log(MessageType::LOG, format!("{}: {reason}", path.display()));
                    Vec::new()
                }
                Err(_) => {
                    self.log(
                        MessageType::ERROR,
                        format!(
                            "{}: internal error: datelint panicked on this file; please report it",
                            path.display()
                        ),
                    );
                    Vec::new()
                }
            };
            let document = Document::new(text, version);
            let diagnostics = findings
                .iter()
                .map(|f| diagnostic(&document, f, self.encoding))
                .collect();
            let mut shared = self.lock();
            if shared.open.get(&uri) == Some(&version) && !shared.pending.contains_key(&uri) {
                self.publish(&uri, Some(version), diagnostics);
                let analysed = Analysed {
                    version,
                    document,
                    findings,
                };
                shared.analysed.insert(uri, analysed);
            }
        }
    }

    /// Waits for a document whose last edit is [`QUIET`] old, or for the stop.
    fn next_job(&self) -> Option<(Uri, Job)> {
        let mut shared = self.lock();
        loop {
            if shared.stopped {
                return None;
            }
            let now = Instant::now();
            let ready = shared
                .pending
                .iter()
                .find(|(_, job)| now.duration_since(job.edited) >= QUIET)
                .map(|(uri, _)| uri.clone());
            if let Some(uri) = ready {
                return shared.pending.remove_entry(&uri);
            }
            shared = match shared.pending.is_empty() {
                true => self.wake.wait(shared).unwrap_or_else(|e| e.into_inner()),
                false => {
                    let waited = self.wake.wait_timeout(shared, QUIET);
                    waited.unwrap_or_else(|e| e.into_inner()).0
                }
            };
        }
    }

    /// Queues every open document again: the configuration changed.
    pub(super) fn relint_all(&self, documents: &HashMap<Uri, Document>) {
        for (uri, document) in documents {
            self.changed(uri, document);
        }
    }

    fn settings(&self) -> Settings {
        let (settings, error) = self
            .config
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .current();
        if let Some(error) = error {
            self.log(MessageType::ERROR, format!("datelint: {error}"));
        }
        settings
    }

    fn publish(&self, uri: &Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        let _ = self
            .sender
            .send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
    }

    pub(super) fn log(&self, typ: MessageType, message: String) {
        let params = LogMessageParams { typ, message };
        let _ = self
            .sender
            .send(Notification::new(LogMessage::METHOD.into(), params).into());
    }
}

/// The workspace configuration, read again when one of the files it may come from changes:
/// `datelint.toml` or `Cargo.toml` in the root or above it (a few `stat`s per analysis).
struct ConfigWatch {
    root: PathBuf,
    stamps: Vec<Option<SystemTime>>,
    settings: Settings,
}

impl ConfigWatch {
    fn new(root: PathBuf) -> ConfigWatch {
        ConfigWatch {
            root,
            stamps: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// The settings now, and the error of a configuration that could not be read, once.
    fn current(&mut self) -> (Settings, Option<String>) {
        let stamps = config_stamps(&self.root);
        let mut error = None;
        if stamps != self.stamps || self.stamps.is_empty() {
            self.stamps = stamps;
            match config::load(None, &self.root) {
                Ok(config) => self.settings.config = config,
                Err(e) => {
                    self.settings.config = config::Config::default();
                    error = Some(e);
                }
            }
        }
        // Each document takes its nearest configuration, as on the command line, read
        // afresh for each analysis so that a package's own file is seen when it changes.
        let settings = Settings {
            discovery: Some(Arc::new(config::Discovery::default())),
            ..self.settings.clone()
        };
        (settings, error)
    }
}

fn config_stamps(root: &Path) -> Vec<Option<SystemTime>> {
    root.ancestors()
        .flat_map(|dir| [dir.join("datelint.toml"), dir.join("Cargo.toml")])
        .map(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok())
        .collect()
}

/// A finding as an LSP diagnostic: the first line of the message is what editors show
/// inline; the note and the help follow.
fn diagnostic(document: &Document, finding: &Finding, encoding: Encoding) -> lsp_types::Diagnostic {
    let d = &finding.diagnostic;
    let help = match &d.help.replacement {
        Some(replacement) => format!("{}: `{replacement}`", d.help.message),
        None => d.help.message.clone(),
    };
    lsp_types::Diagnostic {
        range: range(document, d.span.clone(), encoding),
        severity: Some(match finding.level.is_error() {
            true => DiagnosticSeverity::ERROR,
            false => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.lint.name.to_string())),
        code_description: d
            .lint
            .doc_url()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("datelint".into()),
        message: format!("{}: {}\nnote: {}\nhelp: {help}", d.message, d.label, d.note),
        related_information: None,
        tags: None,
        data: None,
    }
}

pub(super) fn range(
    document: &Document,
    span: std::ops::Range<usize>,
    encoding: Encoding,
) -> Range {
    Range::new(
        document.position(span.start, encoding),
        document.position(span.end, encoding),
    )
}

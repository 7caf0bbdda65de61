//! `datelint lsp`: a language server on stdio, for findings and quick fixes in the editor.
//!
//! The message loop (this module) keeps the open documents and answers requests; it never
//! lints. Linting happens on one worker thread ([`analysis`]), which publishes diagnostics
//! and keeps the findings that `textDocument/codeAction` turns into quick fixes: the same
//! edits as `--fix`, and a suppression comment.

// `lsp_types::Uri` caches parts of its parse inside; it hashes and compares by its text.
#![allow(clippy::mutable_key_type)]

mod analysis;
mod document;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, InitializeParams, MessageType, OptionalVersionedTextDocumentIdentifier,
    PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentEdit,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};

use analysis::{Analysed, Analyses, range};
use document::{Document, Encoding};

/// The worker's stack: as large as the command line's, for deeply nested files.
const WORKER_STACK: usize = 1024 * 1024 * 1024;

/// Runs the server until the client says `exit`; returns the exit status the protocol
/// asks for: 0 after `shutdown`, 1 otherwise.
pub fn run() -> Result<u8, String> {
    let (connection, io_threads) = Connection::stdio();
    let status = serve(&connection);
    // The writer thread ends once every sender is gone.
    drop(connection);
    io_threads
        .join()
        .map_err(|e| format!("language server: {e}"))?;
    status
}

fn serve(connection: &Connection) -> Result<u8, String> {
    let protocol = |e: lsp_server::ProtocolError| format!("language server: {e}");
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("language server: {e}"))?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    let encoding = match offered.contains(&PositionEncodingKind::UTF8) {
        true => Encoding::Utf8,
        false => Encoding::Utf16,
    };
    let versioned_edits = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.document_changes)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "datelint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;

    let analyses = Analyses::new(connection.sender.clone(), encoding, root(&params));
    let worker = {
        let analyses = Arc::clone(&analyses);
        std::thread::Builder::new()
            .name("datelint-analysis".into())
            .stack_size(WORKER_STACK)
            .spawn(move || analyses.work())
            .map_err(|e| format!("language server: no analysis thread: {e}"))?
    };
    let mut server = Server {
        connection,
        analyses: &analyses,
        documents: HashMap::new(),
        versioned_edits,
    };
    let status = server.run();
    analyses.stop();
    let _ = worker.join();
    status
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The folder the configuration is looked up from: the first workspace folder, the root,
/// or the server's current folder.
fn root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // rootUri: older clients send only this
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|f| &f.uri)
        .or(root_uri)
        .and_then(path_of)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

struct Server<'a> {
    connection: &'a Connection,
    analyses: &'a Analyses,
    documents: HashMap<Uri, Document>,
    /// The client applies edits to a given version of a document (`documentChanges`).
    versioned_edits: bool,
}

impl Server<'_> {
    fn run(&mut self) -> Result<u8, String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => match self.connection.handle_shutdown(&request) {
                    Ok(true) => return Ok(0),
                    Ok(false) => self.request(request),
                    Err(e) => return Err(format!("language server: {e}")),
                },
                Message::Notification(n) if n.method == "exit" => return Ok(1),
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
        // The client went away without `exit`.
        Ok(1)
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => match request.extract(CodeActionRequest::METHOD) {
                Ok((id, params)) => Response::new_ok(id, self.code_actions(&params)),
                Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, format!("{e:?}")),
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("datelint does not handle {}", request.method),
            ),
        };
        let _ = self.connection.sender.send(response.into());
    }

    fn notification(&mut self, notification: Notification) {
        let encoding = self.analyses.encoding();
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let item = params.text_document;
                    let document = Document::new(item.text, item.version);
                    self.analyses.changed(&item.uri, &document);
                    self.documents.insert(item.uri, document);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    let uri = params.text_document.uri;
                    if let Some(document) = self.documents.get_mut(&uri) {
                        for change in params.content_changes {
                            document.apply(change, encoding);
                        }
                        document.version = params.text_document.version;
                        self.analyses.changed(&uri, document);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                {
                    self.config_may_have_changed(&[params.text_document.uri]);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) {
                    let uris: Vec<Uri> = params.changes.into_iter().map(|c| c.uri).collect();
                    self.config_may_have_changed(&uris);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    self.documents.remove(&params.text_document.uri);
                    self.analyses.closed(&params.text_document.uri);
                }
            }
            _ => {}
        }
    }

    /// A saved or changed `datelint.toml` or `Cargo.toml` may change every document's
    /// findings (the worker reads the configuration again when its files change).
    fn config_may_have_changed(&self, uris: &[Uri]) {
        let is_config = |uri: &Uri| {
            path_of(uri)
                .and_then(|p| {
                    p.file_name()
                        .map(|n| n == "datelint.toml" || n == "Cargo.toml")
                })
                .unwrap_or(false)
        };
        if uris.iter().any(is_config) {
            self.analyses.log(
                MessageType::INFO,
                "configuration changed: linting again".into(),
            );
            self.analyses.relint_all(&self.documents);
        }
    }

    /// Quick fixes for the findings in the requested range: each machine-applicable fix,
    /// and a suppression comment for each finding.
    fn code_actions(&self, params: &CodeActionParams) -> CodeActionResponse {
        let uri = &params.text_document.uri;
        let encoding = self.analyses.encoding();
        self.analyses
            .with_current(uri, |analysed| {
                let wanted = analysed.document.offset(params.range.start, encoding)
                    ..analysed.document.offset(params.range.end, encoding);
                analysed
                    .findings
                    .iter()
                    .filter(|f| {
                        let span = &f.diagnostic.span;
                        span.start <= wanted.end && wanted.start <= span.end
                    })
                    .flat_map(|f| self.actions_for(uri, analysed, f))
                    .map(Into::into)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn actions_for(
        &self,
        uri: &Uri,
        analysed: &Analysed,
        finding: &crate::engine::Finding,
    ) -> Vec<CodeAction> {
        let d = &finding.diagnostic;
        let encoding = self.analyses.encoding();
        let document = &analysed.document;
        let edit = |edits: Vec<crate::Edit>| {
            let edits: Vec<TextEdit> = edits
                .into_iter()
                .map(|e| TextEdit::new(range(document, e.span, encoding), e.text))
                .collect();
            self.workspace_edit(uri, analysed.version, edits)
        };
        let mut actions = Vec::new();
        let fix = d.fix();
        if !fix.is_empty() {
            let mut title = d.help.message.clone();
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            actions.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                is_preferred: Some(true),
                edit: Some(edit(fix)),
                ..CodeAction::default()
            });
        }
        let line = document.line_start(d.span.start);
        let indent: String = document.text[line..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let newline = if document.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        actions.push(CodeAction {
            title: format!("Suppress `{}` with a comment", d.lint.name),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit(vec![crate::Edit {
                span: line..line,
                text: format!("{indent}// datelint:allow({}){newline}", d.lint.name),
            }])),
            ..CodeAction::default()
        });
        actions
    }

    fn workspace_edit(&self, uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.versioned_edits {
            let change = TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp_types::OneOf::Left).collect(),
            };
            WorkspaceEdit {
                document_changes: Some(lsp_types::DocumentChanges::Edits(vec![change])),
                ..WorkspaceEdit::default()
            }
        } else {
            WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))
        }
    }
}

/// The path of a `file:` URI, percent-decoded.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    // A Windows path comes as `file:///C:/..`.
    let path = String::from_utf8(decoded).ok()?;
    let path = match path.as_bytes() {
        [b'/', _, b':', ..] => path[1..].to_string(),
        _ => path,
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/me/My%20Crate/src/lib.rs"
            .parse()
            .expect("a URI");
        assert_eq!(
            path_of(&uri),
            Some(PathBuf::from("/home/me/My Crate/src/lib.rs"))
        );
        let untitled: Uri = "untitled:Untitled-1".parse().expect("a URI");
        assert_eq!(path_of(&untitled), None);
    }
}

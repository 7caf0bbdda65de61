//! `datelint lsp` over real stdio pipes, spoken to in JSON-RPC as an editor would.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::Scratch;

const AZURE_BUG: &str = "use chrono::{Datelike, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> NaiveDate {\n    from.with_year(from.year() + 1).unwrap()\n}\n";

const FIXED: &str = "use chrono::{Datelike, Months, NaiveDate};\n\
fn valid_to(from: NaiveDate) -> NaiveDate {\n    from.checked_add_months(Months::new(12)).unwrap()\n}\n";

/// Long enough for a debug build on a busy machine; a passing test never waits for it.
const PATIENCE: Duration = Duration::from_secs(30);

/// An editor's end of the conversation.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path, env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_datelint"))
            .arg("lsp")
            .current_dir(dir)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("datelint lsp starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        stdin.flush().expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, skipping the notifications before it.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The next message that satisfies `wanted`.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no such message in {PATIENCE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn initialize(&mut self, dir: &Path, encodings: &[&str]) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(dir),
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "workspace": {"workspaceEdit": {"documentChanges": true}},
                },
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": text}}),
        );
    }

    /// Ends the conversation as the protocol says and returns the exit status.
    fn shut_down(mut self) -> Option<i32> {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.stdin.take();
        self.child.wait().expect("the server exits").code()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Applies LSP text edits to ASCII text (where UTF-16 positions are bytes), later ones
/// first, and returns them as `didChange` content changes in the order applied.
fn apply(text: &str, edits: &[Value]) -> (String, Vec<Value>) {
    let offset = |text: &str, position: &Value| {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + character
    };
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| {
        let start = &e["range"]["start"];
        std::cmp::Reverse((start["line"].as_u64(), start["character"].as_u64()))
    });
    let mut text = text.to_string();
    for edit in &sorted {
        let start = offset(&text, &edit["range"]["start"]);
        let end = offset(&text, &edit["range"]["end"]);
        text.replace_range(start..end, edit["newText"].as_str().expect("newText"));
    }
    let changes = sorted
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    (text, changes)
}

#[test]
fn diagnostics_quick_fix_incremental_change_and_shutdown() {
    let dir = Scratch::new("session");
    let mut client = Client::start(&dir.0, &[]);
    let init = client.initialize(&dir.0, &["utf-16"]);
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(init["serverInfo"]["name"], "datelint");

    let uri = uri_of(&dir.0.join("lib.rs"));
    client.open(&uri, AZURE_BUG);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{published}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "naive_year_shift");
    assert_eq!(diagnostic["source"], "datelint");
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 35}})
    );
    assert!(
        diagnostic["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("/lints/naive_year_shift.md"))
    );
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("shifting the year keeps the month and day"))
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        }),
    );
    let actions = actions.as_array().expect("a list of actions");
    assert_eq!(actions.len(), 2, "{actions:?}");
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let change = &fix["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], 1);
    let edits = change["edits"].as_array().expect("edits");
    assert_eq!(edits.len(), 2, "the replacement and its use item");
    assert!(
        actions[1]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Suppress `naive_year_shift`"))
    );

    // The editor applies the fix and sends it as incremental changes.
    let (fixed, changes) = apply(AZURE_BUG, edits);
    assert_eq!(fixed, FIXED);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(
        published["diagnostics"],
        json!([]),
        "the fix leaves nothing"
    );

    // The suppression comment, applied to the original text, silences the finding.
    let suppress = &actions[1]["edit"]["documentChanges"][0]["edits"];
    let (suppressed, _) = apply(AZURE_BUG, suppress.as_array().expect("edits"));
    assert!(suppressed.contains("    // datelint:allow(naive_year_shift)\n    from.with_year"));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": suppressed}]}),
    );
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));

    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": AZURE_BUG}]}),
    );
    assert_eq!(
        client.diagnostics(&uri)["diagnostics"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        client.diagnostics(&uri)["diagnostics"],
        json!([]),
        "cleared on close"
    );

    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = Scratch::new("utf8");
    let mut client = Client::start(&dir.0, &[]);
    let init = client.initialize(&dir.0, &["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = uri_of(&dir.0.join("lib.rs"));
    // "é" is two bytes and one UTF-16 unit; "𝄞" four bytes and two units.
    let text = AZURE_BUG.replace("    from.with_year", "    let _ = \"é𝄞\"; from.with_year");
    client.open(&uri, &text);
    let published = client.diagnostics(&uri);
    let start = &published["diagnostics"][0]["range"]["start"];
    assert_eq!(start["character"], 4 + "let _ = \"é𝄞\"; ".len());
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_panic_is_logged_and_the_server_goes_on() {
    let dir = Scratch::new("panic");
    let mut client = Client::start(&dir.0, &[("DATELINT_LSP_TEST_PANIC", "PANIC HERE")]);
    client.initialize(&dir.0, &[]);
    let bad = uri_of(&dir.0.join("bad.rs"));
    client.open(&bad, "// PANIC HERE\nfn f() {}\n");
    let log = client.wait_for(|m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 1, "an error");
    assert!(
        log["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("bad.rs") && m.contains("panicked")),
        "{log}"
    );
    let good = uri_of(&dir.0.join("good.rs"));
    client.open(&good, AZURE_BUG);
    assert_eq!(
        client.diagnostics(&good)["diagnostics"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_changed_configuration_is_read_again() {
    let dir = Scratch::new("config");
    let mut client = Client::start(&dir.0, &[]);
    client.initialize(&dir.0, &[]);
    let uri = uri_of(&dir.0.join("lib.rs"));
    client.open(&uri, AZURE_BUG);
    assert_eq!(client.diagnostics(&uri)["diagnostics"][0]["severity"], 1);
    let config = dir.file("datelint.toml", "[lints]\nnaive_year_shift = \"warn\"\n");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri_of(&config)}}),
    );
    assert_eq!(client.diagnostics(&uri)["diagnostics"][0]["severity"], 2);
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn each_document_takes_its_nearest_configuration() {
    let dir = Scratch::new("nearest");
    dir.file(
        "billing/Cargo.toml",
        "[package]\nname = \"billing\"\nversion = \"0.1.0\"\n\n[package.metadata.datelint.lints]\nnaive_year_shift = \"warn\"\n",
    );
    let mut client = Client::start(&dir.0, &[]);
    client.initialize(&dir.0, &[]);
    let inside = uri_of(&dir.0.join("billing/src/lib.rs"));
    client.open(&inside, AZURE_BUG);
    assert_eq!(client.diagnostics(&inside)["diagnostics"][0]["severity"], 2);
    let outside = uri_of(&dir.0.join("lib.rs"));
    client.open(&outside, AZURE_BUG);
    assert_eq!(
        client.diagnostics(&outside)["diagnostics"][0]["severity"],
        1
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = Scratch::new("exit");
    let mut client = Client::start(&dir.0, &[]);
    client.initialize(&dir.0, &[]);
    client.notify("exit", Value::Null);
    client.stdin.take();
    assert_eq!(
        client.child.wait().expect("the server exits").code(),
        Some(1)
    );
}

#[test]
fn a_slow_file_does_not_hold_up_the_message_loop() {
    let dir = Scratch::new("slow");
    let mut client = Client::start(&dir.0, &[]);
    client.initialize(&dir.0, &[]);
    // Long enough to take the worker a while; the loop must answer meanwhile.
    let big = format!(
        "{}{}",
        AZURE_BUG,
        "fn filler() { let _ = 1 + 2; }\n".repeat(50_000)
    );
    let uri = uri_of(&dir.0.join("big.rs"));
    client.open(&uri, &big);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    // Answered before the analysis is done: nothing to offer yet, and no diagnostics seen.
    assert_eq!(actions, json!([]));
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(client.shut_down(), Some(0));
}

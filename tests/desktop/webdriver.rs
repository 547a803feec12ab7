//! A minimal W3C WebDriver client over plain HTTP/1.1 (what tauri-driver speaks): just the
//! calls the desktop test needs, with waits that fail with what the page showed.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One HTTP exchange; returns the status and the JSON body.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect to WebDriver: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    );
    stream.write_all(request.as_bytes()).map_err(|e| format!("send to WebDriver: {e}"))?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| format!("read from WebDriver: {e}"))?;
    let text = String::from_utf8_lossy(&raw);
    let (head, rest) = text.split_once("\r\n\r\n").ok_or_else(|| format!("not HTTP: {text}"))?;
    let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(rest)
    } else {
        rest.to_owned()
    };
    let value = if body.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?
    };
    Ok((status, value))
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { break };
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

/// A WebDriver session.
pub(crate) struct Session {
    port: u16,
    id: String,
}

impl Session {
    /// Starts a session that launches `application` (through tauri-driver).
    pub(crate) fn start(port: u16, application: &str) -> Result<Self, String> {
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "wry",
            "tauri:options": { "application": application }
        } } });
        let (status, v) = http(port, "POST", "/session", Some(&caps))?;
        let id =
            v["value"]["sessionId"].as_str().ok_or_else(|| format!("no session ({status}): {v}"))?.to_owned();
        Ok(Self { port, id })
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|(status, v)| panic!("{method} {path} → {status}: {v}"))
    }

    /// A command whose WebDriver error the caller may handle: `Err((status, body))`.
    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, (u16, Value)> {
        let path = format!("/session/{}{path}", self.id);
        // While the window is still starting, the driver may drop a connection: retry a little.
        let mut tries = 0;
        let (status, v) = loop {
            match http(self.port, method, &path, body.as_ref()) {
                Ok(answer) => break answer,
                Err(e) if tries >= 20 => panic!("{method} {path}: {e}"),
                Err(_) => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(500));
                }
            }
        };
        if status < 300 { Ok(v["value"].clone()) } else { Err((status, v)) }
    }

    /// Runs the element command `op` (method, path after `/element/{id}`, body) on the element
    /// matching `css`. A view that re-renders between finding the element and using it (a reply
    /// arriving, a re-check) leaves a stale reference: the element is then found again and the
    /// command repeated, as a person would simply look again.
    fn on_element(&self, css: &str, method: &str, tail: &str, body: Option<Value>) -> Value {
        let mut tries = 0;
        loop {
            let id = self.find(css);
            match self.try_cmd(method, &format!("/element/{id}{tail}"), body.clone()) {
                Ok(v) => return v,
                Err((_, v)) if v["value"]["error"] == "stale element reference" && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err((status, v)) => panic!("{method} element `{css}`{tail} → {status}: {v}"),
            }
        }
    }

    /// Runs `script` (a function body; `arguments` available) and returns its value.
    pub(crate) fn js(&self, script: &str, args: Value) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    /// Waits until the window has started: its first view drawn (`data-ready` on the body).
    pub(crate) fn wait_until_started(&self) {
        self.wait_for(
            "the app to start",
            60,
            "return document.body.getAttribute('data-ready') === 'true';",
            json!([]),
        );
    }

    /// Waits until `script` returns something truthy (not null/false/""/0); returns it.
    pub(crate) fn wait_for(&self, what: &str, secs: u64, script: &str, args: Value) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.js(script, args.clone());
            let truthy = match &v {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                let page = self.js(
                    "var e = document.getElementById('error'); return (e && !e.hidden ? 'ERROR BANNER: ' + e.textContent + '\\n' : '') + document.body.innerText.slice(0, 3000);",
                    json!([]),
                );
                panic!(
                    "timed out after {secs}s waiting for {what}; the page shows:\n{}",
                    page.as_str().unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The element matching `css` (waiting for it to exist).
    pub(crate) fn find(&self, css: &str) -> String {
        self.wait_for(
            &format!("`{css}`"),
            30,
            "return !!document.querySelector(arguments[0]);",
            json!([css]),
        );
        let v = self.cmd("POST", "/element", Some(json!({ "using": "css selector", "value": css })));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element id for {css}: {v}")).to_owned()
    }

    /// Clicks the element matching `css` (scrolled into view first).
    pub(crate) fn click(&self, css: &str) {
        self.find(css);
        self.js(
            "var e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'});",
            json!([css]),
        );
        self.on_element(css, "POST", "/click", Some(json!({})));
    }

    /// Presses Enter on the element matching `css`, focused first: what a keyboard user does.
    pub(crate) fn press_enter(&self, css: &str) {
        self.find(css);
        self.js(
            "var e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.focus();",
            json!([css]),
        );
        self.on_element(css, "POST", "/value", Some(json!({ "text": "\u{E007}" })));
    }

    /// Focuses the element matching `css` and presses Enter on the keyboard (WebDriver actions,
    /// which go to the focused element): for elements that take keys without being form
    /// controls, such as a focusable part of a picture, where element commands refuse.
    pub(crate) fn focus_and_press_enter(&self, css: &str) {
        self.find(css);
        let focused = self.js(
            "var e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'}); e.focus(); return document.activeElement === e;",
            json!([css]),
        );
        assert_eq!(focused, Value::Bool(true), "`{css}` takes the keyboard focus");
        let keys = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": "\u{E007}" }, { "type": "keyUp", "value": "\u{E007}" }
        ] }] });
        self.cmd("POST", "/actions", Some(keys));
    }

    /// Types `text` into the element matching `css`.
    pub(crate) fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, "POST", "/value", Some(json!({ "text": text })));
    }

    /// The visible text of the element matching `css`.
    pub(crate) fn text(&self, css: &str) -> String {
        self.on_element(css, "GET", "/text", None).as_str().unwrap_or_default().to_owned()
    }

    /// Resizes the window (outer size, in CSS pixels) and waits until the page has that width
    /// or the nearest the window manager allows, returning the page's inner size.
    pub(crate) fn resize(&self, width: u32, height: u32) -> (u64, u64) {
        self.cmd("POST", "/window/rect", Some(json!({ "width": width, "height": height })));
        let size = self.wait_for(
            &format!("the window at {width}×{height}"),
            10,
            "return window.innerWidth === arguments[0] && window.innerHeight === arguments[1] ? [window.innerWidth, window.innerHeight] : null;",
            json!([width, height]),
        );
        (size[0].as_u64().unwrap_or_default(), size[1].as_u64().unwrap_or_default())
    }

    /// A PNG screenshot of the window.
    pub(crate) fn screenshot(&self) -> Vec<u8> {
        let v = self.cmd("GET", "/screenshot", None);
        base64_decode(v.as_str().expect("base64 screenshot"))
    }

    /// Ends the session (closing the app).
    pub(crate) fn end(self) {
        let _ = http(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("iVBORw=="), [0x89, b'P', b'N', b'G']);
}

//! An AWS endpoint on loopback that answers with recorded responses: the real SDK clients inside
//! `sandpit-aws` send real HTTP requests to it and parse what it returns exactly as they parse
//! AWS's answers. Used where moto answers differently from AWS (or not at all); each test says
//! which page of the AWS API reference its recorded answer follows.
//!
//! Requests are told apart the way AWS tells them apart: the service from the SigV4 credential
//! scope, the operation from `Action=` (EC2, RDS, ELB query protocols), `X-Amz-Target` (KMS,
//! Budgets JSON protocols) or the REST path (Route 53).

#![allow(dead_code, unreachable_pub, missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use sandpit_aws::{Aws, AwsSettings};

/// One request the endpoint received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// `ec2`, `rds`, `route53`, `kms`, `budgets`, `elasticloadbalancing`, `sts`.
    pub service: String,
    /// The operation (`DescribeNatGateways`), or the REST path for Route 53.
    pub action: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the endpoint answers.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// A recorded answer of `service`'s protocol.
    pub fn ok(service: &str, body: String) -> Self {
        let content_type = match service {
            "kms" | "budgets" => "application/x-amz-json-1.1",
            _ => "text/xml",
        };
        Response { status: 200, headers: vec![("Content-Type".into(), content_type.into())], body }
    }

    /// An AWS JSON-protocol error (`__type`), as KMS and Budgets send them.
    pub fn json_error(status: u16, code: &str, message: &str) -> Self {
        Response {
            status,
            headers: vec![
                ("Content-Type".into(), "application/x-amz-json-1.1".into()),
                ("x-amzn-ErrorType".into(), code.into()),
            ],
            body: format!(r#"{{"__type":"{code}","Message":"{message}"}}"#),
        }
    }

    /// A server error with no AWS error in it (a load balancer's or a proxy's page).
    pub fn bare(status: u16, server: Option<&str>) -> Self {
        let mut headers = vec![("Content-Type".into(), "text/html".into())];
        if let Some(s) = server {
            headers.push(("Server".into(), s.into()));
        }
        Response { status, headers, body: "<html><body>Service Unavailable</body></html>".into() }
    }
}

/// The endpoint: answers with `answer`, keeps every request.
pub struct Replay {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl Replay {
    pub fn start(answer: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = seen.clone();
                let answer = answer.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &*answer, &seen);
                });
            }
        });
        Replay { url, requests }
    }

    /// An endpoint answering every request with the recorded file for its service and action
    /// (`recorded/<service>/<Action>.xml|json`; KMS DescribeKey per key id).
    pub fn recorded() -> Self {
        Self::start(|r| match recorded_file(r) {
            Some(body) => Response::ok(&r.service, body),
            None => Response::json_error(
                400,
                "NoRecordedAnswer",
                &format!("no recorded answer for {} {}", r.service, r.action),
            ),
        })
    }

    /// Sandpit's AWS connection to this endpoint, with test credentials.
    pub async fn aws(&self, region: &str) -> Aws {
        Aws::connect(&AwsSettings {
            profile: None,
            region: Some(region.to_owned()),
            endpoint_url: Some(self.url.clone()),
            static_credentials: Some(("AKIDEXAMPLE".into(), "secret".into())),
            hints_dir: None,
        })
        .await
        .unwrap()
    }

    /// `service action` of every request so far.
    pub fn calls(&self) -> Vec<String> {
        self.requests.lock().unwrap().iter().map(|r| format!("{} {}", r.service, r.action)).collect()
    }
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/recorded")
}

fn recorded_file(r: &Request) -> Option<String> {
    let service = match r.service.as_str() {
        "elasticloadbalancing" => "elbv2",
        other => other,
    };
    let name = if service == "kms" && r.action == "DescribeKey" {
        let key: serde_json::Value = serde_json::from_str(&r.body).ok()?;
        format!("DescribeKey-{}.json", key["KeyId"].as_str()?)
    } else if service == "route53" {
        // GET /2013-04-01/hostedzone, GET /2013-04-01/hostedzone/{id}/rrset
        if r.path.contains("/rrset") {
            "ListResourceRecordSets.xml".into()
        } else {
            "ListHostedZones.xml".into()
        }
    } else {
        let ext = if matches!(service, "kms" | "budgets") { "json" } else { "xml" };
        format!("{}.{ext}", r.action)
    };
    std::fs::read_to_string(dir().join(service).join(name)).ok()
}

fn serve(
    stream: std::net::TcpStream,
    answer: &(dyn Fn(&Request) -> Response + Send + Sync),
    seen: &Mutex<Vec<Request>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8_lossy(&body).into_owned();
    let header = |name: &str| {
        headers.iter().find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
    };
    // Credential=AKID/20240101/us-east-1/ec2/aws4_request
    let service = header("authorization")
        .and_then(|a| a.split("Credential=").nth(1).and_then(|c| c.split('/').nth(3).map(str::to_owned)))
        .unwrap_or_default();
    let action = if let Some(target) = header("x-amz-target") {
        target.rsplit('.').next().unwrap_or_default().to_owned()
    } else if let Some(a) = body.split('&').find_map(|kv| kv.strip_prefix("Action=")) {
        a.to_owned()
    } else {
        format!("{method} {}", path.split('?').next().unwrap_or_default())
    };
    let request = Request { method, path, headers, body, service, action };
    let response = answer(&request);
    seen.lock().unwrap().push(request);
    let mut stream = stream;
    let reason = if response.status == 200 { "OK" } else { "Error" };
    write!(stream, "HTTP/1.1 {} {reason}\r\n", response.status)?;
    for (k, v) in &response.headers {
        write!(stream, "{k}: {v}\r\n")?;
    }
    write!(stream, "Content-Length: {}\r\nConnection: close\r\n\r\n{}", response.body.len(), response.body)?;
    stream.flush()
}

//! Reading in the real window at the two sizes students' laptops have (1280×820, the window's
//! own size, and 1024×700): the topology's account pane with every label at least 11 px on
//! screen and each subnet's default route said (in words when there is none), lesson and lab
//! text at a comfortable measure (35–45 Korean characters a line, a Hangul syllable being 1 em
//! wide) with no horizontal scrolling, and addresses whole in lesson tables.
//!
//! The account holds part of three-tier-vpc (public subnets routed to the internet gateway) and
//! the database network of vpc-peering (subnets with no default route at all).

use sandpit_e2e::{Moto, labs};
use serde_json::{Value, json};

use crate::webdriver::Session;
use crate::{assert_pill_hidden, build_part_of_three_tier, keep_painting, launch, wait_checked};

const LAB: &str = "vpc-peering";
const LESSON: &str = "vpc-subnets-routing";
/// A comfortable line for Korean text, in characters (ems).
const MEASURE: std::ops::RangeInclusive<f64> = 35.0..=45.0;

fn shoot(s: &Session, name: &str) {
    assert_pill_hidden(s, name);
    keep_painting(s);
    let png = s.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "screenshot {name} is not a PNG");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// The page scrolls sideways (its content is wider than the window).
fn scrolls_sideways(s: &Session) -> Value {
    s.js(
        "var d = document.scrollingElement || document.documentElement;\
         return d.scrollWidth > window.innerWidth + 1 ? [d.scrollWidth, window.innerWidth] : false;",
        json!([]),
    )
}

/// Every `<text>` of the pictures in `root` as `[text, px on screen]`: the font size times the
/// scale the picture is drawn at (`getScreenCTM`), and no more than the smaller side of its box
/// on screen (a label turned a quarter is as tall as it is long).
fn label_sizes(s: &Session, root: &str) -> Vec<(String, f64)> {
    let v = s.js(
        "return Array.prototype.map.call(document.querySelectorAll(arguments[0] + ' svg text'), function (t) {\
           var m = t.getScreenCTM(), scale = Math.hypot(m.a, m.b);\
           var px = parseFloat(getComputedStyle(t).fontSize) * scale;\
           var r = t.getBoundingClientRect();\
           return [t.textContent, Math.min(px, Math.max(r.width, r.height) > 0 ? Math.min(r.width, r.height) : 0)]; });",
        json!([root]),
    );
    v.as_array()
        .expect("labels")
        .iter()
        .map(|l| (l[0].as_str().unwrap_or_default().to_owned(), l[1].as_f64().unwrap_or_default()))
        .collect()
}

/// How many ems wide the lines of the paragraphs matching `css` are: `[min, max]`.
fn line_ems(s: &Session, css: &str) -> (f64, f64) {
    let v = s.js(
        "var ps = Array.prototype.filter.call(document.querySelectorAll(arguments[0]), function (p) {\
           return p.offsetParent !== null && /[가-힣]/.test(p.textContent) && p.getClientRects().length > 0; });\
         if (!ps.length) return null;\
         var ems = ps.map(function (p) { return p.clientWidth / parseFloat(getComputedStyle(p).fontSize); });\
         return [Math.min.apply(null, ems), Math.max.apply(null, ems)];",
        json!([css]),
    );
    assert!(v.is_array(), "no Korean paragraph on screen matches {css}");
    (v[0].as_f64().unwrap_or_default(), v[1].as_f64().unwrap_or_default())
}

/// CIDRs in the lesson's tables drawn over more than one line: `[cidr, line tops]`.
fn broken_addresses(s: &Session) -> Value {
    s.js(
        "var out = [], seen = 0, re = /\\d+\\.\\d+\\.\\d+\\.\\d+\\/\\d+/g;\
         document.querySelectorAll('#lesson-content table td, #lesson-content table th').forEach(function (cell) {\
           var walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;\
           while ((node = walk.nextNode())) {\
             var m; re.lastIndex = 0;\
             while ((m = re.exec(node.data))) {\
               seen += 1;\
               var r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);\
               var tops = Array.prototype.map.call(r.getClientRects(), function (x) { return Math.round(x.top); });\
               if (tops.some(function (t) { return Math.abs(t - tops[0]) > 2; })) out.push([m[0], tops]);\
             }\
           }\
         });\
         return [seen, out];",
        json!([]),
    )
}

fn open_lesson(s: &Session) {
    s.click("#nav-lessons");
    // While a lesson is open a narrow window folds the tree away behind a button.
    let folded = s.js(
        "var t = document.getElementById('lesson-tree'); return t.getClientRects().length === 0;",
        json!([]),
    );
    if folded == Value::Bool(true) {
        s.click("#lesson-tree-toggle");
    }
    s.click(&format!("#lesson-tree a[data-lesson=\"{LESSON}\"]"));
    s.wait_for(
        "the lesson page",
        30,
        "var c = document.getElementById('lesson-content'); return c.getAttribute('data-lesson') === arguments[0] && !!c.querySelector('article.lesson');",
        json!([LESSON]),
    );
}

#[test]
fn text_and_pictures_are_readable_at_1280_and_1024_pixels() {
    let m = Moto::start();
    build_part_of_three_tier(&m);
    let db = labs::database_network(&m, &labs::availability_zones(&m));
    let home = tempfile::tempdir().expect("temp home");
    let (s, _guards) = launch(&m, home.path(), &[]);
    s.wait_until_started();

    // A check of the peering lab reads the account the picture draws.
    s.click("#nav-labs");
    s.click(&format!("#lab-list li[data-lab=\"{LAB}\"] h2 a"));
    s.click("#check-lab");
    wait_checked(&s, "the check of the peering lab");

    for (width, height) in [(1280, 820), (1024, 700)] {
        let size = s.resize(width, height);
        assert_eq!(size, (u64::from(width), u64::from(height)));

        // ---- Topology: the account pane ------------------------------------------------------
        s.click("#nav-topology");
        // As a learner would: pick the lab once the list offers it.
        s.wait_for(
            "the topology view's lab list",
            30,
            "return !!document.querySelector('#topology-lab option[value=\"' + arguments[0] + '\"]');",
            json!([LAB]),
        );
        s.js(
            "var l = document.getElementById('topology-lab'); l.value = arguments[0]; l.dispatchEvent(new Event('change'));",
            json!([LAB]),
        );
        s.wait_for(
            "the account's picture",
            30,
            "var a = document.querySelector('#topology-body .actual svg'); return !!a && a.outerHTML.indexOf(arguments[0]) >= 0;",
            json!([db.vpc]),
        );
        let labels = label_sizes(&s, "#topology-body .actual");
        assert!(labels.len() > 10, "{labels:?}");
        let small: Vec<&(String, f64)> = labels.iter().filter(|(_, px)| *px < 10.99).collect();
        assert!(small.is_empty(), "labels under 11 px at {width}×{height}: {small:?}");
        let target = label_sizes(&s, "#topology-body .target");
        assert!(target.iter().all(|(_, px)| *px >= 10.99), "the target too: {target:?}");
        let routes = s.js(
            "return Array.prototype.map.call(document.querySelectorAll('#topology-body .actual g.subnet'), function (g) {\
               var r = g.querySelector('g.route text'); return [g.getAttribute('data-cidr'), r ? r.textContent : null]; });",
            json!([]),
        );
        let routes = routes.as_array().expect("subnets").clone();
        assert_eq!(routes.len(), 5, "two public and three database subnets: {routes:?}");
        for public in ["10.10.5.0/24", "10.10.6.0/24"] {
            assert!(routes.contains(&json!([public, "0.0.0.0/0 → IGW"])), "{routes:?}");
        }
        for cidr in ["172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"] {
            assert!(
                routes.contains(&json!([cidr, "인터넷으로 가는 경로 없음"])),
                "a database subnet has no default route, said in words: {routes:?}"
            );
        }
        let words = s.js(
            "return document.getElementById('topology-body').textContent + document.getElementById('topology-diffs').textContent;",
            json!([]),
        );
        assert!(!words.as_str().unwrap_or_default().contains('—'), "no dash for a missing route: {words}");
        assert_eq!(scrolls_sideways(&s), Value::Bool(false), "the page itself never scrolls sideways");
        s.js("document.querySelector('#topology-body .actual').scrollIntoView();", json!([]));
        shoot(&s, &format!("readable-topology-{width}"));

        // ---- A lesson ------------------------------------------------------------------------
        open_lesson(&s);
        let (narrow, wide) = line_ems(&s, "#lesson-content .lesson-body > p");
        assert!(
            MEASURE.contains(&narrow) && MEASURE.contains(&wide),
            "lesson lines of {narrow:.1}–{wide:.1} Korean characters at {width}×{height}"
        );
        assert_eq!(scrolls_sideways(&s), Value::Bool(false));
        let search = s.js(
            "var r = document.getElementById('lesson-search').getBoundingClientRect(); return r.width > 100 && r.height > 0;",
            json!([]),
        );
        assert_eq!(search, Value::Bool(true), "the search box stays on screen beside an open lesson");
        let addresses = broken_addresses(&s);
        assert!(addresses[0].as_u64().unwrap_or(0) >= 3, "the lesson's tables hold addresses: {addresses}");
        assert_eq!(addresses[1], json!([]), "addresses broken over two lines at {width}×{height}");
        s.js(
            "var t = document.querySelector('#lesson-content table'); t.scrollIntoView({block: 'center'});",
            json!([]),
        );
        shoot(&s, &format!("readable-lesson-{width}"));

        // ---- Lab text ------------------------------------------------------------------------
        s.click("#nav-labs");
        s.click(&format!("#lab-list li[data-lab=\"{LAB}\"] h2 a"));
        s.wait_for(
            "the lab runner",
            30,
            "var r = document.getElementById('lab-runner'); return !r.hidden && r.getAttribute('data-lab') === arguments[0];",
            json!([LAB]),
        );
        let (narrow, wide) = line_ems(&s, "#lab-runner .step .md p");
        assert!(
            MEASURE.contains(&narrow) && MEASURE.contains(&wide),
            "lab lines of {narrow:.1}–{wide:.1} Korean characters at {width}×{height}"
        );
        assert_eq!(scrolls_sideways(&s), Value::Bool(false));
        shoot(&s, &format!("readable-lab-{width}"));
    }
    s.end();
}

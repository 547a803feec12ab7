//! "왜 안 되지? 경로 확인" in the real window: the bootcamp's network ([`labs::reach_seed`]:
//! three-tier-vpc and vpc-peering solved, the WAS instance `was-1`, the database `lab-db`) built
//! with the AWS CLI on moto. The vpc-peering lab is checked, its database step's link opens the
//! Topology view with the question filled in (WAS → DB on 3306) and answered: the path drawn
//! green, the sentence about looking beyond the network in Korean. The database group is then
//! made to admit the wrong port with the AWS CLI; after a re-check the same link draws the
//! blocking hop red, with its rule and its fix.

use sandpit_e2e::Moto;
use sandpit_e2e::labs::{self, ReachSeed};
use serde_json::json;

use crate::webdriver::Session;
use crate::{launch, shoot, step_status, wait_checked};

const LAB: &str = "vpc-peering";
const DB_STEP: &str = "db-security-group";

fn open_lab(s: &Session) {
    s.click("#nav-labs");
    s.click(&format!("#lab-list li[data-lab=\"{LAB}\"] h2 a"));
    s.wait_for(
        "the lab runner",
        30,
        // Shown, not only filled: a runner opened before keeps its attributes while hidden.
        "var r = document.getElementById('lab-runner'), c = document.getElementById('check-lab');\
         return !r.hidden && r.getAttribute('data-lab') === arguments[0] && !!document.querySelector('#lab-runner .step[data-step=\"' + arguments[1] + '\"]')\
           && !!c && c.getBoundingClientRect().width > 0;",
        json!([LAB, DB_STEP]),
    );
}

/// Checks the open lab and follows the database step's path link; waits for the answer drawn
/// `open` or `blocked`.
fn ask_from_the_db_step(s: &Session, drawn: &str) {
    s.click("#check-lab");
    wait_checked(s, "the lab check");
    s.click(&format!("#lab-runner .step[data-step=\"{DB_STEP}\"] a.reach-link"));
    s.wait_for(
        &format!("the path drawn {drawn}"),
        60,
        "return !!document.querySelector('#reach-result figure.reach svg g.reach-path.' + arguments[0]);",
        json!([drawn]),
    );
}

fn value(s: &Session, id: &str) -> String {
    s.js("return document.getElementById(arguments[0]).value;", json!([id]))
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The words of an SVG text element (its tooltip's full text when it is cut short).
fn svg_text(s: &Session, css: &str) -> String {
    s.js("return document.querySelector(arguments[0]).textContent;", json!([css]))
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// (class, text) of each hop listed under the picture.
fn hops(s: &Session) -> Vec<(String, String)> {
    let v = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#reach-result ol.reach-hops li'), function (li) { return [li.className, li.textContent]; });",
        json!([]),
    );
    v.as_array()
        .expect("hops")
        .iter()
        .map(|h| (h[0].as_str().unwrap_or_default().to_owned(), h[1].as_str().unwrap_or_default().to_owned()))
        .collect()
}

/// Makes the database group admit MySQL's neighbour port instead of 3306 from the WAS subnets.
fn admit_the_wrong_port(m: &Moto, seed: &ReachSeed) {
    for was in &labs::APP_CIDRS[2..] {
        for (verb, port) in
            [("revoke-security-group-ingress", "3306"), ("authorize-security-group-ingress", "3307")]
        {
            m.aws(&[
                "ec2",
                verb,
                "--group-id",
                &seed.db.db_sg,
                "--protocol",
                "tcp",
                "--port",
                port,
                "--cidr",
                was,
            ]);
        }
    }
}

#[test]
fn the_db_steps_path_question_is_drawn_green_then_red_at_the_group_that_blocks() {
    let m = Moto::start();
    let seed = labs::reach_seed(&m);
    let home = tempfile::tempdir().expect("temp home");
    let (s, _guards) = launch(&m, home.path(), &[]);
    s.wait_until_started();

    // ---- Solved: the step's link asks WAS → DB on 3306, and the path is open ---------------------
    open_lab(&s);
    ask_from_the_db_step(&s, "open");
    assert_eq!(step_status(&s, DB_STEP), "pass");
    let form: Vec<String> =
        ["reach-from", "reach-from-subnet", "reach-to", "reach-to-subnet", "reach-port", "reach-protocol"]
            .iter()
            .map(|id| value(&s, id))
            .collect();
    assert_eq!(
        form,
        ["was-sg", "10.10.3.0/24", "db-sg", "172.16.1.0/24", "3306", "tcp"],
        "the form is prefilled"
    );
    assert!(
        s.js("return !document.querySelector('#reach-result .reach-stop.blocked');", json!([]))
            == json!(true),
        "no stop drawn red on an open path"
    );
    let headline = s.text("#reach-result p.ok");
    assert!(headline.contains("양방향 모두 열려"), "{headline}");
    let svg_note = svg_text(&s, "#reach-result .reach-note");
    assert!(svg_note.contains("네트워크 밖"), "the picture ends on where to look next: {svg_note}");
    let beyond = s.text("#reach-result p.beyond-network");
    assert!(
        beyond.contains("네트워크 밖을 보세요") && beyond.contains("비밀번호") && beyond.contains("3306"),
        "the sentence beyond the network, in Korean: {beyond}"
    );
    assert!(hops(&s).iter().all(|(class, _)| class == "allow"), "{:?}", hops(&s));
    s.js("document.querySelector('#reach-result .reach-note').scrollIntoView({block: 'end'});", json!([]));
    shoot(&s, "reach-open");

    // ---- Picked in the picture: a click on the WAS instance fills From, Enter on the database To --
    let badge = |value: &str| format!("#reach-result figure.reach [data-endpoint=\"{value}\"]");
    // The badge's label is what a pointer lands on (WebKit's driver clicks no SVG group itself).
    s.click(&format!("{} > text", badge(&seed.was)));
    s.focus_and_press_enter(&badge("lab-db"));
    let form: Vec<String> = ["reach-from", "reach-from-subnet", "reach-to", "reach-to-subnet"]
        .iter()
        .map(|id| value(&s, id))
        .collect();
    assert_eq!(form, [seed.was.as_str(), "", "lab-db", ""], "picked: From, then To");
    let outlined = s.js(
        "return [document.querySelector(arguments[0]).classList.contains('picked-from'), document.querySelector(arguments[1]).classList.contains('picked-to'), document.querySelector(arguments[0]).getAttribute('tabindex')];",
        json!([badge(&seed.was), badge("lab-db")]),
    );
    assert_eq!(outlined, json!([true, true, "0"]), "the picked ends are outlined and focusable");
    s.js(
        "document.querySelector('#reach-result figure.reach').setAttribute('data-e2e', 'before');",
        json!([]),
    );
    s.click("#reach-ask");
    s.wait_for(
        "the picked question's answer",
        60,
        "return !!document.querySelector('#reach-result figure.reach:not([data-e2e]) g.reach-path.open');",
        json!([]),
    );
    let listed = hops(&s);
    assert!(
        listed.iter().all(|(class, _)| class == "allow")
            && listed.iter().any(|(_, text)| text.contains(&seed.was_ip)),
        "the path from the WAS instance's own address: {listed:?}"
    );
    assert!(s.text("#reach-result p.beyond-network").contains("비밀번호"));

    // ---- Broken with the AWS CLI: the group admits 3307; checked again, asked again ---------------
    admit_the_wrong_port(&m, &seed);
    open_lab(&s);
    ask_from_the_db_step(&s, "blocked");
    assert_eq!(step_status(&s, DB_STEP), "fail");
    let red = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#reach-result .reach-stop.blocked title'), function (t) { return t.textContent; });",
        json!([]),
    );
    let red = red.as_array().expect("red stops");
    assert_eq!(red.len(), 1, "one stop drawn red: {red:?}");
    let red = red[0].as_str().unwrap_or_default();
    assert!(red.contains("보안 그룹") && red.contains(&seed.db.db_sg), "the red stop is the DB group: {red}");
    let headline = s.text("#reach-result p.warn");
    assert!(headline.contains("막힘") && headline.contains(&seed.db.db_sg), "{headline}");
    // The rule that decided is drawn under the picture, the fix under it.
    let rule = svg_text(&s, "#reach-result .reach-rule");
    assert!(rule.contains("3306"), "{rule}");
    let fix = svg_text(&s, "#reach-result .reach-note");
    let command =
        format!("authorize-security-group-ingress --group-id {} --protocol tcp --port 3306", seed.db.db_sg);
    let listed = hops(&s);
    let denied: Vec<&(String, String)> = listed.iter().filter(|(class, _)| class == "deny").collect();
    assert_eq!(denied.len(), 1, "{listed:?}");
    assert!(
        denied[0].1.contains(&seed.db.db_sg)
            && denied[0].1.contains("tcp/3307")
            && denied[0].1.contains("해결"),
        "the blocking hop with its rule and fix: {}",
        denied[0].1
    );
    assert!(denied[0].1.contains(&command), "the fix is the command: {}", denied[0].1);
    assert!(fix.contains("authorize-security-group-ingress"), "the fix under the picture: {fix}");
    s.js(
        "document.querySelector('#reach-result .reach-stop.blocked').scrollIntoView({block: 'center'});",
        json!([]),
    );
    shoot(&s, "reach");
    s.end();
}

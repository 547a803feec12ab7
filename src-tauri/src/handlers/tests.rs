//! The commands' bodies, called without a window.

use super::*;

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    (dir, state)
}

fn set_lang(state: &AppState, lang: Lang) {
    let settings = Settings { lang: Some(lang), ..Settings::default() };
    save_settings(state, settings).unwrap();
}

#[test]
fn app_info_starts_in_korean_with_nothing_opened_yet() {
    let (_dir, state) = state();
    let info = app_info(&state);
    assert_eq!(info.settings, Settings::default());
    assert_eq!(info.lang, Lang::Ko);
    assert!(info.settings_file.ends_with("desktop.toml"));
    assert!(info.last_lab.is_none() && info.last_lesson.is_none());
}

#[test]
fn settings_are_saved_applied_and_bad_ones_refused() {
    let (dir, state) = state();
    set_lang(&state, Lang::En);
    assert_eq!(app_info(&state).lang, Lang::En);
    let reopened = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    assert_eq!(app_info(&reopened).lang, Lang::En, "persisted in the data dir");
    let bad = Settings { endpoint_url: "127.0.0.1:5000".into(), ..Settings::default() };
    let err = save_settings(&state, bad).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("endpoint_url"));
    assert_eq!(app_info(&state).lang, Lang::En, "a refused save changes nothing");
}

#[test]
fn labs_list_and_lab_detail_show_the_budget_preflight() {
    let (_dir, state) = state();
    let labs = labs_list(&state).unwrap();
    let three = labs.iter().find(|l| l.lab.id == "three-tier-vpc").unwrap();
    assert!(three.lab.billable);
    assert!(three.progress.is_none());
    let detail = lab_detail(&state, "three-tier-vpc").unwrap();
    assert_eq!(detail.lab.steps[0].id, "budget-guard");
    assert!(detail.lab.steps[0].preflight);
    assert!(detail.last.is_none());
    let last = app_info(&state).last_lab.expect("remembered for Home");
    assert_eq!(last.id, "three-tier-vpc");
    assert_eq!(last.title, "3계층 VPC 구축", "Home's \"continue\" shows the title, not the id");
    let err = lab_detail(&state, "no-such-lab").unwrap_err();
    assert_eq!((err.kind, err.code), ("input", "ui-error-unknown-lab"));
    assert!(err.message.contains("no-such-lab"), "{}", err.message);
}

#[tokio::test]
async fn a_lesson_page_comes_from_the_template_with_app_links() {
    let (_dir, state) = state();
    let tree = lessons_tree(&state).unwrap();
    let networking = tree.iter().find(|g| g.topic == "networking").expect("a networking topic");
    let first = &networking.lessons[0];
    let page = lesson_page(&state, &first.id).await.unwrap();
    assert!(page.html.starts_with("<div class=\"lesson-layout\">"), "{}", &page.html[..80]);
    assert!(page.html.contains(&format!("data-lesson-id=\"{}\"", first.id)));
    assert!(!page.html.contains("<body") && !page.html.contains("<script"));
    assert!(page.html.contains("href=\"sandpit://lesson/"), "wikilinks point inside the app");
    let last = app_info(&state).last_lesson.expect("remembered for Home");
    assert_eq!((last.id.as_str(), last.title.as_str()), (first.id.as_str(), first.title.as_str()));
    let tree = lessons_tree(&state).unwrap();
    assert!(tree.iter().flat_map(|g| &g.lessons).any(|l| l.id == first.id && l.opened));
    assert_eq!(lesson_page(&state, "nope").await.unwrap_err().kind, "input");
}

#[tokio::test]
async fn an_imported_note_shows_its_images_inline() {
    let (dir, state) = state();
    let vault = dir.path().join("source/vault");
    std::fs::create_dir_all(vault.join("img")).unwrap();
    std::fs::write(vault.join("img/diagram.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(vault.join("Note.md"), "# Note\n\n![[diagram.png]]\n\n![[gone.png]]\n").unwrap();
    sandpit_lessons::import_notes(&vault, dir.path()).unwrap();
    let page = lesson_page(&state, "vault/Note").await.unwrap();
    assert!(
        page.html.contains("<img class=\"embed-image\" src=\"data:image/png;base64,iVBORw0KGgo=\""),
        "{}",
        page.html
    );
    assert!(!page.html.contains("sandpit://asset/"), "nothing left for the webview to fetch");
    assert!(page.html.contains("<span class=\"embed missing\"") && page.html.contains(">gone.png</span>"));
    let csp = include_str!("../../tauri.conf.json");
    assert!(csp.contains("\"img-src\": \"'self' data:\""), "the CSP allows exactly local and data: images");
}

#[test]
fn search_finds_korean_and_english() {
    let (dir, state) = state();
    let hits = lessons_search(&state, "서브넷").unwrap();
    assert!(!hits.is_empty());
    // The same persistent index `sandpit lessons search` uses.
    assert!(sandpit_lessons::index_path(dir.path()).is_dir());
    assert_eq!(lessons_search(&state, "보안그룹").unwrap()[0].id, "vpc-security-groups");
    assert!(hits[0].snippet_html.contains("<mark>"), "{}", hits[0].snippet_html);
    set_lang(&state, Lang::En);
    assert!(!lessons_search(&state, "subnet").unwrap().is_empty());
    assert!(lessons_search(&state, "zzzzqqq").unwrap().is_empty());
}

#[tokio::test]
async fn quiz_answers_are_remembered() {
    let (dir, state) = state();
    record_quiz_answer(&state, "vpc-igw-nat", "1", true).await;
    record_quiz_answer(&state, "vpc-igw-nat", "2", false).await;
    let saved = DesktopState::load(dir.path());
    assert!(saved.quiz["vpc-igw-nat"]["1"]);
    assert!(!saved.quiz["vpc-igw-nat"]["2"]);
}

#[test]
fn topology_before_any_check_draws_the_target_and_says_so() {
    let (_dir, state) = state();
    set_lang(&state, Lang::En);
    let view = topology(&state, "three-tier-vpc").unwrap();
    assert!(view.checked_at.is_none());
    assert!(view.target_svg.contains("10.10.5.0/24"));
    assert!(view.actual_svg.contains("Not checked yet"));
    assert!(view.differences.is_empty());
}

#[test]
fn the_was_tier_target_draws_the_load_balancer_and_the_instances_per_subnet() {
    let (_dir, state) = state();
    set_lang(&state, Lang::En);
    let view = topology(&state, "was-alb-asg").unwrap();
    for needle in ["ALB · internal · :80 → TG :8080", "ASG · min 2", "EC2×1", "10.10.3.0/24", "10.10.4.0/24"]
    {
        assert!(view.target_svg.contains(needle), "{needle} missing from\n{}", view.target_svg);
    }
}

#[test]
fn the_team_project_is_one_lab_of_prefixed_steps_behind_the_budget_preflight() {
    let (_dir, state) = state();
    let detail = lab_detail(&state, "team-project").unwrap();
    assert!(detail.lab.billable);
    assert_eq!(detail.lab.steps[0].id, "budget-guard");
    assert!(detail.lab.steps[0].preflight);
    assert!(detail.lab.steps[1..].iter().all(|s| s.id.contains('/')), "included steps carry their lab's id");
    assert!(detail.lab.steps.iter().any(|s| s.id == "vpc-peering/db-vpc"));
}

#[tokio::test]
async fn bad_input_answers_with_a_readable_message() {
    let (_dir, state) = state();
    assert_eq!(budget_ensure(&state, -1.0, "a@b".into()).await.unwrap_err().field.as_deref(), Some("limit"));
    assert_eq!(
        budget_ensure(&state, 22.0, "nobody".into()).await.unwrap_err().field.as_deref(),
        Some("email")
    );
}

#[tokio::test]
async fn a_dead_endpoint_is_a_readable_error_not_a_hang() {
    let (_dir, state) = state();
    let settings = Settings {
        endpoint_url: "http://127.0.0.1:9".into(),
        region: "ap-northeast-2".into(),
        ..Settings::default()
    };
    save_settings(&state, settings).unwrap();
    let err = check_lab(&state, "vpc-peering", Vec::new()).await.unwrap_err();
    assert!(!err.message.is_empty());
    assert!(matches!(err.kind, "aws" | "input"), "{err:?}");
    let err = cost_report(&state).await.unwrap_err();
    assert!(matches!(err.kind, "aws" | "input") && !err.message.is_empty(), "{err:?}");
    let err = check_lab(&state, "vpc-peering", vec!["no-such-step".into()]).await.unwrap_err();
    assert!(err.message.contains("no-such-step"), "an unknown step is named before AWS is called: {err:?}");
}

#[test]
fn the_body_of_a_page_is_cut_from_the_document() {
    assert_eq!(body_of("<html><body class=\"x\">\n<p>hi</p>\n</body></html>"), "<p>hi</p>");
    assert_eq!(body_of("no body"), "no body");
}

mod progress_store;

/// The lesson page and the lab runner's view, as text: what the window renders.
mod templates {
    use std::path::Path;

    use sandpit_core::labs::LabSet;

    use super::*;

    fn fixture_library() -> Library {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content");
        Library::from_content_dir(&dir, Lang::Ko).unwrap()
    }

    #[test]
    fn lesson_page_body() {
        let view = render_lesson_view(&fixture_library(), "subnets").unwrap();
        assert!(!view.html.contains("<script>alert"), "raw HTML in a lesson is sanitised");
        insta::assert_snapshot!("lesson_page_body", view.html);
    }

    const LAB: &str = r#"
id = "mini"
order = 1
billable = true
lessons = ["subnets"]
title = { ko = "작은 실습", en = "A small lab" }
summary = { ko = "VPC **하나**.", en = "One **VPC**." }

[[param]]
name = "vpc_cidr"
type = "cidr"
default = "10.10.0.0/16"
description = { ko = "VPC CIDR", en = "VPC CIDR" }

[[step]]
id = "vpc"
lessons = ["subnets"]
title = { ko = "VPC 만들기", en = "Create the VPC" }
console = { ko = "**VPC 콘솔**에서 `{{vpc_cidr}}`로 만듭니다. <b>raw</b>", en = "In the **VPC console**, create `{{vpc_cidr}}`." }
cli = "aws ec2 create-vpc --cidr-block {{vpc_cidr}}"
why = { ko = "나만의 네트워크입니다.", en = "Your own network." }
hints = { ko = ["리전을 보세요.", "기본 VPC는 안 됩니다."], en = ["Check the region.", "Not the default VPC."] }
[[step.check]]
kind = "vpc"
vpc = { cidr = "{{vpc_cidr}}" }
"#;

    #[test]
    fn lab_runner_view() {
        let labs =
            LabSet::from_sources(vec![("labs/mini/lab.toml".into(), "mini".into(), LAB.into())]).unwrap();
        let lab = labs.get("mini").unwrap();
        let view = sandpit_view::labview::lab_view(lab, &lab.params([]).unwrap(), &fixture_library());
        insta::assert_snapshot!("lab_runner_view_ko", serde_json::to_string_pretty(&view).unwrap());
    }
}

// The desktop contract: every command the window may call, declared once. `commands/mod.rs`
// turns each entry into a Tauri command (an adapter onto `crate::handlers`), the invoke handler,
// the typed JavaScript bindings (`ui/app/gen/`) and the capability file's permissions;
// `build.rs` reads the names from this same file for Tauri's permission manifest. Each entry:
// `fn name(state, arg: Type, …; channel: Item) -> Answer { body }`, the body an expression of
// `Result<Answer, UiError>` with `state: &AppState` in scope.
desktop_commands! {
    /// What the window needs to start: settings, where things are, what it last showed.
    fn app_info(state) -> h::AppInfo { Ok(h::app_info(state)) }
    /// Validates, saves and applies the settings.
    fn save_settings(state, settings: Settings) -> h::AppInfo { h::save_settings(state, settings) }
    /// The AWS profiles of `~/.aws/config` and `~/.aws/credentials`, and the regions to pick from.
    fn aws_choices(state) -> h::AwsChoices { Ok(h::aws_choices(state).await) }
    /// Tries `settings` (not saved) and says who they connect as, or what is wrong.
    fn test_connection(state, settings: Settings) -> h::WhoamiView { h::test_connection(state, settings).await }
    /// Who the settings connect as.
    fn whoami(state) -> h::WhoamiView { h::whoami(state).await }
    /// The budget guard's state.
    fn budget_status(state) -> GuardStatus { h::budget_status(state).await }
    /// Creates or converges the budget guard.
    fn budget_ensure(state, limit: f64, email: String) -> GuardStatus { h::budget_ensure(state, limit, email).await }
    /// The labs with their last check.
    fn labs_list(state) -> Vec<h::LabListItem> { h::labs_list(state) }
    /// One lab as the runner shows it.
    fn lab_detail(state, lab: String) -> h::LabDetail { h::lab_detail(state, &lab) }
    /// Checks a lab (every step, or those named).
    fn check_lab(state, lab: String, steps: Vec<String>) -> h::ReportView { h::check_lab(state, &lab, steps).await }
    /// "Is this yours?": the lab's parameters as the account seems to hold them.
    fn discover_params(state, lab: String) -> h::DiscoverView { h::discover_params(state, &lab).await }
    /// Keeps the parameters the learner confirmed for the account they were read from; every
    /// later check of the lab in that account uses them, after a restart too.
    fn confirm_params(state, lab: String, account: Option<String>, params: BTreeMap<String, String>) -> Vec<h::ParamInUse> {
        h::confirm_params(state, &lab, account.as_deref(), params)
    }
    /// Forgets the confirmed parameters of a lab in an account: back to the lab's defaults.
    fn clear_params(state, lab: String, account: Option<String>) -> () {
        h::clear_params(state, &lab, account.as_deref());
        Ok(())
    }
    /// Can traffic go from one end to the other, and which hop stops it (from the lab's last
    /// check, or a fresh read of the account).
    fn reach(state, lab: String, question: sandpit_core::reach::Question) -> h::ReachView {
        h::reach_question(state, &lab, question).await
    }
    /// The ends a path question of the lab can name.
    fn reach_endpoints(state, lab: String) -> Vec<sandpit_core::reach::EndpointChoice> { h::reach_endpoints(state, &lab) }
    /// The topology picture of a lab's last check beside its target.
    fn topology(state, lab: String) -> h::TopologyView { h::topology(state, &lab) }
    /// The lesson library by topic.
    fn lessons_tree(state) -> Vec<h::TopicGroup> { h::lessons_tree(state) }
    /// One lesson page.
    fn lesson_page(state, id: String) -> h::LessonView { h::lesson_page(state, &id).await }
    /// Lesson search (Korean and English).
    fn lessons_search(state, query: String) -> Vec<Hit> { h::lessons_search(state, &query) }
    /// Records a quiz answer; says whether the progress store kept it.
    fn record_quiz_answer(state, lesson: String, question: String, correct: bool) -> StoreStatus {
        Ok(h::record_quiz_answer(state, &lesson, &question, correct).await)
    }
    /// Whether progress is being saved, and why not.
    fn progress_status(state) -> StoreStatus { Ok(h::progress_status(state).await) }
    /// The live cost meter and teardown plan.
    fn cost_report(state) -> CostReport { h::cost_report(state).await }
    /// The practice sandbox: running or not, and how to aim the AWS CLI at it.
    fn practice_status(state) -> h::PracticeView { Ok(h::practice_status(state)) }
    /// Starts the practice sandbox (installing it on first use), telling each stage on `progress`.
    fn practice_start(state; progress: h::PracticeProgress) -> h::PracticeView {
        h::practice_start(state, move |p| {
            // A window that went away no longer needs to hear of progress.
            let _ = progress.send(p);
        })
        .await
    }
    /// Stops the practice sandbox.
    fn practice_stop(state) -> h::PracticeView { h::practice_stop(state).await }
    /// The window's first paint (milliseconds since start), for the start-up benchmark.
    fn first_paint(state) -> u64 {
        let ms = h::first_paint(state);
        crate::bench::first_paint(ms);
        Ok(ms)
    }
    /// The Class view's starting point.
    fn class_info(state) -> h::ClassInfo { Ok(h::class_info(state)) }
    /// Loads and validates a roster.
    fn class_roster(state, path: String) -> h::RosterView { h::class_roster(state, &path) }
    /// Checks a lab in every team's account, telling each team's end on `on_progress`.
    fn class_check(state, roster: String, lab: String, options: h::ClassCheckOptions; on_progress: h::ClassProgress) -> h::ClassMatrixView {
        h::class_check(state, &roster, &lab, &options, |p| {
            let _ = on_progress.send(p);
        })
        .await
    }
    /// One team of the last class check.
    fn class_team(state, team: String) -> h::TeamDetailView { h::class_team(state, &team) }
    /// Writes the last class matrix as CSV or JSON.
    fn class_export(state, format: String, path: String) -> h::ClassExport { h::class_export(state, &format, &path) }
}

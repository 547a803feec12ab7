//! The [`Store`]: one pool, one set of queries, SQLite or PostgreSQL underneath.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sandpit_core::Lang;
use sandpit_core::report::{LabStatus, Report, StepStatus};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor, Row};

use crate::StoreError;
use crate::evidence::{self, Evidence, Verification};
use crate::location::{Backend, Location};
use crate::model::{
    Attempt, AttemptFilter, AttemptId, AttemptRecord, LabProgress, LessonProgress, RANKED, lab_status_name,
    parse_lab_status, parse_timestamp, step_status_name, timestamp,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// How long a writer waits for another one (the desktop app and the CLI at the same time)
/// before SQLite gives up with "database is locked".
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long opening the store (or waiting for a free connection) may take: a classroom server
/// that is down is reported in seconds, not after the driver's default of half a minute.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The progress store. Cheap to clone (it is a connection pool), `Send + Sync`: open it once
/// and hand clones to async tasks or Tauri commands.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    location: Arc<Location>,
}

/// The attempt filter as SQL over `$1` (lab), `$2` (team), `$3` (account); see [`bind_filter`].
macro_rules! attempt_filter {
    () => {
        "($1 IS NULL OR lab = $1) AND ($2 IS NULL OR team = $2) AND ($3 IS NULL OR account = $3)"
    };
}

const ATTEMPT_COLUMNS: &str = "id, lab, team, account, region, caller, checked_at, status, steps_passed, \
                               steps_total, evidence_sha256, report, params, discovered_params";

impl Store {
    /// Opens (creating and upgrading as needed) the database at `url`: `sqlite:PATH`,
    /// `sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::connect(Location::parse(url)?).await
    }

    /// Opens the default database, `<data_dir>/sandpit.db`, creating it when missing.
    pub async fn open_default(data_dir: &Path) -> Result<Self, StoreError> {
        Self::connect(Location::default_in(data_dir)).await
    }

    /// Opens `url` when given, else the default database in `data_dir`.
    pub async fn open_or_default(url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        match url {
            Some(url) => Self::open(url).await,
            None => Self::open_default(data_dir).await,
        }
    }

    /// Checks a URL without connecting: [`StoreError::BadUrl`] when it is malformed.
    pub fn check_url(url: &str) -> Result<(), StoreError> {
        Location::parse(url).map(drop)
    }

    async fn connect(location: Location) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let sqlite = matches!(location.backend, Backend::Sqlite { .. });
        if let Backend::Sqlite { path } = &location.backend
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_owned(), source })?;
        }
        let options = AnyConnectOptions::from_str(&location.url)
            .map_err(|e| StoreError::BadUrl { url: location.display.clone(), reason: e.to_string() })?;
        if !sqlite {
            // The pool retries a refused connection until its timeout and then says only "pool
            // timed out": one direct attempt first names the real cause (refused, unknown host,
            // wrong password) at once.
            let unreachable = |source| location.connect_error(source);
            let probe = tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await.map_err(|_| {
                let secs = CONNECT_TIMEOUT.as_secs();
                unreachable(sqlx::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no answer in {secs} s"),
                )))
            })?;
            probe.map_err(unreachable)?.close().await.map_err(unreachable)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 8 })
            .acquire_timeout(CONNECT_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if sqlite {
                        // Per connection: wait for other writers instead of failing at once,
                        // and enforce the attempt → steps reference.
                        let ms = SQLITE_BUSY_TIMEOUT.as_millis();
                        conn.execute(format!("PRAGMA busy_timeout = {ms}").as_str()).await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|source| location.connect_error(source))?;
        let store = Store { pool, location: Arc::new(location) };
        if sqlite {
            store.use_wal().await?;
        }
        store.migrate().await?;
        Ok(store)
    }

    /// Switches a SQLite file to write-ahead logging (kept in the file), so readers never block
    /// the writer and a crash mid-write leaves the last committed state.
    async fn use_wal(&self) -> Result<(), StoreError> {
        let mut tries = 0;
        loop {
            let result: Result<String, sqlx::Error> =
                sqlx::query_scalar("PRAGMA journal_mode = WAL").fetch_one(&self.pool).await;
            match result {
                Ok(_) => return Ok(()),
                // Changing the journal mode needs a lock that the busy timeout does not wait
                // for: another process creating the same new file at this very moment.
                Err(_) if tries < 20 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50 * tries)).await;
                }
                Err(source) => {
                    return Err(StoreError::Unreachable { location: self.location.display.clone(), source });
                }
            }
        }
    }

    /// Brings the schema up to date. SQLite has no migration lock: when two processes upgrade the
    /// same file at once, the loser fails on the winner's tables and simply runs again (applied
    /// migrations are skipped). PostgreSQL migrations take an advisory lock.
    async fn migrate(&self) -> Result<(), StoreError> {
        let (migrator, retries) = match self.location.backend {
            Backend::Sqlite { .. } => (&SQLITE_MIGRATIONS, 5),
            Backend::Postgres => (&POSTGRES_MIGRATIONS, 0),
        };
        let mut tries = 0;
        loop {
            match migrator.run(&self.pool).await {
                Ok(()) => return Ok(()),
                Err(MigrateError::VersionMissing(version)) => {
                    return Err(StoreError::TooNew { location: self.location.display.clone(), version });
                }
                Err(_) if tries < retries => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100 * tries)).await;
                }
                Err(source) => {
                    return Err(StoreError::Migration { location: self.location.display.clone(), source });
                }
            }
        }
    }

    /// Which database this is.
    pub fn backend(&self) -> &Backend {
        &self.location.backend
    }

    /// Where the database is, for people: the SQLite file, or the URL with its password hidden.
    pub fn describe(&self) -> &str {
        &self.location.display
    }

    /// Closes every connection, waiting for work in progress. Clones are closed too.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Records one check, with its evidence, in one transaction: either all of it is kept or
    /// none. Returns the new attempt's id.
    pub async fn record_attempt(&self, attempt: &Attempt<'_>) -> Result<AttemptId, StoreError> {
        let report = attempt.report;
        let report_json =
            serde_json::to_string(report).map_err(|e| StoreError::Corrupt(format!("report: {e}")))?;
        let packed = evidence::pack(attempt.snapshot)?;
        let json = |v: serde_json::Value| v.to_string();
        let params = (!report.params.is_empty()).then(|| json(serde_json::json!(report.params)));
        let discovered =
            report.discovered.as_ref().map(|d| json(serde_json::json!(d.keys().collect::<Vec<_>>())));
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attempts (lab, team, account, region, caller, checked_at, status, steps_passed, \
             steps_total, report, evidence, evidence_format, evidence_sha256, params, discovered_params) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        )
        .bind(&report.lab)
        .bind(attempt.team)
        .bind(report.account.as_deref())
        .bind(report.region.as_deref())
        .bind(attempt.caller)
        .bind(timestamp(report.checked_at))
        .bind(lab_status_name(report.status))
        .bind(count(report.summary.passed))
        .bind(count(report.steps.len()))
        .bind(report_json)
        .bind(packed.compressed)
        .bind(evidence::FORMAT)
        .bind(packed.sha256)
        .bind(params)
        .bind(discovered)
        .fetch_one(&mut *tx)
        .await?;
        for (position, step) in report.steps.iter().enumerate() {
            sqlx::query(
                "INSERT INTO attempt_steps (attempt_id, position, step_id, status) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(count(position))
            .bind(&step.id)
            .bind(step_status_name(step.status))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The attempts that match `filter`, oldest first, without their evidence.
    pub async fn attempts(&self, filter: &AttemptFilter) -> Result<Vec<AttemptRecord>, StoreError> {
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE {} ORDER BY checked_at, id",
            attempt_filter!()
        );
        let rows = bind_filter(sqlx::query(&sql), filter).fetch_all(&self.pool).await?;
        rows.iter().map(attempt_record).collect()
    }

    /// One attempt.
    pub async fn attempt(&self, id: AttemptId) -> Result<AttemptRecord, StoreError> {
        let sql = format!("SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        attempt_record(&row.ok_or(StoreError::NoSuchAttempt(id))?)
    }

    /// The evidence of one attempt: the snapshot JSON it judged.
    pub async fn evidence(&self, id: AttemptId) -> Result<Evidence, StoreError> {
        let row =
            sqlx::query("SELECT evidence_format, evidence, evidence_sha256 FROM attempts WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NoSuchAttempt(id))?;
        let format: String = row.try_get("evidence_format")?;
        let compressed: Vec<u8> = row.try_get("evidence")?;
        Ok(Evidence {
            attempt: id,
            json: evidence::unpack(id, &format, &compressed)?,
            recorded_sha256: row.try_get("evidence_sha256")?,
        })
    }

    /// Recomputes the hash of one attempt's stored evidence and compares it with the recorded
    /// one. Evidence that cannot even be decompressed is reported as not intact.
    pub async fn verify(&self, id: AttemptId) -> Result<Verification, StoreError> {
        match self.evidence(id).await {
            Ok(evidence) => {
                let actual = evidence.actual_sha256();
                Ok(Verification {
                    attempt: id,
                    intact: actual == evidence.recorded_sha256,
                    actual_sha256: Some(actual),
                    recorded_sha256: evidence.recorded_sha256,
                })
            }
            Err(StoreError::Corrupt(_)) => {
                let recorded: String =
                    sqlx::query_scalar("SELECT evidence_sha256 FROM attempts WHERE id = $1")
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await?;
                Ok(Verification {
                    attempt: id,
                    recorded_sha256: recorded,
                    actual_sha256: None,
                    intact: false,
                })
            }
            Err(other) => Err(other),
        }
    }

    /// [`Self::verify`] for every attempt that matches `filter`, oldest first.
    pub async fn verify_all(&self, filter: &AttemptFilter) -> Result<Vec<Verification>, StoreError> {
        let sql = format!("SELECT id FROM attempts WHERE {} ORDER BY checked_at, id", attempt_filter!());
        let ids: Vec<i64> =
            bind_filter_scalar(sqlx::query_scalar(&sql), filter).fetch_all(&self.pool).await?;
        let mut verified = Vec::with_capacity(ids.len());
        for id in ids {
            verified.push(self.verify(id).await?);
        }
        Ok(verified)
    }

    /// Progress per lab (all labs, or only `lab`), sorted by lab id.
    pub async fn progress(&self, lab: Option<&str>) -> Result<Vec<LabProgress>, StoreError> {
        self.progress_of(&AttemptFilter::lab(lab)).await
    }

    /// Progress per lab over the attempts that match `filter` (one team, one account…).
    pub async fn progress_of(&self, filter: &AttemptFilter) -> Result<Vec<LabProgress>, StoreError> {
        let sql = format!(
            "WITH filtered AS (
                SELECT id, lab, status, checked_at, steps_passed, steps_total FROM attempts WHERE {}
            ),
            latest AS (
                SELECT id, lab, status, checked_at, steps_total FROM (
                    SELECT id, lab, status, checked_at, steps_total,
                           ROW_NUMBER() OVER (
                               PARTITION BY lab
                               ORDER BY CASE status WHEN 'partial' THEN 1 ELSE 0 END, checked_at DESC, id DESC
                           ) AS recency
                    FROM filtered
                ) ranked
                WHERE recency = 1
            ),
            summary AS (
                SELECT lab, COUNT(*) AS attempts,
                       MIN(CASE status WHEN 'pass' THEN 0 WHEN 'fail' THEN 1 WHEN 'error' THEN 2
                                       WHEN 'blocked' THEN 3 ELSE 4 END)
                           AS best_rank,
                       MIN(CASE WHEN status = 'pass' AND steps_passed = steps_total THEN checked_at END)
                           AS first_passed_at
                FROM filtered GROUP BY lab
            ),
            done AS (
                SELECT l.lab, COUNT(DISTINCT s.step_id) AS steps_done
                FROM latest l
                JOIN attempt_steps ls ON ls.attempt_id = l.id
                JOIN filtered f ON f.lab = l.lab
                JOIN attempt_steps s ON s.attempt_id = f.id AND s.step_id = ls.step_id AND s.status = 'pass'
                GROUP BY l.lab
            )
            SELECT l.lab, l.status AS latest_status, l.checked_at AS latest_checked_at,
                   CAST(l.steps_total AS BIGINT) AS steps_total,
                   CAST(m.attempts AS BIGINT) AS attempts,
                   CAST(m.best_rank AS BIGINT) AS best_rank,
                   m.first_passed_at,
                   CAST(COALESCE(d.steps_done, 0) AS BIGINT) AS steps_done
            FROM latest l
            JOIN summary m ON m.lab = l.lab
            LEFT JOIN done d ON d.lab = l.lab",
            attempt_filter!()
        );
        let rows = bind_filter(sqlx::query(&sql), filter).fetch_all(&self.pool).await?;
        let mut progress = rows
            .iter()
            .map(|row| -> Result<LabProgress, StoreError> {
                let best_rank: i64 = row.try_get("best_rank")?;
                let first_passed_at: Option<String> = row.try_get("first_passed_at")?;
                Ok(LabProgress {
                    lab: row.try_get("lab")?,
                    attempts: unsigned(row.try_get("attempts")?),
                    best_status: usize::try_from(best_rank)
                        .ok()
                        .and_then(|rank| RANKED.get(rank).copied())
                        .ok_or_else(|| StoreError::Corrupt(format!("status rank {best_rank}")))?,
                    latest_status: parse_lab_status(&row.try_get::<String, _>("latest_status")?)?,
                    latest_checked_at: parse_timestamp(&row.try_get::<String, _>("latest_checked_at")?)?,
                    steps_done: unsigned(row.try_get("steps_done")?),
                    steps_total: unsigned(row.try_get("steps_total")?),
                    first_passed_at: first_passed_at.as_deref().map(parse_timestamp).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here rather than in SQL: a PostgreSQL collation may order ids differently.
        progress.sort_by(|a, b| a.lab.cmp(&b.lab));
        Ok(progress)
    }

    /// Records that a lesson was opened, now.
    pub async fn record_lesson_opened(&self, lesson_id: &str, lang: Lang) -> Result<(), StoreError> {
        self.record_lesson_opened_at(lesson_id, lang, Utc::now()).await
    }

    /// Records that a lesson was opened at `at`.
    pub async fn record_lesson_opened_at(
        &self,
        lesson_id: &str,
        lang: Lang,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO lesson_opens (lesson_id, lang, opened_at) VALUES ($1, $2, $3)")
            .bind(lesson_id)
            .bind(lang.code())
            .bind(timestamp(at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records a quiz answer, now. `question` identifies the question within the lesson.
    pub async fn record_quiz_answer(
        &self,
        lesson_id: &str,
        question: &str,
        answer: &str,
        correct: bool,
    ) -> Result<(), StoreError> {
        self.record_quiz_answer_at(lesson_id, question, answer, correct, Utc::now()).await
    }

    /// Records a quiz answer given at `at`.
    pub async fn record_quiz_answer_at(
        &self,
        lesson_id: &str,
        question: &str,
        answer: &str,
        correct: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO quiz_answers (lesson_id, question, answer, correct, answered_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(lesson_id)
        .bind(question)
        .bind(answer)
        .bind(correct)
        .bind(timestamp(at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Lessons opened and quizzes answered, per lesson, sorted by lesson id.
    pub async fn lesson_progress(&self) -> Result<Vec<LessonProgress>, StoreError> {
        let rows = sqlx::query(
            "WITH opens AS (
                SELECT lesson_id, COUNT(*) AS opens, MIN(opened_at) AS first_opened_at,
                       MAX(opened_at) AS last_opened_at
                FROM lesson_opens GROUP BY lesson_id
            ),
            quiz AS (
                SELECT lesson_id, COUNT(DISTINCT question) AS answered,
                       COUNT(DISTINCT CASE WHEN correct THEN question END) AS correct
                FROM quiz_answers GROUP BY lesson_id
            ),
            touched AS (
                SELECT lesson_id FROM opens UNION SELECT lesson_id FROM quiz
            )
            SELECT t.lesson_id,
                   CAST(COALESCE(o.opens, 0) AS BIGINT) AS opens,
                   o.first_opened_at, o.last_opened_at,
                   CAST(COALESCE(q.answered, 0) AS BIGINT) AS questions_answered,
                   CAST(COALESCE(q.correct, 0) AS BIGINT) AS questions_correct
            FROM touched t
            LEFT JOIN opens o ON o.lesson_id = t.lesson_id
            LEFT JOIN quiz q ON q.lesson_id = t.lesson_id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut lessons = rows
            .iter()
            .map(|row| -> Result<LessonProgress, StoreError> {
                let first: Option<String> = row.try_get("first_opened_at")?;
                let last: Option<String> = row.try_get("last_opened_at")?;
                Ok(LessonProgress {
                    lesson_id: row.try_get("lesson_id")?,
                    opens: unsigned(row.try_get("opens")?),
                    first_opened_at: first.as_deref().map(parse_timestamp).transpose()?,
                    last_opened_at: last.as_deref().map(parse_timestamp).transpose()?,
                    questions_answered: unsigned(row.try_get("questions_answered")?),
                    questions_correct: unsigned(row.try_get("questions_correct")?),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        lessons.sort_by(|a, b| a.lesson_id.cmp(&b.lesson_id));
        Ok(lessons)
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;
type AnyQueryScalar<'q, T> = sqlx::query::QueryScalar<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>;

/// Binds `$1` (lab), `$2` (team), `$3` (account) of [`attempt_filter!`].
fn bind_filter<'q>(query: AnyQuery<'q>, filter: &'q AttemptFilter) -> AnyQuery<'q> {
    query.bind(filter.lab.as_deref()).bind(filter.team.as_deref()).bind(filter.account.as_deref())
}

fn bind_filter_scalar<'q, T>(
    query: AnyQueryScalar<'q, T>,
    filter: &'q AttemptFilter,
) -> AnyQueryScalar<'q, T> {
    query.bind(filter.lab.as_deref()).bind(filter.team.as_deref()).bind(filter.account.as_deref())
}

fn attempt_record(row: &AnyRow) -> Result<AttemptRecord, StoreError> {
    let id: i64 = row.try_get("id")?;
    let report_json: String = row.try_get("report")?;
    let mut report: Report = serde_json::from_str(&report_json)
        .map_err(|e| StoreError::Corrupt(format!("attempt {id}: report: {e}")))?;
    let status = parse_lab_status(&row.try_get::<String, _>("status")?)?;
    if status == LabStatus::Partial && report.is_whole_lab() {
        // Recorded before partial runs had their own verdict (migration 0003 relabelled it).
        let asked: Vec<String> =
            report.steps.iter().filter(|s| s.status != StepStatus::Skipped).map(|s| s.id.clone()).collect();
        report = report.scoped_to(&asked);
    }
    Ok(AttemptRecord {
        id,
        lab: row.try_get("lab")?,
        team: row.try_get("team")?,
        account: row.try_get("account")?,
        region: row.try_get("region")?,
        caller: row.try_get("caller")?,
        checked_at: parse_timestamp(&row.try_get::<String, _>("checked_at")?)?,
        status,
        steps_passed: unsigned(row.try_get("steps_passed")?),
        steps_total: unsigned(row.try_get("steps_total")?),
        evidence_sha256: row.try_get("evidence_sha256")?,
        params: json_column(id, "params", row.try_get("params")?)?,
        discovered: json_column(id, "discovered_params", row.try_get("discovered_params")?)?,
        report,
    })
}

/// A JSON column read back (absent for checks recorded before it existed).
fn json_column<T: serde::de::DeserializeOwned>(
    id: i64,
    name: &str,
    text: Option<String>,
) -> Result<Option<T>, StoreError> {
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("attempt {id}: {name}: {e}")))
    })
    .transpose()
}

/// A count as stored (both databases have signed 64-bit integers).
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A stored count read back (never negative; clamp rather than fail on a hand-edited row).
fn unsigned(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

//! The team database's schema: versioned migrations, the two group roles
//! and row-level security. Applied by `callcoach team init` (an
//! administrator, owner of the tables).
//!
//! Everything lives in the schema `callcoach`. Roles are cluster-wide
//! group roles without login: `callcoach_agent` (members insert and read
//! only their own calls, events and practice results; a row's `agent` is
//! the login role that wrote it, `current_user`) and `callcoach_lead`
//! (members read every row of the database: one database per team, and
//! publish playbooks and scenarios, which everyone reads).
//! Neither role may delete; rows leave only through the functions
//! `callcoach.erase_customer` and `callcoach.purge_before`, which run with
//! the owner's rights. Like the local store's migrations, a released step
//! is never edited, only new steps appended.

use anyhow::Context as _;
use postgres::Client;

/// The role whose members are agents.
pub const AGENT_ROLE: &str = "callcoach_agent";
/// The role whose members are team leads.
pub const LEAD_ROLE: &str = "callcoach_lead";

/// Each step, from version `index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    // v1: roles, calls, events, practice results, row-level security, erase and purge.
    r#"
    DO $$ BEGIN
        BEGIN CREATE ROLE callcoach_agent NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN CREATE ROLE callcoach_lead NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    END $$;

    CREATE TABLE callcoach.calls (
        agent            text NOT NULL DEFAULT current_user,
        call_id          text NOT NULL,
        playbook_id      text NOT NULL,
        playbook_version text NOT NULL,
        playbook_hash    text,
        customer         text,
        channel          text NOT NULL,
        started_at       bigint NOT NULL,
        ended_at         bigint,
        outcome          text,
        cause            text,
        marked_difficult boolean NOT NULL DEFAULT false,
        escalations      integer NOT NULL DEFAULT 0,
        notes            text NOT NULL DEFAULT '',
        agreements       jsonb NOT NULL DEFAULT '[]',
        follow_up        jsonb,
        follow_up_result jsonb,
        evaluation       jsonb NOT NULL DEFAULT '{}',
        stage_ms         jsonb NOT NULL DEFAULT '{}',
        skipped          jsonb NOT NULL DEFAULT '[]',
        last_activity    bigint NOT NULL,
        synced_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent, call_id)
    );
    CREATE INDEX calls_by_start ON callcoach.calls (started_at);
    CREATE INDEX calls_by_customer ON callcoach.calls (customer);

    CREATE TABLE callcoach.events (
        agent   text NOT NULL DEFAULT current_user,
        call_id text NOT NULL,
        seq     bigint NOT NULL,
        at      bigint NOT NULL,
        kind    text NOT NULL,
        body    jsonb NOT NULL,
        PRIMARY KEY (agent, call_id, seq),
        FOREIGN KEY (agent, call_id) REFERENCES callcoach.calls ON DELETE CASCADE
    );

    CREATE TABLE callcoach.practice (
        agent       text NOT NULL DEFAULT current_user,
        trainee     text NOT NULL,
        scenario_id text NOT NULL,
        started_at  bigint NOT NULL,
        finished_at bigint NOT NULL,
        score       integer NOT NULL,
        passed      boolean NOT NULL,
        moves       jsonb NOT NULL,
        breakdown   jsonb NOT NULL,
        synced_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent, trainee, scenario_id, started_at, finished_at)
    );
    CREATE INDEX practice_by_finish ON callcoach.practice (finished_at);

    ALTER TABLE callcoach.calls ENABLE ROW LEVEL SECURITY;
    ALTER TABLE callcoach.events ENABLE ROW LEVEL SECURITY;
    ALTER TABLE callcoach.practice ENABLE ROW LEVEL SECURITY;

    CREATE POLICY agent_own ON callcoach.calls TO callcoach_agent
        USING (agent = current_user) WITH CHECK (agent = current_user);
    CREATE POLICY agent_own ON callcoach.events TO callcoach_agent
        USING (agent = current_user) WITH CHECK (agent = current_user);
    CREATE POLICY agent_own ON callcoach.practice TO callcoach_agent
        USING (agent = current_user) WITH CHECK (agent = current_user);
    CREATE POLICY lead_reads ON callcoach.calls FOR SELECT TO callcoach_lead USING (true);
    CREATE POLICY lead_reads ON callcoach.events FOR SELECT TO callcoach_lead USING (true);
    CREATE POLICY lead_reads ON callcoach.practice FOR SELECT TO callcoach_lead USING (true);

    REVOKE ALL ON ALL TABLES IN SCHEMA callcoach FROM PUBLIC;
    GRANT USAGE ON SCHEMA callcoach TO callcoach_agent, callcoach_lead;
    -- Agents add and correct their own rows (an ended call can be reopened
    -- for its follow-up); events are append-only; nobody deletes.
    GRANT SELECT, INSERT, UPDATE ON callcoach.calls TO callcoach_agent;
    GRANT SELECT, INSERT ON callcoach.events, callcoach.practice TO callcoach_agent;
    GRANT SELECT ON callcoach.calls, callcoach.events, callcoach.practice TO callcoach_lead;
    -- Everyone may see which schema version the database has.
    GRANT SELECT ON callcoach.schema_version TO callcoach_agent, callcoach_lead;

    -- Erase: every row about one customer, whoever recorded it.
    CREATE FUNCTION callcoach.erase_customer(ref text) RETURNS bigint
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        WITH gone AS (DELETE FROM callcoach.calls WHERE customer = ref RETURNING 1)
        SELECT count(*) FROM gone
    $f$;
    -- Purge: calls ended and practice finished before `cutoff` (ms since
    -- the epoch); an agent purges their own rows, a team lead everyone's.
    CREATE FUNCTION callcoach.purge_before(cutoff bigint) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        DECLARE
            everyone boolean := pg_has_role(session_user, 'callcoach_lead', 'MEMBER');
            n bigint; m bigint;
        BEGIN
            DELETE FROM callcoach.calls
                WHERE ended_at < cutoff AND (everyone OR agent = session_user);
            GET DIAGNOSTICS n = ROW_COUNT;
            DELETE FROM callcoach.practice
                WHERE finished_at < cutoff AND (everyone OR agent = session_user);
            GET DIAGNOSTICS m = ROW_COUNT;
            RETURN n + m;
        END
    $f$;
    REVOKE ALL ON FUNCTION callcoach.erase_customer(text), callcoach.purge_before(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION callcoach.erase_customer(text), callcoach.purge_before(bigint)
        TO callcoach_agent, callcoach_lead;
    "#,
    // v2: the live view — one small status row per call in progress
    // (never notes), a notification on every change, and erase and purge
    // reaching it. Self-contained: touches only live_calls and the two
    // privacy functions (redefined here with the live rows added).
    r#"
    CREATE TABLE callcoach.live_calls (
        agent            text NOT NULL DEFAULT current_user,
        call_id          text NOT NULL,
        customer         text,
        stage            text NOT NULL,
        stage_entered_at timestamptz NOT NULL,
        escalations      integer NOT NULL DEFAULT 0,
        over_time        boolean NOT NULL DEFAULT false,
        skipped          boolean NOT NULL DEFAULT false,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent, call_id)
    );
    CREATE INDEX live_calls_by_customer ON callcoach.live_calls (customer);
    ALTER TABLE callcoach.live_calls ENABLE ROW LEVEL SECURITY;
    -- An agent writes (and removes) only their own rows; a lead reads all.
    CREATE POLICY agent_own ON callcoach.live_calls TO callcoach_agent
        USING (agent = current_user) WITH CHECK (agent = current_user);
    CREATE POLICY lead_reads ON callcoach.live_calls FOR SELECT TO callcoach_lead USING (true);
    REVOKE ALL ON callcoach.live_calls FROM PUBLIC;
    GRANT SELECT, INSERT, UPDATE, DELETE ON callcoach.live_calls TO callcoach_agent;
    GRANT SELECT ON callcoach.live_calls TO callcoach_lead;

    -- Every change wakes the live views listening on `callcoach_live`. The
    -- notification carries nothing (anyone may LISTEN, and LISTEN knows no
    -- row-level security): a view reads the rows its role may see.
    CREATE FUNCTION callcoach.live_changed() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
        BEGIN
            PERFORM pg_notify('callcoach_live', '');
            RETURN NULL;
        END
    $f$;
    CREATE TRIGGER live_changed AFTER INSERT OR UPDATE OR DELETE ON callcoach.live_calls
        FOR EACH STATEMENT EXECUTE FUNCTION callcoach.live_changed();

    -- Erase reaches live statuses too.
    CREATE OR REPLACE FUNCTION callcoach.erase_customer(ref text) RETURNS bigint
        LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        WITH gone AS (DELETE FROM callcoach.calls WHERE customer = ref RETURNING 1),
             live AS (DELETE FROM callcoach.live_calls WHERE customer = ref RETURNING 1)
        SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM live)
    $f$;
    -- Purge (and retention) also remove live statuses not updated since
    -- the cutoff (a call whose program was killed never said it ended).
    CREATE OR REPLACE FUNCTION callcoach.purge_before(cutoff bigint) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        DECLARE
            everyone boolean := pg_has_role(session_user, 'callcoach_lead', 'MEMBER');
            n bigint; m bigint; l bigint;
        BEGIN
            DELETE FROM callcoach.calls
                WHERE ended_at < cutoff AND (everyone OR agent = session_user);
            GET DIAGNOSTICS n = ROW_COUNT;
            DELETE FROM callcoach.practice
                WHERE finished_at < cutoff AND (everyone OR agent = session_user);
            GET DIAGNOSTICS m = ROW_COUNT;
            DELETE FROM callcoach.live_calls
                WHERE updated_at < to_timestamp(cutoff / 1000.0)
                AND (everyone OR agent = session_user);
            GET DIAGNOSTICS l = ROW_COUNT;
            RETURN n + m + l;
        END
    $f$;
    -- Retention (run by each agent's sync): the caller's own ended calls
    -- last active before the cutoff whose follow-up, if any, was checked
    -- (as the local retention policy), and their stale live statuses.
    CREATE FUNCTION callcoach.retain_own(cutoff bigint) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
        DECLARE n bigint; l bigint;
        BEGIN
            DELETE FROM callcoach.calls
                WHERE agent = session_user AND ended_at IS NOT NULL AND last_activity < cutoff
                AND (follow_up IS NULL OR follow_up_result IS NOT NULL);
            GET DIAGNOSTICS n = ROW_COUNT;
            DELETE FROM callcoach.live_calls
                WHERE agent = session_user AND updated_at < to_timestamp(cutoff / 1000.0);
            GET DIAGNOSTICS l = ROW_COUNT;
            RETURN n + l;
        END
    $f$;
    REVOKE ALL ON FUNCTION callcoach.erase_customer(text), callcoach.purge_before(bigint),
        callcoach.retain_own(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION callcoach.erase_customer(text), callcoach.purge_before(bigint),
        callcoach.retain_own(bigint) TO callcoach_agent, callcoach_lead;
    "#,
    // v3: published playbooks and scenarios (`callcoach team publish`).
    // Team leads insert; everyone reads; nobody updates or deletes. Each
    // row is one publication of a file's exact text, content-addressed by
    // its SHA-256; the latest row per (kind, id, language) is current, so
    // publishing an older text again makes it current again.
    r#"
    CREATE TABLE callcoach.published (
        seq          bigserial PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('playbook', 'scenario')),
        id           text NOT NULL,
        language     text NOT NULL,
        version      text NOT NULL,
        hash         text NOT NULL CHECK (hash ~ '^sha256:[0-9a-f]{64}$'),
        content      text NOT NULL,
        published_by text NOT NULL DEFAULT current_user,
        published_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX published_latest ON callcoach.published (kind, id, language, seq DESC);
    CREATE INDEX published_by_hash ON callcoach.published (hash);
    ALTER TABLE callcoach.published ENABLE ROW LEVEL SECURITY;
    CREATE POLICY everyone_reads ON callcoach.published FOR SELECT
        TO callcoach_agent, callcoach_lead USING (true);
    CREATE POLICY lead_publishes ON callcoach.published FOR INSERT
        TO callcoach_lead WITH CHECK (published_by = current_user);
    REVOKE ALL ON callcoach.published FROM PUBLIC;
    GRANT SELECT ON callcoach.published TO callcoach_agent, callcoach_lead;
    GRANT INSERT ON callcoach.published TO callcoach_lead;
    GRANT USAGE ON SEQUENCE callcoach.published_seq_seq TO callcoach_lead;
    "#,
];

/// The schema version this build writes.
pub const LATEST: i32 = MIGRATIONS.len() as i32;

/// The team database's schema version (0 when `team init` never ran).
pub fn version(client: &mut Client) -> anyhow::Result<i32> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('callcoach.schema_version') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = client
        .query_one("SELECT max(version) FROM callcoach.schema_version", &[])?
        .get(0);
    Ok(v.unwrap_or(0))
}

/// Brings the team database to [`LATEST`]; returns the versions before and
/// after. Each step runs in one transaction under an advisory lock, so two
/// administrators running it at once apply each step once.
pub fn migrate(client: &mut Client) -> anyhow::Result<(i32, i32)> {
    let before = version(client)?;
    let mut v = before;
    loop {
        let mut tx = client.transaction()?;
        tx.batch_execute(
            "SELECT pg_advisory_xact_lock(7355608);
             CREATE SCHEMA IF NOT EXISTS callcoach;
             CREATE TABLE IF NOT EXISTS callcoach.schema_version (
                 version    integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             );",
        )?;
        let cur: i32 = tx
            .query_one(
                "SELECT coalesce(max(version), 0) FROM callcoach.schema_version",
                &[],
            )?
            .get(0);
        if cur > LATEST {
            anyhow::bail!(
                "the team database has schema version {cur}, newer than this callcoach knows \
                 ({LATEST}); update callcoach"
            );
        }
        if cur == LATEST {
            tx.commit()?;
            v = v.max(cur);
            break;
        }
        tx.batch_execute(MIGRATIONS[cur as usize])
            .with_context(|| format!("team database migration to version {} failed", cur + 1))?;
        tx.execute(
            "INSERT INTO callcoach.schema_version (version) VALUES ($1)",
            &[&(cur + 1)],
        )?;
        tx.commit()?;
        v = cur + 1;
    }
    Ok((before, v))
}

/// Checks that the team database is initialised and not newer than this build.
pub fn require_current(client: &mut Client) -> anyhow::Result<()> {
    match version(client)? {
        0 => anyhow::bail!(
            "the team database is not set up yet: an administrator runs `callcoach team init`"
        ),
        v if v > LATEST => anyhow::bail!(
            "the team database has schema version {v}, newer than this callcoach knows \
             ({LATEST}); update callcoach"
        ),
        v if v < LATEST => anyhow::bail!(
            "the team database has schema version {v}; an administrator runs \
             `callcoach team init` to update it to {LATEST}"
        ),
        _ => Ok(()),
    }
}

//! A throwaway PostgreSQL 15 cluster for the tests of this test binary.
//!
//! Started once (on first use) in a temporary directory: `initdb
//! --auth=trust`, then `pg_ctl start` listening on a Unix socket in that
//! directory only (no TCP port). initdb and postgres refuse to run as root,
//! so as root they run as `nobody` (the directory is handed to it); the
//! tests connect as the cluster's superuser `root` through the socket. Each
//! test gets its own database. The cluster is stopped and its directory
//! removed when the test binary exits (`atexit`), by a guard if starting it
//! fails half-way, and by a watchdog process if the test binary is killed.
//! Missing server binaries fail the tests with what to install.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Where the server binaries are (`CALLCOACH_PG_BIN` overrides).
fn bin_dir() -> PathBuf {
    std::env::var_os("CALLCOACH_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"))
}

/// The running cluster.
pub struct Cluster {
    /// Socket directory (also the parent of the data directory).
    pub dir: PathBuf,
    bin: PathBuf,
    as_user: Option<String>,
}

/// Stops the cluster and removes its directory; used by the guard, the
/// exit hook and (in shell form) the watchdog.
fn teardown(dir: &Path, bin: &Path, as_user: Option<&str>) {
    let _ = pg_cmd(bin, as_user, "pg_ctl")
        .args(["-D"])
        .arg(dir.join("data"))
        .args(["-m", "immediate", "-w", "stop"])
        .output();
    let _ = std::fs::remove_dir_all(dir);
}

/// A command running server binary `name`, as `as_user` when given.
fn pg_cmd(bin: &Path, as_user: Option<&str>, name: &str) -> Command {
    match as_user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(bin.join(name));
            c
        }
        None => Command::new(bin.join(name)),
    }
}

/// Removes a half-started cluster if setting it up fails.
struct SetupGuard<'a> {
    dir: &'a Path,
    bin: &'a Path,
    as_user: Option<&'a str>,
    armed: bool,
}

impl Drop for SetupGuard<'_> {
    fn drop(&mut self) {
        if self.armed {
            teardown(self.dir, self.bin, self.as_user);
        }
    }
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

extern "C" fn stop_at_exit() {
    if let Some(c) = CLUSTER.get() {
        teardown(&c.dir, &c.bin, c.as_user.as_deref());
    }
}

fn run_ok(mut c: Command, what: &str) {
    let out = c
        .output()
        .unwrap_or_else(|e| panic!("could not run {what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn start() -> Cluster {
    let bin = bin_dir();
    for b in ["initdb", "pg_ctl", "postgres"] {
        assert!(
            bin.join(b).is_file(),
            "the PostgreSQL server binaries are missing ({} not found): the team-database \
             tests need a PostgreSQL 15 server installed, e.g. `apt-get install postgresql-15` \
             (or set CALLCOACH_PG_BIN to a directory holding initdb, pg_ctl and postgres)",
            bin.join(b).display()
        );
    }
    // SAFETY: geteuid has no preconditions.
    let as_user = (unsafe { libc::geteuid() } == 0).then(|| "nobody".to_owned());
    let dir = tempfile::Builder::new()
        .prefix("cc-pg-")
        .tempdir()
        .unwrap()
        .keep();
    let mut guard = SetupGuard {
        dir: &dir,
        bin: &bin,
        as_user: as_user.as_deref(),
        armed: true,
    };
    if let Some(u) = &as_user {
        run_ok(
            {
                let mut c = Command::new("chown");
                c.arg(u).arg(&dir);
                c
            },
            "chown of the cluster directory",
        );
    }
    let data = dir.join("data");
    let mut initdb = pg_cmd(&bin, as_user.as_deref(), "initdb");
    initdb.arg("-D").arg(&data).args([
        "--auth=trust",
        "--username=root",
        "--encoding=UTF8",
        "--no-sync",
        "--locale=C",
    ]);
    run_ok(initdb, "initdb");
    let mut ctl = pg_cmd(&bin, as_user.as_deref(), "pg_ctl");
    ctl.arg("-D").arg(&data).arg("-l").arg(dir.join("log")).arg("-o").arg(format!(
        "-k {} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c max_connections=200",
        dir.display()
    ));
    ctl.args(["-w", "start"]);
    run_ok(ctl, "pg_ctl start");
    // A watchdog that cleans up if this process dies without running its
    // exit hook (killed); in its own process group, detached.
    {
        use std::os::unix::process::CommandExt as _;
        let stop = match &as_user {
            Some(u) => format!("runuser -u {u} -- '{}'/pg_ctl", bin.display()),
            None => format!("'{}'/pg_ctl", bin.display()),
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             {stop} -D '{d}/data' -m immediate -w stop >/dev/null 2>&1; rm -rf '{d}'",
            pid = std::process::id(),
            d = dir.display()
        );
        let _ = Command::new("sh")
            .args(["-c", &script])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn();
    }
    guard.armed = false;
    drop(guard);
    // SAFETY: registering a plain extern "C" function.
    unsafe { libc::atexit(stop_at_exit) };
    Cluster { dir, bin, as_user }
}

/// The shared cluster, started on first use.
pub fn cluster() -> &'static Cluster {
    CLUSTER.get_or_init(start)
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A fresh database of the shared cluster.
pub struct Db {
    /// Its name.
    pub name: String,
    /// The socket directory.
    pub host: PathBuf,
}

impl Db {
    /// A libpq-style URL connecting as `user`.
    pub fn url_as(&self, user: &str) -> String {
        format!(
            "host={} dbname={} user={user} sslmode=disable",
            self.host.display(),
            self.name
        )
    }

    /// The URL of the administrator (the cluster's superuser).
    pub fn admin_url(&self) -> String {
        self.url_as("root")
    }

    /// A connection as the administrator.
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.admin_url(), postgres::NoTls).unwrap()
    }

    /// A connection as `user`.
    pub fn connect_as(&self, user: &str) -> postgres::Client {
        postgres::Client::connect(&self.url_as(user), postgres::NoTls).unwrap()
    }

    /// Creates login role `<base>_<db>` in group `group`; returns its name.
    pub fn role(&self, base: &str, group: &str) -> String {
        let name = format!("{base}_{}", self.name);
        self.admin()
            .batch_execute(&format!("CREATE ROLE {name} LOGIN IN ROLE {group}"))
            .unwrap();
        name
    }
}

/// A new, empty database in the shared cluster.
pub fn fresh_db() -> Db {
    let c = cluster();
    let name = format!(
        "t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(
        &format!("host={} dbname=postgres user=root", c.dir.display()),
        postgres::NoTls,
    )
    .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    Db {
        name,
        host: c.dir.clone(),
    }
}

/// A new database with the team schema (`team init`) applied.
pub fn team_db() -> Db {
    let db = fresh_db();
    let mut admin = db.admin();
    callcoach::team::schema::migrate(&mut admin).unwrap();
    db
}

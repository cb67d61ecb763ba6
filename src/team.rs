//! The team store: an optional PostgreSQL database shared by a team.
//!
//! Local-first: each agent's SQLite store stays the source of truth and a
//! call never waits on the network. When a team database is configured
//! ([`team_url`]), ended calls and finished practice sessions are queued in
//! the local outbox (`store::outbox`) and pushed by `callcoach team sync`,
//! which the call screen starts in the background after a call ends.
//! Without a configured URL nothing here runs and nothing touches the network.
//!
//! - [`conn`]: the URL (libpq style), `sslmode`, passwords from
//!   `PGPASSWORD` or `~/.pgpass`;
//! - [`schema`]: versioned migrations, roles and row-level security
//!   (`callcoach team init`);
//! - [`sync`]: pushing the outbox, exactly once;
//! - [`publish`]: published playbooks and scenarios, and their offline cache;
//! - [`report`]: the team report over the team database.

pub mod conn;
pub mod live;
pub mod privacy;
pub mod publish;
pub mod report;
pub mod schema;
pub mod sync;

/// The environment variable holding the team database URL.
pub const URL_VAR: &str = "CALLCOACH_TEAM_URL";

/// The team database URL, if one is configured; `None` means local-only.
///
/// THE single place that decides where the team URL comes from:
/// `CALLCOACH_TEAM_URL` (an empty value counts as unset), else `team.url`
/// in the settings file. A settings-file URL holding a password is refused
/// (see [`configured`]); here that means local-only, so nothing touches the
/// network — the commands that need the database say why.
pub fn team_url() -> Option<String> {
    // The reason is dropped, so its language does not matter.
    configured(crate::playbook::Language::En).ok().flatten()
}

/// The team database URL as [`team_url`] decides, with the reason when
/// the settings file's URL is refused (it holds a password) or the
/// settings file is broken (worded in `lang`).
pub fn configured(lang: crate::playbook::Language) -> anyhow::Result<Option<String>> {
    let env = std::env::var(URL_VAR).ok();
    if let Some(url) = clean(env.as_deref()) {
        return Ok(Some(url));
    }
    let file = match crate::config::load() {
        Ok(c) => c,
        Err(_) => anyhow::bail!(crate::i18n::team::words(lang).settings_broken),
    };
    let shown = crate::config::path()
        .map(|p| crate::text::sanitize_line(&p.display().to_string()))
        .unwrap_or_else(|| "config.yaml".to_owned());
    choose_url(
        None,
        file.team.as_ref().and_then(|t| t.url.as_deref()),
        &shown,
        lang,
    )
}

fn clean(s: Option<&str>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The URL in effect from the environment's and the settings file's
/// (`file_name` for the message): the environment wins; a settings-file
/// URL with a password in it is an error pointing to `~/.pgpass` and
/// `PGPASSWORD` (a password in the environment is the user's choice, and
/// is never shown: see [`conn::redact`]).
pub fn choose_url(
    env: Option<&str>,
    file: Option<&str>,
    file_name: &str,
    lang: crate::playbook::Language,
) -> anyhow::Result<Option<String>> {
    if let Some(url) = clean(env) {
        return Ok(Some(url));
    }
    let Some(url) = clean(file) else {
        return Ok(None);
    };
    if conn::has_password(&url) {
        anyhow::bail!(crate::i18n::team::fill(
            crate::i18n::team::words(lang).password_in_file,
            &[("file", file_name), ("url", &conn::redact(&url))]
        ));
    }
    Ok(Some(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_and_file_passwords_are_refused() {
        let f = "config.yaml";
        assert_eq!(
            choose_url(None, None, f, crate::playbook::Language::En).unwrap(),
            None
        );
        assert_eq!(
            choose_url(Some("  "), Some(" "), f, crate::playbook::Language::En).unwrap(),
            None
        );
        assert_eq!(
            choose_url(
                Some("host=a"),
                Some("host=b"),
                f,
                crate::playbook::Language::En
            )
            .unwrap()
            .as_deref(),
            Some("host=a")
        );
        assert_eq!(
            choose_url(
                None,
                Some("host=b dbname=t"),
                f,
                crate::playbook::Language::En
            )
            .unwrap()
            .as_deref(),
            Some("host=b dbname=t")
        );
        for bad in [
            "postgresql://ann:s3cret@db/team",
            "host=db user=ann password=s3cret",
            "postgres://db/team?password=s3cret",
        ] {
            for lang in [crate::playbook::Language::Nl, crate::playbook::Language::En] {
                let e = choose_url(None, Some(bad), f, lang)
                    .unwrap_err()
                    .to_string();
                assert!(e.contains("~/.pgpass") && e.contains("PGPASSWORD"), "{e}");
                assert!(!e.contains("s3cret"), "{e}");
            }
        }
        // A password in the environment's URL is allowed (and never shown).
        assert!(
            choose_url(
                Some("postgresql://a:b@c/d"),
                None,
                f,
                crate::playbook::Language::En
            )
            .is_ok()
        );
    }
}

//! Erase and purge reaching the team database: after the local store is
//! cleaned, the same request runs there through the functions `team init`
//! created (`callcoach.erase_customer`, `callcoach.purge_before`), which
//! delete whoever recorded the rows (erase) or the caller's own rows —
//! everyone's for a team lead (purge).

use crate::engine::Timestamp;
use crate::i18n::team::{fill, words};
use crate::playbook::Language;

/// What reaching the team database did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// No team database configured: nothing to do.
    LocalOnly,
    /// Rows deleted there.
    Deleted(i64),
}

/// Deletes every call about `customer` from the team database (errors
/// worded in `lang`).
pub fn erase_customer(customer: &str, lang: Language) -> anyhow::Result<Reach> {
    let Some(url) = super::team_url() else {
        return Ok(Reach::LocalOnly);
    };
    let mut c = super::conn::connect(&url, lang)?;
    super::schema::require_current(&mut c)?;
    let n: i64 = c
        .query_one("SELECT callcoach.erase_customer($1)", &[&customer])?
        .get(0);
    Ok(Reach::Deleted(n))
}

/// Deletes calls ended and practice finished before `cutoff` from the
/// team database (the caller's own; a team lead's: everyone's; errors
/// worded in `lang`).
pub fn purge_before(cutoff: Timestamp, lang: Language) -> anyhow::Result<Reach> {
    let Some(url) = super::team_url() else {
        return Ok(Reach::LocalOnly);
    };
    let mut c = super::conn::connect(&url, lang)?;
    super::schema::require_current(&mut c)?;
    let n: i64 = c
        .query_one("SELECT callcoach.purge_before($1)", &[&cutoff])?
        .get(0);
    Ok(Reach::Deleted(n))
}

/// Applies the local retention policy (`retention`, `CALLCOACH_RETENTION`)
/// to the caller's own rows in the team database, on `client`: ended calls
/// last active before the cutoff (follow-ups checked) and live statuses
/// not updated since. Returns the rows removed; `None` when retention is off.
pub fn retain_own(client: &mut postgres::Client) -> anyhow::Result<Option<i64>> {
    use crate::store::retention::{Policy, configured};
    let Policy::Keep(age) = configured()?.0 else {
        return Ok(None);
    };
    let cutoff = age.before(&jiff::Zoned::now())?;
    let n: i64 = client
        .query_one("SELECT callcoach.retain_own($1)", &[&cutoff])?
        .get(0);
    Ok(Some(n))
}

/// Prints what reaching the team database did, or turns its failure into
/// an error saying the local part is done and to run the command again,
/// in `lang`.
pub fn report(reach: anyhow::Result<Reach>, lang: Language) -> anyhow::Result<()> {
    match reach {
        Ok(Reach::LocalOnly) => Ok(()),
        Ok(Reach::Deleted(n)) => {
            println!(
                "{}",
                fill(words(lang).removed_rows, &[("n", &n.to_string())])
            );
            Ok(())
        }
        Err(e) => Err(e.context(words(lang).not_in_team)),
    }
}

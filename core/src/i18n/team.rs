//! Words of the team commands (`team init|sync|status|publish|live`), of
//! the team database's connection errors and of erase/purge reaching the
//! team database, in Dutch and English. Technical details (PostgreSQL's
//! own error text, the URL with its password redacted, role names) are
//! data filled into the placeholders.

use crate::playbook::Language;

/// Every fixed word and sentence the team commands show.
#[derive(Debug)]
pub struct TeamWords {
    /// No team database configured, with how to set one (`{var}`).
    pub no_url: &'static str,
    /// `team status` without a team database (`{var}`).
    pub local_only: &'static str,
    /// The settings file is broken, so the URL cannot be read.
    pub settings_broken: &'static str,
    /// The settings file's URL holds a password (`{file}`, `{url}`).
    pub password_in_file: &'static str,
    /// `team init`: nothing to migrate (`{url}`, `{version}`).
    pub init_current: &'static str,
    /// `team init`: migrated (`{url}`, `{before}`, `{after}`).
    pub init_done: &'static str,
    /// `team init`: how to give out roles (`{agent}`, `{lead}`).
    pub init_roles: &'static str,
    /// `team sync`: another sync is running.
    pub sync_busy: &'static str,
    /// `team sync`: published texts fetched (`{n}`).
    pub fetched: &'static str,
    /// … and some refused (`{n}`), appended to [`Self::fetched`].
    pub refused: &'static str,
    /// `team sync`: old rows removed by retention (`{n}`).
    pub retention: &'static str,
    /// `team sync`: what was sent (`{calls}`, `{practice}`, `{url}`, `{pending}`).
    pub sent: &'static str,
    /// `team status`: the database (`{url}`).
    pub status_db: &'static str,
    /// `team status`: the queue (`{calls}`, `{practice}`, `{sent}`).
    pub status_pending: &'static str,
    /// `team status`: last attempt (`{when}`).
    pub status_last_sync: &'static str,
    /// `team status`: last success (`{when}`).
    pub status_last_success: &'static str,
    /// `team status`: last error (`{error}`).
    pub status_last_error: &'static str,
    /// `team status`: no sync yet.
    pub never: &'static str,
    /// `team status`: no error.
    pub no_error: &'static str,
    /// `team status`: the live status is sent.
    pub live_on: &'static str,
    /// `team status`: the live status is off.
    pub live_off: &'static str,
    /// `team live` outside a terminal.
    pub live_needs_terminal: &'static str,
    /// `team publish`: the file has problems (`{file}`).
    pub not_published: &'static str,
    /// The kind "playbook".
    pub playbook: &'static str,
    /// The kind "scenario".
    pub scenario: &'static str,
    /// A version after the id (`{version}`).
    pub version: &'static str,
    /// `team publish`: done (`{what}`, `{id}`, `{language}`, `{version}`, `{hash}`, `{url}`).
    pub published: &'static str,
    /// `team publish`: nothing new (`{what}`, `{id}`, `{language}`, `{version}`, `{hash}`).
    pub already_published: &'static str,
    /// `team publish` by someone who is no team lead (`{role}`).
    pub not_a_lead: &'static str,
    /// Erase/purge: rows removed in the team database (`{n}`).
    pub removed_rows: &'static str,
    /// Erase/purge: the team database could not be reached.
    pub not_in_team: &'static str,
    /// The connection failed (`{url}`); PostgreSQL's reason follows.
    pub connect_failed: &'static str,
    /// The URL does not parse (`{url}`, `{error}`).
    pub bad_url: &'static str,
    /// An unknown `sslmode` (`{mode}`).
    pub bad_sslmode: &'static str,
    /// `sslrootcert` cannot be read (`{path}`).
    pub rootcert_unreadable: &'static str,
    /// `sslrootcert` is not a certificate (`{path}`).
    pub rootcert_not_pem: &'static str,
    /// A checking `sslmode` (`{mode}`) without `sslrootcert`, and the
    /// system's trust store holds no usable root.
    pub no_system_roots: &'static str,
    /// Where the roots came from when no `sslrootcert` is given.
    pub system_roots: &'static str,
    /// The server offers no TLS, but `sslmode` (`{mode}`) needs it.
    pub tls_not_offered: &'static str,
    /// The certificate is not signed by a trusted root (`{roots}`: the
    /// `sslrootcert` file or [`Self::system_roots`]).
    pub tls_untrusted: &'static str,
    /// The certificate is for another host name (verify-full).
    pub tls_wrong_host: &'static str,
    /// The certificate has expired or is not valid yet.
    pub tls_expired: &'static str,
    /// A signature of the certificate or of the handshake does not check out.
    pub tls_bad_signature: &'static str,
    /// Any other TLS failure (`{error}`: the TLS library's text).
    pub tls_failed: &'static str,
    /// Team report: calls per agent.
    pub report_calls: &'static str,
    /// Its columns: agent, calls, resolved, escalations, skipped.
    pub report_calls_header: [&'static str; 5],
    /// Team report: average time per stage.
    pub report_stage_time: &'static str,
    /// Team report: skipped items.
    pub report_skipped: &'static str,
    /// Team report: complaint causes.
    pub report_causes: &'static str,
    /// Team report: an empty list.
    pub report_none: &'static str,
    /// Team report: practice per trainee.
    pub report_practice: &'static str,
    /// Its columns: agent, trainee, sessions, passed, score.
    pub report_practice_header: [&'static str; 5],
    /// Team report: overdue follow-ups.
    pub report_overdue: &'static str,
}

impl TeamWords {
    /// Every sentence of the set (for tests that check an output holds no
    /// word of the other language).
    pub fn all(&self) -> Vec<&'static str> {
        [
            self.no_url,
            self.local_only,
            self.settings_broken,
            self.password_in_file,
            self.init_current,
            self.init_done,
            self.init_roles,
            self.sync_busy,
            self.fetched,
            self.refused,
            self.retention,
            self.sent,
            self.status_db,
            self.status_pending,
            self.status_last_sync,
            self.status_last_success,
            self.status_last_error,
            self.never,
            self.no_error,
            self.live_on,
            self.live_off,
            self.live_needs_terminal,
            self.not_published,
            self.version,
            self.published,
            self.already_published,
            self.not_a_lead,
            self.removed_rows,
            self.not_in_team,
            self.connect_failed,
            self.bad_url,
            self.bad_sslmode,
            self.rootcert_unreadable,
            self.rootcert_not_pem,
            self.no_system_roots,
            self.system_roots,
            self.tls_not_offered,
            self.tls_untrusted,
            self.tls_wrong_host,
            self.tls_expired,
            self.tls_bad_signature,
            self.tls_failed,
            self.report_calls,
            self.report_stage_time,
            self.report_skipped,
            self.report_causes,
            self.report_none,
            self.report_practice,
            self.report_overdue,
        ]
        .into_iter()
        .chain(self.report_calls_header)
        .chain(self.report_practice_header)
        .collect()
    }
}

/// Dutch.
pub const NL: TeamWords = TeamWords {
    no_url: "er is geen teamdatabase ingesteld: zet {var} op de URL ervan, of `team: {url: …}` in het instellingenbestand, bijvoorbeeld postgresql://ann@db.example/callcoach?sslmode=verify-full (zie de README, \"Working as a team\")",
    local_only: "Alleen lokaal: er is geen teamdatabase ingesteld ({var} is niet gezet, team.url in het instellingenbestand ook niet); er wordt niets verstuurd.",
    settings_broken: "het instellingenbestand is kapot, dus de URL van de teamdatabase kan er niet uit gelezen worden; `callcoach team status` laat het probleem zien",
    password_in_file: "team.url in {file} bevat een wachtwoord ({url}); dat hoort niet in een instellingenbestand. Haal het uit de URL en zet het in ~/.pgpass (een regel host:poort:database:gebruiker:wachtwoord, bestandsrechten 0600) of in de omgevingsvariabele PGPASSWORD",
    init_current: "De teamdatabase {url} is bijgewerkt (schemaversie {version}).",
    init_done: "De teamdatabase {url} is ingericht: schemaversie {before} → {after}.",
    init_roles: "Geef elke medewerker een inlogrol in {agent} en elke teamleider een in {lead}, bijvoorbeeld\n  CREATE ROLE ann LOGIN IN ROLE {agent};\n  CREATE ROLE lee LOGIN IN ROLE {lead};",
    sync_busy: "Er loopt al een synchronisatie van deze gegevensmap; die verstuurt alles wat klaarstaat.",
    fetched: "Gepubliceerde playbooks en scenario's: {n} bijgewerkt",
    refused: ", {n} geweigerd (hun tekst klopt niet met de controle)",
    retention: "Bewaartermijn: {n} oude rij(en) van jou uit de teamdatabase verwijderd.",
    sent: "Verstuurd naar {url}: gesprekken {calls}, oefenresultaten {practice}; nog te versturen: {pending}.",
    status_db: "Teamdatabase: {url}",
    status_pending: "Nog te versturen: gesprekken {calls}, oefenresultaten {practice}; verstuurd: {sent}",
    status_last_sync: "Laatste synchronisatie: {when}",
    status_last_success: "Laatste geslaagde synchronisatie: {when}",
    status_last_error: "Laatste fout: {error}",
    never: "nog nooit",
    no_error: "geen",
    live_on: "Live-status van lopende gesprekken: naar `team live` gestuurd (fase, tijden, markeringen; nooit notities); `team: {live: false}` in het instellingenbestand zet het uit",
    live_off: "Live-status van lopende gesprekken: uit (`team.live: false` in het instellingenbestand)",
    live_needs_terminal: "`callcoach team live` heeft een terminal nodig",
    not_published: "{file} is niet gepubliceerd: los eerst de problemen hierboven op",
    playbook: "playbook",
    scenario: "scenario",
    version: " versie {version}",
    published: "{what} `{id}` ({language}){version} ({hash}) gepubliceerd naar {url}; medewerkers krijgen het bij hun volgende synchronisatie.",
    already_published: "{what} `{id}` ({language}){version} is al gepubliceerd met precies deze tekst ({hash}).",
    not_a_lead: "alleen teamleiders mogen publiceren: je databaserol is geen lid van {role} (medewerkers halen het gepubliceerde op met `callcoach team sync`)",
    removed_rows: "{n} rij(en) uit de teamdatabase verwijderd.",
    not_in_team: "gedaan in de lokale opslag, maar niet in de teamdatabase; voer dezelfde opdracht opnieuw uit zodra de teamdatabase bereikbaar is",
    connect_failed: "kon geen verbinding maken met de teamdatabase {url}",
    bad_url: "de URL van de teamdatabase {url} is ongeldig: {error}",
    bad_sslmode: "onbekende sslmode {mode} in de URL van de teamdatabase (gebruik disable, prefer, require, verify-ca of verify-full)",
    rootcert_unreadable: "kon sslrootcert {path} niet lezen",
    rootcert_not_pem: "sslrootcert {path} is geen PEM-certificaat",
    no_system_roots: "sslmode {mode} controleert het certificaat van de teamdatabase, maar de vertrouwde certificaten van het systeem bevatten geen bruikbaar rootcertificaat; geef er een met sslrootcert=BESTAND in de URL",
    system_roots: "de vertrouwde certificaten van het systeem",
    tls_not_offered: "de teamdatabase biedt geen TLS aan, maar sslmode {mode} vraagt erom",
    tls_untrusted: "het certificaat van de teamdatabase is niet ondertekend door een rootcertificaat uit {roots}",
    tls_wrong_host: "het certificaat van de teamdatabase is voor een andere hostnaam dan in de URL (sslmode verify-full controleert de naam, verify-ca niet)",
    tls_expired: "het certificaat van de teamdatabase is verlopen of nog niet geldig",
    tls_bad_signature: "een handtekening van de teamdatabase klopt niet: het certificaat is vervalst of de server heeft de sleutel ervan niet",
    tls_failed: "de TLS-verbinding met de teamdatabase is mislukt: {error}",
    report_calls: "Gesprekken per medewerker",
    report_calls_header: [
        "medewerker",
        "gesprekken",
        "opgelost",
        "escalaties",
        "overgeslagen",
    ],
    report_stage_time: "Gemiddelde tijd per fase",
    report_skipped: "Overgeslagen punten",
    report_causes: "Oorzaken van klachten",
    report_none: "(geen)",
    report_practice: "Oefenen per cursist",
    report_practice_header: ["medewerker", "cursist", "sessies", "geslaagd", "score"],
    report_overdue: "Achterstallige opvolging",
};

/// English.
pub const EN: TeamWords = TeamWords {
    no_url: "no team database is configured: set {var} to its URL, or `team: {url: …}` in the settings file, e.g. postgresql://ann@db.example/callcoach?sslmode=verify-full (see the README, \"Working as a team\")",
    local_only: "Local only: no team database is configured ({var} is not set, nor team.url in the settings file); nothing is sent.",
    settings_broken: "the settings file is broken, so its team database URL cannot be read; `callcoach team status` shows the problem",
    password_in_file: "team.url in {file} contains a password ({url}); a settings file is no place for one. Remove it from the URL and put it in ~/.pgpass (a line host:port:database:user:password, the file mode 0600) or in the PGPASSWORD environment variable",
    init_current: "The team database {url} is up to date (schema version {version}).",
    init_done: "The team database {url} is set up: schema version {before} → {after}.",
    init_roles: "Give each agent a login role in {agent} and each team lead one in {lead}, e.g.\n  CREATE ROLE ann LOGIN IN ROLE {agent};\n  CREATE ROLE lee LOGIN IN ROLE {lead};",
    sync_busy: "Another sync of this data directory is running; it sends everything pending.",
    fetched: "Published playbooks and scenarios: {n} updated",
    refused: ", {n} refused (their text does not check out)",
    retention: "Retention: removed {n} old row(s) of yours from the team database.",
    sent: "Sent {calls} call(s) and {practice} practice result(s) to {url}; {pending} pending.",
    status_db: "Team database: {url}",
    status_pending: "Pending: {calls} call(s), {practice} practice result(s); sent: {sent}",
    status_last_sync: "Last sync: {when}",
    status_last_success: "Last successful sync: {when}",
    status_last_error: "Last error: {error}",
    never: "never",
    no_error: "none",
    live_on: "Live status of calls in progress: sent to `team live` (stage, times, flags; never notes); `team: {live: false}` in the settings file switches it off",
    live_off: "Live status of calls in progress: off (`team.live: false` in the settings file)",
    live_needs_terminal: "`callcoach team live` needs a terminal",
    not_published: "{file} is not published: fix the problems above first",
    playbook: "playbook",
    scenario: "scenario",
    version: " version {version}",
    published: "Published {what} `{id}` ({language}){version} ({hash}) to {url}; agents get it with their next sync.",
    already_published: "{what} `{id}` ({language}){version} is already published with exactly this text ({hash}).",
    not_a_lead: "only team leads may publish: your database role is not a member of {role} (agents fetch what is published with `callcoach team sync`)",
    removed_rows: "Removed {n} row(s) from the team database.",
    not_in_team: "done in the local store, but not in the team database; run the same command again when the team database can be reached",
    connect_failed: "could not connect to the team database {url}",
    bad_url: "the team database URL {url} is not valid: {error}",
    bad_sslmode: "unknown sslmode {mode} in the team database URL (use disable, prefer, require, verify-ca or verify-full)",
    rootcert_unreadable: "could not read sslrootcert {path}",
    rootcert_not_pem: "sslrootcert {path} is not a PEM certificate",
    no_system_roots: "sslmode {mode} checks the team database's certificate, but the system's trust store holds no usable root certificate; give one with sslrootcert=FILE in the URL",
    system_roots: "the system's trust store",
    tls_not_offered: "the team database offers no TLS, but sslmode {mode} asks for it",
    tls_untrusted: "the team database's certificate is not signed by a root certificate of {roots}",
    tls_wrong_host: "the team database's certificate is for another host name than the URL's (sslmode verify-full checks the name, verify-ca does not)",
    tls_expired: "the team database's certificate has expired or is not valid yet",
    tls_bad_signature: "a signature of the team database does not check out: its certificate is forged or the server does not hold its key",
    tls_failed: "the TLS connection to the team database failed: {error}",
    report_calls: "Calls per agent",
    report_calls_header: ["agent", "calls", "resolved", "escalations", "skipped"],
    report_stage_time: "Average time per stage",
    report_skipped: "Skipped items",
    report_causes: "Complaint causes",
    report_none: "(none)",
    report_practice: "Practice per trainee",
    report_practice_header: ["agent", "trainee", "sessions", "passed", "score"],
    report_overdue: "Overdue follow-ups",
};

/// The team words for `lang`.
pub fn words(lang: Language) -> &'static TeamWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

/// `template` with each `{name}` of `values` replaced by its value, in one
/// pass ([`crate::text::fill`]): a value that itself holds `{…}` (a server's
/// error text) is never filled again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    crate::text::fill(template, |name| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_never_filled_again() {
        assert_eq!(
            fill("{error} at {url}", &[("error", "bad {url}"), ("url", "db")]),
            "bad {url} at db"
        );
    }

    #[test]
    fn templates_keep_their_placeholders_in_both_languages() {
        for w in [&NL, &EN] {
            assert!(w.no_url.contains("{var}") && w.local_only.contains("{var}"));
            for p in ["{calls}", "{practice}", "{url}", "{pending}"] {
                assert!(w.sent.contains(p), "{p}");
            }
            for p in [
                "{what}",
                "{id}",
                "{language}",
                "{version}",
                "{hash}",
                "{url}",
            ] {
                assert!(w.published.contains(p), "{p}");
            }
            assert!(w.bad_url.contains("{url}") && w.bad_url.contains("{error}"));
            assert!(w.connect_failed.contains("{url}"));
            assert!(w.no_system_roots.contains("{mode}") && w.tls_not_offered.contains("{mode}"));
            assert!(w.tls_untrusted.contains("{roots}") && w.tls_failed.contains("{error}"));
            assert!(w.password_in_file.contains("{file}") && w.password_in_file.contains("{url}"));
        }
        for (nl, en) in NL.all().into_iter().zip(EN.all()) {
            if !nl.contains("CREATE ROLE") && nl != "score" {
                assert_ne!(nl, en);
            }
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} en {b}, {a}", &[("a", "1"), ("b", "2")]),
            "1 en 2, 1"
        );
    }
}

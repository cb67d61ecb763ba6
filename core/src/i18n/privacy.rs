//! The words of `callcoach purge|erase|privacy`, the customer export and the
//! retention notices on the call screen, in Dutch and English. Placeholders
//! in braces are filled by the shell.

use crate::playbook::Language;

/// Words of the privacy commands.
#[derive(Debug)]
pub struct PrivacyWords {
    /// What `purge` removes (`{date}`).
    pub what_older: &'static str,
    /// What `erase` removes (`{customer}`).
    pub what_customer: &'static str,
    /// `erase` without a reference.
    pub erase_needs_customer: &'static str,
    /// A call open in another window is skipped (`{id}`).
    pub left_alone: &'static str,
    /// Dry run (`{calls}`, `{what}`, `{journals}`, `{exports}`).
    pub would_remove: &'static str,
    /// Done (`{calls}`, `{what}`, `{journals}`, `{exports}`).
    pub removed: &'static str,
    /// A warning of the removal (`{w}`).
    pub warning: &'static str,
    /// Exports outside the data directory: the lead line.
    pub outside_intro: &'static str,
    /// One of them (`{path}`, `{date}`, `{gone}`).
    pub outside_file: &'static str,
    /// … that is no longer there.
    pub outside_gone: &'static str,
    /// An export the read-only store cannot remember (`{path}`).
    pub export_not_recorded: &'static str,
    /// `--customer` with another format than JSON.
    pub customer_needs_json: &'static str,
    /// After a customer export (`{n}`, `{customer}`).
    pub customer_count: &'static str,
    /// The policy could not be applied (`{e}`).
    pub retention_failed: &'static str,
    /// The call screen's notice of a retention run (`{policy}`, `{n}`, `{date}`).
    pub retention_removed: &'static str,
    /// … with exports outside the data directory (`{n}`).
    pub retention_outside: &'static str,
    /// Where the policy comes from: the environment.
    pub from_env: &'static str,
    /// … the settings file (`{file}`).
    pub from_file: &'static str,
    /// … the default (`{file}`).
    pub from_default: &'static str,
    /// The settings file when its path is unknown.
    pub the_settings_file: &'static str,
    /// `privacy`: the data directory (`{dir}`).
    pub data_dir: &'static str,
    /// `privacy`: a policy with a period (`{policy}`, `{from}`).
    pub retention_on: &'static str,
    /// `privacy`: no policy (`{from}`).
    pub retention_off: &'static str,
    /// `privacy`: what is masked before storage.
    pub masked: &'static str,
    /// `privacy`: what is stored (`{calls}`, `{ended}`).
    pub stored_now: &'static str,
    /// `privacy`: the policy never ran.
    pub last_never: &'static str,
    /// `privacy`: the runs' lead line.
    pub last_runs: &'static str,
    /// `privacy`: one run (`{at}`, `{policy}`, `{cutoff}`, `{calls}`,
    /// `{journals}`, `{exports}`, `{outside}`).
    pub run_line: &'static str,
    /// … its cut-off (`{date}`).
    pub run_cutoff: &'static str,
    /// … the exports outside it named (`{n}`).
    pub run_outside: &'static str,
}

impl PrivacyWords {
    /// Every sentence of the set (for tests that check an output holds no
    /// word of the other language).
    pub fn all(&self) -> Vec<&'static str> {
        vec![
            self.what_older,
            self.what_customer,
            self.erase_needs_customer,
            self.left_alone,
            self.would_remove,
            self.removed,
            self.warning,
            self.outside_intro,
            self.outside_file,
            self.outside_gone,
            self.export_not_recorded,
            self.customer_needs_json,
            self.customer_count,
            self.retention_failed,
            self.retention_removed,
            self.retention_outside,
            self.from_env,
            self.from_file,
            self.from_default,
            self.the_settings_file,
            self.data_dir,
            self.retention_on,
            self.retention_off,
            self.masked,
            self.stored_now,
            self.last_never,
            self.last_runs,
            self.run_line,
            self.run_cutoff,
            self.run_outside,
        ]
    }
}

/// The privacy words of `lang`.
pub fn privacy_words(lang: Language) -> &'static PrivacyWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

const NL: PrivacyWords = PrivacyWords {
    what_older: "zonder activiteit sinds {date}",
    what_customer: "van klant {customer}",
    erase_needs_customer: "geef de klantreferentie die gewist moet worden",
    left_alone: "gesprek {id} staat open in een ander callcoach-venster en is niet aangeraakt; rond het daar af en voer dit opnieuw uit",
    would_remove: "Zou verwijderen: {calls} gesprek(ken) {what}, {journals} reservelogboek(en) en {exports} opgeslagen export(s):",
    removed: "Verwijderd: {calls} gesprek(ken) {what}, {journals} reservelogboek(en) en {exports} opgeslagen export(s); de database is opnieuw opgebouwd, zodat er in de bestanden niets van overblijft.",
    warning: "waarschuwing: {w}",
    outside_intro: "Exports buiten de gegevensmap bevatten deze gesprekken ook; callcoach verwijdert geen bestanden buiten zijn gegevensmap, dus verwijder ze zelf:",
    outside_file: "  {path}  (geschreven {date}{gone})",
    outside_gone: "; staat er niet meer",
    export_not_recorded: "de opslag is alleen-lezen, dus deze export wordt niet bijgehouden: `erase` en `purge` kunnen je niet aan {path} herinneren",
    customer_needs_json: "--customer exporteert alles wat over een klant is opgeslagen als één JSON-bestand: gebruik --format json",
    customer_count: "{n} gesprek(ken) van klant {customer}",
    retention_failed: "bewaartermijn niet toegepast: {e}",
    retention_removed: "bewaartermijn ({policy}): {n} afgesloten gesprek(ken) van vóór {date} verwijderd",
    retention_outside: "; {n} export(s) buiten de gegevensmap bevatten er nog iets van — zie `callcoach privacy`",
    from_env: "uit CALLCOACH_RETENTION",
    from_file: "uit `retention` in {file}",
    from_default: "de standaard; zet `retention` in {file} om die te wijzigen",
    the_settings_file: "het instellingenbestand",
    data_dir: "Gegevensmap: {dir}",
    retention_on: "Bewaartermijn: {policy} ({from}). Afgesloten gesprekken worden helemaal verwijderd als het gespreksscherm start, zodra hun laatste activiteit ouder is dan dat; een gesprek waarvan de opvolging nog niet is gecontroleerd, blijft bewaard tot dat gebeurd is.",
    retention_off: "Bewaartermijn: uit ({from}). Gesprekken blijven bewaard tot je ze verwijdert met `callcoach purge` of `callcoach erase`.",
    masked: "Gemaskeerd voordat er iets wordt opgeslagen: betaalkaartnummers, beveiligingscodes van kaarten, IBAN's, BSN's en de eigen `redact`-patronen van een playbook.",
    stored_now: "Nu opgeslagen: {calls} gesprek(ken), waarvan {ended} afgesloten.",
    last_never: "Laatst toegepast: nooit.",
    last_runs: "Laatst toegepast:",
    run_line: "  {at}  termijn {policy}{cutoff}: verwijderd {calls} gesprek(ken), {journals} reservelogboek(en), {exports} opgeslagen export(s){outside}",
    run_cutoff: ", ouder dan {date}",
    run_outside: "; {n} export(s) buiten de gegevensmap genoemd",
};

const EN: PrivacyWords = PrivacyWords {
    what_older: "with no activity since {date}",
    what_customer: "of customer {customer}",
    erase_needs_customer: "give the customer reference to erase",
    left_alone: "call {id} is open in another callcoach window and was left alone; finish it and run this again",
    would_remove: "Would remove {calls} call(s) {what}, {journals} fallback journal(s) and {exports} saved export(s):",
    removed: "Removed {calls} call(s) {what}, {journals} fallback journal(s) and {exports} saved export(s); the database was rebuilt so nothing of them remains in its files.",
    warning: "warning: {w}",
    outside_intro: "Exports written outside the data directory hold these calls too; callcoach does not delete files outside its data directory, so delete them yourself:",
    outside_file: "  {path}  (written {date}{gone})",
    outside_gone: "; no longer there",
    export_not_recorded: "the store is read-only, so this export is not recorded: `erase` and `purge` will not be able to remind you of {path}",
    customer_needs_json: "--customer exports everything stored about a customer as one JSON file: use --format json",
    customer_count: "{n} call(s) of customer {customer}",
    retention_failed: "retention policy not applied: {e}",
    retention_removed: "retention ({policy}): {n} ended call(s) older than {date} removed",
    retention_outside: "; {n} export(s) outside the data directory still hold some — see `callcoach privacy`",
    from_env: "from CALLCOACH_RETENTION",
    from_file: "from `retention` in {file}",
    from_default: "the default; set `retention` in {file} to change it",
    the_settings_file: "the settings file",
    data_dir: "Data directory: {dir}",
    retention_on: "Retention: {policy} ({from}). Ended calls are removed completely when the call screen starts, once their last activity is older than that; a call whose follow-up has not been checked yet is kept until it has.",
    retention_off: "Retention: off ({from}). Calls are kept until you remove them with `callcoach purge` or `callcoach erase`.",
    masked: "Masked before anything is stored: payment card numbers, card security codes, IBANs, BSNs, and a playbook's own `redact` patterns.",
    stored_now: "Stored now: {calls} call(s), {ended} of them ended.",
    last_never: "Last run: never.",
    last_runs: "Last runs:",
    run_line: "  {at}  policy {policy}{cutoff}: removed {calls} call(s), {journals} fallback journal(s), {exports} saved export(s){outside}",
    run_cutoff: ", older than {date}",
    run_outside: "; {n} export(s) outside the data directory named",
};

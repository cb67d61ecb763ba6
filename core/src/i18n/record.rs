//! Words of the call screen's record corrections: the form of address,
//! editing and withdrawing agreements, past dates, marked phrases.

use crate::playbook::Language;

/// The words, in one language.
#[derive(Debug)]
pub struct RecordWords {
    /// Title of the form-of-address form.
    pub address_form: &'static str,
    /// Its one field.
    pub address_label: &'static str,
    /// Notice: the form of address was set (`{address}`).
    pub address_set: &'static str,
    /// Notice: the form of address was cleared.
    pub address_cleared: &'static str,
    /// Title of the agreements list.
    pub agreements_title: &'static str,
    /// Under the list: `A:` lines are edited in the notes.
    pub agreements_hint: &'static str,
    /// No agreements recorded with the form.
    pub no_recorded: &'static str,
    /// Title of the edit form (`{n}`).
    pub edit_form: &'static str,
    /// Notice: an agreement was changed (`{n}`).
    pub changed: &'static str,
    /// Notice: an agreement was withdrawn (`{n}`).
    pub withdrawn: &'static str,
    /// A date in the past needs a second Enter (`{date}`).
    pub past_date: &'static str,
    /// Notice: the phrase was marked as used.
    pub phrase_marked: &'static str,
    /// Notice: the phrase was marked before.
    pub phrase_already: &'static str,
}

/// Dutch.
pub const NL: RecordWords = RecordWords {
    address_form: "Aanspreekvorm van de klant",
    address_label: "Naam of aanhef (leeg = zonder naam)",
    address_set: "Aanspreekvorm: {address}",
    address_cleared: "Geen aanspreekvorm: de zinnen lopen zonder naam",
    agreements_title: "Afspraken wijzigen of intrekken",
    agreements_hint: "Regels 'A: …' wijzig je in de notities zelf.",
    no_recorded: "Nog geen vastgelegde afspraken (F7 legt er een vast)",
    edit_form: "Afspraak {n} wijzigen",
    changed: "Afspraak {n} gewijzigd",
    withdrawn: "Afspraak {n} ingetrokken",
    past_date: "{date} ligt in het verleden. Enter = toch opslaan, of pas de datum aan",
    phrase_marked: "Zin gemarkeerd als gebruikt",
    phrase_already: "Deze zin is al gemarkeerd",
};

/// English.
pub const EN: RecordWords = RecordWords {
    address_form: "How to address the customer",
    address_label: "Name or salutation (empty = no name)",
    address_set: "Form of address: {address}",
    address_cleared: "No form of address: phrases read without a name",
    agreements_title: "Edit or withdraw agreements",
    agreements_hint: "'A: …' lines are changed in the notes themselves.",
    no_recorded: "No recorded agreements yet (F7 records one)",
    edit_form: "Edit agreement {n}",
    changed: "Agreement {n} changed",
    withdrawn: "Agreement {n} withdrawn",
    past_date: "{date} is in the past. Enter = save anyway, or change the date",
    phrase_marked: "Phrase marked as used",
    phrase_already: "This phrase is already marked",
};

/// The words for `lang`.
pub fn words(lang: Language) -> &'static RecordWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

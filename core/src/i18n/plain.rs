//! Words of the accessible line mode (`callcoach call --plain`, and
//! `TERM=dumb`): what it announces as lines, its help, and the names of its
//! commands (a line starting with `/`). Both languages' command names are
//! understood whatever the interface language; help shows its own.

use crate::playbook::Language;

/// The words, in one language.
#[derive(Debug)]
pub struct PlainWords {
    /// The first line: what line mode is and how commands differ from notes.
    pub intro: &'static str,
    /// The prompt before typing.
    pub prompt: &'static str,
    /// A stage's heading: `{n}`, `{total}`, `{title}`.
    pub stage: &'static str,
    /// Label of the stage's goal.
    pub goal: &'static str,
    /// Label before the checklist.
    pub checklist: &'static str,
    /// An open item.
    pub open: &'static str,
    /// An item ticked by the agent.
    pub ticked: &'static str,
    /// An item ticked because its cue appeared in the notes.
    pub ticked_auto: &'static str,
    /// A required item.
    pub required: &'static str,
    /// A stage without checklist items.
    pub no_items: &'static str,
    /// Label of the suggested phrase.
    pub phrase: &'static str,
    /// Label of the pitfall.
    pub pitfall: &'static str,
    /// Announced when an item gets ticked (`{item}`).
    pub now_ticked: &'static str,
    /// Announced when an item is ticked automatically (`{item}`).
    pub now_ticked_auto: &'static str,
    /// Announced when an item is unticked (`{item}`).
    pub now_open: &'static str,
    /// Moving on would skip required items (`{items}`).
    pub required_open: &'static str,
    /// There is no item with that number (`{n}`).
    pub no_such_item: &'static str,
    /// There is no phrase with that number (`{n}`).
    pub no_such_phrase: &'static str,
    /// A command needs a number (`{example}`: the command with a number).
    pub needs_number: &'static str,
    /// `/agree` without text.
    pub needs_agreement: &'static str,
    /// An agreement was recorded (`{text}`).
    pub agreed: &'static str,
    /// The agreement's date lies in the past (`{date}`).
    pub past_date: &'static str,
    /// The customer was marked difficult.
    pub difficult_on: &'static str,
    /// The mark was taken away.
    pub difficult_off: &'static str,
    /// The phrases heading.
    pub phrases: &'static str,
    /// No phrases in this stage.
    pub no_phrases: &'static str,
    /// A phrase marked as used.
    pub used: &'static str,
    /// An unknown command (`{line}`).
    pub unknown: &'static str,
    /// Already at the last stage.
    pub last_stage: &'static str,
    /// Already at the first stage.
    pub first_stage: &'static str,
    /// The call has ended: only notes and `/quit` still do something.
    pub ended: &'static str,
    /// The heading of the summary printed after `/end`.
    pub summary: &'static str,
    /// Leaving with the call ended.
    pub bye_ended: &'static str,
    /// Leaving with the call open (resumable).
    pub bye_open: &'static str,
    /// Nothing could be saved anywhere: the notes follow (`{reason}`).
    pub unsaved: &'static str,
    /// The help heading.
    pub help: &'static str,
    /// How a note starting with `/` is typed.
    pub help_slash: &'static str,
    /// `--transcript` was given: line mode does not read it.
    pub no_transcript: &'static str,
    /// Under an unfinished call's card: how to answer in line mode.
    pub resume_prompt: &'static str,
    /// The names that answer it: resume, new, stop.
    pub resume_names: [&'static str; 3],
    /// Each command: its name, an argument placeholder and what it does.
    pub commands: [CommandWords; 13],
}

/// One command of line mode in one language.
#[derive(Debug, Clone, Copy)]
pub struct CommandWords {
    /// The name typed after `/`.
    pub name: &'static str,
    /// What follows the name, for the help (empty when nothing does).
    pub arg: &'static str,
    /// What it does.
    pub desc: &'static str,
}

const fn c(name: &'static str, arg: &'static str, desc: &'static str) -> CommandWords {
    CommandWords { name, arg, desc }
}

/// Dutch.
pub const NL: PlainWords = PlainWords {
    intro: "Regelmodus. Elke regel die je typt gaat naar de notities en wordt meteen bewaard. Een regel die met / begint is een opdracht; /hulp toont ze.",
    prompt: "> ",
    stage: "Fase {n} van {total}: {title}",
    goal: "Doel",
    checklist: "Checklist",
    open: "open",
    ticked: "afgevinkt",
    ticked_auto: "automatisch afgevinkt",
    required: "verplicht",
    no_items: "geen punten in deze fase",
    phrase: "Zin",
    pitfall: "Valkuil",
    now_ticked: "Afgevinkt: {item}",
    now_ticked_auto: "Automatisch afgevinkt (uit je notities): {item}",
    now_open: "Weer open: {item}",
    required_open: "Verplichte punten staan nog open: {items}. Typ /overslaan om toch verder te gaan.",
    no_such_item: "Er is geen punt {n} in deze fase.",
    no_such_phrase: "Er is geen zin {n} in deze fase.",
    needs_number: "Geef het nummer erbij, bijvoorbeeld {example}.",
    needs_agreement: "Schrijf de afspraak erachter: /afspraak wie | wat | JJJJ-MM-DD, of alleen wat.",
    agreed: "Afspraak vastgelegd: {text}",
    past_date: "Let op: {date} ligt in het verleden.",
    difficult_on: "Klant gemarkeerd als lastig.",
    difficult_off: "Klant niet meer gemarkeerd als lastig.",
    phrases: "Zinnen voor deze fase",
    no_phrases: "Geen zinnen voor deze fase.",
    used: "gebruikt",
    unknown: "Geen opdracht: {line}. /hulp toont de opdrachten; een notitie die met / begint typ je als //.",
    last_stage: "Dit is de laatste fase; /einde beëindigt het gesprek.",
    first_stage: "Dit is de eerste fase.",
    ended: "Het gesprek is beëindigd. Regels gaan nog naar de notities; /stoppen sluit af.",
    summary: "Samenvatting",
    bye_ended: "Gesprek beëindigd en bewaard.",
    bye_open: "Gesprek bewaard en nog open: de volgende keer kun je het hervatten.",
    unsaved: "Je notities konden nergens worden bewaard ({reason}). Hieronder staan ze; kopieer ze voordat je het venster sluit.",
    help: "Opdrachten (een regel die met / begint)",
    no_transcript: "Het live transcript (--transcript) werkt alleen op het volledige scherm; in de regelmodus wordt het niet gelezen.",
    resume_prompt: "Typ /hervatten om dit gesprek voort te zetten, /nieuw voor een nieuw gesprek (dit blijft bewaard als niet afgerond) of /stoppen.",
    resume_names: ["hervatten", "nieuw", "stoppen"],
    help_slash: "Een notitie die met / begint typ je als //: //8 uur is die regel “/8 uur”.",
    commands: [
        c("volgende", "", "naar de volgende fase"),
        c("terug", "", "naar de vorige fase"),
        c(
            "overslaan",
            "",
            "toch verder terwijl verplichte punten open staan",
        ),
        c("vink", "N", "punt N afvinken (of weer open zetten)"),
        c("fase", "", "de huidige fase en checklist nog eens"),
        c("zinnen", "", "alle zinnen voor deze fase"),
        c("gebruikt", "N", "zin N als gebruikt markeren"),
        c(
            "afspraak",
            "wie | wat | JJJJ-MM-DD",
            "een afspraak vastleggen",
        ),
        c(
            "opgelaaid",
            "",
            "de klant is opnieuw boos: terug naar luisteren",
        ),
        c("lastig", "", "klant als lastig markeren (of niet meer)"),
        c(
            "einde",
            "",
            "het gesprek beëindigen en de samenvatting tonen",
        ),
        c(
            "stoppen",
            "",
            "afsluiten; een open gesprek blijft bewaard om te hervatten",
        ),
        c("hulp", "", "deze lijst"),
    ],
};

/// English.
pub const EN: PlainWords = PlainWords {
    intro: "Line mode. Every line you type goes into the notes and is saved at once. A line starting with / is a command; /help lists them.",
    prompt: "> ",
    stage: "Stage {n} of {total}: {title}",
    goal: "Goal",
    checklist: "Checklist",
    open: "open",
    ticked: "ticked",
    ticked_auto: "ticked automatically",
    required: "required",
    no_items: "no items in this stage",
    phrase: "Phrase",
    pitfall: "Pitfall",
    now_ticked: "Ticked: {item}",
    now_ticked_auto: "Ticked automatically (from your notes): {item}",
    now_open: "Open again: {item}",
    required_open: "Required items are still open: {items}. Type /skip to move on anyway.",
    no_such_item: "There is no item {n} in this stage.",
    no_such_phrase: "There is no phrase {n} in this stage.",
    needs_number: "Add the number, for example {example}.",
    needs_agreement: "Write the agreement after it: /agree who | what | YYYY-MM-DD, or just what.",
    agreed: "Agreement recorded: {text}",
    past_date: "Note: {date} lies in the past.",
    difficult_on: "Customer marked difficult.",
    difficult_off: "Customer no longer marked difficult.",
    phrases: "Phrases for this stage",
    no_phrases: "No phrases for this stage.",
    used: "used",
    unknown: "Not a command: {line}. /help lists the commands; a note starting with / is typed as //.",
    last_stage: "This is the last stage; /end ends the call.",
    first_stage: "This is the first stage.",
    ended: "The call has ended. Lines still go into the notes; /quit leaves.",
    summary: "Summary",
    bye_ended: "Call ended and saved.",
    bye_open: "Call saved and still open: you can resume it next time.",
    unsaved: "Your notes could be saved nowhere ({reason}). Here they are; copy them before closing the window.",
    help: "Commands (a line starting with /)",
    no_transcript: "The live transcript (--transcript) works on the full screen only; line mode does not read it.",
    resume_prompt: "Type /resume to go on with this call, /new for a new call (this one stays stored as unfinished) or /quit to stop.",
    resume_names: ["resume", "new", "quit"],
    help_slash: "A note starting with / is typed as //: //8 hours notes “/8 hours”.",
    commands: [
        c("next", "", "go to the next stage"),
        c("back", "", "go to the previous stage"),
        c("skip", "", "move on although required items are open"),
        c("tick", "N", "tick item N (or open it again)"),
        c("stage", "", "the current stage and checklist again"),
        c("phrases", "", "every phrase for this stage"),
        c("used", "N", "mark phrase N as used"),
        c("agree", "who | what | YYYY-MM-DD", "record an agreement"),
        c("flare", "", "the customer flared up again: back to listen"),
        c(
            "difficult",
            "",
            "mark the customer as difficult (or not any more)",
        ),
        c("end", "", "end the call and show the summary"),
        c("quit", "", "leave; a call still open stays saved to resume"),
        c("help", "", "this list"),
    ],
};

/// The words in `lang`.
pub fn words(lang: Language) -> &'static PlainWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_are_unique_across_both_languages_except_shared_ones() {
        for (i, a) in NL.commands.iter().enumerate() {
            for (j, b) in EN.commands.iter().enumerate() {
                // The same name may only mean the same command.
                assert!(a.name != b.name || i == j, "{} means two things", a.name);
            }
            for (j, b) in NL.commands.iter().enumerate() {
                assert!(i == j || a.name != b.name, "{}", a.name);
            }
        }
        for w in [&NL, &EN] {
            assert!(w.stage.contains("{n}") && w.stage.contains("{title}"));
            assert!(w.unknown.contains("{line}") && w.unknown.contains("//"));
        }
    }
}

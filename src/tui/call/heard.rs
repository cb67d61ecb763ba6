//! Folding the live transcript into the call: the agent's final speech
//! ticks checklist items (marked as spoken) and marks phrases used, the
//! customer's flare-up cues raise a suggestion — never an escalation. All
//! of it comes from the playbook, through the core's `transcript::heard`.
//! When the call stores its transcript, each final line is also kept as a
//! `Said` event (redacted with the other events on the way to the store).

use super::live::FLARE_MS;
use super::state::{App, Effect};
use crate::engine::{Command, TickSource};
use crate::transcript::{self, Kind, Report};

/// Takes one report of a transcript source.
pub(super) fn on_report(app: &mut App, report: Report, fx: &mut Vec<Effect>) {
    match report {
        Report::Status { source, status } => {
            if let Some(s) = app.live.sources.get_mut(source) {
                *s = status;
            }
        }
        Report::Heard {
            utterances, stats, ..
        } => {
            app.live.malformed += stats.malformed;
            app.live.dropped += stats.dropped;
            for u in utterances {
                match u.kind {
                    Kind::Partial => app.live.partial = Some((u.speaker.clone(), u.text.clone())),
                    Kind::Final => {
                        app.live.partial = None;
                        app.live.push_line(u.speaker.clone(), u.text.clone());
                    }
                }
                if app.state.is_ended() {
                    continue;
                }
                // Kept before the ticks it causes; masked on the way to
                // the store like every event text.
                if app.live.store && u.kind == Kind::Final {
                    let say = Command::Say {
                        speaker: u.speaker.label().to_owned(),
                        text: super::mask::text_for_output(app, &u.text),
                    };
                    app.command(say, fx).ok();
                }
                let heard = transcript::heard(app.pb(), &u);
                for item in heard.items {
                    if !app.state.checked.contains_key(&item) {
                        app.command(Command::Check(item, TickSource::Spoken), fx)
                            .ok();
                    }
                }
                for (stage, index) in heard.phrases {
                    if !app.state.phrases_used.contains(&(stage, index)) {
                        app.command(Command::UsePhrase { stage, index }, fx).ok();
                    }
                }
                if let Some(cue) = heard.flare_up {
                    app.live.flare = Some((cue, app.now + FLARE_MS));
                }
            }
        }
    }
}

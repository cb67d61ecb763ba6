//! Cue detection while typing, with the playbook's cue phrases compiled
//! once: [`notes::cue_hits`](crate::notes::cue_hits) compiles every cue
//! (word folding, Snowball stems, synonyms) on every call, which was a
//! quarter of a keystroke's work. The compiled patterns are kept with the
//! phrases they came from and compiled again when those change (a
//! reloaded playbook).

use crate::engine::ItemRef;
use crate::playbook::{Language, Playbook};
use callcoach_core::cue::{Pattern, Reader};

/// The playbook's checklist items with their compiled cue phrases.
#[derive(Default)]
pub struct CueCache {
    lang: Option<Language>,
    items: Vec<(ItemRef, Vec<String>, Vec<Pattern>)>,
}

impl CueCache {
    /// The checklist items whose cues occur in `text`: the same as
    /// `notes::cue_hits(pb, text)`.
    pub fn hits(&mut self, pb: &Playbook, text: &str) -> Vec<ItemRef> {
        let reader = Reader::shared(pb.language);
        if !self.fits(pb) {
            self.lang = Some(pb.language);
            self.items = pb
                .stages
                .iter()
                .flat_map(|(stage, content)| {
                    content.checklist.iter().map(move |item| {
                        let patterns = item.detect.iter().map(|c| reader.pattern(c)).collect();
                        (
                            ItemRef::new(stage, item.id.clone()),
                            item.detect.clone(),
                            patterns,
                        )
                    })
                })
                .collect();
        }
        let a = reader.analyse(text);
        self.items
            .iter()
            .filter(|(_, _, patterns)| {
                patterns
                    .iter()
                    .any(|p| p.hits(&a).iter().any(|h| !h.negated))
            })
            .map(|(item, _, _)| item.clone())
            .collect()
    }

    /// True when the compiled cues are those of `pb`.
    fn fits(&self, pb: &Playbook) -> bool {
        if self.lang != Some(pb.language) {
            return false;
        }
        let mut cached = self.items.iter();
        for (stage, content) in pb.stages.iter() {
            for item in &content.checklist {
                match cached.next() {
                    Some((r, cues, _))
                        if r.stage == stage && r.item == item.id && *cues == item.detect => {}
                    _ => return false,
                }
            }
        }
        cached.next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_finds_what_cue_hits_finds_and_follows_a_changed_playbook() {
        let mut pb = crate::load::default_playbook().unwrap();
        let mut cache = CueCache::default();
        let texts = [
            "",
            "klant belt over een jas die kapot is",
            "ik begrijp dat dit vervelend is\nwat is er precies gebeurd?",
            "we sturen een nieuwe jas op, ik bel u vrijdag terug",
            "niet begrepen, geen excuses",
        ];
        for t in texts {
            assert_eq!(cache.hits(&pb, t), crate::notes::cue_hits(&pb, t), "{t}");
        }
        // A reloaded playbook with other cues.
        pb.stages.listen.checklist[0].detect = vec!["kapotte rits".into()];
        let t = "de kapotte rits";
        assert_eq!(cache.hits(&pb, t), crate::notes::cue_hits(&pb, t));
        assert!(!cache.hits(&pb, t).is_empty());
    }
}

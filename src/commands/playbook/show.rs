//! `callcoach playbook show [--sources]`: a playbook as readable text, and
//! the traceability table (each source with every element compiled from it).
//!
//! Rendering is a pure function of the playbook and the interface language;
//! every text from the file is sanitised before it is written. Headings
//! follow the interface language (`crate::i18n::show`).

use crate::playbook::{Channel, Language, Phrase, Playbook};
use crate::text::{sanitize, sanitize_line};

use crate::i18n::show::{ShowWords as Labels, show_words as labels};

/// Bold headings when colour is on.
struct Out {
    buf: String,
    color: bool,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.buf.push_str(s);
        self.buf.push('\n');
    }

    fn heading(&mut self, s: &str) {
        if self.color {
            self.line(&crate::output::bold(s));
        } else {
            self.line(s);
        }
    }

    /// A possibly multi-line file text, first line after `lead`, the rest
    /// indented to line up.
    fn block(&mut self, lead: &str, text: &str) {
        let pad = " ".repeat(lead.chars().count());
        for (i, l) in sanitize(text.trim_end()).lines().enumerate() {
            if i == 0 {
                self.line(&format!("{lead}{l}"));
            } else {
                self.line(&format!("{pad}{l}"));
            }
        }
    }
}

fn secs(n: u32) -> String {
    format!("{}:{:02}", n / 60, n % 60)
}

fn src(id: &str) -> String {
    format!("  [{}]", sanitize_line(id))
}

fn phrase_line(out: &mut Out, l: &Labels, indent: &str, p: &Phrase) {
    let channel = match p.channel {
        Some(Channel::Phone) => format!(" ({})", l.phone),
        Some(Channel::InPerson) => format!(" ({})", l.in_person),
        None => String::new(),
    };
    out.block(
        &format!("{indent}“"),
        &format!("{}”{channel}{}", p.text.trim(), src(&p.source)),
    );
}

/// The playbook as readable text.
pub fn render(pb: &Playbook, lang: Language, color: bool) -> String {
    let l = labels(lang);
    let mut out = Out {
        buf: String::new(),
        color,
    };
    out.heading(&format!(
        "{}  ({}, {}, {} {})",
        sanitize_line(&pb.title),
        sanitize_line(&pb.id),
        pb.language.code(),
        l.version,
        sanitize_line(&pb.version)
    ));
    out.block("", &pb.description);
    out.line("");

    out.heading(l.sources);
    for s in &pb.sources {
        out.line(&format!(
            "  {} — {} ({})",
            sanitize_line(&s.id),
            sanitize_line(&s.title),
            sanitize_line(&s.author)
        ));
    }
    out.line("");

    out.heading(l.mindset);
    for r in &pb.mindset {
        out.block("  • ", &format!("{}{}", r.text.trim(), src(&r.source)));
    }

    for (n, (id, stage)) in pb.stages.iter().enumerate() {
        out.line("");
        let hint = stage
            .time_hint_secs
            .map(|t| format!("  ({} {})", l.time_hint, secs(t)))
            .unwrap_or_default();
        out.heading(&format!(
            "{}. {} [{}]{hint}",
            n + 1,
            sanitize_line(&stage.title),
            id
        ));
        out.block("   ", &stage.goal);
        if !stage.checklist.is_empty() {
            out.line(&format!("   {} ({})", l.checklist, l.required_legend));
            for item in &stage.checklist {
                let mark = if item.required { "*" } else { " " };
                out.block(
                    &format!("   {mark} "),
                    &format!(
                        "{}  ({}){}",
                        item.text.trim(),
                        sanitize_line(&item.id),
                        src(&item.source)
                    ),
                );
                if !item.detect.is_empty() {
                    let cues: Vec<String> = item
                        .detect
                        .iter()
                        .map(|c| format!("“{}”", sanitize_line(c)))
                        .collect();
                    out.line(&format!("       {}: {}", l.cues, cues.join(", ")));
                }
                if let Some(tip) = &item.tip {
                    out.block(&format!("       {}: ", l.tip), tip);
                }
            }
        }
        if !stage.phrases.is_empty() {
            out.line(&format!("   {}", l.phrases));
            for p in &stage.phrases {
                phrase_line(&mut out, l, "     ", p);
            }
        }
        if !stage.pitfalls.is_empty() {
            out.line(&format!("   {}", l.pitfalls));
            for p in &stage.pitfalls {
                out.block("     ✗ ", &format!("{}{}", p.text.trim(), src(&p.source)));
            }
        }
    }

    let d = &pb.decision;
    out.line("");
    out.heading(&format!("{}: {}", l.decision, sanitize_line(&d.title)));
    out.block("   ", &d.intro);
    out.line(&format!("   {}", l.questions));
    for (i, q) in d.questions.iter().enumerate() {
        out.block(
            &format!("   {}. ", i + 1),
            &format!("{}{}", q.text.trim(), src(&q.source)),
        );
        if let Some(h) = &q.hint {
            out.block("      ", h);
        }
    }
    for (title, outcomes) in [
        (l.first_time, &d.first_time),
        (l.repeat_difficult, &d.repeat_difficult),
    ] {
        out.line(&format!("   {title}"));
        for (when, o) in [(l.keep, &outcomes.keep), (l.part_ways, &outcomes.part_ways)] {
            out.line(&format!(
                "     {when} → {}{}",
                sanitize_line(&o.title),
                src(&o.source)
            ));
            out.block("       ", &o.guidance);
            for p in &o.phrases {
                phrase_line(&mut out, l, "       ", p);
            }
        }
    }
    if let Some(c) = &d.caution {
        out.block(
            &format!("   {}: ", l.caution),
            &format!("{}{}", c.text.trim(), src(&c.source)),
        );
    }

    let e = &pb.evaluation;
    out.line("");
    out.heading(l.evaluation);
    out.line(&format!("   {}", l.questions));
    for q in &e.questions {
        out.block("   • ", &format!("{}{}", q.text.trim(), src(&q.source)));
    }
    out.line(&format!("   {}", l.causes));
    for c in &e.causes {
        out.line(&format!(
            "   • {} ({}){}",
            sanitize_line(&c.label),
            sanitize_line(&c.id),
            src(&c.source)
        ));
    }

    out.line("");
    out.heading(&format!("{}{}", l.email, src(&pb.email.source)));
    out.line(&format!(
        "   {}: {}",
        l.subject,
        sanitize_line(&pb.email.subject)
    ));
    out.line("");
    for line in sanitize(pb.email.body.trim_end()).lines() {
        out.line(format!("   │ {line}").trim_end());
    }
    out.buf
}

/// One element of a playbook that cites a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Where it sits, e.g. `Luisteren · Checklist`.
    pub group: String,
    /// Its text (first line for multi-line texts).
    pub text: String,
    /// The source id it cites.
    pub source: String,
}

/// Every element of `pb` that cites a source, in playbook order.
pub fn elements(pb: &Playbook, lang: Language) -> Vec<Element> {
    let l = labels(lang);
    let mut out = Vec::new();
    let mut add = |group: String, text: &str, source: &str| {
        out.push(Element {
            group,
            text: first_line(text),
            source: sanitize_line(source),
        });
    };
    for r in &pb.mindset {
        add(l.mindset.to_owned(), &r.text, &r.source);
    }
    for (_, stage) in pb.stages.iter() {
        let t = sanitize_line(&stage.title);
        for i in &stage.checklist {
            add(format!("{t} · {}", l.checklist), &i.text, &i.source);
        }
        for p in &stage.phrases {
            add(format!("{t} · {}", l.phrases), &p.text, &p.source);
        }
        for p in &stage.pitfalls {
            add(format!("{t} · {}", l.pitfalls), &p.text, &p.source);
        }
    }
    let d = &pb.decision;
    add(l.decision.to_owned(), &d.title, &d.source);
    for q in &d.questions {
        add(
            format!("{} · {}", l.decision, l.questions),
            &q.text,
            &q.source,
        );
    }
    for (title, o) in [
        (l.first_time, &d.first_time),
        (l.repeat_difficult, &d.repeat_difficult),
    ] {
        for o in [&o.keep, &o.part_ways] {
            add(format!("{} · {title}", l.decision), &o.title, &o.source);
            for p in &o.phrases {
                add(format!("{} · {title}", l.decision), &p.text, &p.source);
            }
        }
    }
    if let Some(c) = &d.caution {
        add(
            format!("{} · {}", l.decision, l.caution),
            &c.text,
            &c.source,
        );
    }
    for q in &pb.evaluation.questions {
        add(
            format!("{} · {}", l.evaluation, l.questions),
            &q.text,
            &q.source,
        );
    }
    for c in &pb.evaluation.causes {
        add(
            format!("{} · {}", l.evaluation, l.causes),
            &c.label,
            &c.source,
        );
    }
    add(l.email.to_owned(), &pb.email.subject, &pb.email.source);
    out
}

fn first_line(text: &str) -> String {
    let clean = sanitize_line(text.trim());
    let mut words = String::new();
    for w in clean.split_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(w);
    }
    words
}

/// The traceability table: each source with every element compiled from
/// it, grouped by where the element sits.
pub fn render_sources(pb: &Playbook, lang: Language, color: bool) -> String {
    let l = labels(lang);
    let all = elements(pb, lang);
    let mut out = Out {
        buf: String::new(),
        color,
    };
    out.heading(&format!(
        "{} — {} ({} {})",
        sanitize_line(&pb.title),
        l.sources,
        all.len(),
        l.elements
    ));
    for s in &pb.sources {
        let mine: Vec<&Element> = all.iter().filter(|e| e.source == s.id).collect();
        out.line("");
        out.heading(&format!(
            "{} — {} ({} {})",
            sanitize_line(&s.id),
            sanitize_line(&s.title),
            mine.len(),
            l.elements
        ));
        out.block("  ", &format!("{} · {}", s.author.trim(), s.summary.trim()));
        if let Some(url) = &s.url {
            out.line(&format!("  {}", sanitize_line(url)));
        }
        let mut group = "";
        for e in &mine {
            if e.group != group {
                group = &e.group;
                out.line(&format!("  {group}"));
            }
            out.line(&format!("    • {}", e.text));
        }
        if mine.is_empty() {
            out.line(&format!("  (0 {})", l.elements));
        }
    }
    out.buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::load;

    fn dutch() -> Playbook {
        load::default_playbook().unwrap()
    }

    #[test]
    fn show_lists_every_stage_item_and_the_email() {
        let pb = dutch();
        let text = render(&pb, Language::Nl, false);
        for (id, stage) in pb.stages.iter() {
            assert!(text.contains(&format!("[{id}]")), "{id}");
            for item in &stage.checklist {
                assert!(text.contains(&format!("({})", item.id)), "{}", item.id);
            }
        }
        assert!(text.contains("* = verplicht"));
        assert!(text.contains(&pb.decision.questions[0].text));
        assert!(text.contains(&pb.email.subject));
        assert!(!text.contains('\x1b'));
        assert!(render(&pb, Language::Nl, true).contains("\x1b[1m"));
    }

    #[test]
    fn sources_table_accounts_for_every_element_once() {
        let pb = dutch();
        let all = elements(&pb, Language::Nl);
        let table = render_sources(&pb, Language::Nl, false);
        let mut total = 0;
        for s in &pb.sources {
            let n = all.iter().filter(|e| e.source == s.id).count();
            assert!(n > 0, "{} feeds nothing", s.id);
            assert!(table.contains(&format!("{} — ", s.id)));
            assert!(table.contains(&format!("({n} onderdelen)")));
            total += n;
        }
        assert_eq!(total, all.len());
    }

    #[test]
    fn headings_follow_the_interface_language_not_the_playbook() {
        let pb = dutch();
        let text = render(&pb, Language::En, false);
        assert!(text.contains("* = required"), "{text}");
        assert!(!text.contains("* = verplicht"));
        let table = render_sources(&pb, Language::En, false);
        assert!(table.contains(" elements)"), "{table}");
        assert!(!table.contains("onderdelen"));
    }

    #[test]
    fn file_text_is_sanitised() {
        let mut pb = dutch();
        pb.title = "Evil\x1b]0;pwned\x07".into();
        pb.stages.listen.goal = "a\u{202e}b".into();
        let text = render(&pb, Language::Nl, false);
        assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{202e}'));
    }
}

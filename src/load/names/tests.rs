use super::*;
use proptest::prelude::*;

/// A valid playbook text with this id and version (the built-in English
/// one, renamed).
fn playbook_text(id: &str, version: &str) -> String {
    let mut out = String::new();
    for line in crate::playbook::builtin::ENGLISH.lines() {
        if line.starts_with("id:") {
            out.push_str(&format!("id: {id}\n"));
        } else if line.starts_with("version:") {
            out.push_str(&format!("version: \"{version}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn content_hash_is_sha256_of_the_bytes() {
    assert_eq!(
        content_hash(b"abc"),
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(content_hash(b"abc"), content_hash(b"abc\n"));
}

#[test]
fn user_file_found_by_stem_or_by_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), playbook_text("team-x", "2")).unwrap();
    let s = Sources {
        user: Some(dir.path().to_owned()),
        published: None,
    };
    let by_stem = resolve_in("mine", &s).unwrap();
    let by_id = resolve_in("team-x", &s).unwrap();
    assert_eq!(by_stem.playbook.id, "team-x");
    assert_eq!(by_id.origin, Origin::File(dir.path().join("mine.yaml")));
    assert_eq!(
        by_id.hash(),
        content_hash(playbook_text("team-x", "2").as_bytes())
    );
    // A broken file of the name asked for is reported, not skipped for the
    // built-in of that name.
    std::fs::write(dir.path().join("complaint-call.yaml"), "id: x\n").unwrap();
    let e = resolve_in("complaint-call", &s).unwrap_err();
    assert!(e[0].to_string().contains("complaint-call.yaml"), "{}", e[0]);
    let e = resolve_in("team-y", &s).unwrap_err();
    assert!(
        e[0].hint.as_deref().unwrap_or("").contains("team-x"),
        "{}",
        e[0]
    );
}

/// Which of the places holds a playbook with the asked id.
#[derive(Clone, Copy, Debug)]
struct Places {
    user: bool,
    published: bool,
    builtin_id: bool,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Whatever combination of places holds the id, the resolver takes
    /// the first in the documented order: user's, published, built-in.
    #[test]
    fn precedence_is_user_then_published_then_builtin(
        user in any::<bool>(), published in any::<bool>(), builtin_id in any::<bool>()
    ) {
        let p = Places { user, published, builtin_id };
        let id = if p.builtin_id { "complaint-call" } else { "team-call" };
        let u = tempfile::tempdir().unwrap();
        let pu = tempfile::tempdir().unwrap();
        if p.user {
            std::fs::write(u.path().join(format!("{id}.yaml")), playbook_text(id, "user")).unwrap();
        }
        if p.published {
            std::fs::write(pu.path().join(format!("{id}.yaml")), playbook_text(id, "published")).unwrap();
        }
        let s = Sources { user: Some(u.path().to_owned()), published: Some(pu.path().to_owned()) };
        let got = resolve_in(id, &s);
        let expected = if p.user {
            Some("user")
        } else if p.published {
            Some("published")
        } else if p.builtin_id {
            Some("builtin")
        } else {
            None
        };
        match (expected, got) {
            (None, Err(_)) => {}
            (Some("builtin"), Ok(r)) => prop_assert!(matches!(r.origin, Origin::Builtin(_)), "{:?}", p),
            (Some(v), Ok(r)) => prop_assert_eq!(r.playbook.version, v),
            (e, g) => prop_assert!(false, "{:?}: expected {:?}, got {:?}", p, e, g.map(|r| r.origin)),
        }
        // An explicit path always wins, whatever else holds the id.
        let elsewhere = tempfile::tempdir().unwrap();
        let path = elsewhere.path().join("explicit.yml");
        std::fs::write(&path, playbook_text(id, "path")).unwrap();
        let r = resolve_in(&path.display().to_string(), &s).unwrap();
        prop_assert_eq!(r.playbook.version, "path");
        // Listing gives each id once, the winner's.
        let all = all_resolved(&s);
        let n = all.iter().filter(|r| r.playbook.id == id).count();
        prop_assert_eq!(n, usize::from(p.user || p.published || p.builtin_id));
    }
}

#[test]
fn scenarios_follow_the_same_order() {
    let u = tempfile::tempdir().unwrap();
    let pu = tempfile::tempdir().unwrap();
    let (_, yaml) = crate::scenario::load::BUILTIN
        .iter()
        .find(|(f, _)| *f == "sweat-stains.en.yaml")
        .unwrap();
    let retitled = |t: &str| {
        yaml.replace(
            "title: Blouse with sweat stains returned",
            &format!("title: {t}"),
        )
    };
    let s = Sources {
        user: Some(u.path().to_owned()),
        published: Some(pu.path().to_owned()),
    };
    let title = |s: &Sources| {
        find_scenario("sweat-stains", Some(Language::En), s)
            .unwrap()
            .unwrap()
            .title
    };
    assert_eq!(title(&s), "Blouse with sweat stains returned");
    std::fs::write(
        pu.path().join("sweat-stains.en.yaml"),
        retitled("Published"),
    )
    .unwrap();
    assert_eq!(title(&s), "Published");
    std::fs::write(u.path().join("sweat-stains.en.yaml"), retitled("Mine")).unwrap();
    assert_eq!(title(&s), "Mine");
    assert!(find_scenario("nope", None, &s).unwrap().is_none());
    assert!(scenario_ids(&s).contains(&"sweat-stains".to_owned()));
}

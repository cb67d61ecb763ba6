use super::*;
use std::os::unix::fs::PermissionsExt as _;

fn english() -> Publication {
    prepare("en.yaml", crate::playbook::builtin::ENGLISH.as_bytes()).unwrap()
}

#[test]
fn prepare_tells_playbooks_from_scenarios_and_refuses_broken_files() {
    let p = english();
    assert_eq!(
        (p.kind, p.id.as_str(), p.language.as_str()),
        (Kind::Playbook, "complaint-call", "en")
    );
    assert_eq!(
        p.hash,
        crate::load::content_hash(crate::playbook::builtin::ENGLISH.as_bytes())
    );
    let (_, yaml) = crate::scenario::load::BUILTIN[0];
    let s = prepare("s.yaml", yaml.as_bytes()).unwrap();
    assert_eq!(s.kind, Kind::Scenario);
    // A scenario with a mistake gets the scenario's diagnostics.
    let broken = yaml.replace("pass_mark:", "pass_mrk:");
    let e = prepare("s.yaml", broken.as_bytes()).unwrap_err();
    assert!(e[0].to_string().contains("pass_mark"), "{}", e[0]);
    let e = prepare("p.yaml", b"id: x\n").unwrap_err();
    assert!(!e.is_empty());
}

#[test]
fn cache_writes_private_files_and_refuses_what_does_not_check_out() {
    let data = tempfile::tempdir().unwrap();
    let good = english();
    let mut bad_hash = english();
    bad_hash.content.push_str("# changed\n");
    let mut bad_name = english();
    bad_name.id = "../evil".into();
    let mut lying = english();
    lying.id = "other".into();
    let done = cache(data.path(), &[good.clone(), bad_hash, bad_name, lying]).unwrap();
    assert_eq!(
        done,
        Cached {
            updated: 1,
            refused: 3
        }
    );
    let file = data.path().join("published/playbooks/complaint-call.yaml");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), good.content);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&data.path().join("published/playbooks")), 0o700);
    assert_eq!(mode(&data.path().join("published")), 0o700);
    // Unchanged: nothing rewritten.
    assert_eq!(cache(data.path(), &[good]).unwrap(), Cached::default());
}

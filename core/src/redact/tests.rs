use super::*;
use proptest::prelude::*;

fn r(text: &str) -> String {
    redact(text, &[]).text
}

#[test]
fn a_card_number_is_masked_but_its_last_four() {
    assert_eq!(
        r("kaart 4111 1111 1111 1111 ok"),
        "kaart **** **** **** 1111 ok"
    );
    assert_eq!(r("4111-1111-1111-1111"), "****-****-****-1111");
    assert_eq!(r("4111111111111111."), "************1111.");
    // Amex (15), and 19 digits.
    assert_eq!(r("3782 822463 10005"), "**** ****** *0005");
    assert_eq!(redact("6011 0009 9013 9424", &[]).found, vec![Kind::Card]);
}

#[test]
fn numbers_that_are_not_cards_stay() {
    // Luhn fails.
    assert_eq!(r("4111 1111 1111 1112"), "4111 1111 1111 1112");
    // Too short, glued to letters or to more digits.
    assert_eq!(r("order 411111111111"), "order 411111111111");
    assert_eq!(r("X4111111111111111"), "X4111111111111111");
    assert_eq!(r("41111111111111110000000"), "41111111111111110000000");
    // Two separators in a row end the number.
    assert_eq!(r("4111  1111 1111 1111"), "4111  1111 1111 1111");
}

#[test]
fn a_security_code_next_to_a_card_is_masked() {
    assert_eq!(
        r("4111 1111 1111 1111 cvc 123"),
        "**** **** **** 1111 cvc ***"
    );
    assert_eq!(
        r("code 9876 bij kaart 4111111111111111"),
        "code **** bij kaart ************1111"
    );
    assert_eq!(r("4111111111111111 123"), "************1111 ***");
    // Typed later, after the card was already masked.
    assert_eq!(
        r("**** **** **** 1111 cvv: 456"),
        "**** **** **** 1111 cvv: ***"
    );
    // Not on the same line, or too far away, or no card: stays.
    assert_eq!(r("4111111111111111\n123"), "************1111\n123");
    assert_eq!(r("order 123 shipped"), "order 123 shipped");
    assert_eq!(
        r("4111111111111111 and then a lot of words 123"),
        "************1111 and then a lot of words 123"
    );
}

#[test]
fn ibans_are_masked_but_country_and_last_four() {
    assert_eq!(r("NL91ABNA0417164300"), "NL************4300");
    assert_eq!(
        r("iban NL91 ABNA 0417 1643 00 graag"),
        "iban NL** **** **** **43 00 graag"
    );
    assert_eq!(
        r("GB82 WEST 1234 5698 7654 32"),
        "GB** **** **** **** **54 32"
    );
    assert_eq!(r("nl91abna0417164300"), "nl************4300");
    // Wrong check digits.
    assert_eq!(r("NL92ABNA0417164300"), "NL92ABNA0417164300");
}

#[test]
fn bsns_are_masked() {
    assert_eq!(r("bsn 111222333"), "bsn *********");
    assert_eq!(r("bsn 1112.22.333"), "bsn ****.**.***");
    // Not 11-proof, or part of a longer number.
    assert_eq!(r("bsn 111222334"), "bsn 111222334");
    assert_eq!(r("1112223330"), "1112223330");
}

#[test]
fn playbook_shapes() {
    let shapes = vec![
        Shape::parse("KL-######").unwrap(),
        Shape::parse("@@\\#??").unwrap(),
    ];
    let out = redact(
        "klant KL-123456 en kl-654321, ab#x1 maar KL-1234567",
        &shapes,
    );
    assert_eq!(
        out.text,
        "klant **-****** en **-******, **#** maar KL-1234567"
    );
    assert_eq!(
        out.found,
        vec![Kind::Custom(0), Kind::Custom(0), Kind::Custom(1)]
    );
    assert!(Shape::parse("KL-").is_err());
    assert!(Shape::parse("##\\").is_err());
    assert!(Shape::parse(&"#".repeat(65)).is_err());
}

/// A card number of `len` digits starting with `prefix`, Luhn-valid.
fn card(prefix: &[u8], len: usize) -> Vec<u8> {
    let mut d: Vec<u8> = prefix.iter().copied().take(len - 1).collect();
    while d.len() < len - 1 {
        d.push((d.len() * 7 % 10) as u8);
    }
    for check in 0..10 {
        let mut c = d.clone();
        c.push(check);
        if luhn_valid(&c) {
            return c;
        }
    }
    unreachable!()
}

fn grouped(digits: &[u8], sizes: &[usize], sep: char) -> String {
    let mut out = String::new();
    let mut i = 0;
    for (k, &n) in sizes.iter().cycle().enumerate() {
        if i >= digits.len() {
            break;
        }
        if k > 0 {
            out.push(sep);
        }
        let end = (i + n.max(1)).min(digits.len());
        out.extend(digits[i..end].iter().map(|d| char::from(b'0' + d)));
        i = end;
    }
    out
}

fn digits_str(d: &[u8]) -> String {
    d.iter().map(|x| char::from(b'0' + x)).collect()
}

/// An IBAN for country `cc` with account part `bban`, valid.
fn iban(cc: &str, bban: &str) -> String {
    for check in 2..=98u32 {
        let s = format!("{cc}{check:02}{bban}");
        if iban_valid(&s) {
            return s;
        }
    }
    unreachable!()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every valid card number, however grouped and wherever it stands in
    /// a sentence, leaves no more than its last four digits.
    #[test]
    fn valid_cards_never_survive(
        prefix in proptest::collection::vec(0u8..10, 19),
        len in 13usize..=19,
        sizes in proptest::collection::vec(1usize..8, 1..5),
        sep in prop_oneof![Just(' '), Just('-')],
        before in "[a-z ]{0,12}",
        after in "[a-z .,]{0,12}",
    ) {
        let c = card(&prefix, len);
        let number = grouped(&c, &sizes, sep);
        let text = format!("{before} {number} {after}");
        let out = redact(&text, &[]);
        prop_assert!(!out.text.contains(&number), "{} -> {}", text, out.text);
        let flat: String = out.text.chars().filter(char::is_ascii_digit).collect();
        prop_assert!(!flat.contains(&digits_str(&c[..len - 4])), "{}", out.text);
        prop_assert!(out.found.contains(&Kind::Card));
        prop_assert_eq!(out.text.chars().count(), text.chars().count());
    }

    /// A number that fails the Luhn check is left alone.
    #[test]
    fn invalid_cards_stay(prefix in proptest::collection::vec(0u8..10, 19), len in 13usize..=19, bump in 1u8..10) {
        let mut c = card(&prefix, len);
        let last = c.len() - 1;
        c[last] = (c[last] + bump) % 10;
        let text = format!("nummer {} klaar", digits_str(&c));
        prop_assert_eq!(redact(&text, &[]).text, text);
    }

    /// A security code typed right after a valid card is masked too.
    #[test]
    fn codes_after_cards_are_masked(
        prefix in proptest::collection::vec(0u8..10, 19),
        code in "[0-9]{3,4}",
        word in "(cvc |cvv: |code |)",
        sep in prop_oneof![Just(' '), Just('-')],
    ) {
        let c = card(&prefix, 16);
        let text = format!("kaart {}{sep}{word}{code}", grouped(&c, &[4], sep));
        let out = redact(&text, &[]);
        prop_assert!(out.text.ends_with(&"*".repeat(code.len())), "{}", out.text);
        prop_assert!(out.found.contains(&Kind::SecurityCode), "{}", out.text);
    }

    /// Valid IBANs are masked (country and last four kept); one changed
    /// digit makes them invalid and they stay.
    #[test]
    fn ibans(cc in "[A-Z]{2}", bban in "[A-Z0-9]{11,30}", spaced in any::<bool>()) {
        let i = iban(&cc, &bban);
        let shown = if spaced {
            i.chars().collect::<Vec<_>>().chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
        } else {
            i.clone()
        };
        let out = redact(&format!("rekening {shown}."), &[]);
        prop_assert!(!out.text.contains(&shown), "{}", out.text);
        prop_assert!(out.found.contains(&Kind::Iban));
        // Invalid: check digits off by one.
        let check: u32 = i[2..4].parse().unwrap_or(0);
        let bad = format!("{cc}{:02}{bban}", (check + 1) % 100);
        prop_assume!(!iban_valid(&bad));
        let text = format!("rekening {bad}.");
        prop_assert_eq!(redact(&text, &[]).text, text);
    }

    /// 11-proof BSNs are masked, others stay.
    #[test]
    fn bsns(d in proptest::collection::vec(0u8..10, 8)) {
        let sum: u32 = d.iter().enumerate().map(|(i, &x)| (9 - i as u32) * u32::from(x)).sum();
        let last = sum % 11;
        prop_assume!(last < 10 && d.iter().any(|&x| x != 0));
        let mut valid = d.clone();
        valid.push(last as u8);
        prop_assert!(bsn_valid(&valid));
        let text = format!("bsn {} genoteerd", digits_str(&valid));
        prop_assert!(!redact(&text, &[]).text.contains(&digits_str(&valid)));
        let mut invalid = d.clone();
        invalid.push(((last + 1) % 10) as u8);
        prop_assume!(!bsn_valid(&invalid));
        // Not a card or IBAN either (9 digits): stays.
        let text = format!("bsn {} genoteerd", digits_str(&invalid));
        prop_assert_eq!(redact(&text, &[]).text, text);
    }

    /// Redacting twice changes nothing more, and never changes the length.
    #[test]
    fn redaction_is_idempotent(text in "[0-9a-zA-Z *.\\-\n]{0,80}") {
        let once = redact(&text, &[]).text;
        prop_assert_eq!(once.chars().count(), text.chars().count());
        prop_assert_eq!(redact(&once, &[]).text, once.clone());
    }
}

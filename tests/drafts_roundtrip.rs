//! Round trip (property test): any draft → save → load gives the same draft, for arbitrary
//! answers of every value kind, arbitrary text (controls, bidi, BOM, CR, quotes, backslashes,
//! raw-string and attribute look-alikes) and arbitrary field ids.

mod support;
use support::drafts as common;

use std::collections::BTreeMap;

use common::*;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use tianbiao::draft::{Draft, OpenMode, Opener};
use tianbiao::form::{Answers, Attachment, Cell, Value};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        3 => "[a-z中文字“”…—·#!()\\[\\]{}\"'\\\\ \t\n\r\u{1b}\u{9b}\u{202e}\u{200b}\u{feff}\u{301}👨‍👩‍👧]{0,24}",
        1 => Just("#![enable(implicit_some)]".to_string()),
        1 => Just("r#\"raw\"# /* 注释 */ // 行".to_string()),
        1 => Just(String::new()),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        text().prop_map(Cell::Text),
        any::<bool>().prop_map(Cell::Bool)
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::Text),
        (vec(text(), 0..4), text()).prop_map(|(selected, other)| Value::Choice { selected, other }),
        text().prop_map(Value::Date),
        vec(text(), 0..5).prop_map(Value::List),
        vec(btree_map(text(), cell(), 0..4), 0..4).prop_map(Value::Table),
        vec(
            (text(), text()).prop_map(|(path, caption)| Attachment { path, caption }),
            0..3
        )
        .prop_map(Value::Attachments),
        any::<bool>().prop_map(Value::Confirm),
    ]
}

fn draft() -> impl Strategy<Value = Draft> {
    (text(), btree_map(text(), value(), 0..8), any::<bool>()).prop_map(
        |(name, answers, with_flagship_ids)| {
            let form = flagship();
            let mut d = Draft::new(&form, &name, "2026-11-25T20:00:00+08:00");
            let mut answers: BTreeMap<String, Value> = answers;
            if with_flagship_ids {
                // Also answers keyed by the form's real ids.
                let ids: Vec<String> = form.fields().map(|(_, f)| f.id.clone()).collect();
                answers = answers
                    .into_values()
                    .zip(ids)
                    .map(|(v, id)| (id, v))
                    .collect();
            }
            d.answers = Answers(answers);
            d
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn text_round_trip(d in draft()) {
        let text = d.try_to_ron().unwrap();
        prop_assert_eq!(Draft::from_ron(&text).unwrap(), d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn save_then_load_gives_the_same_answers(d in draft()) {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("rt.ron");
        let form = flagship();
        let opener = Opener::with_clock(fixed_clock());
        let mut o = opener.create(&p, &form, "x").unwrap();
        o.session.save(&d).unwrap();
        drop(o);
        let back = opener.open(&p, &form, OpenMode::Normal).unwrap();
        prop_assert!(back.notes.is_empty(), "{:?}", back.notes);
        prop_assert_eq!(&back.draft.answers, &d.answers);
        prop_assert_eq!(&back.draft.name, &d.name);
        prop_assert_eq!(&back.draft.created, &d.created);
        prop_assert_eq!(back.draft.updated.as_str(), "2026-11-25T20:00:00+08:00");
    }
}

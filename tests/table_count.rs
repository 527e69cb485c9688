//! Tables inside long texts count as Word counts them: the cells' text, never a separator.
//! The template's (四) 示例 holds 表 1 as tab-separated lines (what a paste from Word or WPS
//! gives), and the figures here are the ones Word and LibreOffice show for the printed section.

mod support;
use support::export as common;

use common::*;
use tianbiao::count::{Options, count};

#[test]
fn the_notices_table_example_counts_405_as_word_does() {
    let form = flagship();
    let example = form
        .field("prospect")
        .and_then(|f| f.example.as_deref())
        .expect("(四) has the notice's 示例");
    assert!(
        example.contains("地区\t国家\t排名\t港口\t万 TEU\n东亚\t中国\t1\t上海\t4201"),
        "表 1 is written with tabs"
    );
    assert!(!example.contains('|'));
    assert_eq!(count(example, Options::default()).zishu, 405);
}

#[test]
fn the_example_drafts_table_section_counts_304() {
    let draft = example();
    let text = draft.answers.text("prospect");
    assert!(
        text.contains("港口\t万 TEU"),
        "the example's 表 1 uses tabs"
    );
    assert_eq!(count(text, Options::default()).zishu, 304);
}

#[test]
fn a_table_written_with_pipes_is_text_and_counts_its_pipes() {
    let tabs = "地区\t国家\n东亚\t中国";
    let pipes = "地区 | 国家\n东亚 | 中国";
    assert_eq!(count(tabs, Options::default()).zishu, 8);
    assert_eq!(count(pipes, Options::default()).zishu, 10);
}

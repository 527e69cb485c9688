//! Alt-I in the real binary, in a pseudo-terminal started in a directory holding the files:
//! Tab completion lists what is there, a GBK file comes in converted, and a second import into
//! the filled field asks before anything changes; the draft on disk holds the result.

mod support;

use std::time::Duration;

use support::pty::*;

const PGDN: &[u8] = b"\x1b[6~";
const ALT_I: &[u8] = b"\x1bi";

#[test]
fn importing_a_gbk_file_with_tab_completion_then_appending() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (gbk, _, _) = encoding_rs::GB18030.encode("智慧港口场景。\r\n第二段。");
    std::fs::write(d.join("简介-一.txt"), &gbk).unwrap();
    std::fs::write(d.join("简介-二.txt"), "补充一句。").unwrap();
    let draft = d.join("d.ron");
    // The harness starts the program in `d`: relative paths start there.
    let mut t = Pty::spawn(&["fill", "--draft", draft.to_str().unwrap()], d, 80, 24);
    t.wait_text("申报单位");
    t.send(PGDN);
    t.send(PGDN);
    t.wait_text("(一) 场景简介");
    t.send(ALT_I);
    t.wait_text("导入文本文件到「场景简介」");
    t.type_str("简");
    t.send(b"\t");
    t.wait_text("> 简介-");
    t.send(b"\t");
    t.wait_text("简介-一.txt  简介-二.txt");
    t.type_str("一");
    t.send(b"\t");
    t.wait_text("> 简介-一.txt");
    t.send(b"\r");
    t.wait_text("已导入 简介-一.txt（GB18030 编码，已转换；统一 1 处换行）");
    t.wait_text("智慧港口场景。");
    // Again, into the field that now has text: asked first.
    t.send(ALT_I);
    t.wait_text("导入文本文件到");
    t.type_str("简介-二.txt\r");
    t.wait_text("2. 追加到末尾");
    t.send(b"2");
    t.wait_text("补充一句。");
    t.send(b"\x11"); // Ctrl-Q
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let saved = draft_text(&draft);
    assert!(
        saved.contains("智慧港口场景。\\n第二段。\\n补充一句。"),
        "{saved}"
    );
}

//! One entry point per fuzz target: bytes in, the same calls the program makes on a file it was
//! given, and the properties that must hold whatever the bytes are. A panic is a finding.
//!
//! The fuzz targets (`fuzz_targets/*.rs`) call these; so does `tests/fuzz_seeds.rs`, which replays
//! the committed seed corpus (`fuzz/seeds/<target>/`) in every `cargo test`, without nightly.

use std::path::Path;

use tianbiao::count::{self, Mode};
use tianbiao::draft::Draft;
use tianbiao::form::{self, Answers};
use tianbiao::lang::Lang;
use tianbiao::review::check::{self, CheckOptions};
use tianbiao::review::load::{FormSet, load_bytes};
use tianbiao::review::notes;
use tianbiao::theme::Styles;
use tianbiao::{paste, sanitize};

/// A fuzz target: it panics when a property fails.
pub type Target = fn(&[u8]);

/// Every target, by the name of its seed folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("form_load", form_load),
    ("draft_load", draft_load),
    ("submission_import", submission_import),
    ("theme_load", theme_load),
    ("notes_load", notes_load),
    ("count", count),
    ("paste", paste),
    ("sanitize", sanitize),
    ("docx_check", docx_check),
    ("text_import", text_import),
];

/// Characters that must never reach a terminal from a message: C0 controls other than newline
/// and tab, DEL, C1 controls, and bidi embedding, override and isolate controls.
pub fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

fn assert_clean(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| forbidden(c)) {
        panic!("{what} holds U+{:04X}: {s:?}", c as u32);
    }
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A form file: decode, parse, lint; every error is placed and can be said in both languages.
pub fn form_load(data: &[u8]) {
    let loaded = form::decode(data)
        .map_err(|e| vec![e])
        .and_then(|t| form::load_str(&t));
    match loaded {
        Ok(f) => {
            assert!(!f.hash().is_empty());
            let answers = Answers::default();
            let _ = form::validate(&f, &answers);
            let _ = answers.completeness(&f);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.line >= 1 && e.col >= 1, "unplaced error {e:?}");
                for lang in [Lang::Zh, Lang::En] {
                    assert_clean(
                        "form error",
                        &tianbiao::form::msg::form_error(lang, &e.kind),
                    );
                }
            }
        }
    }
}

/// A draft file: parse it; one that parses survives saving and reading again unchanged, and can
/// be checked against the built-in form.
pub fn draft_load(data: &[u8]) {
    let Ok(t) = std::str::from_utf8(data) else {
        return;
    };
    match Draft::from_ron(t) {
        Ok(d) => {
            let again = Draft::from_ron(&d.to_ron()).expect("a saved draft reads back");
            assert_eq!(again, d);
            if let Some(Ok(f)) = form::builtin(form::FLAGSHIP) {
                let _ = form::validate(&f, &d.answers);
                let mut m = d.clone();
                let _ = tianbiao::draft::migrate::migrate(&mut m, &f);
            }
        }
        Err(e) => {
            assert!(e.line >= 1 && e.col >= 1, "unplaced error {e:?}");
            for lang in [Lang::Zh, Lang::En] {
                assert_clean("draft error", &e.message.describe(lang));
            }
        }
    }
}

/// Checks a received file and words the report in both languages: every finding and note is
/// clean, and the reviewer's notes document can be written.
fn check_in_words(rf: &tianbiao::review::ReceivedFile) {
    let opts = CheckOptions {
        skip_attachments: true,
        ..CheckOptions::default()
    };
    let checked = check::check_received(rf, &opts);
    for lang in [Lang::Zh, Lang::En] {
        for line in checked.finding_lines(lang) {
            assert_clean("finding", &line);
        }
        for n in &checked.notes {
            assert_clean("note", &n.describe(lang, &checked.form));
        }
    }
    let n = notes::Notes::default();
    let _ = notes::to_markdown(Lang::Zh, rf, &checked, &n);
}

/// A received file (draft or submission) as `check` and `review` read it.
pub fn submission_import(data: &[u8]) {
    let forms = FormSet::builtin();
    match load_bytes(Path::new("received.json"), data, &forms) {
        Ok(rf) => {
            check_in_words(&rf);
        }
        Err(e) => {
            for lang in [Lang::Zh, Lang::En] {
                assert_clean("load error", &e.describe(lang));
            }
        }
    }
}

/// A received Word document, as `check` and `review` read it: the package, the story, the match
/// against the form, the check and the reviewer's notes document. Every refusal can be said in
/// both languages without a forbidden character.
pub fn docx_check(data: &[u8]) {
    let forms = FormSet::builtin();
    match load_bytes(Path::new("received.docx"), data, &forms) {
        Ok(rf) => {
            check_in_words(&rf);
        }
        Err(e) => {
            for lang in [Lang::Zh, Lang::En] {
                assert_clean("docx load error", &e.describe(lang));
            }
        }
    }
    if let Ok(doc) = tianbiao::docx::read_bytes(data, &tianbiao::docx::Limits::default()) {
        let _ = tianbiao::docx::story_text(&doc.body);
    }
}

/// A text file brought into a field (`fill --set FIELD=@FILE`): whatever the encoding, what comes
/// out holds no carriage return or control character, a one-line field gets no line break, and
/// nothing is longer than the cap.
pub fn text_import(data: &[u8]) {
    const CAP: usize = 20_000;
    for single in [false, true] {
        match tianbiao::textfile::decode(data, single, CAP) {
            Ok(imported) => {
                let out = &imported.text;
                assert!(
                    !out.chars()
                        .any(|c| c.is_control() && c != '\n' && c != '\t'),
                    "{out:?}"
                );
                if single {
                    assert!(!out.contains('\n'), "{out:?}");
                }
                assert!(out.chars().count() <= CAP);
            }
            Err(e) => {
                for lang in [Lang::Zh, Lang::En] {
                    assert_clean("import error", &e.describe(lang));
                }
            }
        }
    }
}

/// A theme file.
pub fn theme_load(data: &[u8]) {
    if let Err(e) = Styles::from_bytes("theme.ron", data) {
        assert_clean("theme error", &e.to_string());
    }
}

/// A reviewer's notes file; notes that parse are written and read back unchanged.
pub fn notes_load(data: &[u8]) {
    match notes::parse(data) {
        Ok(n) => {
            let again = notes::parse(notes::to_ron(&n).expect("notes serialise").as_bytes())
                .expect("saved notes read back");
            assert_eq!(again, n);
        }
        Err(e) => assert_clean("notes error", &e.describe(Lang::En)),
    }
}

/// Counting: the three figures agree with each other and with where the overflow starts.
pub fn count(data: &[u8]) {
    let t = text(data);
    for zh_punct in [true, false] {
        let opts = count::Options { zh_punct };
        let c = count::count(&t, opts);
        assert!(c.chars <= c.chars_with_spaces, "{c:?}");
        for mode in Mode::ALL {
            let n = c.get(mode);
            assert_eq!(count::count_mode(&t, mode, opts), n);
            assert_eq!(count::overflow_start(&t, mode, opts, n), None);
            if n > 0 {
                let at = count::overflow_start(&t, mode, opts, n - 1).expect("over by one");
                assert!(t.is_char_boundary(at));
                assert!(count::count(&t[..at], opts).get(mode) < n);
            }
        }
    }
}

/// Paste normalisation: no carriage return or control character survives; a one-line field gets
/// no line break; normalising twice changes nothing more.
pub fn paste(data: &[u8]) {
    let t = text(data);
    for single in [false, true] {
        let (out, _) = paste::normalize(&t, single);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{out:?}"
        );
        if single {
            assert!(!out.contains('\n'), "{out:?}");
        }
        let (twice, report) = paste::normalize(&out, single);
        assert_eq!(twice, out, "{report:?}");
    }
}

/// The sanitiser: no output (terminal, one-line, document) holds a forbidden character, and clean
/// text passes unchanged.
pub fn sanitize(data: &[u8]) {
    let t = text(data);
    let one = sanitize::for_terminal(&t);
    assert_clean("for_terminal", &one);
    assert!(!one.contains('\n'));
    assert_clean("for_terminal_with", &sanitize::for_terminal_with(&t, true));
    assert_clean("for_document", &sanitize::for_document(&t));
    if !t
        .chars()
        .any(|c| sanitize::classify(c).is_some() || c == '\n' || c == '\t')
    {
        assert_eq!(one, t);
    }
}

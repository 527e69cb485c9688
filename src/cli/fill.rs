//! `tianbiao fill` (and a bare `tianbiao`): open a form in the editor.

use std::io::Write;

use super::{FillArgs, resolve_form};
use crate::form;
use crate::i18n::Lang;
use crate::tui::driver::{self, FillOptions};

pub(super) fn cmd_fill(lang: Lang, args: FillArgs, theme: Option<&str>) -> u8 {
    let err = &mut std::io::stderr();
    let form_arg = args.form.as_deref().unwrap_or(form::FLAGSHIP);
    let form = match resolve_form(form_arg) {
        Ok((f, _)) => f,
        Err(e) => {
            for line in e.lines(lang) {
                let _ = writeln!(err, "{line}");
            }
            return e.exit_code();
        }
    };
    let styles = match super::styles_for(lang, theme) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let exit = driver::run(FillOptions {
        form,
        draft: args.draft,
        lang,
        styles,
        read_only: args.read_only,
    });
    for line in &exit.lines {
        let _ = writeln!(err, "{}", crate::sanitize::for_terminal_with(line, true));
    }
    exit.code
}

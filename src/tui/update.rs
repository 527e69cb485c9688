//! The pure state machine: `update(&mut App, Action, now) -> Vec<Effect>`. No disk, no terminal,
//! no clock of its own; autosave decisions are effects, so they are testable with key replays.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::Input;

use super::action::{Action, Command, Effect, SaveReason};
use super::app::{App, Editor, Level, Message, Overlay, SaveState};
use super::choose::{Choice, Outcome as ChoiceOutcome};
use super::external::{Outcome, msg as ext};
use super::field::list::Enter;
use super::field::long;
use super::field::textarea::{new_textarea, text_of};
use super::field::{Left, Nav};
use super::import::{self, Ask, Entry, Merge, Prompt, msg as im};
use super::keymap::{self, Ctx};
use super::mouse::Mouse;
use crate::paste;
use crate::review::notes::OVERALL;
use crate::text::wrap;
use crate::textfile::{self, Imported};
use crate::tui::msg as s;

/// Save this long after typing stops.
pub const IDLE_SAVE: Duration = Duration::from_millis(800);
/// How long typing pauses before the overview's counts and the "还可输入" line catch up (the
/// pane's own counter is live on every key).
pub const SETTLE: Duration = Duration::from_millis(300);
/// …and at least this often while typing goes on: with the save itself (off the UI thread,
/// usually well under 100 ms), a kill -9 loses at most about this much typing.
pub const MAX_UNSAVED: Duration = Duration::from_secs(1);
/// The longest a field may grow by typing or pasting, in characters (docs/design.md: huge text
/// makes every keystroke slow). Far above any real limit; the text is never cut, the paste is
/// refused with a message.
pub const FIELD_CAP_CHARS: usize = 200_000;

/// The export formats offered in the editor's menu.
pub const EXPORT_FORMATS: &[&str] = &["json", "docx", "md", "txt", "ron"];

/// The key context of the current focus and overlay.
pub fn context(app: &App) -> Ctx {
    if let Some(p) = &app.import {
        return if p.ask.is_some() {
            Ctx::Dialog
        } else {
            Ctx::Prompt
        };
    }
    if app.review.as_ref().is_some_and(|r| r.note_editor.is_some()) {
        return Ctx::Note;
    }
    match app.overlay {
        Overlay::Help { .. } => return Ctx::Help,
        Overlay::Overview => return Ctx::Overview,
        Overlay::Export { .. } => return Ctx::ExportMenu,
        Overlay::None => {}
    }
    match app.fields.get(app.focus) {
        Some(f) => f.editor.kind().keys(&app.cx(app.focus)),
        None => Ctx::Text,
    }
}

/// Turns a terminal key into an action: a bound command, or a key for the focused editor.
pub fn action_for_key(app: &App, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    // The replace question reads its keys itself (digits pick an option).
    if app.import.as_ref().is_some_and(|p| p.ask.is_some()) {
        return Some(Action::Key(ev));
    }
    let example_open = app.show_example && app.focused().example.is_some();
    Some(
        match keymap::lookup(context(app), example_open, app.review.is_some(), &ev) {
            Some(cmd) => Action::Command(cmd),
            None => Action::Key(ev),
        },
    )
}

/// Applies one action.
pub fn update(app: &mut App, action: Action, now: Instant) -> Vec<Effect> {
    let mut fx = Vec::new();
    if app.too_small() && !reaches_hidden_form(&action) {
        // The form is not on screen: what is typed would land in a field nobody sees.
        app.ignored_keys += 1;
        return fx;
    }
    match action {
        Action::Command(cmd) => command(app, cmd, now, &mut fx),
        Action::Key(ev) => key(app, ev, now, &mut fx),
        Action::Paste(text) => {
            if let Some(p) = app.import.as_mut() {
                if p.ask.is_none() {
                    p.insert(&paste::normalize(&text, true).0);
                }
            } else if let Some((_, ta)) = app.review.as_mut().and_then(|r| r.note_editor.as_mut()) {
                ta.insert_str(crate::paste::normalize(&text, false).0);
            } else {
                paste_text(app, &text, now);
            }
        }
        Action::Tick => tick(app, now, &mut fx),
        Action::Resize { width, height } => {
            let was_small = app.too_small();
            app.screen = Some((width, height));
            if was_small && !app.too_small() && app.ignored_keys > 0 {
                let n = std::mem::take(&mut app.ignored_keys);
                warn(app, super::msg::keys_ignored(app.lang, n));
            }
        }
        Action::Saved { generation, at } => {
            app.saved_generation = app.saved_generation.max(generation);
            // The failure this replaces must not stay beside "✓ saved".
            if matches!(app.save, SaveState::Failed(_)) {
                clear_save_failure(app);
            }
            app.quit_blocked = false;
            // Written to the draft file itself: no longer to a conflict copy.
            app.writing_to = None;
            if app.saved_generation >= app.generation {
                app.save = SaveState::Saved(at);
                app.unsaved_since = None;
            } else {
                app.save = SaveState::Unsaved;
            }
        }
        Action::SaveFailed {
            generation,
            message,
        } => {
            // The saver keeps the snapshot and retries it on its own schedule (and at once when
            // newer text arrives): one retry policy, in the saver.
            let _ = generation;
            app.save = SaveState::Failed(message.clone());
            if !app.quit_blocked {
                app.message = Some(Message {
                    text: s::save_failed_detail(app.lang, &message),
                    level: Level::Error,
                });
            }
            app.quit_requested = false;
        }
        Action::QuitBlocked { message } => {
            app.quit_blocked = true;
            app.save = SaveState::Failed(message);
            app.message = Some(Message {
                text: s::quit_blocked(app.lang).into(),
                level: Level::Error,
            });
            app.quit_requested = false;
        }
        Action::Opened { on_disk, notes } => {
            if !app.read_only && app.save == SaveState::Unsaved {
                // What is shown is what is on disk, or a new draft not written yet.
                app.save = if on_disk {
                    SaveState::Saved(String::new())
                } else {
                    SaveState::New
                };
            }
            if !notes.is_empty() {
                app.message = Some(Message {
                    text: notes.join("；"),
                    level: Level::Warn,
                });
            }
        }
        Action::Notice(message) => app.message = Some(message),
        Action::SuspendRefused => {
            app.message = Some(Message {
                text: super::msg::suspend_refused(app.lang).into(),
                level: Level::Warn,
            });
        }
        Action::SaveConflict { generation, copy } => {
            app.saved_generation = app.saved_generation.max(generation);
            app.save = SaveState::Saved(String::new());
            // Said once per copy; the header and the status keep naming it.
            if app.writing_to.as_deref() != Some(copy.as_str()) {
                app.message = Some(Message {
                    text: s::conflict(app.lang, &copy),
                    level: Level::Warn,
                });
            }
            app.writing_to = Some(copy);
            if app.saved_generation >= app.generation {
                app.unsaved_since = None;
            }
        }
        Action::FileChecked {
            path,
            resolved,
            check,
        } => {
            if resolved != path && !app.read_only {
                adopt_resolved(app, &path, &resolved, now);
            }
            app.file_checks.insert(resolved, check);
        }
        Action::Exported { message, ok } => {
            app.message = Some(Message {
                text: message,
                level: if ok { Level::Info } else { Level::Error },
            });
        }
        Action::EditorDone { field, outcome } => editor_done(app, &field, outcome, now),
        Action::DirListed { dir, entries } => dir_listed(app, &dir, entries),
        Action::ImportRead { field, path, bytes } => import_read(app, &field, &path, bytes, now),
        Action::Mouse(m) => mouse(app, m, now, &mut fx),
    }
    fx
}

/// What still works while the terminal is too small to show the form: everything but typing
/// and moving in it (saving, quitting, suspending and redrawing need no form on screen).
fn reaches_hidden_form(action: &Action) -> bool {
    match action {
        Action::Key(_) | Action::Paste(_) => false,
        Action::Command(c) => matches!(
            c,
            Command::Quit | Command::Save | Command::Suspend | Command::Redraw
        ),
        _ => true,
    }
}

/// Opens the path prompt for the focused long text.
fn open_import(app: &mut App) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    if !matches!(app.fields[i].editor, Editor::Long(_)) {
        warn(app, im::only_long_text(app.lang).into());
        return;
    }
    let f = app.field(i);
    app.import = Some(Prompt::new(f.id.clone(), f.label.clone()));
    app.message = None;
}

/// Keys of the path prompt: Tab, Enter and Esc are commands; these edit the path.
fn prompt_key(app: &mut App, ev: KeyEvent, now: Instant) {
    let Some(p) = app.import.as_mut() else {
        return;
    };
    if let Some(ask) = p.ask.as_mut() {
        let how = match ask.choice.key(&ev) {
            ChoiceOutcome::Pending => return,
            ChoiceOutcome::Picked(0) => Some(Merge::Replace),
            ChoiceOutcome::Picked(1) => Some(Merge::Append),
            ChoiceOutcome::Picked(_) | ChoiceOutcome::Cancelled => None,
        };
        let Some(ask) = p.ask.take() else {
            return;
        };
        match how {
            Some(how) => apply_import(app, &ask.path, &ask.imported, how, now),
            None => {
                app.import = None;
                info(app, im::cancelled(app.lang).into());
            }
        }
        return;
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    match ev.code {
        KeyCode::Char('u') if ctrl => p.clear(),
        KeyCode::Char('w') if ctrl => p.delete_component(),
        KeyCode::Char('a') if ctrl => p.home(),
        KeyCode::Char('e') if ctrl => p.end(),
        KeyCode::Char('b') if ctrl => p.left(),
        KeyCode::Char('f') if ctrl => p.right(),
        KeyCode::Char('h') if ctrl => p.backspace(),
        KeyCode::Char('d') if ctrl => p.delete(),
        KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
            p.insert(c.encode_utf8(&mut [0; 4]))
        }
        KeyCode::Backspace => p.backspace(),
        KeyCode::Delete => p.delete(),
        KeyCode::Left => p.left(),
        KeyCode::Right => p.right(),
        KeyCode::Home => p.home(),
        KeyCode::End => p.end(),
        _ => {}
    }
}

/// Tab, Enter and Esc in the path prompt.
fn prompt_command(app: &mut App, cmd: Command, fx: &mut Vec<Effect>) {
    let Some(p) = app.import.as_mut() else {
        return;
    };
    match cmd {
        Command::Complete => {
            p.tabs = p.tabs.saturating_add(1);
            let dir = p.split().0.to_string();
            fx.push(Effect::ListDir { dir });
        }
        Command::Pick => {
            let path = p.path.trim().to_string();
            if path.is_empty() {
                warn(app, im::no_path(app.lang).into());
            } else {
                fx.push(Effect::ReadImport {
                    field: p.field.clone(),
                    path,
                });
            }
        }
        Command::Cancel => {
            app.import = None;
            app.message = None;
        }
        _ => {}
    }
}

/// A directory listing for Tab: complete, or list, or say there is nothing.
fn dir_listed(app: &mut App, dir: &str, entries: Result<Vec<Entry>, Arc<std::io::Error>>) {
    let lang = app.lang;
    let Some(p) = app.import.as_mut() else {
        return;
    };
    let entries = match entries {
        Ok(e) => e,
        Err(e) => {
            if p.split().0 == dir {
                warn(app, im::no_dir(lang, dir, &e));
            }
            return;
        }
    };
    let typed = p.split().1.to_string();
    let found = p.complete(dir, &entries);
    let listed = p.listing.is_some();
    match found {
        None => {}
        Some(0) => warn(app, im::no_match(lang, &typed)),
        Some(n) if n > 1 && !listed => info(app, im::candidates(lang, n)),
        Some(_) => app.message = None,
    }
}

/// The file was read (or not): decode it like `fill --set` does, then apply it, or ask first
/// when the field has words already. A refused file changes nothing; the prompt stays open so
/// the path can be corrected.
fn import_read(
    app: &mut App,
    field: &str,
    path: &str,
    bytes: Result<Vec<u8>, Arc<crate::fsio::ReadError>>,
    now: Instant,
) {
    let lang = app.lang;
    if app.import.as_ref().is_none_or(|p| p.field != field) {
        return;
    }
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            app.message = Some(Message {
                text: im::unreadable(lang, path, &e),
                level: Level::Error,
            });
            return;
        }
    };
    let imported = match textfile::decode(&bytes, false, FIELD_CAP_CHARS) {
        Ok(t) => t,
        Err(e) => {
            app.message = Some(Message {
                text: im::refused(lang, path, &e),
                level: Level::Error,
            });
            return;
        }
    };
    if imported.text.trim().is_empty() {
        warn(app, im::empty_file(lang, path));
        return;
    }
    let Some(i) = (0..app.fields.len()).find(|&i| app.field(i).id == field) else {
        app.import = None;
        return;
    };
    let Editor::Long(lt) = &app.fields[i].editor else {
        app.import = None;
        return;
    };
    let old = lt.text();
    if old.trim().is_empty() {
        apply_import(app, path, &imported, Merge::Replace, now);
        return;
    }
    let opts = app.form.count_options();
    let have = crate::count::count(&old, opts).zishu;
    let comes = crate::count::count(&imported.text, opts).zishu;
    let label = app.field(i).label.clone();
    let body = im::ask_body(lang, &label, have, path, &imported, comes);
    let choice = Choice::new(lang, im::ask_title(lang), vec![body], im::ask_options(lang));
    if let Some(p) = app.import.as_mut() {
        p.ask = Some(Ask {
            choice,
            path: path.to_string(),
            imported,
        });
    }
}

/// Puts an imported text into the prompt's field as one undoable change and closes the prompt.
fn apply_import(app: &mut App, path: &str, imported: &Imported, how: Merge, now: Instant) {
    let lang = app.lang;
    let Some(p) = app.import.take() else {
        return;
    };
    let Some(i) = (0..app.fields.len()).find(|&i| app.field(i).id == p.field) else {
        return;
    };
    let Editor::Long(lt) = &mut app.fields[i].editor else {
        return;
    };
    let old = lt.text();
    let new = import::merged(&old, &imported.text, how);
    let chars = new.chars().count();
    if chars > FIELD_CAP_CHARS {
        let e = textfile::ImportError::TooLong {
            chars,
            cap: FIELD_CAP_CHARS,
        };
        app.message = Some(Message {
            text: im::refused(lang, path, &e),
            level: Level::Error,
        });
        return;
    }
    if !lt.replace_changed(&new, now) {
        info(app, im::unchanged(lang, path));
        return;
    }
    let opts = app.form.count_options();
    let before = crate::count::count(&old, opts).zishu as i64;
    let after = crate::count::count(&new, opts).zishu as i64;
    sync(app, i, Some(now));
    let unit = crate::lang::unit(lang, crate::count::Mode::Zishu);
    info(
        app,
        im::imported(lang, path, imported, after - before, unit),
    );
}

/// A click focuses what is under it; the wheel moves through a long text, or from field to
/// field (which scrolls the pane).
fn mouse(app: &mut App, m: Mouse, now: Instant, fx: &mut Vec<Effect>) {
    if app.import.is_some() || app.review.as_ref().is_some_and(|r| r.note_editor.is_some()) {
        return;
    }
    match m {
        Mouse::Field(i) => {
            if i < app.fields.len() && app.focusable(i) {
                move_focus(app, i, now, fx);
                if app.overlay == Overlay::Overview {
                    app.overlay = Overlay::None;
                }
            }
        }
        Mouse::Section(sec) => {
            let first = app.section_fields(sec).find(|&i| app.focusable(i));
            if let Some(i) = first {
                move_focus(app, i, now, fx);
                if app.overlay == Overlay::Overview {
                    app.overlay = Overlay::None;
                }
            }
        }
        Mouse::Wheel { down } => {
            if app.overlay != Overlay::None && app.overlay != Overlay::Overview {
                return;
            }
            if app.overlay == Overlay::None
                && app.fields[app.focus].editor.kind_mut().wheel(down, now)
            {
                return;
            }
            let cmd = if down {
                Command::NextField
            } else {
                Command::PrevField
            };
            command(app, cmd, now, fx);
        }
    }
}

/// Asks the driver to open the focused long text in the user's editor (saving first).
fn external_editor(app: &mut App, fx: &mut Vec<Effect>) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let Editor::Long(ta) = &app.fields[i].editor else {
        warn(app, ext::only_long_text(app.lang).into());
        return;
    };
    fx.push(Effect::ExternalEditor {
        field: app.field(i).id.clone(),
        text: ta.text(),
    });
}

/// Applies what came back from the external editor to the field it was opened on, as one
/// undoable change; on failure the field keeps its text and the message names the kept file.
fn editor_done(app: &mut App, field_id: &str, outcome: Outcome, now: Instant) {
    let text = match outcome {
        Outcome::Edited(t) => t,
        Outcome::Failed { failure, kept } => {
            let m = ext::failed(app.lang, &failure, kept.as_deref());
            app.message = Some(Message {
                text: m,
                level: Level::Error,
            });
            return;
        }
    };
    let found = (0..app.fields.len()).find(|&i| app.field(i).id == field_id);
    // The driver only hands back text for a long-text field it found (else the file is kept).
    let Some(i) = found.filter(|&i| matches!(app.fields[i].editor, Editor::Long(_))) else {
        return;
    };
    let (clean, report) = paste::normalize(&text, false);
    let Editor::Long(ta) = &mut app.fields[i].editor else {
        return;
    };
    let old = ta.text();
    if !ta.replace_changed(&clean, now) {
        info(app, ext::unchanged(app.lang).into());
        return;
    }
    let opts = app.form.count_options();
    let before = crate::count::count(&old, opts).zishu as i64;
    let after = crate::count::count(&clean, opts).zishu as i64;
    sync(app, i, Some(now));
    let changes = crate::textfile::msg::changes(app.lang, &report);
    let unit = crate::lang::unit(app.lang, crate::count::Mode::Zishu);
    info(app, ext::updated(app.lang, after - before, unit, &changes));
}

/// The next moment `Tick` has something to do, for the driver's poll timeout.
pub fn next_deadline(app: &App) -> Option<Instant> {
    let mut d: Option<Instant> = None;
    if app.settle_pending
        && let Some(t) = app.last_edit
    {
        let t = t + SETTLE;
        d = Some(d.map_or(t, |x| x.min(t)));
    }
    if !app.read_only && app.dirty() && app.generation > app.requested_generation {
        let idle = app.last_edit.map(|t| t + IDLE_SAVE);
        let max = interval_base(app).map(|t| t + MAX_UNSAVED);
        for t in [idle, max].into_iter().flatten() {
            d = Some(d.map_or(t, |x| x.min(t)));
        }
    }
    d
}

fn tick(app: &mut App, now: Instant, fx: &mut Vec<Effect>) {
    if app.settle_pending && app.last_edit.is_none_or(|t| now >= t + SETTLE) {
        app.settle();
    }
    if app.read_only || !app.dirty() {
        return;
    }
    if app.generation > app.requested_generation {
        if app.last_edit.is_some_and(|t| now >= t + IDLE_SAVE) {
            request_save(app, SaveReason::Idle, now, fx);
        } else if interval_base(app).is_some_and(|t| now >= t + MAX_UNSAVED) {
            request_save(app, SaveReason::Interval, now, fx);
        }
    }
}

/// The interval save counts from the later of the first unsaved edit and the last request.
fn interval_base(app: &App) -> Option<Instant> {
    match (app.unsaved_since, app.last_save_request) {
        (Some(u), Some(r)) => Some(u.max(r)),
        (u, _) => u,
    }
}

fn request_save(app: &mut App, reason: SaveReason, now: Instant, fx: &mut Vec<Effect>) {
    if app.read_only || !app.dirty() {
        return;
    }
    app.requested_generation = app.generation;
    app.last_save_request = Some(now);
    app.draft.place = Some(app.place());
    if !matches!(app.save, SaveState::Failed(_)) {
        app.save = SaveState::Saving;
    }
    fx.push(Effect::Save {
        reason,
        generation: app.generation,
    });
}

/// Moving in the overlays: the export menu, the overview, the help page.
fn menu(app: &mut App, cmd: Command, now: Instant, fx: &mut Vec<Effect>) {
    let n = EXPORT_FORMATS.len();
    match (app.overlay, cmd) {
        (Overlay::Export { cursor }, Command::OptionDown) => {
            app.overlay = Overlay::Export {
                cursor: (cursor + 1) % n,
            }
        }
        (Overlay::Export { cursor }, Command::OptionUp) => {
            app.overlay = Overlay::Export {
                cursor: (cursor + n - 1) % n,
            }
        }
        (Overlay::Export { cursor }, Command::Pick) => {
            app.overlay = Overlay::None;
            leave_field(app, app.focus, fx);
            request_save(app, SaveReason::Manual, now, fx);
            fx.push(Effect::Export {
                format: EXPORT_FORMATS[cursor.min(n - 1)],
            });
        }
        (Overlay::Overview, Command::OptionDown) => command(app, Command::NextField, now, fx),
        (Overlay::Overview, Command::OptionUp) => command(app, Command::PrevField, now, fx),
        (Overlay::Overview, Command::Pick) => app.overlay = Overlay::None,
        (Overlay::Help { scroll }, c) => {
            let scroll = match c {
                Command::OptionDown => scroll.saturating_add(1),
                Command::OptionUp => scroll.saturating_sub(1),
                Command::PageDown => scroll.saturating_add(10),
                Command::PageUp => scroll.saturating_sub(10),
                _ => scroll,
            };
            app.overlay = Overlay::Help { scroll };
        }
        _ => {}
    }
}

/// Drops a save failure from the status line (the save it was about has succeeded since).
fn clear_save_failure(app: &mut App) {
    if app
        .message
        .as_ref()
        .is_some_and(|m| m.level == Level::Error)
    {
        app.message = None;
    }
}

/// Tells the user nothing can be changed here, and why.
fn refuse_read_only(app: &mut App) {
    let text = if app.review.is_some() {
        s::review_read_only(app.lang)
    } else {
        s::read_only_notice(app.lang)
    };
    warn(app, text.into());
}

fn info(app: &mut App, text: String) {
    app.message = Some(Message {
        text,
        level: Level::Info,
    });
}

fn warn(app: &mut App, text: String) {
    app.message = Some(Message {
        text,
        level: Level::Warn,
    });
}

fn command(app: &mut App, cmd: Command, now: Instant, fx: &mut Vec<Effect>) {
    if cmd != Command::RemoveItem {
        app.pending_removal = None;
    }
    if app.import.is_some() {
        prompt_command(app, cmd, fx);
        return;
    }
    match cmd {
        Command::NextField => {
            if let Some(i) = step(app, app.focus, true) {
                move_focus(app, i, now, fx);
            }
        }
        Command::PrevField => {
            if let Some(i) = step(app, app.focus, false) {
                move_focus(app, i, now, fx);
            }
        }
        Command::NextSection | Command::PrevSection => {
            let n = app.form.sections.len();
            let mut sec = app.section();
            for _ in 0..n {
                sec = if cmd == Command::NextSection {
                    (sec + 1) % n
                } else {
                    (sec + n - 1) % n
                };
                let first = app.section_fields(sec).find(|&i| app.focusable(i));
                if let Some(i) = first {
                    move_focus(app, i, now, fx);
                    break;
                }
            }
        }
        Command::NextProblem | Command::PrevProblem => {
            let n = app.fields.len();
            let found = (1..=n)
                .map(|k| {
                    if cmd == Command::NextProblem {
                        (app.focus + k) % n
                    } else {
                        (app.focus + n * 2 - k) % n
                    }
                })
                .find(|&i| app.focusable(i) && !app.problems(i).is_empty());
            match found {
                Some(i) => {
                    app.fields[i].touched = true;
                    move_focus(app, i, now, fx);
                    land_on_problem(app, i);
                }
                None => info(app, s::no_problems(app.lang).into()),
            }
        }
        Command::ExternalEditor => external_editor(app, fx),
        Command::ImportFile => open_import(app),
        // The path prompt's own key (see `prompt_command`).
        Command::Complete => {}
        Command::Help => {
            app.overlay = match app.overlay {
                Overlay::Help { .. } => Overlay::None,
                _ => Overlay::Help { scroll: 0 },
            };
        }
        Command::ToggleOverview => {
            app.overlay = match app.overlay {
                Overlay::Overview => Overlay::None,
                _ => Overlay::Overview,
            };
        }
        Command::Export => {
            app.overlay = Overlay::Export { cursor: 0 };
        }
        Command::Close => {
            if close_note(app) {
                fx.push(Effect::SaveNotes);
            } else if app.overlay != Overlay::None {
                app.overlay = Overlay::None;
            } else if app.show_example {
                app.show_example = false;
            } else {
                if let Some(f) = app.fields.get_mut(app.focus) {
                    f.editor.kind_mut().cancel_selection(now);
                }
            }
        }
        Command::Save => {
            if app.read_only {
                refuse_read_only(app);
            } else if app.dirty() {
                request_save(app, SaveReason::Manual, now, fx);
            } else {
                info(app, s::nothing_to_save(app.lang).into());
            }
        }
        Command::Quit => {
            if close_note(app) {
                fx.push(Effect::SaveNotes);
            }
            leave_field(app, app.focus, fx);
            app.quit_requested = true;
            // Only moved since the last save: the draft on disk learns where to reopen. A new
            // draft nothing was typed into stays unwritten.
            if !app.read_only
                && app.save != SaveState::New
                && app.draft.place.as_ref() != Some(&app.place())
            {
                mark_edited(app, Some(now));
            }
            request_save(app, SaveReason::Quit, now, fx);
            fx.push(Effect::Quit);
        }
        Command::Suspend => fx.push(Effect::Suspend),
        Command::Redraw => fx.push(Effect::Repaint),
        Command::OptionUp
        | Command::OptionDown
        | Command::Pick
        | Command::PageDown
        | Command::PageUp => menu(app, cmd, now, fx),
        // The dialogs before editing handle these (see `choose`).
        Command::PickNumber | Command::Cancel => {}
        Command::ToggleExample => {
            if app.focused().example.is_some() {
                app.show_example = !app.show_example;
                app.example_scroll = 0;
            } else {
                app.show_example = false;
                info(app, s::no_example(app.lang).into());
            }
        }
        Command::ScrollExampleDown => app.example_scroll = app.example_scroll.saturating_add(5),
        Command::ScrollExampleUp => app.example_scroll = app.example_scroll.saturating_sub(5),
        Command::Toggle => toggle(app, now),
        Command::AddItem => add_item(app, now),
        Command::ListEnter => list_enter(app, now, fx),
        Command::RemoveItem => remove_item(app, now),
        Command::MoveItemUp => move_item(app, false, now),
        Command::MoveItemDown => move_item(app, true, now),
        Command::NextFile => fx.push(Effect::SwitchFile { delta: 1 }),
        Command::PrevFile => fx.push(Effect::SwitchFile { delta: -1 }),
        Command::StripHidden => strip_hidden(app, now),
        Command::EditNote => {
            let focus = app.focus;
            let id = app.field(focus).id.clone();
            if let Some(r) = app.review.as_mut() {
                let text = r.notes.get(&id).cloned().unwrap_or_default();
                r.note_editor = Some((Some(focus), new_textarea(&text)));
            }
        }
        Command::EditOverallNote => {
            if let Some(r) = app.review.as_mut() {
                let text = r.notes.get(OVERALL).cloned().unwrap_or_default();
                r.note_editor = Some((None, new_textarea(&text)));
            }
        }
    }
}

/// After F6: the caret on the first character over the limit (else at the end of the text, where
/// a fix is typed), and the status line says which problem of how many this is, and what it is.
fn land_on_problem(app: &mut App, i: usize) {
    let field = app.field(i).clone();
    let problems = app.problems(i);
    let over = problems
        .iter()
        .any(|p| matches!(p, crate::form::Problem::OverLimit { .. }));
    let opts = app.form.count_options();
    let limit = app.form.limit_of(&field).filter(|_| over);
    let overflow = |text: &str| {
        limit.and_then(|(limit, mode)| crate::count::overflow_start(text, mode, opts, limit))
    };
    app.fields[i].editor.kind_mut().land(&overflow);
    let with_problems: Vec<usize> = (0..app.fields.len())
        .filter(|&k| app.focusable(k) && !app.problems(k).is_empty())
        .collect();
    let nth = with_problems.iter().position(|&k| k == i).unwrap_or(0) + 1;
    let what = problems.first().map(|p| {
        let finding = crate::form::Finding {
            section: String::new(),
            field: field.id.clone(),
            problem: p.clone(),
        };
        s::problem(app.lang, &app.form, &finding)
    });
    let text = super::msg::problem_at(
        app.lang,
        nth,
        with_problems.len(),
        &field.label,
        what.as_deref().unwrap_or(""),
    );
    warn(app, text);
}

/// Closes the note editor, keeping what was written (an empty note removes the note).
/// Returns whether a note editor was open.
fn close_note(app: &mut App) -> bool {
    let Some(r) = app.review.as_mut() else {
        return false;
    };
    let Some((i, ta)) = r.note_editor.take() else {
        return false;
    };
    let text = text_of(&ta).trim_end().to_string();
    let id = match i {
        Some(i) => {
            let s = &app.fields[i];
            app.form.sections[s.section].fields[s.index].id.clone()
        }
        None => OVERALL.to_string(),
    };
    let Some(r) = app.review.as_mut() else {
        return false;
    };
    if text.trim().is_empty() {
        r.notes.remove(&id);
    } else {
        r.notes.insert(id, text);
    }
    true
}

/// The next (or previous) focusable field, wrapping around.
fn step(app: &App, from: usize, forward: bool) -> Option<usize> {
    let n = app.fields.len();
    (1..=n)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n - k) % n
            }
        })
        .find(|&i| app.focusable(i))
}

fn move_focus(app: &mut App, to: usize, now: Instant, fx: &mut Vec<Effect>) {
    if to == app.focus {
        return;
    }
    let old_section = app.section();
    leave_field(app, app.focus, fx);
    app.focus = to;
    if app.show_example && app.focused().example.is_none() {
        app.show_example = false;
    }
    app.example_scroll = 0;
    let reason = if app.section() != old_section {
        SaveReason::Section
    } else {
        SaveReason::LeaveField
    };
    if app.dirty() && app.generation > app.requested_generation {
        request_save(app, reason, now, fx);
    }
}

/// Leaving a field: validation shows from now on, dates are tidied, files are checked.
fn leave_field(app: &mut App, i: usize, fx: &mut Vec<Effect>) {
    let Some(state) = app.fields.get_mut(i) else {
        return;
    };
    state.touched = true;
    let (editor, cx) = app.editor_mut(i);
    for left in editor.kind_mut().leave(&cx) {
        match left {
            Left::HalfWidth(half) => {
                sync(app, i, None);
                let label = &app.field(i).label;
                let text = long::msg::half_width(app.lang, label, &half);
                info(app, text);
            }
            Left::Tidied => sync(app, i, None),
            Left::CheckFile(path) => fx.push(Effect::CheckFile { path }),
        }
    }
}

/// Puts the path the driver resolved in place of the one typed (`架构图.png` becomes
/// `/home/me/申报/架构图.png`), so that export finds the same file the editor checked, from
/// wherever it runs.
fn adopt_resolved(app: &mut App, typed: &str, resolved: &str, now: Instant) {
    for k in 0..app.fields.len() {
        let Editor::Attach(files) = &mut app.fields[k].editor else {
            continue;
        };
        if files.adopt(typed, resolved) {
            sync(app, k, Some(now));
        }
    }
}

/// Records an edit of field `i`: its answer, counts, generation and the autosave clock.
fn sync(app: &mut App, i: usize, now: Option<Instant>) {
    if let Some(v) = app.fields[i].editor.kind().value(&app.cx(i)) {
        let id = app.field(i).id.clone();
        app.draft.answers.set(id, v);
    }
    // A keystroke right after another: the secondary counters wait for the pause.
    if let (Some(n), Some(t)) = (now, app.last_edit)
        && n < t + SETTLE
    {
        app.settle_pending = true;
    }
    app.recount(i);
    mark_edited(app, now);
}

fn mark_edited(app: &mut App, now: Option<Instant>) {
    app.generation += 1;
    if let Some(now) = now {
        app.last_edit = Some(now);
        app.unsaved_since.get_or_insert(now);
    }
    if !matches!(app.save, SaveState::Failed(_)) {
        app.save = SaveState::Unsaved;
    }
}

fn toggle(app: &mut App, now: Instant) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let Some(v) = app.fields[i].editor.kind().toggle(&app.cx(i)) else {
        return;
    };
    let id = app.field(i).id.clone();
    app.draft.answers.set(id, v);
    mark_edited(app, Some(now));
}

fn add_item(app: &mut App, now: Instant) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let field = app.field(i).clone();
    let editor = app.fields[i].editor.kind_mut();
    let max = editor.max_items(&field);
    let Some(items) = editor.items() else {
        return;
    };
    if let Some(max) = max
        && items.len() >= max
    {
        warn(app, s::at_most_items(app.lang, max));
        return;
    }
    items.add();
    sync(app, i, Some(now));
}

/// Enter in a list, as in a word processor's bullets: a new item below a filled one; on an
/// empty last item, the item goes and the focus leaves the list (Enter after Enter never piles
/// up empty items); on an empty item inside the list, the next item.
fn list_enter(app: &mut App, now: Instant, fx: &mut Vec<Effect>) {
    let i = app.focus;
    let read_only = app.read_only;
    let Editor::List(list) = &mut app.fields[i].editor else {
        return;
    };
    match list.enter(read_only) {
        Enter::Add => add_item(app, now),
        Enter::Next => {}
        Enter::Leave { removed } => {
            if removed {
                sync(app, i, Some(now));
            }
            command(app, Command::NextField, now, fx);
        }
    }
}

fn remove_item(app: &mut App, now: Instant) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let Some(items) = app.fields[i].editor.kind_mut().items() else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let at = items.cursor();
    // Removing text is the one edit that can lose words: a non-empty item needs a second F8.
    if !items.is_blank(at) && app.pending_removal != Some((i, at)) {
        app.pending_removal = Some((i, at));
        warn(app, s::confirm_remove(app.lang, at + 1));
        return;
    }
    items.remove(at);
    app.pending_removal = None;
    info(app, s::removed_item(app.lang, at + 1));
    sync(app, i, Some(now));
}

fn move_item(app: &mut App, down: bool, now: Instant) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let moved = app.fields[i]
        .editor
        .kind_mut()
        .items()
        .is_some_and(|items| items.shift(down));
    if moved {
        sync(app, i, Some(now));
    }
}

fn key(app: &mut App, ev: KeyEvent, now: Instant, fx: &mut Vec<Effect>) {
    app.pending_removal = None;
    if app.import.is_some() {
        prompt_key(app, ev, now);
        return;
    }
    if let Some((_, ta)) = app.review.as_mut().and_then(|r| r.note_editor.as_mut()) {
        // The reviewer's own words: everything is editable here, Enter is a new line.
        ta.input(Input::from(ev));
        return;
    }
    match app.overlay {
        // Their keys are commands of the keymap (see `menu`); other keys do nothing there.
        Overlay::Help { .. } | Overlay::Overview | Overlay::Export { .. } => return,
        Overlay::None => {}
    }
    let i = app.focus;
    let (editor, cx) = app.editor_mut(i);
    let out = editor.kind_mut().key(&cx, ev, now);
    if out.start_row {
        add_item(app, now);
        if !app.read_only {
            key(app, ev, now, fx);
        }
        return;
    }
    if out.refused {
        refuse_read_only(app);
    }
    if !out.deleted.is_empty() {
        let n = crate::count::count(&out.deleted, app.form.count_options()).zishu;
        if n > long::REPORT_DELETION_OVER {
            info(app, long::msg::deleted(app.lang, n));
        }
    }
    if out.changed {
        if char_len(app, i) > FIELD_CAP_CHARS {
            warn(app, s::field_too_long(app.lang, FIELD_CAP_CHARS));
        }
        sync(app, i, Some(now));
    }
    match out.nav {
        Some(Nav::Next) => command(app, Command::NextField, now, fx),
        Some(Nav::Prev) => command(app, Command::PrevField, now, fx),
        None => {}
    }
}

/// Characters in the focused text of field `i`.
fn char_len(app: &App, i: usize) -> usize {
    app.draft
        .answers
        .get(&app.field(i).id)
        .map_or(0, |v| v.texts().iter().map(|t| t.chars().count()).sum())
}

fn paste_text(app: &mut App, text: &str, now: Instant) {
    if app.overlay != Overlay::None {
        return;
    }
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let single = !app.fields[i].editor.kind().multiline();
    let incoming = text.chars().count();
    if incoming > paste::PASTE_CAP_CHARS || char_len(app, i) + incoming > FIELD_CAP_CHARS {
        warn(app, s::paste_too_large(app.lang, incoming, FIELD_CAP_CHARS));
        return;
    }
    let (clean, report) = paste::normalize(text, single);
    let (editor, cx) = app.editor_mut(i);
    let inserted = editor.kind_mut().paste(&cx, &clean, now);
    if !inserted {
        warn(app, s::paste_nowhere(app.lang).into());
        return;
    }
    sync(app, i, Some(now));
    let n = crate::count::count(&clean, app.form.count_options()).zishu;
    let hidden = clean.chars().filter(|&c| wrap::is_hidden(c)).count();
    let mut text = s::pasted(app.lang, n, &report);
    if hidden > 0 {
        text.push_str(&long::msg::pasted_hidden(app.lang, hidden));
    }
    info(app, text);
}

/// Removes every hidden character from the focused text field, as one undo step.
fn strip_hidden(app: &mut App, now: Instant) {
    if app.read_only {
        refuse_read_only(app);
        return;
    }
    let i = app.focus;
    let n = app.fields[i].editor.kind_mut().strip_hidden(now);
    info(app, long::msg::stripped(app.lang, n));
    if n > 0 {
        sync(app, i, Some(now));
    }
}

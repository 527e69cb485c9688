//! The long-text editor in the TUI: which key is which editing operation on the buffer
//! (`crate::text::buffer`), what a deletion or paste says on the status line, and drawing the
//! buffer's one layout with caret, selection, hidden-character markers and over-limit marking
//! (`view`).

pub mod msg;
pub mod view;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text::buffer::{Move, Op};
use crate::text::wrap;

/// Cells a unit of long text takes on this terminal: ambiguous characters (“ ” … —) two
/// where the terminal draws them so, hidden characters and tabs as the layout draws them.
pub fn cells(unit: &str) -> usize {
    if unit == "\t" || wrap::is_marker(unit) {
        wrap::cell_width(unit)
    } else {
        super::view::text::terminal_width(unit)
    }
}

/// A deletion by one key longer than this (in 字) is reported on the status line.
pub const REPORT_DELETION_OVER: usize = 20;

/// The editing operation of a key in the long-text editor, if it has one.
pub fn op_for_key(ev: &KeyEvent) -> Option<Op> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    let mv = |m| Some(Op::Move(m, shift));
    match ev.code {
        KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
            'b' => mv(Move::Left),
            'f' => mv(Move::Right),
            'p' => mv(Move::Up),
            'n' => mv(Move::Down),
            'a' => mv(Move::RowStart),
            'e' => mv(Move::RowEnd),
            'v' => mv(Move::PageDown),
            'h' => Some(Op::Backspace),
            'd' => Some(Op::Delete),
            'k' => Some(Op::KillToEnd),
            'j' => Some(Op::KillToStart),
            'w' => Some(Op::DeleteWordBack),
            'u' => Some(Op::Undo),
            'r' => Some(Op::Redo),
            'x' => Some(Op::Cut),
            'y' => Some(Op::Yank),
            'm' => Some(Op::Newline),
            _ => None,
        },
        KeyCode::Char(c) if alt && !ctrl => match c.to_ascii_lowercase() {
            'b' => mv(Move::WordLeft),
            'f' => mv(Move::WordRight),
            'v' => mv(Move::PageUp),
            'd' => Some(Op::DeleteWordForward),
            '<' => mv(Move::Top),
            '>' => mv(Move::Bottom),
            _ => None,
        },
        KeyCode::Char(c) if !ctrl && !alt => Some(Op::Char(c)),
        KeyCode::Left if ctrl || alt => mv(Move::WordLeft),
        KeyCode::Right if ctrl || alt => mv(Move::WordRight),
        KeyCode::Left => mv(Move::Left),
        KeyCode::Right => mv(Move::Right),
        KeyCode::Up => mv(Move::Up),
        KeyCode::Down => mv(Move::Down),
        KeyCode::Home if ctrl => mv(Move::Top),
        KeyCode::End if ctrl => mv(Move::Bottom),
        KeyCode::Home => mv(Move::RowStart),
        KeyCode::End => mv(Move::RowEnd),
        KeyCode::PageUp => mv(Move::PageUp),
        KeyCode::PageDown => mv(Move::PageDown),
        KeyCode::Backspace if alt || ctrl => Some(Op::DeleteWordBack),
        KeyCode::Delete if alt || ctrl => Some(Op::DeleteWordForward),
        KeyCode::Backspace => Some(Op::Backspace),
        KeyCode::Delete => Some(Op::Delete),
        KeyCode::Enter => Some(Op::Newline),
        _ => None,
    }
}

/// Operations allowed on a read-only text: they only move or select.
pub fn is_navigation(op: Op) -> bool {
    matches!(op, Op::Move(..) | Op::SelectAll | Op::CancelSelection)
}

//! What can happen to the editor (`Action`) and what the driver must do about it (`Effect`).
//! Effects are data: `update` never touches the disk or the terminal.

use std::sync::Arc;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::app::{FileCheck, Message};

/// Named commands, bound to keys in `keymap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NextField,
    PrevField,
    NextSection,
    PrevSection,
    Help,
    Save,
    Quit,
    Suspend,
    Redraw,
    ToggleExample,
    ToggleOverview,
    Export,
    Close,
    /// Space/Enter on a choice, a confirm or a yes/no cell.
    Toggle,
    AddItem,
    /// Enter in a list: a new item below, or out of the list from an empty last item.
    ListEnter,
    RemoveItem,
    MoveItemUp,
    MoveItemDown,
    NextProblem,
    PrevProblem,
    ScrollExampleDown,
    ScrollExampleUp,
    /// Review: the next / previous received file.
    NextFile,
    PrevFile,
    /// Review: write or change the note on the focused field.
    EditNote,
    /// Review: write or change the note on the file as a whole (总体意见).
    EditOverallNote,
    /// Edit the focused long text in the user's own editor.
    ExternalEditor,
    /// Dialogs: move the cursor among the options.
    OptionUp,
    OptionDown,
    /// Dialogs: pick the option under the cursor, or the one whose number was typed.
    Pick,
    PickNumber,
    /// Dialogs: leave without picking.
    Cancel,
    /// The help page: a page down / up.
    PageDown,
    PageUp,
    /// Remove the hidden characters (zero-width, bidi, BOM…) from the focused text.
    StripHidden,
    /// Import a text file into the focused long text (opens the path prompt).
    ImportFile,
    /// The path prompt: complete the file name.
    Complete,
}

/// An input to `update`.
#[derive(Clone, Debug)]
pub enum Action {
    Command(Command),
    /// A key no command claimed: it goes to the focused editor.
    Key(KeyEvent),
    /// Bracketed paste, in one piece.
    Paste(String),
    /// Time passes (autosave and retry deadlines).
    Tick,
    /// The terminal's size (on a change, and once at the start).
    Resize {
        width: u16,
        height: u16,
    },
    /// The saver wrote generation `generation` at local time `at`.
    Saved {
        generation: u64,
        at: String,
    },
    /// The saver could not save; the text stays in memory (the saver retries).
    SaveFailed {
        generation: u64,
        message: String,
    },
    /// Quitting waited for the save, and it failed: say so, stay.
    QuitBlocked {
        message: String,
    },
    /// The draft was opened: whether it is on disk yet, and notes about the opening.
    Opened {
        on_disk: bool,
        notes: Vec<String>,
    },
    /// A message from the driver for the status line.
    Notice(Message),
    /// Ctrl-Z was refused: nothing could resume a stopped process.
    SuspendRefused,
    /// The file changed on disk: the save went to a conflict copy.
    SaveConflict {
        generation: u64,
        copy: String,
    },
    /// The driver checked an attachment path: `path` as typed, `resolved` where it looked (the
    /// path the draft keeps from now on).
    FileChecked {
        path: String,
        resolved: String,
        check: FileCheck,
    },
    /// An export the driver ran has finished.
    Exported {
        message: String,
        ok: bool,
    },
    /// The external editor has finished with the field `field` (an id: never applied to
    /// another field).
    EditorDone {
        field: String,
        outcome: super::external::Outcome,
    },
    /// The driver listed the directory `dir` (as typed in the path prompt) for completion.
    DirListed {
        dir: String,
        entries: Result<Vec<super::import::Entry>, Arc<std::io::Error>>,
    },
    /// The driver read the file `path` (as typed) to import it into the field `field`.
    ImportRead {
        field: String,
        path: String,
        bytes: Result<Vec<u8>, Arc<crate::fsio::ReadError>>,
    },
    /// A mouse click or wheel turn, already placed on what is under it (`--mouse`).
    Mouse(super::mouse::Mouse),
}

/// Why a save is asked for (for tests and the status line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveReason {
    Idle,
    Interval,
    LeaveField,
    Section,
    Manual,
    Quit,
}

/// What the driver must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save a snapshot of the draft (off the render thread).
    Save { reason: SaveReason, generation: u64 },
    /// Leave once the pending save has landed.
    Quit,
    /// Ctrl-Z: restore the terminal, stop, redraw on resume.
    Suspend,
    /// Ctrl-L: clear the screen and paint every cell again.
    Repaint,
    /// Check whether an attachment path is a readable regular file.
    CheckFile { path: String },
    /// Export the draft in a format (`json`, `md`, `docx`…).
    Export { format: &'static str },
    /// Review: show another received file (+1 / -1).
    SwitchFile { delta: i32 },
    /// Review: write the reviewer's notes of this file to the data directory.
    SaveNotes,
    /// Save, give the terminal back, run the user's editor on the field's text, take the
    /// terminal back and report with [`Action::EditorDone`].
    ExternalEditor { field: String, text: String },
    /// List a directory for the path prompt: `dir` as typed (empty: where tianbiao was started),
    /// answered with [`Action::DirListed`].
    ListDir { dir: String },
    /// Read a file to import into a field (its id), answered with [`Action::ImportRead`]. A
    /// relative path is relative to where tianbiao was started.
    ReadImport { field: String, path: String },
}

/// The clock `update` works with, passed in so tests control it.
pub type Now = Instant;

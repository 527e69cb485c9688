//! Drafts: the file format, where drafts live, atomic durable saves with
//! one backup generation, the lock beside a draft, external-change and corruption handling,
//! saving off the UI thread and the emergency save.
//!
//! The editor's path through it:
//! 1. [`open`] (or [`create`] / [`open_or_create`] for `--draft PATH`) → [`Opened`] with the
//!    [`Session`], the [`Draft`] and [`OpenNote`]s to show; or an [`OpenError`] to explain
//!    ([`OpenError::Locked`] → offer read-only or take-over; [`OpenError::Corrupt`] → offer
//!    [`recover_from_backup`]);
//! 2. [`Saver::spawn`] with the session; [`Saver::save`] snapshots after typing stops,
//!    [`Saver::remember`] on every edit, [`Saver::try_event`] each tick;
//!    [`EmergencySaver`] for the signal thread and the panic hook;
//! 3. [`Saver::finish`] on quit.
//!
//! What the editor shows for each outcome:
//! - [`SaveEvent::Saved`]: "saved at HH:MM" (the file's `updated` is `at`; set it on the in-memory
//!   draft too if it is displayed). Only then may the text be called saved.
//! - [`SaveEvent::Conflict`]: the file changed on disk; the text is safe in `copy`. Ask: keep mine
//!   ([`Session::keep_mine`] via [`Saver::with_session`], then save: the backup keeps theirs) or
//!   take theirs ([`Session::reload`]). Until then saves keep updating `copy`.
//! - [`SaveEvent::Failed`]: [`SaveError::describe`]; the text stays unsaved, the worker retries
//!   (and retries at once on the next [`Saver::save`]).
//! - [`OpenError::Locked`] → offer [`OpenMode::ReadOnly`] (default) or [`OpenMode::TakeOver`];
//!   [`OpenError::Corrupt`] → offer [`recover_from_backup`] when `backup` is `Some`, or
//!   [`set_aside_corrupt`] and a new draft; never an empty form over the file.
//!
//! Files beside a draft `NAME.ron`: `NAME.ron.lock` (while open), `NAME.ron.bak` (previous
//! version), `.NAME.ron.tmp-*` (only during a save), `NAME.conflict-STAMP.ron`,
//! `NAME.corrupt-STAMP.ron`, `NAME.emergency-STAMP.ron` (STAMP = `YYYYMMDD-HHMMSS`, local time).
//!
//! [`Store`] lists the drafts directory for `tianbiao drafts` and "resume a draft of this form".

pub mod atomic;
pub mod format;
pub mod lock;
pub mod migrate;
pub mod msg;
pub mod saver;
pub mod session;
pub mod store;

pub use atomic::Stage;
pub use format::{Draft, FieldSummary, ParseError};
pub use lock::LockInfo;
pub use migrate::{FormChange, FormDiff};
pub use saver::{EmergencyOutcome, EmergencySaver, Flush, SaveEvent, Saver};
pub use session::{
    Cause, Clock, OpenError, OpenMode, OpenNote, Opened, Opener, SaveError, SaveOk, Session,
    create, open, open_or_create, read_draft, recover_from_backup, set_aside_corrupt, system_clock,
};
pub use store::Store;

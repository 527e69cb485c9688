//! Drafts (DESIGN.md §6, issue T2): the file format, where drafts live, atomic durable saves with
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
//! [`Store`] lists the drafts directory for `tianbiao drafts` and "resume a draft of this form".

pub mod atomic;
pub mod format;
pub mod lock;
pub mod migrate;
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
    create, open, open_or_create, read_draft, recover_from_backup, system_clock,
};
pub use store::Store;

//! Saving off the UI thread, and the emergency save (docs/design.md, "Terminal facts that matter": hangup).
//!
//! ```text
//! UI thread ──save(draft)/remember(draft)──► newest snapshot ──► worker thread (owns Session)
//!     ▲                                                             │ coalesces to the newest,
//!     └──────────── try_event(): Saved / Conflict / Failed ◄────────┘ retries with backoff
//!
//! signal thread / panic hook ──► EmergencySaver::save_now(wait) ──► the newest snapshot on disk
//! ```
//!
//! # Contract
//! - [`Saver::save`] and [`Saver::remember`] never block on the disk: they swap a pointer under a
//!   mutex held only for that swap, and wake the worker. Each returns the snapshot's sequence
//!   number; the text of snapshot `n` is safe once [`Saver::is_saved`]`(n)` (or an event with
//!   `seq >= n` said `Saved`/`Conflict`).
//! - The worker always saves the newest snapshot (older ones are skipped, never written after a
//!   newer one). A failed save is retried with backoff (0.5 s doubling to 30 s) and at once when a
//!   new snapshot arrives; every attempt's result is sent as a [`SaveEvent`].
//! - [`EmergencySaver::save_now`] needs neither the UI thread nor the terminal. It waits at most
//!   `wait` for each lock it needs (so a thread that panicked or hangs while holding one cannot
//!   block it) and then writes the newest snapshot: through the session when it can get it,
//!   otherwise as a new file `STEM.emergency-STAMP.ron` beside the draft, or in the drafts or
//!   temp directory when that fails. It never overwrites anything but the draft itself.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::format::Draft;
use super::session::{Clock, SaveError, SaveOk, Session, emergency_copy};
use crate::lang::Lang;

/// What the worker reports after each save attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveEvent {
    /// Snapshot `seq` (and every earlier one) is in the draft file.
    Saved {
        seq: u64,
        at: DateTime<FixedOffset>,
        /// The backup could not be refreshed (the draft itself was saved).
        backup_warning: Option<String>,
        /// Bytes of the draft file as written.
        size: u64,
    },
    /// The draft changed on disk: snapshot `seq` is safe in `copy`, the file was left alone.
    Conflict {
        seq: u64,
        copy: PathBuf,
        original: PathBuf,
    },
    /// Snapshot `seq` could not be saved; the old file is unchanged. Retried in `retry_in`.
    Failed {
        seq: u64,
        error: SaveError,
        retry_in: Duration,
    },
    /// The worker thread ended unexpectedly (a bug): use the emergency save.
    WorkerGone,
}

/// The result of [`Saver::flush`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flush {
    /// Nothing was waiting to be saved.
    NothingToSave,
    Saved,
    Conflict {
        copy: PathBuf,
        original: PathBuf,
    },
    Failed(SaveError),
    /// The save did not finish in time (a slow or hung disk); it goes on in the background.
    TimedOut,
}

/// What an emergency save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmergencyOutcome {
    /// The newest text was already saved.
    NothingToSave,
    /// Written to the draft file.
    Saved { path: PathBuf },
    /// The draft changed on disk; the text is in `copy`.
    Conflict { copy: PathBuf, original: PathBuf },
    /// The normal save was not possible (`reason`); the text is in a new file `path`.
    Copy { path: PathBuf, reason: String },
    /// Nothing could be written.
    Failed { reason: String },
}

#[derive(Clone)]
struct Snapshot {
    seq: u64,
    draft: Arc<Draft>,
}

#[derive(Default)]
struct Progress {
    /// How many save attempts finished (worker and emergency).
    attempts: u64,
    /// Highest snapshot an attempt was made for, and how it went.
    attempted: u64,
    last: Option<Result<SaveOk, SaveError>>,
}

struct Shared {
    newest: Mutex<Option<Snapshot>>,
    next_seq: AtomicU64,
    /// Highest snapshot known to be safe on disk (draft, conflict copy or emergency copy).
    saved: AtomicU64,
    /// `None` once [`Saver::finish`] took it back.
    session: Mutex<Option<Session>>,
    progress: Mutex<Progress>,
    progress_cv: Condvar,
    path: PathBuf,
    read_only: bool,
    clock: Clock,
}

enum Wake {
    Save,
    Stop,
}

/// Saves drafts on a worker thread that owns the [`Session`]. See the module documentation.
/// `Send` and `Sync`.
pub struct Saver {
    shared: Arc<Shared>,
    wake: Sender<Wake>,
    events: Mutex<Receiver<SaveEvent>>,
    worker: Option<JoinHandle<()>>,
    gone_reported: std::sync::atomic::AtomicBool,
}

fn lock_anyway<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Takes a mutex within `wait`, also when a thread panicked holding it.
pub(crate) fn lock_within<T>(m: &Mutex<T>, wait: Duration) -> Option<MutexGuard<'_, T>> {
    let start = Instant::now();
    loop {
        match m.try_lock() {
            Ok(g) => return Some(g),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => {
                if start.elapsed() >= wait {
                    return None;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
}

const FIRST_RETRY: Duration = Duration::from_millis(500);
const MAX_RETRY: Duration = Duration::from_secs(30);

impl Saver {
    /// Starts the worker thread for an open session.
    pub fn spawn(session: Session) -> io::Result<Saver> {
        let shared = Arc::new(Shared {
            path: session.path().to_path_buf(),
            read_only: session.is_read_only(),
            clock: session.clock(),
            newest: Mutex::new(None),
            next_seq: AtomicU64::new(0),
            saved: AtomicU64::new(0),
            session: Mutex::new(Some(session)),
            progress: Mutex::new(Progress::default()),
            progress_cv: Condvar::new(),
        });
        let (wake, wake_rx) = mpsc::channel();
        let (events_tx, events) = mpsc::channel();
        let worker = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("tianbiao-saver".into())
                .spawn(move || run(&shared, &wake_rx, &events_tx))?
        };
        Ok(Saver {
            shared,
            wake,
            events: Mutex::new(events),
            worker: Some(worker),
            gone_reported: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The draft file this saver writes.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    fn put(&self, draft: Draft) -> u64 {
        let seq = self.shared.next_seq.fetch_add(1, Ordering::SeqCst) + 1;
        *lock_anyway(&self.shared.newest) = Some(Snapshot {
            seq,
            draft: Arc::new(draft),
        });
        seq
    }

    /// Asks for `draft` to be saved soon; returns its sequence number. Never blocks on the disk.
    pub fn save(&self, draft: Draft) -> u64 {
        let seq = self.put(draft);
        let _ = self.wake.send(Wake::Save);
        seq
    }

    /// Makes `draft` the newest snapshot without asking for a save now: an emergency save (or
    /// the next save or retry) writes it. Call it on every edit; it is a pointer swap.
    pub fn remember(&self, draft: Draft) -> u64 {
        self.put(draft)
    }

    /// The next result of a save attempt, if one is ready. Never blocks.
    pub fn try_event(&self) -> Option<SaveEvent> {
        let received = lock_anyway(&self.events).try_recv();
        match received {
            Ok(e) => Some(e),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                if self.gone_reported.swap(true, Ordering::SeqCst) {
                    None
                } else {
                    Some(SaveEvent::WorkerGone)
                }
            }
        }
    }

    /// Whether snapshot `seq` (and all before it) is safe on disk.
    pub fn is_saved(&self, seq: u64) -> bool {
        self.shared.saved.load(Ordering::SeqCst) >= seq
    }

    /// The newest snapshot safe on disk (0: none yet).
    pub fn saved_seq(&self) -> u64 {
        self.shared.saved.load(Ordering::SeqCst)
    }

    /// The newest snapshot handed in (0: none yet).
    pub fn latest_seq(&self) -> u64 {
        self.shared.next_seq.load(Ordering::SeqCst)
    }

    /// Whether some text handed in is not yet safe on disk.
    pub fn has_unsaved(&self) -> bool {
        self.latest_seq() > self.saved_seq()
    }

    /// Saves the newest snapshot now (skipping any backoff) and waits up to `timeout` for the
    /// result. For quitting, and for the user's explicit "save".
    pub fn flush(&self, timeout: Duration) -> Flush {
        let target = self.latest_seq();
        if target == 0 || self.is_saved(target) {
            return Flush::NothingToSave;
        }
        let deadline = Instant::now() + timeout;
        let mut progress = lock_anyway(&self.shared.progress);
        // Only an attempt that starts after this call counts (not an older failure).
        let attempts_before = progress.attempts;
        let _ = self.wake.send(Wake::Save);
        loop {
            // `saved` changes only under this lock, together with `last` (see `record`): an
            // attempt that finished just before this call counts too.
            let saved_meanwhile = self.is_saved(target);
            if saved_meanwhile
                || (progress.attempts > attempts_before && progress.attempted >= target)
            {
                return match &progress.last {
                    Some(Ok(SaveOk::Saved { .. })) => Flush::Saved,
                    Some(Ok(SaveOk::Conflict { copy, original })) => Flush::Conflict {
                        copy: copy.clone(),
                        original: original.clone(),
                    },
                    Some(Err(e)) => Flush::Failed(e.clone()),
                    None => Flush::Saved,
                };
            }
            let now = Instant::now();
            if now >= deadline {
                return Flush::TimedOut;
            }
            progress = self
                .shared
                .progress_cv
                .wait_timeout(progress, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Runs `f` on the session (between saves): for [`Session::keep_mine`],
    /// [`Session::reload`] and the like. Blocks while a save is running.
    pub fn with_session<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        let mut s = lock_anyway(&self.shared.session);
        f(s.as_mut()
            .expect("the session is only taken by finish(self)"))
    }

    /// A handle for the signal thread and the panic hook.
    pub fn emergency(&self) -> EmergencySaver {
        EmergencySaver {
            shared: self.shared.clone(),
        }
    }

    /// Flushes (waiting up to `timeout`), stops the worker and gives the session back; drop it to
    /// release the lock. When the flush timed out the worker is left to finish on its own and
    /// the session is not returned.
    pub fn finish(mut self, timeout: Duration) -> (Flush, Option<Session>) {
        let flush = self.flush(timeout);
        let _ = self.wake.send(Wake::Stop);
        if flush == Flush::TimedOut {
            return (flush, None);
        }
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
        let session = lock_anyway(&self.shared.session).take();
        (flush, session)
    }
}

impl Drop for Saver {
    /// Asks the worker to save what is pending and stop; does not wait for it (use
    /// [`Saver::finish`] to wait).
    fn drop(&mut self) {
        let _ = self.wake.send(Wake::Stop);
    }
}

fn run(shared: &Shared, wake: &Receiver<Wake>, events: &Sender<SaveEvent>) {
    let mut retry: Option<(Instant, Duration)> = None;
    loop {
        let msg = match retry {
            Some((at, _)) => wake.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => wake.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let mut stop = matches!(msg, Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected));
        while let Ok(m) = wake.try_recv() {
            stop |= matches!(m, Wake::Stop);
        }
        if let Some((seq, result)) = attempt(shared) {
            let event = match result {
                Ok(SaveOk::Saved { at }) => {
                    retry = None;
                    let (backup_warning, size) = lock_anyway(&shared.session)
                        .as_ref()
                        .map_or((None, 0), |s| {
                            (s.backup_warning().map(String::from), s.saved_size())
                        });
                    SaveEvent::Saved {
                        seq,
                        at,
                        backup_warning,
                        size,
                    }
                }
                Ok(SaveOk::Conflict { copy, original }) => {
                    retry = None;
                    SaveEvent::Conflict {
                        seq,
                        copy,
                        original,
                    }
                }
                Err(error) => {
                    let delay = retry.map_or(FIRST_RETRY, |(_, d)| (d * 2).min(MAX_RETRY));
                    retry = Some((Instant::now() + delay, delay));
                    SaveEvent::Failed {
                        seq,
                        error,
                        retry_in: delay,
                    }
                }
            };
            let _ = events.send(event);
        } else {
            // Nothing newer than what is safe (an emergency save may have written it): no retry
            // is pending. (Keeping a past deadline here would spin.)
            retry = None;
        }
        if stop {
            break;
        }
    }
}

/// Saves the newest snapshot through the session if it is newer than what is safe on disk.
fn attempt(shared: &Shared) -> Option<(u64, Result<SaveOk, SaveError>)> {
    let mut guard = lock_anyway(&shared.session);
    let session = guard.as_mut()?;
    let snap = lock_anyway(&shared.newest).clone()?;
    if snap.seq <= shared.saved.load(Ordering::SeqCst) {
        return None;
    }
    let result = session.save(&snap.draft);
    drop(guard);
    record(shared, snap.seq, result.clone());
    Some((snap.seq, result))
}

/// Records a finished attempt (and, when it succeeded, that `seq` is safe) in one step, and
/// wakes [`Saver::flush`].
fn record(shared: &Shared, seq: u64, result: Result<SaveOk, SaveError>) {
    let mut p = lock_anyway(&shared.progress);
    if result.is_ok() {
        shared.saved.fetch_max(seq, Ordering::SeqCst);
    }
    p.attempts += 1;
    if seq >= p.attempted {
        p.attempted = seq;
        p.last = Some(result);
    }
    drop(p);
    shared.progress_cv.notify_all();
}

/// Saves the newest snapshot from any thread, in bounded time; see the module documentation.
/// `Clone`, `Send` and `Sync`.
#[derive(Clone)]
pub struct EmergencySaver {
    shared: Arc<Shared>,
}

impl EmergencySaver {
    /// Writes the newest snapshot now, waiting at most `wait` for each lock it needs. Safe to call
    /// from a signal-handling thread or a panic hook (it never touches the terminal), and more
    /// than once (it does nothing when the newest text is already safe).
    pub fn save_now(&self, wait: Duration) -> EmergencyOutcome {
        let shared = &self.shared;
        let Some(snap) = lock_within(&shared.newest, wait).and_then(|g| g.clone()) else {
            return EmergencyOutcome::NothingToSave;
        };
        if snap.seq <= shared.saved.load(Ordering::SeqCst) {
            return EmergencyOutcome::NothingToSave;
        }
        let reason = match lock_within(&shared.session, wait) {
            Some(mut guard) if guard.is_some() => {
                if snap.seq <= shared.saved.load(Ordering::SeqCst) {
                    return EmergencyOutcome::NothingToSave;
                }
                let session = guard.as_mut().expect("checked");
                match session.save(&snap.draft) {
                    Ok(ok) => {
                        drop(guard);
                        record(shared, snap.seq, Ok(ok.clone()));
                        return match ok {
                            SaveOk::Saved { .. } => EmergencyOutcome::Saved {
                                path: shared.path.clone(),
                            },
                            SaveOk::Conflict { copy, original } => {
                                EmergencyOutcome::Conflict { copy, original }
                            }
                        };
                    }
                    Err(e) => e.english(),
                }
            }
            Some(_) => "the session was closed".to_string(),
            None => "the saver was busy or stuck".to_string(),
        };
        let now = (shared.clock)();
        match emergency_copy(&shared.path, &snap.draft, &now, !shared.read_only) {
            Ok(path) => {
                // For `flush` and the events' reader this is like a conflict: the text is safe in
                // another file and the draft file was not updated.
                record(
                    shared,
                    snap.seq,
                    Ok(SaveOk::Conflict {
                        copy: path.clone(),
                        original: shared.path.clone(),
                    }),
                );
                EmergencyOutcome::Copy { path, reason }
            }
            Err(e) => EmergencyOutcome::Failed {
                reason: format!("{reason}; {e}"),
            },
        }
    }

    /// Removes the lock file (waiting at most `wait` for the session): for a signal exit after
    /// [`save_now`](Self::save_now) put the newest text in the draft, so the next open does not
    /// report a crash. `process::exit` runs no destructors, so this is the only way it goes.
    pub fn release_lock(&self, wait: Duration) {
        if let Some(mut guard) = lock_within(&self.shared.session, wait)
            && let Some(session) = guard.as_mut()
        {
            session.release_lock();
        }
    }

    /// The newest text handed in, as the draft file would hold it: the last resort when no file
    /// can be written (printed for the user to copy).
    pub fn newest_text(&self, wait: Duration) -> Option<String> {
        let snap = lock_within(&self.shared.newest, wait).and_then(|g| g.clone())?;
        snap.draft.try_to_ron().ok()
    }

    /// Installs a panic hook that first saves the newest snapshot (waiting at most 2 s for
    /// locks), then runs the previous hook, then prints one line saying where the text is.
    pub fn install_panic_hook(&self) {
        let em = self.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let outcome = em.save_now(Duration::from_secs(2));
            previous(info);
            let lang = Lang::detect(None, |v| std::env::var(v).ok());
            if outcome != EmergencyOutcome::NothingToSave {
                eprintln!("{}", outcome.describe(lang));
            }
        }));
    }
}

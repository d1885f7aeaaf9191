//! Two stages on two cores: a producer on a second thread hands items, a
//! batch at a time, to a consumer on the calling thread. Imports read and
//! prepare sentences while the writer stores them; exports read the
//! database while the writer formats the file.

use crate::{Error, Result};

/// Runs `produce` on a second thread named `name`, handing what it emits,
/// `batch` items at a time, to `consume` on this thread. `emit` returns
/// false once `consume` has failed, and `produce` should then stop. Returns
/// how many items were consumed and what `produce` returned; an error of
/// `consume` comes first (whatever `produce` returned after it was told to
/// stop is not reported). At most a few batches are in flight, so memory
/// stays flat however many items pass.
pub(crate) fn overlap<T: Send, R: Send>(
    name: &str,
    batch: usize,
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) -> Result<R> + Send,
    mut consume: impl FnMut(T) -> Result<()>,
) -> Result<(u64, R)> {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<T>>(8);
        let producer = std::thread::Builder::new()
            .name(name.into())
            .spawn_scoped(scope, move || {
                let mut items = Vec::with_capacity(batch);
                let mut open = true;
                let result = produce(&mut |item| {
                    items.push(item);
                    if items.len() == batch {
                        open = send.send(std::mem::take(&mut items)).is_ok();
                    }
                    open
                });
                if open && !items.is_empty() {
                    let _ = send.send(items);
                }
                result
            })
            .map_err(|e| Error::Invalid(format!("cannot start a thread: {e}")))?;
        let mut consumed = 0u64;
        let mut outcome = Ok(());
        'batches: while let Ok(items) = receive.recv() {
            for item in items {
                if let Err(e) = consume(item) {
                    outcome = Err(e);
                    break 'batches;
                }
                consumed += 1;
            }
        }
        // The producer stops at its next item once nobody receives.
        drop(receive);
        let produced = match producer.join() {
            Ok(produced) => produced,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        outcome?;
        Ok((consumed, produced?))
    })
}

#[cfg(test)]
mod tests {
    use super::overlap;
    use crate::Error;

    #[test]
    fn every_item_passes_in_order_and_the_producer_result_comes_back() {
        let mut seen = Vec::new();
        let (n, r) = overlap(
            "test",
            3,
            |emit| {
                for i in 0..10 {
                    emit(i);
                }
                Ok("done")
            },
            |i| {
                seen.push(i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!((n, r), (10, "done"));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn a_failing_consumer_stops_the_producer_and_its_error_wins() {
        let mut emitted = 0;
        let err = overlap(
            "test",
            2,
            |emit| {
                for i in 0..1_000_000 {
                    emitted += 1;
                    if !emit(i) {
                        return Err(Error::Invalid("told to stop".into()));
                    }
                }
                Ok(())
            },
            |i| {
                if i == 5 {
                    Err(Error::Invalid("consumer failed".into()))
                } else {
                    Ok(())
                }
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            Error::Invalid("consumer failed".into()).to_string()
        );
        assert!(emitted < 1_000, "the producer went on: {emitted}");
    }

    #[test]
    fn a_producer_error_is_reported() {
        let err = overlap(
            "test",
            4,
            |emit: &mut dyn FnMut(u32) -> bool| {
                emit(1);
                Err::<(), _>(Error::Invalid("bad line 2".into()))
            },
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("bad line 2"), "{err}");
    }
}

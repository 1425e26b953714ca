//! A fault-injecting TCP proxy for the fault tests: it sits between a kiosk and a real server
//! (TLS passes through untouched, so certificate pinning still works) and can delay, limit
//! bandwidth, drop a connection after some bytes, reset connections, or stall.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// What the proxy does to each new connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// Added before each piece of data is passed on, in both directions.
    pub latency: Duration,
    /// Bytes per second in each direction (unlimited if `None`).
    pub bytes_per_second: Option<u64>,
    /// Close the connection once this many bytes went from kiosk to server.
    pub drop_after_upstream: Option<u64>,
    /// Close the connection once this many bytes went from server to kiosk (the server may
    /// have committed what the kiosk never hears about).
    pub drop_after_downstream: Option<u64>,
    /// Stop passing data on (but keep the connection open) after this many bytes upstream.
    pub stall_after_upstream: Option<u64>,
    /// Cut any connection at the first byte the server sends once this many bytes went from
    /// kiosks to the server (over all connections opened since these faults were set): the
    /// server has taken the request whole, and its answer is lost.
    pub cut_answers_after_upstream: Option<u64>,
    /// Reset every connection at once.
    pub reset: bool,
}

/// Counters, for assertions and benchmark tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    /// Connections accepted.
    pub connections: u64,
    /// Bytes passed from kiosk to server.
    pub upstream: u64,
    /// Bytes passed from server to kiosk.
    pub downstream: u64,
}

/// A running proxy. Dropping it stops it.
pub struct FaultProxy {
    address: SocketAddr,
    faults: Arc<Mutex<Faults>>,
    /// Bytes read from kiosks since the faults were last set.
    upstream_since_set: Arc<AtomicU64>,
    traffic: Arc<Mutex<Traffic>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts a proxy on a free loopback port forwarding to `target`.
    pub fn start(target: SocketAddr) -> std::io::Result<FaultProxy> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let faults = Arc::new(Mutex::new(Faults::default()));
        let traffic = Arc::new(Mutex::new(Traffic::default()));
        let upstream_since_set = Arc::new(AtomicU64::new(0));
        let (stop, stopped) = oneshot::channel();
        let counters = Counters {
            traffic: traffic.clone(),
            upstream_since_set: upstream_since_set.clone(),
        };
        let thread_faults = faults.clone();
        let thread = std::thread::Builder::new()
            .name("fault-proxy".into())
            .spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        _ = stopped => {}
                        () = accept_loop(listener, target, thread_faults, counters) => {}
                    }
                });
            })?;
        Ok(FaultProxy {
            address,
            faults,
            upstream_since_set,
            traffic,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The `https://` URL kiosks use to reach the server through the proxy.
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// Faults for connections opened from now on.
    pub fn set_faults(&self, faults: Faults) {
        let mut now = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        *now = faults;
        self.upstream_since_set.store(0, Ordering::SeqCst);
    }

    /// What went through so far.
    pub fn traffic(&self) -> Traffic {
        *self.traffic.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What the pumps count into.
#[derive(Clone)]
struct Counters {
    traffic: Arc<Mutex<Traffic>>,
    upstream_since_set: Arc<AtomicU64>,
}

async fn accept_loop(
    listener: TcpListener,
    target: SocketAddr,
    faults: Arc<Mutex<Faults>>,
    counters: Counters,
) {
    while let Ok((client, _)) = listener.accept().await {
        let now = *faults.lock().unwrap_or_else(|p| p.into_inner());
        counters
            .traffic
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .connections += 1;
        if now.reset {
            // SO_LINGER 0: closing sends a reset, not a polite FIN.
            let _ = client.set_zero_linger();
            drop(client);
            continue;
        }
        let counters = counters.clone();
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(target).await else {
                return;
            };
            let (client_read, client_write) = client.into_split();
            let (server_read, server_write) = server.into_split();
            let upstream = pump(
                client_read,
                server_write,
                now,
                now.drop_after_upstream,
                now.stall_after_upstream,
                counters.clone(),
                true,
            );
            let downstream = pump(
                server_read,
                client_write,
                now,
                now.drop_after_downstream,
                None,
                counters,
                false,
            );
            // When either direction ends (or hits its fault), the whole connection goes.
            tokio::select! {
                () = upstream => {}
                () = downstream => {}
            }
        });
    }
}

async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    faults: Faults,
    drop_after: Option<u64>,
    stall_after: Option<u64>,
    counters: Counters,
    upstream: bool,
) {
    let Counters {
        traffic,
        upstream_since_set,
    } = counters;
    // The reader paces data to the bandwidth and stamps when each piece may arrive; the writer
    // delivers it then. Pieces overlap in flight, as on a real link with latency.
    let (pieces, mut arriving) =
        tokio::sync::mpsc::unbounded_channel::<(tokio::time::Instant, Vec<u8>)>();
    let writer = async move {
        while let Some((due, piece)) = arriving.recv().await {
            tokio::time::sleep_until(due).await;
            if to.write_all(&piece).await.is_err() {
                return;
            }
            let mut counters = traffic.lock().unwrap_or_else(|p| p.into_inner());
            if upstream {
                counters.upstream += piece.len() as u64;
            } else {
                counters.downstream += piece.len() as u64;
            }
        }
    };
    let reader = async move {
        let pieces = pieces;
        let mut buffer = vec![0u8; 4096];
        let mut passed = 0u64;
        loop {
            let limit = [drop_after, stall_after]
                .into_iter()
                .flatten()
                .map(|limit| limit.saturating_sub(passed))
                .min()
                .unwrap_or(u64::MAX);
            if limit == 0 {
                if stall_after.is_some_and(|s| passed >= s) {
                    // Hold the connection open, passing nothing, until the other side gives up.
                    std::future::pending::<()>().await;
                }
                // Let what is in flight arrive, then cut.
                tokio::time::sleep(faults.latency).await;
                return Ended::Cut;
            }
            let want = buffer
                .len()
                .min(usize::try_from(limit).unwrap_or(usize::MAX));
            let read = match from.read(&mut buffer[..want]).await {
                Ok(0) | Err(_) => return Ended::Closed,
                Ok(read) => read,
            };
            if upstream {
                upstream_since_set.fetch_add(read as u64, Ordering::SeqCst);
            } else if faults
                .cut_answers_after_upstream
                .is_some_and(|limit| upstream_since_set.load(Ordering::SeqCst) >= limit)
            {
                return Ended::Cut;
            }
            if let Some(rate) = faults.bytes_per_second.filter(|r| *r > 0) {
                tokio::time::sleep(Duration::from_secs_f64(read as f64 / rate as f64)).await;
            }
            passed += read as u64;
            let due = tokio::time::Instant::now() + faults.latency;
            if pieces.send((due, buffer[..read].to_vec())).is_err() {
                return Ended::Cut;
            }
        }
    };
    tokio::pin!(writer);
    let ended = tokio::select! {
        ended = reader => ended,
        () = &mut writer => return,
    };
    if ended == Ended::Closed {
        // The sender closed politely: deliver what is still in flight.
        writer.await;
    }
}

/// How one direction of a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// The sender closed it.
    Closed,
    /// A fault cut it.
    Cut,
}

//! A small TCP load balancer for the several-servers test: each new connection goes to the
//! next backend in turn (skipping one that refuses), with no stickiness, and TLS passes
//! through untouched, as behind a city's own balancer in TCP mode.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// A running balancer. Dropping it stops accepting (open connections finish on their own).
pub struct Balancer {
    address: SocketAddr,
    connections: Arc<Vec<AtomicUsize>>,
    uploaded: Arc<Vec<AtomicUsize>>,
    latest: Arc<AtomicUsize>,
    stopped: Arc<AtomicBool>,
}

impl Balancer {
    /// Starts a balancer on a free loopback port in front of `backends`.
    pub fn start(backends: Vec<SocketAddr>) -> std::io::Result<Balancer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let connections: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let uploaded: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let stopped = Arc::new(AtomicBool::new(false));
        let latest = Arc::new(AtomicUsize::new(0));
        let (counts, stop, last) = (connections.clone(), stopped.clone(), latest.clone());
        let bytes = uploaded.clone();
        std::thread::Builder::new()
            .name("balancer".into())
            .spawn(move || {
                let mut next = 0usize;
                for client in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let Ok(client) = client else { continue };
                    // The next backend that answers, starting after the last one used.
                    let chosen = (0..backends.len()).find_map(|step| {
                        let index = (next + step) % backends.len();
                        TcpStream::connect_timeout(&backends[index], Duration::from_secs(2))
                            .ok()
                            .map(|stream| (index, stream))
                    });
                    let Some((index, backend)) = chosen else {
                        continue;
                    };
                    next = index + 1;
                    counts[index].fetch_add(1, Ordering::Relaxed);
                    last.store(index, Ordering::Relaxed);
                    pipe(client, backend, bytes.clone(), index);
                }
            })?;
        Ok(Balancer {
            address,
            connections,
            uploaded,
            latest,
            stopped,
        })
    }

    /// Where kiosks connect, e.g. `https://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// The backend the latest connection went to (its index).
    pub fn latest(&self) -> usize {
        self.latest.load(Ordering::Relaxed)
    }

    /// Bytes passed from clients to each backend so far (the backend busiest with an upload
    /// has the most).
    pub fn uploaded(&self) -> Vec<usize> {
        self.uploaded
            .iter()
            .map(|count| count.load(Ordering::Relaxed))
            .collect()
    }

    /// Connections passed to each backend so far, in the order they were given.
    pub fn connections(&self) -> Vec<usize> {
        self.connections
            .iter()
            .map(|count| count.load(Ordering::Relaxed))
            .collect()
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::Relaxed);
        // Wake the accepting thread so it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

/// Copies bytes both ways until either side closes, counting what goes to the backend.
fn pipe(client: TcpStream, backend: TcpStream, uploaded: Arc<Vec<AtomicUsize>>, index: usize) {
    let (Ok(client_reader), Ok(backend_reader)) = (client.try_clone(), backend.try_clone()) else {
        return;
    };
    let one_way = move |mut from: TcpStream,
                        mut to: TcpStream,
                        count: Option<(Arc<Vec<AtomicUsize>>, usize)>| {
        std::thread::spawn(move || {
            let mut buffer = [0u8; 16 * 1024];
            loop {
                let read = match std::io::Read::read(&mut from, &mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                if std::io::Write::write_all(&mut to, &buffer[..read]).is_err() {
                    break;
                }
                if let Some((counts, index)) = &count {
                    counts[*index].fetch_add(read, Ordering::Relaxed);
                }
            }
            let _ = to.shutdown(std::net::Shutdown::Write);
        })
    };
    one_way(client_reader, backend, Some((uploaded, index)));
    one_way(backend_reader, client, None);
}

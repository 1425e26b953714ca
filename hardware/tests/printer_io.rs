//! The ESC/POS driver against real byte pipes: a plain file standing in for `/dev/usb/lp0`,
//! a FIFO that stops reading, and TCP listeners on 127.0.0.1 playing a healthy printer, a
//! printer out of paper and a printer that never answers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hardware::config::{PrinterConfig, PrinterDriver};
use hardware::printer::inspect::{self, Item};
use hardware::printer::status::QUERY;
use hardware::printer::{
    self, Connection, Document, Encoder, EncoderOptions, EscPosPrinter, PrinterError,
    PrinterStatus, ReceiptPrinter, templates,
};

const READY: [u8; 4] = [0x12, 0x12, 0x12, 0x12];
const PAPER_OUT: [u8; 4] = [0x1a, 0x32, 0x12, 0x7e];

/// Every document type in every locale.
fn all_documents() -> Vec<Document> {
    let mut docs = Vec::new();
    for locale in common::LOCALES {
        docs.push(templates::ticket(locale, &common::ticket(locale)));
        docs.push(templates::learner_card(
            locale,
            &common::learner_card(locale),
        ));
        docs.push(templates::certificate(locale, &common::certificate(locale)));
    }
    docs
}

fn encode(doc: &Document) -> Vec<u8> {
    Encoder::new(EncoderOptions::default(), &common::fonts())
        .encode(doc)
        .unwrap()
}

fn cuts(stream: &[u8]) -> usize {
    inspect::parse(stream)
        .unwrap()
        .iter()
        .filter(|item| matches!(item, Item::Command(c) if c.starts_with(&[0x1d, b'V'])))
        .count()
}

/// A TCP printer on 127.0.0.1 that answers the status queries with `status` and reports
/// everything it then receives, one message per connection.
fn fake_printer(status: [u8; 4]) -> (SocketAddr, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let (sender, received) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut query = [0u8; QUERY.len()];
            stream.read_exact(&mut query).unwrap();
            assert_eq!(query, QUERY, "every job starts with the status queries");
            stream.write_all(&status).unwrap();
            let mut rest = Vec::new();
            stream.read_to_end(&mut rest).unwrap();
            if sender.send(rest).is_err() {
                return;
            }
        }
    });
    (address, received)
}

fn tcp_config(address: SocketAddr, timeout_seconds: f64) -> PrinterConfig {
    PrinterConfig {
        driver: PrinterDriver::Tcp,
        address: Some(address.to_string()),
        timeout_seconds,
        ..PrinterConfig::default()
    }
}

#[test]
fn a_device_file_receives_every_document_in_every_locale() {
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("lp0");
    std::fs::write(&device, b"").unwrap();
    let config = PrinterConfig {
        driver: PrinterDriver::Device,
        device: device.clone(),
        ..PrinterConfig::default()
    };
    let mut printer = printer::open(&config, &common::fonts()).unwrap();
    assert_eq!(printer.driver().driver, "escpos-device");
    let mut expected = Vec::new();
    for doc in all_documents() {
        // A plain file cannot be asked for status; printing goes ahead.
        assert_eq!(printer.print(&doc).unwrap(), PrinterStatus::Unknown);
        expected.extend(encode(&doc));
    }
    let written = std::fs::read(&device).unwrap();
    assert_eq!(written.len(), expected.len());
    assert!(
        written == expected,
        "the file holds exactly the encoded documents"
    );
    assert_eq!(
        cuts(&written),
        24,
        "three documents in eight locales, each cut"
    );
}

#[test]
fn a_tcp_printer_receives_every_document_in_every_locale() {
    let (address, received) = fake_printer(READY);
    let mut printer = printer::open(&tcp_config(address, 5.0), &common::fonts()).unwrap();
    assert_eq!(printer.driver().driver, "escpos-tcp");
    for doc in all_documents() {
        let status = printer.print(&doc).unwrap();
        assert!(matches!(status, PrinterStatus::Known(flags) if flags == Default::default()));
        let got = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(got == encode(&doc), "{} document arrives whole", doc.locale);
        assert_eq!(cuts(&got), 1);
    }
}

#[test]
fn paper_out_is_reported_and_nothing_is_printed() {
    let (address, received) = fake_printer(PAPER_OUT);
    let mut printer = printer::open(&tcp_config(address, 5.0), &common::fonts()).unwrap();
    let status = printer.status().unwrap();
    let PrinterStatus::Known(flags) = status else {
        panic!("the printer answered: {status:?}");
    };
    assert!(flags.paper_out && !flags.cover_open);
    assert_eq!(received.recv_timeout(Duration::from_secs(5)).unwrap(), b"");

    let doc = templates::ticket("en", &common::ticket("en"));
    match printer.print(&doc) {
        Err(PrinterError::NotReady { status }) => {
            assert!(!status.can_print());
            assert!(status.to_string().contains("paper out"), "{status}");
        }
        other => panic!("expected paper out, got {other:?}"),
    }
    assert_eq!(
        received.recv_timeout(Duration::from_secs(5)).unwrap(),
        b"",
        "no document bytes after the status said paper out"
    );
}

#[test]
fn a_tcp_printer_that_never_answers_does_not_stall_the_caller() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    // Accepts, keeps the connection open, never reads and never answers.
    std::thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for stream in listener.incoming() {
            held.push(stream.unwrap());
        }
    });
    let mut printer = printer::open(&tcp_config(address, 1.0), &common::fonts()).unwrap();
    let doc = templates::ticket("ar", &common::ticket("ar"));

    let started = Instant::now();
    let result = printer.print(&doc);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "returned after {:?}",
        started.elapsed()
    );
    assert!(
        matches!(result, Err(PrinterError::NoAnswer { .. })),
        "{result:?}"
    );

    let started = Instant::now();
    assert!(printer.status().is_err());
    assert!(started.elapsed() < Duration::from_secs(5));

    // Without status queries the bytes go out until the socket's buffers are full; then the
    // write times out instead of blocking.
    let mut blind = EscPosPrinter::new(
        Connection::Tcp {
            address: address.to_string(),
        },
        Encoder::new(EncoderOptions::default(), &common::fonts()),
        Duration::from_secs(1),
        false,
    )
    .unwrap();
    let started = Instant::now();
    let result = blind.send_raw(vec![b'x'; 64 << 20]);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "returned after {:?}",
        started.elapsed()
    );
    assert!(
        matches!(result, Err(PrinterError::NoAnswer { .. })),
        "{result:?}"
    );
}

#[test]
fn a_printer_that_is_switched_off_is_reported_at_once() {
    let address = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let mut printer = printer::open(&tcp_config(address, 2.0), &common::fonts()).unwrap();
    let result = printer.print(&templates::ticket("en", &common::ticket("en")));
    assert!(
        matches!(result, Err(PrinterError::Unreachable { .. })),
        "{result:?}"
    );
    let message = result.unwrap_err().to_string();
    assert!(message.contains(&address.to_string()), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let config = PrinterConfig {
        driver: PrinterDriver::Device,
        device: dir.path().join("lp0"),
        ..PrinterConfig::default()
    };
    let mut printer = printer::open(&config, &common::fonts()).unwrap();
    assert!(matches!(
        printer.print(&templates::ticket("en", &common::ticket("en"))),
        Err(PrinterError::Unreachable { .. })
    ));
}

#[test]
fn a_device_that_stops_taking_data_is_bounded_then_busy_then_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let fifo: PathBuf = dir.path().join("lp0");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    let mut printer = EscPosPrinter::new(
        Connection::Device {
            path: fifo.clone(),
            baud_rate: None,
        },
        Encoder::new(EncoderOptions::default(), &common::fonts()),
        Duration::from_secs(1),
        false,
    )
    .unwrap();
    // Nobody reads the FIFO: after its 64 KiB buffer the write blocks, as a jammed USB
    // printer's does.
    let payload = vec![b'x'; 1 << 20];
    let started = Instant::now();
    let result = printer.send_raw(payload.clone());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(result, Err(PrinterError::NoAnswer { .. })),
        "{result:?}"
    );

    // The job is still stuck on the device: the next one is refused at once.
    let started = Instant::now();
    let doc = templates::ticket("en", &common::ticket("en"));
    assert!(matches!(
        printer.print(&doc),
        Err(PrinterError::Busy { .. })
    ));
    assert!(started.elapsed() < Duration::from_millis(500));

    // The printer comes back (someone reads): the stuck job finishes, printing works again.
    let reader = std::thread::spawn(move || {
        let mut file = std::fs::File::open(&fifo).unwrap();
        let mut all = Vec::new();
        let mut buffer = [0u8; 65536];
        let deadline = Instant::now() + Duration::from_secs(20);
        while all.len() < payload.len() + encode(&doc).len() && Instant::now() < deadline {
            match file.read(&mut buffer) {
                Ok(0) => std::thread::sleep(Duration::from_millis(10)),
                Ok(n) => all.extend_from_slice(&buffer[..n]),
                Err(e) => panic!("{e}"),
            }
        }
        all
    });
    let doc = templates::ticket("en", &common::ticket("en"));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match printer.print(&doc) {
            Ok(status) => {
                assert_eq!(status, PrinterStatus::Unknown);
                break;
            }
            Err(PrinterError::Busy { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(other) => panic!("{other}"),
        }
    }
    let all = reader.join().unwrap();
    assert_eq!(all.len(), (1 << 20) + encode(&doc).len());
    assert!(all.ends_with(&encode(&doc)));
}

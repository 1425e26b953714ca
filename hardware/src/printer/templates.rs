//! The three documents the kiosk prints: a ticket (a service request or a service's details),
//! a learner card and a certificate. Every string arrives translated; these only decide the
//! layout, which is the same in every language.

use super::document::{Block, Document};

/// A ticket: what the resident asked for or looked up, with its reference as text and QR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The heading, e.g. "Service request" or the service's name.
    pub title: String,
    /// Lines under the heading, e.g. ("Service", "Bulky waste pick-up").
    pub details: Vec<(String, String)>,
    /// The label of the reference, e.g. "Reference".
    pub reference_label: String,
    /// The reference number, printed as text and as the QR code unless `qr` says otherwise.
    pub reference: String,
    /// What the QR code holds (a URL, say); `None`: the reference.
    pub qr: Option<String>,
    /// A line under the QR code, e.g. "Scan the code to see this on your phone."
    pub qr_caption: Option<String>,
    /// When relevant: "This request will be sent when the kiosk is online."
    pub pending_note: Option<String>,
    /// A last line, e.g. the site and the date.
    pub footer: Option<String>,
}

/// A learner card: the code a resident uses to carry on learning at any kiosk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerCard {
    /// The heading, e.g. "Learner card".
    pub title: String,
    /// The label of the code, e.g. "Your learner code".
    pub code_label: String,
    /// The learner code, also printed as the QR code.
    pub code: String,
    /// A line of help, e.g. "Scan this card at any kiosk to continue."
    pub note: Option<String>,
}

/// A certificate for a completed module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The heading, e.g. "Certificate".
    pub title: String,
    /// The statement, e.g. "Well done! You completed the lesson “Email” on 12 March 2026."
    pub statement: String,
    /// The module's name, printed large.
    pub module: String,
    /// The date, formatted for the locale by the caller.
    pub date: String,
    /// The label of the learner code.
    pub code_label: String,
    /// The learner code.
    pub code: String,
}

/// The document for a ticket in `locale`.
pub fn ticket(locale: &str, ticket: &Ticket) -> Document {
    let mut doc = Document::new(locale).with(Block::Heading(ticket.title.clone()));
    doc.push(Block::Separator);
    for (key, value) in &ticket.details {
        doc.push(Block::KeyValue {
            key: key.clone(),
            value: value.clone(),
        });
    }
    doc.push(Block::KeyValue {
        key: ticket.reference_label.clone(),
        value: ticket.reference.clone(),
    });
    doc.push(Block::Qr(
        ticket
            .qr
            .clone()
            .unwrap_or_else(|| ticket.reference.clone()),
    ));
    if let Some(caption) = &ticket.qr_caption {
        doc.push(Block::Text(caption.clone()));
    }
    if let Some(note) = &ticket.pending_note {
        doc.push(Block::Text(note.clone()));
    }
    if let Some(footer) = &ticket.footer {
        doc.push(Block::Separator);
        doc.push(Block::Text(footer.clone()));
    }
    doc.push(Block::Feed(2));
    doc.push(Block::Cut);
    doc
}

/// The document for a learner card in `locale`.
pub fn learner_card(locale: &str, card: &LearnerCard) -> Document {
    let mut doc = Document::new(locale)
        .with(Block::Heading(card.title.clone()))
        .with(Block::Separator)
        .with(Block::KeyValue {
            key: card.code_label.clone(),
            value: card.code.clone(),
        })
        .with(Block::Qr(card.code.clone()));
    if let Some(note) = &card.note {
        doc.push(Block::Text(note.clone()));
    }
    doc.with(Block::Feed(2)).with(Block::Cut)
}

/// The document for a certificate in `locale`.
pub fn certificate(locale: &str, certificate: &Certificate) -> Document {
    Document::new(locale)
        .with(Block::Heading(certificate.title.clone()))
        .with(Block::Separator)
        .with(Block::Heading(certificate.module.clone()))
        .with(Block::Text(certificate.statement.clone()))
        .with(Block::Text(certificate.date.clone()))
        .with(Block::Separator)
        .with(Block::KeyValue {
            key: certificate.code_label.clone(),
            value: certificate.code.clone(),
        })
        .with(Block::Feed(2))
        .with(Block::Cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printer::document::Direction;

    #[test]
    fn a_ticket_has_title_reference_qr_and_the_offline_note_when_given() {
        let t = Ticket {
            title: "Service request".into(),
            details: vec![("Service".into(), "Bulky waste".into())],
            reference_label: "Reference".into(),
            reference: "SR-1".into(),
            qr: None,
            qr_caption: None,
            pending_note: Some("Sent when online".into()),
            footer: None,
        };
        let doc = ticket("ar", &t);
        assert_eq!(doc.direction, Direction::RightToLeft);
        assert_eq!(doc.blocks[0], Block::Heading("Service request".into()));
        assert!(doc.blocks.contains(&Block::Qr("SR-1".into())));
        assert!(doc.blocks.contains(&Block::Text("Sent when online".into())));
        assert_eq!(doc.blocks.last(), Some(&Block::Cut));

        let doc = ticket(
            "en",
            &Ticket {
                pending_note: None,
                qr: Some("https://city.example/r/SR-1".into()),
                ..t
            },
        );
        assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Text(_))));
        assert!(
            doc.blocks
                .contains(&Block::Qr("https://city.example/r/SR-1".into()))
        );
    }

    #[test]
    fn cards_and_certificates_carry_the_learner_code() {
        let card = learner_card(
            "en",
            &LearnerCard {
                title: "Learner card".into(),
                code_label: "Code".into(),
                code: "LRN-42".into(),
                note: None,
            },
        );
        assert!(card.blocks.contains(&Block::Qr("LRN-42".into())));
        let cert = certificate(
            "fr",
            &Certificate {
                title: "Certificat".into(),
                statement: "a terminé".into(),
                module: "Courriel".into(),
                date: "3 mars 2026".into(),
                code_label: "Code".into(),
                code: "LRN-42".into(),
            },
        );
        assert!(cert.blocks.contains(&Block::Heading("Courriel".into())));
        assert!(cert.blocks.contains(&Block::Text("3 mars 2026".into())));
        assert!(cert.blocks.contains(&Block::KeyValue {
            key: "Code".into(),
            value: "LRN-42".into()
        }));
    }
}
